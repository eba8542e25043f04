"""Filing on the caller's behalf: the request comes from the phone, with the caller's number,
linked to the contact, with its history event."""

import re

from django.conf import settings

from care311.desk.models import ContactRequest
from care311.notifications import transports
from care311.notifications.models import Notification
from care311.service_requests.models import EventKind, Follower, ServiceRequest

IN_TULSA = {"latitude": "36.1446", "longitude": "-95.9754"}


def test_it_files_a_phone_request_linked_to_the_contact(as_ana, cast, service, contact):
    where = {"service": "STR-POTHOLE", "address": "1200 S Peoria Ave"}
    step = as_ana.get(f"/desk/contact/{contact.pk}/file/", where)
    assert step.status_code == 302
    details_url = step["Location"]
    assert details_url.startswith(f"/desk/contact/{contact.pk}/file/details/?")

    response = as_ana.post(
        details_url, {"description": "Deep hole by the curb", "name": "Rosa", "updates": "on"}
    )

    filed = ServiceRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/desk/contact/{contact.pk}/#wrap-up-title"
    assert (filed.channel, filed.reporter_phone, filed.reporter_name, filed.address) == (
        "phone",
        "+19185551234",
        "Rosa",
        "1200 S Peoria Ave",
    )
    link = ContactRequest.objects.get()
    assert (link.contact_id, link.request_id, link.link) == (contact.pk, filed.pk, "filed")
    event = filed.events.get(kind=EventKind.CREATED)
    assert (event.kind, event.actor_id) == (EventKind.CREATED, cast["ana"].pk)
    assert (event.changes["status"], event.changes["channel"]) == ([None, "new"], "phone")
    follower = Follower.objects.get()
    assert (follower.phone, follower.notify, follower.me_too) == ("+19185551234", True, False)


def test_it_asks_the_services_questions_like_the_portal(as_ana, service, contact):
    from care311.catalog.models import Datatype, ServiceAttribute

    ServiceAttribute.objects.create(
        service=service,
        code="size",
        datatype=Datatype.STRING,
        description="How big?",
        required=True,
    )
    url = f"/desk/contact/{contact.pk}/file/details/?service=STR-POTHOLE&address=1+Main+St"

    page = as_ana.get(url).content.decode()
    refused = as_ana.post(url, {"description": "x"})
    filed = as_ana.post(url, {"attribute[size]": "Wide"})

    assert 'name="attribute[size]"' in page
    assert refused.status_code == 400
    assert "Answer this question." in refused.content.decode()
    assert filed.status_code == 302
    assert ServiceRequest.objects.get().answers == {"size": "Wide"}


def test_it_asks_for_a_service_and_a_place(as_ana, service, contact):
    response = as_ana.get(f"/desk/contact/{contact.pk}/file/", {"service": "", "address": ""})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose a service." in page
    assert re.search(r'<select name="service"[^>]*data-focus', page)


def test_it_asks_for_a_place(as_ana, service, contact):
    response = as_ana.get(f"/desk/contact/{contact.pk}/file/", {"service": "STR-POTHOLE"})

    assert response.status_code == 400
    assert "Give an address, or put a pin on the map." in response.content.decode()


def test_a_caller_who_wants_texts_gets_the_tracking_number_by_text(
    as_ana, cast, service, contact, django_capture_on_commit_callbacks
):
    where = {"service": "STR-POTHOLE", "address": "1200 S Peoria Ave"}
    details_url = as_ana.get(f"/desk/contact/{contact.pk}/file/", where)["Location"]

    with django_capture_on_commit_callbacks(execute=True):
        as_ana.post(details_url, {"description": "Deep hole", "updates": "on"})

    filed = ServiceRequest.objects.get()
    sent = Notification.objects.get(template="filed")
    assert (sent.channel, sent.address, sent.request_id) == ("sms", "+19185551234", filed.pk)
    assert sent.sent_at is not None
    assert (
        "+19185551234",
        f"311: we received your request (Pothole). Tracking number {filed.public_id}. "
        f"{settings.SITE_URL}/requests/{filed.public_id}/",
    ) in transports.outbox


def test_a_caller_who_wants_no_texts_gets_none(as_ana, cast, service, contact):
    where = {"service": "STR-POTHOLE", "address": "1200 S Peoria Ave"}
    details_url = as_ana.get(f"/desk/contact/{contact.pk}/file/", where)["Location"]

    as_ana.post(details_url, {"description": "Deep hole"})

    assert ServiceRequest.objects.count() == 1
    assert not Notification.objects.exists()
