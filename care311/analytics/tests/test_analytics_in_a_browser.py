"""In Chromium, on the demo's real data (the NYC export and the NYC squares the demo loads):
a supervisor opens the department performance page for March 2019, follows a figure to its
requests, and opens the geography page with its map. Screenshots go to
./screenshots/analytics-*.png at phone and desktop widths."""

import pytest

from care311.analytics.demo import load_nyc_squares
from care311.desk.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)
MARCH_2019 = "kind=month&day=2019-03-01"


def sign_in(page, url: str) -> None:
    page.goto(url)
    page.fill("#id_username", "sue")
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")


def test_the_pages_show_the_imported_city(live_server, browser_page, look, cast, nyc, settings):
    settings.TIME_ZONE = "America/New_York"
    load_nyc_squares()
    page = browser_page
    sign_in(page, f"{live_server.url}/analytics/?{MARCH_2019}")
    page.wait_for_selector("#figures")

    received = page.locator("#figures tbody tr").first
    assert received.locator("th").inner_text() == "Received"
    count = int(received.locator("td a").first.inner_text())
    assert count == 305  # the export's rows created in March 2019, New York time
    assert page.locator("svg.chart").count() == 2
    look(page, "analytics-performance")

    received.locator("td a").first.click()
    page.wait_for_selector("#request-list")
    assert "305 requests" in page.inner_text("main")
    look(page, "analytics-requests")

    page.goto(f"{live_server.url}/analytics/geography/?{MARCH_2019}")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.reload()
    page.locator("#analytics-map.leaflet-container").wait_for()
    assert errors == []
    assert page.locator("#equity tbody tr").count() == 10  # nine squares and the city
    assert "have no location" in page.inner_text("#excluded")
    look(page, "analytics-geography")
