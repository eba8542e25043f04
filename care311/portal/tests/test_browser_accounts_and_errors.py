"""In a real browser: errors beside the fields of the filing form, and a resident signing in
by the emailed link to see their requests."""

import re

import pytest
from django.core import mail

from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.browser


def test_it_shows_each_error_beside_its_field(live_server, browser_page, look, demo_city):
    page = browser_page
    page.goto(live_server.url + "/report/where/?service=SAN-BULKY")
    page.get_by_role("button", name="Next").click()
    assert page.locator("#id_address-error").inner_text() == (
        "Give an address, or put a pin on the map."
    )
    look(page, "40-where-error")

    page.get_by_label("Address or nearest intersection").fill("2210 S Main St")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Describe the problem").fill("x" * 4001)
    page.get_by_role("button", name="Send the request").click()

    page.locator(".error-summary").wait_for()
    assert page.locator("#q-items-error").inner_text() == "Answer this question."
    assert (
        page.locator("#id_description-error")
        .inner_text()
        .startswith("Keep the description under 4000 characters")
    )
    assert not ServiceRequest.objects.exists()
    look(page, "41-details-errors")


def test_it_signs_in_by_email_link_and_lists_my_requests(
    live_server, browser_page, look, demo_city
):
    page = browser_page
    page.goto(live_server.url + "/report/where/?service=CE-GRAFFITI")
    page.get_by_label("Address or nearest intersection").fill("2210 S Main St")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("A building").check()
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Email", exact=True).fill("sam@example.com")
    page.get_by_role("button", name="Send the request").click()
    page.wait_for_url("**/report/filed/**")
    filed = ServiceRequest.objects.get()

    resident = browser_page.context.browser.new_context()
    other = resident.new_page()
    try:
        other.goto(live_server.url + "/account/sign-in/")
        look(other, "50-sign-in")
        other.get_by_label("Email").fill("Sam@Example.com")
        other.get_by_role("button", name="Email me a sign-in link").click()
        other.get_by_role("heading", name="Check your email").wait_for()
        link = re.search(r"http://[^/\s]+(/account/sign-in/\S+/)", str(mail.outbox[-1].body))
        assert link is not None
        other.goto(live_server.url + link.group(1))
        other.wait_for_url("**/account/requests/")
        assert filed.public_id in other.locator("table.requests").inner_text()
        look(other, "51-my-requests")
    finally:
        resident.close()


def test_it_moves_the_focus_to_the_list_of_problems(live_server, browser_page, demo_city):
    page = browser_page
    page.goto(live_server.url + "/report/details/?service=STR-POTHOLE&latitude=1&longitude=1")

    assert page.evaluate("document.activeElement.id") == "error-summary"
