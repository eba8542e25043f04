"""In a real browser: search the knowledge base, read an answer, say it helped."""

import pytest

from care311.knowledge.models import Outcome, SearchRecord

pytestmark = pytest.mark.browser


def test_it_finds_an_answer_and_records_that_it_helped(live_server, browser_page, look, demo_city):
    page = browser_page
    page.goto(live_server.url + "/")
    look(page, "01-home")

    page.get_by_label("Search for an answer").fill("bulky couch pikup")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/help/?q=*")
    first = page.locator("ol.article-list li a").first
    assert first.inner_text() == "Bulky waste pickup: furniture, mattresses and appliances"
    assert page.locator(".suggestion a").inner_text() == "bulky couch pickup"
    look(page, "02-help-results")

    first.click()
    page.wait_for_url("**/help/bulky-waste-pickup/")
    look(page, "03-help-article")

    page.get_by_role("button", name="Yes").click()
    page.get_by_text("Thank you. We are glad this helped.").wait_for()
    record = SearchRecord.objects.get()
    assert (record.query, record.outcome) == ("bulky couch pikup", Outcome.SATISFIED)

    page.goto(live_server.url + "/help/")
    look(page, "04-help-topics")
