"""In a real browser, with the keyboard only: file a request by address, no map, then track
it by its number and read it in Spanish."""

import pytest

from care311.service_requests.models import ServiceRequest

from .browser import tab_to

pytestmark = pytest.mark.browser


def test_it_files_and_tracks_with_the_keyboard_alone(live_server, browser_page, look, demo_city):
    page = browser_page
    page.goto(live_server.url + "/")

    tab_to(page, "a.skip-link")
    tab_to(page, 'nav a[href="/report/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/report/")
    tab_to(page, 'a[href="/report/where/?service=SAN-TRASH"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/report/where/**")

    tab_to(page, "#id_address")
    page.keyboard.type("4115 E 31st St")
    page.keyboard.press("Enter")
    page.wait_for_url("**/report/details/**")

    tab_to(page, 'input[name="attribute[cart_out_at]"]')
    page.keyboard.type("06022026")
    page.keyboard.press("Tab")
    page.keyboard.type("0645AM")
    tab_to(page, 'input[name="attribute[collection_day]"]')
    page.keyboard.press("ArrowDown")  # radio buttons move and choose with the arrows
    tab_to(page, "#id_description")
    page.keyboard.type("Cart was out by 6:45.")
    tab_to(page, "button.primary")
    look(page, "20-keyboard-details-filled")
    page.keyboard.press("Enter")
    page.wait_for_url("**/report/filed/**")

    filed = ServiceRequest.objects.get()
    assert filed.address == "4115 E 31st St"
    assert filed.answers["cart_out_at"] == "2026-06-02T06:45:00-05:00"
    assert filed.answers["collection_day"] in {"MON", "TUE"}
    assert filed.description == "Cart was out by 6:45."
    number = page.locator("#tracking-number").inner_text()
    assert number == filed.public_id

    tab_to(page, 'nav a[href="/track/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/track/")
    look(page, "21-track")
    tab_to(page, "#id_number")
    page.keyboard.type(number.lower())
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/requests/{number}/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Request {number}"
    look(page, "22-request-tracked")

    tab_to(page, "#language")
    page.keyboard.press("ArrowDown")
    tab_to(page, ".language button")
    page.keyboard.press("Enter")
    # The form comes back to the same address, so wait_for_url alone returns before the reload.
    page.wait_for_selector('html[lang="es"]', state="attached")
    page.wait_for_url(f"**/requests/{number}/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Solicitud {number}"
    assert page.locator("html").get_attribute("lang") == "es"
    assert "Solicitud recibida" in page.locator(".timeline").inner_text()
    look(page, "23-request-in-spanish")


def test_it_says_beside_the_field_when_a_number_is_unknown(live_server, browser_page, look):
    page = browser_page
    page.goto(live_server.url + "/track/")

    page.get_by_label("Tracking number").fill("ZZZZ-ZZZZ-ZZZZ")
    page.get_by_role("button", name="Track", exact=True).click()

    error = page.locator("#id_number-error")
    assert error.inner_text() == "No request has the number ZZZZ-ZZZZ-ZZZZ. Check it and try again."
    described = page.get_by_label("Tracking number").get_attribute("aria-describedby")
    assert described == "id_number-hint id_number-error"
    look(page, "24-track-unknown-number")
