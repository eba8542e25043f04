"""Bad input on the filing forms: a clear message beside the field, nothing saved."""

import pytest

from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db


def where_page(client, **place):
    response = client.get("/report/details/", {"service": "STR-POTHOLE", **place})
    return response, response.content.decode()


def test_it_refuses_a_pin_outside_the_service_area_beside_the_field(client, questions):
    response, html = where_page(client, latitude="40.7128", longitude="-74.0060")

    assert response.status_code == 200
    assert '<p class="error" id="id_latitude-error">This point is outside the city' in html
    assert 'aria-describedby="id_latitude-error" aria-invalid="true"' in html
    assert '<div class="error-summary" role="alert"' in html


def test_it_follows_the_configured_service_area(client, questions, settings):
    settings.SERVICE_AREA = (40.4, -74.3, 41.0, -73.7)

    _, html = where_page(client, latitude="40.7128", longitude="-74.0060")

    assert "outside the city" not in html
    assert "Tell us about it" in html


@pytest.mark.parametrize(
    ("place", "field", "message"),
    [
        ({}, "address", "Give an address, or put a pin on the map."),
        ({"latitude": "36.1"}, "latitude", "Give both latitude and longitude, or neither."),
        ({"latitude": "north", "longitude": "-95.9"}, "latitude", "Enter a number."),
    ],
)
def test_it_asks_for_a_usable_location(client, questions, place, field, message):
    _, html = where_page(client, **place)

    assert f'<p class="error" id="id_{field}-error">{message}</p>' in html


def test_it_refuses_a_description_over_the_limit(client, portal_form):
    response = client.post("/report/details/", portal_form(description="x" * 4001))

    assert response.status_code == 400
    assert (
        '<p class="error" id="id_description-error">Keep the description under 4000 '
        "characters; it has 4001.</p>"
    ) in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_it_refuses_a_bad_email_or_phone(client, portal_form):
    response = client.post("/report/details/", portal_form(email="not-an-email", phone="12"))

    html = response.content.decode()
    assert "Enter an email address such as name@example.com." in html
    assert "Enter a phone number such as 918-555-0142." in html
    assert not ServiceRequest.objects.exists()


def test_it_refuses_a_post_that_moved_the_pin_outside_the_area(client, portal_form):
    data = portal_form() | {"latitude": "0", "longitude": "0"}

    response = client.post("/report/details/", data)

    assert "outside the city" in response.content.decode()
    assert not ServiceRequest.objects.exists()
