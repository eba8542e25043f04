from datetime import UTC, datetime

import pytest

from care311.service_requests import actions
from care311.service_requests.actors import System

pytestmark = pytest.mark.django_db


def test_it_lists_recent_requests_newest_first(client, file_request):
    older = file_request(address="1 Old Rd", requested_at=datetime(2024, 1, 1, tzinfo=UTC))
    newer = file_request(address="2 New St", requested_at=datetime(2025, 1, 1, tzinfo=UTC))

    html = client.get("/requests/").content.decode()

    assert html.index(newer.public_id) < html.index(older.public_id)
    assert f'href="/requests/{newer.public_id}/"' in html
    assert "Pothole" in html
    assert "2 New St" in html
    assert ">New<" in html


def test_it_shows_the_requested_time_in_the_city_time_zone(client, file_request):
    # 18:00 UTC in January is noon in Chicago (CST, UTC-6).
    file_request(requested_at=datetime(2025, 1, 15, 18, 0, tzinfo=UTC))

    html = client.get("/requests/").content.decode()

    assert '<time datetime="2025-01-15T12:00:00-06:00">Jan. 15, 2025, noon CST</time>' in html


def test_it_filters_by_status(client, file_request):
    open_request = file_request()
    closed = file_request()
    actions.close_request(closed, reason="Repaired", by=System("test"))

    html = client.get("/requests/", {"status": "closed"}).content.decode()

    assert closed.public_id in html
    assert open_request.public_id not in html
    assert '<option value="closed" selected>' in html


def test_it_ignores_an_unknown_status(client, file_request):
    request = file_request()

    response = client.get("/requests/", {"status": "bogus"})

    assert response.status_code == 200
    assert request.public_id in response.content.decode()


def test_it_shows_fifty_requests_a_page(client, file_request):
    filed = [
        file_request(requested_at=datetime(2025, 1, 1, 0, minute, tzinfo=UTC))
        for minute in range(51)
    ]

    first = client.get("/requests/").content.decode()
    second = client.get("/requests/", {"page": 2}).content.decode()

    assert sum(request.public_id in first for request in filed) == 50
    assert filed[0].public_id in second
    assert "Page 1 of 2" in first
    assert 'href="?page=2"' in first


def test_it_counts_at_most_the_cap_and_says_so(client, file_request, monkeypatch):
    monkeypatch.setattr("care311.portal.views.LIST_CAP", 3)
    for minute in range(4):
        file_request(requested_at=datetime(2025, 1, 1, 0, minute, tzinfo=UTC))

    html = client.get("/requests/").content.decode()

    assert "The newest 3 requests" in html
    assert "4 requests" not in html
