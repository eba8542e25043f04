"""The supervisors' page of messages that did not go out, at /desk/notifications/: only for
supervisors and administrators, addresses masked, and "Send again" sends."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from care311.accounts.models import StaffProfile
from care311.accounts.roles import ensure_roles
from care311.catalog.models import Department
from care311.notifications import bounces
from care311.notifications.messages import notify
from care311.notifications.models import Notification, State

pytestmark = pytest.mark.django_db

PAGE = "/desk/notifications/"
EMAIL = "rae.reporter@example.com"
PHONE = "918-555-0142"


@pytest.fixture
def cast(db):
    """username -> user: a resident, two agents, department staff of two departments, a
    supervisor and an administrator."""
    groups = ensure_roles()
    people = {}
    for username, role, department in (
        ("resident", None, None),
        ("ana", "agent", None),
        ("ben", "agent", None),
        ("stella", "department staff", "streets"),
        ("parker", "department staff", "parks"),
        ("sue", "supervisor", None),
        ("admin", "admin", None),
    ):
        user = get_user_model().objects.create_user(username, is_staff=role is not None)
        if role:
            user.groups.set([groups[role]])
        if department:
            place, _ = Department.objects.get_or_create(code=department, name=department.title())
            StaffProfile.objects.create(user=user, department=place)
        people[username] = user
    return people


def failed(key: str = "k", email: str = EMAIL, phone: str = "") -> Notification:
    [made] = notify(
        "sign_in", key=key, language="en", context={"link": "x"}, email=email, phone=phone
    )
    Notification.objects.filter(pk=made.pk).update(
        state=State.FAILED, attempts=4, error="SMTP 451", next_attempt_at=None
    )
    return made


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"] == "/staff/sign-in/?next=/desk/notifications/"


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("resident", 403),
        ("ana", 403),
        ("ben", 403),
        ("stella", 403),
        ("parker", 403),
        ("sue", 200),
        ("admin", 200),
    ],
)
def test_only_supervisors_and_administrators_see_it(client, cast, username, status):
    client.force_login(cast[username])

    assert client.get(PAGE).status_code == status


@pytest.mark.parametrize("username", ["ana", "stella", "resident"])
def test_others_cannot_send_again(client, cast, username):
    message = failed()
    client.force_login(cast[username])

    assert client.post(f"{PAGE}{message.pk}/retry/").status_code == 403
    message.refresh_from_db()
    assert message.state == State.FAILED


def test_it_shows_failed_and_bouncing_addresses_masked(client, cast):
    failed("one", email=EMAIL)
    failed("two", email="", phone=PHONE)
    bounces.mark_bouncing("sms", "+1 918 555 0199", reason="text undelivered", source="command")
    client.force_login(cast["sue"])

    page = client.get(PAGE).content.decode()

    assert page.count(">Failed</td>") == 2
    assert "r***@example.com" in page
    assert "***0142" in page
    assert "***0199" in page
    for private in (EMAIL, "rae.reporter", PHONE, "5550142", "555-0142", "5550199"):
        assert private not in page


def test_send_again_queues_the_message_and_it_is_sent(
    client, cast, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    message = failed()
    client.force_login(cast["sue"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{PAGE}{message.pk}/retry/", follow=True)

    message.refresh_from_db()
    assert (message.state, message.attempts) == (State.SENT, 5)
    assert [each.to for each in mail.outbox] == [[EMAIL]]
    assert f"Message {message.pk} is queued to send again." in response.content.decode()
    assert EMAIL not in caplog.text


def test_send_again_says_why_it_cannot(client, cast, django_capture_on_commit_callbacks):
    message = failed()
    bounces.mark_bouncing("email", EMAIL, reason="550 no such mailbox", source="command")
    client.force_login(cast["sue"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{PAGE}{message.pk}/retry/", follow=True)

    assert (
        f"Message {message.pk}: The address still bounces: clear the bounce first if it was fixed."
    ) in response.content.decode()
    assert mail.outbox == []


def test_send_again_needs_the_csrf_token(cast):
    message = failed()
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast["sue"])

    refused = client.post(f"{PAGE}{message.pk}/retry/")

    assert refused.status_code == 403
    message.refresh_from_db()
    assert message.state == State.FAILED
    page = client.get(PAGE)
    token = page.context["csrf_token"]
    assert (
        client.post(f"{PAGE}{message.pk}/retry/", {"csrfmiddlewaretoken": token}).status_code == 302
    )


def test_the_page_costs_the_same_queries_for_3_or_30_messages(client, cast):
    client.force_login(cast["sue"])
    for number in range(3):
        failed(f"few-{number}", email=f"few{number}@example.com")
    with CaptureQueriesContext(connection) as few:
        client.get(PAGE)
    for number in range(27):
        failed(f"many-{number}", email=f"many{number}@example.com")

    with CaptureQueriesContext(connection) as many:
        page = client.get(PAGE).content.decode()

    assert page.count(">Failed</td>") == 30
    assert len(many.captured_queries) == len(few.captured_queries)
