"""Same service, open, nearby: the desk offers it, and adds the caller to it."""

from care311.desk.models import ContactRequest
from care311.service_requests import actions as request_actions
from care311.service_requests.actors import System
from care311.service_requests.models import EventKind, Follower


def _open_nearby(service, **fields):
    return request_actions.create_request(
        service=service,
        channel="web",
        by=System("test"),
        latitude=36.1446,
        longitude=-95.9754,
        **fields,
    )


def test_it_suggests_open_requests_of_the_service_nearby(as_ana, service, contact):
    nearby = _open_nearby(service)
    closed = _open_nearby(service)
    request_actions.close_request(closed, reason="Repaired", by=System("test"))
    far = request_actions.create_request(
        service=service, channel="web", by=System("test"), latitude=36.2, longitude=-95.9
    )

    page = as_ana.get(
        f"/desk/contact/{contact.pk}/file/details/",
        {"service": "STR-POTHOLE", "latitude": "36.1447", "longitude": "-95.9755"},
    ).content.decode()

    assert f"Add this caller to {nearby.public_id}" in page
    assert closed.public_id not in page
    assert far.public_id not in page
    assert "1 open request of this service nearby" in page


def test_it_adds_the_caller_as_one_more_resident_affected(as_ana, cast, service, contact):
    nearby = _open_nearby(service)

    response = as_ana.post(f"/desk/contact/{contact.pk}/add-caller/{nearby.public_id}/")

    assert response.status_code == 302
    follower = Follower.objects.get()
    assert (follower.request_id, follower.phone, follower.me_too, follower.notify) == (
        nearby.pk,
        "+19185551234",
        True,
        False,
    )
    event = nearby.events.get(kind=EventKind.FOLLOWED)
    assert (event.actor_id, event.changes, event.public) == (
        cast["ana"].pk,
        {"residents_affected": 1},
        True,
    )
    link = ContactRequest.objects.get()
    assert (link.contact_id, link.request_id, link.link) == (contact.pk, nearby.pk, "followed")


def test_it_refuses_a_closed_request_with_a_message(as_ana, service, contact):
    closed = _open_nearby(service)
    request_actions.close_request(closed, reason="Repaired", by=System("test"))

    response = as_ana.post(
        f"/desk/contact/{contact.pk}/add-caller/{closed.public_id}/", follow=True
    )

    assert f"Not done: request {closed.public_id} is closed; file a new one." in (
        response.content.decode()
    )
    assert Follower.objects.count() == 0
    assert ContactRequest.objects.count() == 0


def test_adding_the_same_caller_again_says_so_and_writes_nothing(as_ana, service, contact):
    nearby = _open_nearby(service)
    url = f"/desk/contact/{contact.pk}/add-caller/{nearby.public_id}/"
    as_ana.post(url, follow=True)  # shows (and so clears) the first message
    nearby.refresh_from_db()
    version = nearby.version

    response = as_ana.post(url, follow=True)

    page = response.content.decode()
    assert f"The caller already follows request {nearby.public_id}; nothing changed." in page
    assert f"The caller was added to request {nearby.public_id}." not in page
    assert nearby.events.filter(kind=EventKind.FOLLOWED).count() == 1
    assert Follower.objects.count() == 1
    assert ContactRequest.objects.count() == 1
    nearby.refresh_from_db()
    assert nearby.version == version


def test_a_caller_who_followed_from_the_portal_is_not_counted_twice(as_ana, service, contact):
    nearby = _open_nearby(service)
    request_actions.follow_request(
        nearby, by=System("portal"), me_too=True, notify=False, phone="918-555-1234"
    )

    response = as_ana.post(
        f"/desk/contact/{contact.pk}/add-caller/{nearby.public_id}/", follow=True
    )

    assert f"The caller already follows request {nearby.public_id}" in response.content.decode()
    assert nearby.events.filter(kind=EventKind.FOLLOWED).count() == 1
    assert Follower.objects.count() == 1
