"""Each public change of a request reaches its reporter and the followers who asked for
updates, once each, in their own language, with a link that stops their updates; changes
residents do not see reach nobody, and no address reaches the logs."""

import logging
import re

import pytest
from django.core import mail

from care311.catalog.models import Department
from care311.notifications import transports
from care311.notifications.audience import reporter_preference
from care311.notifications.models import Notification, State
from care311.service_requests import actions, casework
from care311.service_requests.actors import System
from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db

BY = System("test")
REPORTER_EMAIL = "rae.reporter@example.com"
REPORTER_PHONE = "918-555-0142"
FOLLOWER_EMAIL = "fan.follower@example.com"
BYSTANDER_EMAIL = "me.too@example.com"
ADDRESSES = (REPORTER_EMAIL, "555-0142", "5550142", FOLLOWER_EMAIL, BYSTANDER_EMAIL)


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    transports.outbox.clear()


@pytest.fixture
def parks(db):
    return Department.objects.create(code="parks", name="Parks")


@pytest.fixture
def followed(file_request, django_capture_on_commit_callbacks):
    """A request with a Spanish reporter (email and phone), an English follower who asked
    for updates, and a me-too follower who did not."""
    with django_capture_on_commit_callbacks(execute=True):
        request = file_request(reporter_email=REPORTER_EMAIL, reporter_phone=REPORTER_PHONE)
        reporter_preference(request, language="es")
        actions.follow_request(
            request, by=BY, me_too=False, notify=True, email=FOLLOWER_EMAIL, language="en"
        )
        actions.follow_request(
            request, by=BY, me_too=True, notify=False, email=BYSTANDER_EMAIL, language="en"
        )
    assert mail.outbox == []  # following is not a change residents hear of
    return request


def acknowledge(request, parks):
    actions.update_status(request, "acknowledged", by=BY, note="Seen by the crew.")


def start_work(request, parks):
    actions.update_status(request, "in_progress", by=BY, note="Crew booked.")


def hold(request, parks):
    casework.hold_request(request, by=BY, note="Waiting for a photo.")


def refer(request, parks):
    casework.refer_request(request, agency="Oklahoma DOT", by=BY, note="State highway.")


def assign(request, parks):
    actions.assign_request(request, department=parks, by=BY)


def close(request, parks):
    actions.close_request(request, reason="Repaired", by=BY, note="Patched the hole.")


def merge(request, parks):
    original = actions.create_request(service=request.service, channel="phone", by=BY)
    actions.merge_request(request, into=original, by=BY)


def reopen(request, parks):
    actions.reopen_request(request, reason="Still there.", by=BY)


# What must happen before a change (in its own transaction, its messages not counted).
BEFORE = {reopen: lambda request: actions.close_request(request, reason="Repaired", by=BY)}


# change, English subject, Spanish subject, a line of the Spanish email body ({id} the
# request's number, {other} the request it was merged into)
CHANGES = [
    (
        acknowledge,
        "Request {id}: acknowledged",
        "Solicitud {id}: confirmada",
        "Seen by the crew.",
    ),
    (start_work, "Request {id}: work has started", "Solicitud {id}: comenzó el trabajo", "Crew"),
    (hold, "Request {id}: on hold", "Solicitud {id}: en espera", "Waiting for a photo."),
    (
        refer,
        "Request {id}: referred to another agency",
        "Solicitud {id}: remitida a otra agencia",
        "Oklahoma DOT",
    ),
    (assign, "Request {id}: with Parks", "Solicitud {id}: asignada a Parks", "Parks"),
    (close, "Request {id}: closed", "Solicitud {id}: cerrada", "Motivo: Repaired"),
    (
        merge,
        "Request {id}: merged into {other}",
        "Solicitud {id}: unida a {other}",
        "{other}",
    ),
    (reopen, "Request {id}: reopened", "Solicitud {id}: reabierta", "Still there."),
]


@pytest.mark.parametrize(
    ("change", "english", "spanish", "spanish_line"),
    CHANGES,
    ids=[change[0].__name__ for change in CHANGES],
)
def test_it_tells_the_reporter_and_followers_once_each_in_their_language(
    followed,
    parks,
    change,
    english,
    spanish,
    spanish_line,
    django_capture_on_commit_callbacks,
    caplog,
):
    caplog.set_level(logging.DEBUG)
    if change in BEFORE:
        with django_capture_on_commit_callbacks(execute=True):
            BEFORE[change](followed)
        mail.outbox.clear()
        transports.outbox.clear()
        Notification.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        change(followed, parks)

    followed.refresh_from_db()
    other = followed.duplicate_of.public_id if followed.duplicate_of else ""
    names = {"id": followed.public_id, "other": other}
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(message.to[0] for message in mail.outbox) == [FOLLOWER_EMAIL, REPORTER_EMAIL]
    assert by_address[FOLLOWER_EMAIL].subject == english.format(**names)
    assert by_address[REPORTER_EMAIL].subject == spanish.format(**names)
    assert spanish_line.format(**names) in by_address[REPORTER_EMAIL].body
    assert "\nVea su historial: http://127.0.0.1:8000/requests/" in by_address[REPORTER_EMAIL].body
    assert "http://127.0.0.1:8000/updates/reporter/" in by_address[REPORTER_EMAIL].body
    assert "http://127.0.0.1:8000/updates/" in by_address[FOLLOWER_EMAIL].body
    assert [phone for phone, _ in transports.outbox] == [REPORTER_PHONE]
    text = transports.outbox[0][1]
    assert text.startswith(f"311: {spanish.format(**names)} http://127.0.0.1:8000/requests/")
    assert "Dejar de recibir: http://127.0.0.1:8000/updates/reporter/" in text
    assert set(Notification.objects.filter(template="event").values_list("state", flat=True)) == {
        State.SENT
    }
    for private in ADDRESSES:
        assert private not in caplog.text


def test_the_same_change_told_again_sends_nothing_more(
    followed, django_capture_on_commit_callbacks
):
    from care311.notifications.messages import tell_residents

    with django_capture_on_commit_callbacks(execute=True):
        start_work(followed, None)
    event = followed.events.get(kind="status_changed")

    with django_capture_on_commit_callbacks(execute=True):
        tell_residents(sender=ServiceRequest, request=followed, event=event)

    assert len(mail.outbox) == 2
    assert len(transports.outbox) == 1
    assert Notification.objects.filter(template="event").count() == 3


def stop_link(body: str, prefix: str) -> str:
    found = re.search(rf"http://127\.0\.0\.1:8000({prefix}[^/\s]+/stop/)", body)
    assert found is not None, body
    return found.group(1)


def test_the_reporters_and_the_followers_stop_links_each_stop_their_own_updates(
    client, followed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        start_work(followed, None)
    by_address = {message.to[0]: str(message.body) for message in mail.outbox}
    reporter_link = stop_link(by_address[REPORTER_EMAIL], "/updates/reporter/")
    follower_link = stop_link(by_address[FOLLOWER_EMAIL], "/updates/")

    assert client.get(reporter_link).status_code == 200
    assert client.post(reporter_link).status_code == 200
    mail.outbox.clear()
    transports.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        hold(followed, None)

    assert [message.to for message in mail.outbox] == [[FOLLOWER_EMAIL]]
    assert transports.outbox == []  # the reporter's phone stopped with their email

    assert client.post(follower_link).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        close(followed, None)

    assert mail.outbox == []
    assert transports.outbox == []


def quiet_changes(request: ServiceRequest) -> None:
    actions.add_note(request, note="Internal: caller was rude.", by=BY, public=False)
    actions.add_note(request, note="Crew will come on Monday.", by=BY, public=True)
    actions.update_status(request, "acknowledged", by=BY, note="Staff only.", public=False)
    actions.follow_request(request, by=BY, me_too=True, notify=False, email="third@example.com")
    actions.update_request(request, by=BY, description="Deeper than it looked")


def test_changes_residents_do_not_see_reach_nobody(followed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        quiet_changes(followed)

    assert followed.events.count() == 8
    assert mail.outbox == []
    assert transports.outbox == []
    assert not Notification.objects.filter(template="event").exists()


def test_a_reporter_who_also_follows_hears_once_by_the_followers_choice(
    file_request, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = file_request(reporter_email=REPORTER_EMAIL, reporter_phone=REPORTER_PHONE)
        actions.follow_request(
            request, by=BY, me_too=False, notify=True, email=REPORTER_EMAIL.upper(), language="es"
        )

    with django_capture_on_commit_callbacks(execute=True):
        start_work(request, None)

    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([REPORTER_EMAIL], f"Solicitud {request.public_id}: comenzó el trabajo")
    ]
    assert "http://127.0.0.1:8000/updates/reporter/" not in str(mail.outbox[0].body)
    assert [phone for phone, _ in transports.outbox] == [REPORTER_PHONE]  # the reporter's


def test_a_note_with_someones_number_reaches_residents_scrubbed_in_their_language(
    followed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.update_status(
            followed, "acknowledged", by=BY, note="Call Sam at 918-555-0199 or sam@example.com."
        )

    by_address = {message.to[0]: message.body for message in mail.outbox}
    assert "Call Sam at [phone removed] or [email removed]." in by_address[FOLLOWER_EMAIL]
    assert "Call Sam at [teléfono quitado] or [correo quitado]." in by_address[REPORTER_EMAIL]
    for body in by_address.values():
        assert "555-0199" not in body and "sam@example.com" not in body
