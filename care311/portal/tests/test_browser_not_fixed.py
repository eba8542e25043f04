"""In a real browser: a closed request shows why, and its reporter answers "not fixed"."""

import pytest

from care311.service_requests import actions
from care311.service_requests.actors import System
from care311.service_requests.models import EventKind, ServiceRequest, Status

pytestmark = pytest.mark.browser


def test_it_reopens_a_closed_request_the_reporter_says_is_not_fixed(
    live_server, browser_page, look, demo_city
):
    page = browser_page
    page.goto(live_server.url + "/report/where/?service=TRF-STREETLIGHT")
    page.get_by_label("Address or nearest intersection").fill("E 21st St and S Lewis Ave")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Light is out").check()
    page.get_by_role("button", name="Send the request").click()
    page.wait_for_url("**/report/filed/**")
    filed = ServiceRequest.objects.get()
    actions.close_request(
        filed, reason="Replaced the bulb", by=System("traffic"), note="New LED fitted."
    )

    page.goto(f"{live_server.url}/requests/{filed.public_id}/")
    assert "Replaced the bulb" in page.locator(".closure").inner_text()
    look(page, "30-request-closed")

    page.get_by_label("What is still wrong? (optional)").fill("Still dark at night.")
    page.get_by_role("button", name="Not fixed: reopen it").click()
    page.get_by_text("The request is open again").wait_for()

    filed.refresh_from_db()
    assert filed.status == Status.NEW
    assert filed.events.filter(kind=EventKind.NOT_FIXED).count() == 1
    assert "Reported as not fixed" in page.locator(".timeline").inner_text()
    look(page, "31-request-reopened")
