import re

import pytest

pytestmark = pytest.mark.django_db


def _timeline_labels(html: str) -> list[str]:
    return re.findall(r'<p class="event"><strong>([^<]+)</strong>', html)


def test_it_shows_the_request_and_its_public_timeline_in_order(client, worked_request):
    response = client.get(f"/requests/{worked_request.public_id}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert worked_request.public_id in html
    assert _timeline_labels(html) == ["Request received", "Status changed", "Closed"]
    assert "Crew scheduled." in html
    assert "Patched the hole." in html


def test_it_keeps_staff_only_events_off_the_timeline(client, worked_request):
    html = client.get(f"/requests/{worked_request.public_id}/").content.decode()

    assert "Internal: caller was rude." not in html
    assert "Note" not in _timeline_labels(html)


def test_it_gives_each_time_in_the_city_zone_with_its_offset(client, worked_request):
    html = client.get(f"/requests/{worked_request.public_id}/").content.decode()

    assert '<time datetime="2025-01-15T12:00:00-06:00">' in html
    stamps = re.findall(r'<time datetime="([^"]+)">', html)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[56]:00", s) for s in stamps)


def test_it_accepts_a_public_id_in_lower_case(client, worked_request):
    response = client.get(f"/requests/{worked_request.public_id.lower()}/")

    assert response.status_code == 200


def test_it_answers_404_for_an_unknown_public_id(client, worked_request):
    response = client.get("/requests/0000-0000-0000/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
