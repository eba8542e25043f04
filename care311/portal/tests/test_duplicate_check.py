"""Before filing, open requests of the same service nearby are shown; "this is my problem
too" follows one of them instead of filing again."""

import pytest

from care311.service_requests import actions
from care311.service_requests.actors import System
from care311.service_requests.models import EventKind, Follower, ServiceRequest

pytestmark = pytest.mark.django_db


def details_page(client, **place):
    return client.get("/report/details/", {"service": "STR-POTHOLE", **place}).content.decode()


def test_it_shows_open_requests_of_the_same_service_nearby(client, questions, file_request):
    near = file_request(latitude=36.1447, longitude=-95.9755)  # about 15 m away
    far = file_request(latitude=36.1600, longitude=-95.9754)  # about 1.7 km away
    closed = file_request(latitude=36.1446, longitude=-95.9754)
    actions.close_request(closed, reason="Repaired", by=System("test"))

    html = details_page(client, latitude="36.1446", longitude="-95.9754")

    assert "Is it one of these?" in html
    assert f'action="/requests/{near.public_id}/me-too/"' in html
    assert far.public_id not in html
    assert closed.public_id not in html


def test_it_matches_by_address_when_there_is_no_pin(client, questions, file_request):
    same = file_request(address="1200 S Peoria Ave")

    html = details_page(client, address="1200 s peoria ave")

    assert f'action="/requests/{same.public_id}/me-too/"' in html


def test_it_shows_nothing_when_nothing_is_nearby(client, questions):
    assert "Is it one of these?" not in details_page(client, address="1 Nowhere Rd")


def test_it_follows_the_request_as_this_is_my_problem_too(client, questions, file_request):
    existing = file_request(latitude=36.1447, longitude=-95.9755)

    response = client.post(
        f"/requests/{existing.public_id}/me-too/", {"email": "Me.Too@Example.com"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/requests/{existing.public_id}/?done=me-too"
    follower = Follower.objects.get()
    assert (follower.email, follower.me_too, follower.notify) == ("me.too@example.com", True, True)
    event = existing.events.get(kind=EventKind.FOLLOWED)
    assert (event.public, event.changes, event.actor_name) == (
        True,
        {"residents_affected": 1},
        "portal",
    )
    assert ServiceRequest.objects.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Another resident reported this too" in page
    assert "me.too@example.com" not in page


def test_it_counts_one_resident_once(client, questions, file_request):
    existing = file_request()
    for _ in range(2):
        client.post(f"/requests/{existing.public_id}/me-too/", {"email": "a@example.com"})
    client.post(f"/requests/{existing.public_id}/me-too/", {"email": "b@example.com"})

    assert Follower.objects.count() == 2
    last = existing.events.filter(kind=EventKind.FOLLOWED).last()
    assert last.changes == {"residents_affected": 2}


def test_it_refuses_to_follow_a_closed_request_as_my_problem_too(client, file_request):
    closed = file_request()
    actions.close_request(closed, reason="Repaired", by=System("test"))

    response = client.post(f"/requests/{closed.public_id}/me-too/", {"email": ""})

    assert response.status_code == 400
    assert not Follower.objects.exists()
