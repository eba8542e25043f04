"""In a real browser: file a pothole with its questions, a photo and a pin on the map."""

import pytest

from care311.service_requests.models import Photo, ServiceRequest

from .photos import jpeg_with_gps

pytestmark = pytest.mark.browser


def test_it_files_with_a_map_pin_questions_and_a_photo(
    live_server, browser_page, look, demo_city, tmp_path
):
    page = browser_page
    page.goto(live_server.url + "/report/")
    look(page, "10-report-pick")

    page.get_by_role("link", name="Pothole", exact=True).click()
    page.wait_for_url("**/report/where/?service=STR-POTHOLE")
    page.locator("#map.leaflet-container").wait_for()
    look(page, "11-report-where-map")

    box = page.locator("#map").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.locator("#location-status").inner_text() == "Pin placed."
    latitude = float(page.get_by_label("Latitude").input_value())
    longitude = float(page.get_by_label("Longitude").input_value())
    assert 35.95 < latitude < 36.35
    assert -96.15 < longitude < -95.75
    look(page, "12-report-where-pinned")

    page.get_by_role("button", name="Next").click()
    page.wait_for_url("**/report/details/**")
    look(page, "13-report-details")

    page.get_by_label("Larger than a tire").check()
    page.get_by_label("In a travel lane").check()
    page.get_by_label("About how deep is it, in inches?").fill("5")
    page.get_by_label("Describe the problem").fill("Cars swerve around it.")
    photo = tmp_path / "pothole.jpg"
    photo.write_bytes(jpeg_with_gps())
    page.get_by_label("Photos (optional, up to 3)").set_input_files(str(photo))
    page.get_by_label("Email", exact=True).fill("rae@example.com")
    page.get_by_role("button", name="Send the request").click()

    page.wait_for_url("**/report/filed/**")
    filed = ServiceRequest.objects.get()
    assert page.locator("#tracking-number").inner_text() == filed.public_id
    assert filed.answers == {"size": "L", "lane": "TRAVEL", "depth_inches": 5}
    assert (filed.latitude, filed.longitude) == pytest.approx((latitude, longitude), abs=1e-6)
    assert Photo.objects.get(request=filed).width == 60
    look(page, "14-report-filed")


def test_it_puts_the_pin_at_my_location(live_server, chromium, look, demo_city):
    context = chromium.new_context(
        viewport={"width": 390, "height": 844},
        geolocation={"latitude": 36.1540, "longitude": -95.9928},
        permissions=["geolocation"],
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/report/where/?service=STR-POTHOLE")
        page.get_by_role("button", name="Use my location").click()
        page.get_by_text("Pin placed at your location.").wait_for()

        assert page.get_by_label("Latitude").input_value() == "36.154000"
        assert page.get_by_label("Longitude").input_value() == "-95.992800"
    finally:
        context.close()
