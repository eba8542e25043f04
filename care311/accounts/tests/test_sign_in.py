"""Signing in with a password at /staff/sign-in/ and out again (no second factor owed here:
the tests' settings ask no role for one)."""

import pytest
from django.contrib.auth import SESSION_KEY

from care311.accounts.forms import NO_MATCH, NOT_STAFF
from care311.accounts.sessions import MARKER
from care311.accounts.tests.conftest import sign_in
from care311.desk.models import DeskSession, PresenceInterval


def test_it_shows_the_sign_in_form(client, db):
    response = client.get("/staff/sign-in/?next=/desk/queues/")

    assert response.status_code == 200
    assert response.templates[0].name == "accounts/sign_in.html"
    assert response.context["next"] == "/desk/queues/"
    assert b'name="next" value="/desk/queues/"' in response.content


def test_a_wrong_password_is_refused_with_a_message(client, cast):
    response = sign_in(client, "ana", "not-her-password")

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [str(NO_MATCH)]
    assert str(NO_MATCH) in response.content.decode()
    assert SESSION_KEY not in client.session


def test_an_unknown_username_gets_the_same_message(client, cast):
    response = sign_in(client, "nobody-here")

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [str(NO_MATCH)]


def test_a_resident_with_the_right_password_is_not_let_in(client, cast):
    response = sign_in(client, "resident")

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [str(NOT_STAFF)]
    assert SESSION_KEY not in client.session


def test_an_inactive_account_is_refused(client, cast):
    cast["ana"].is_active = False
    cast["ana"].save()

    response = sign_in(client, "ana")

    assert response.status_code == 400
    assert SESSION_KEY not in client.session


def test_it_goes_to_the_desk_when_no_page_was_asked_for(client, cast):
    response = sign_in(client, "ana")

    assert response.status_code == 302
    assert response["Location"] == "/desk/"
    assert client.session[SESSION_KEY] == str(cast["ana"].pk)
    assert response.cookies[MARKER].value == "1"


def test_department_staff_start_at_their_queues(client, cast):
    response = sign_in(client, "streets")

    assert response["Location"] == "/desk/queues/"
    assert client.get(response["Location"]).status_code == 200


def test_it_goes_to_the_page_asked_for(client, cast):
    asked = client.get("/desk/queues/?queue=none")
    assert asked.status_code == 302
    assert asked["Location"] == "/staff/sign-in/?next=/desk/queues/%3Fqueue%3Dnone"

    response = sign_in(client, "streets", next="/desk/queues/?queue=none")

    assert response.status_code == 302
    assert response["Location"] == "/desk/queues/?queue=none"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "elsewhere",
    [
        "https://evil.example/desk/",
        "//evil.example/desk/",
        "http://evil.example",
        "/\\evil.example/",
        "javascript:alert(1)",
    ],
)
def test_it_refuses_to_send_anyone_off_the_site(client, cast, elsewhere):
    shown = client.get("/staff/sign-in/", {"next": elsewhere})
    assert shown.context["next"] == "/desk/"

    response = sign_in(client, "ana", next=elsewhere)

    assert response.status_code == 302
    assert response["Location"] == "/desk/"


def test_signing_out_ends_the_session_and_the_desk_session(client, cast):
    sign_in(client, "ana")
    assert client.get("/desk/").status_code == 200
    desk_session = DeskSession.objects.get(user=cast["ana"])
    assert desk_session.ended_at is None
    client.post("/desk/presence/", {"state": "available"})
    assert PresenceInterval.objects.filter(user=cast["ana"], ended_at__isnull=True).exists()

    response = client.post("/staff/sign-out/")

    assert response.status_code == 302
    assert response["Location"] == "/staff/sign-in/"
    assert response.cookies[MARKER].value == ""
    assert SESSION_KEY not in client.session
    desk_session.refresh_from_db()
    assert desk_session.ended_at is not None
    assert not PresenceInterval.objects.filter(user=cast["ana"], ended_at__isnull=True).exists()
    page = client.get(response["Location"])
    assert [str(message) for message in page.context["messages"]] == ["You have signed out."]
    assert page.context["ended"] is False
    assert client.get("/desk/")["Location"] == "/staff/sign-in/?next=/desk/"


def test_signing_out_takes_a_post(client, cast):
    sign_in(client, "ana")

    response = client.get("/staff/sign-out/")

    assert response.status_code == 405
    assert client.session[SESSION_KEY] == str(cast["ana"].pk)


def test_signing_in_as_someone_else_replaces_the_first_account(client, cast):
    sign_in(client, "ana")

    response = sign_in(client, "sue", next="/desk/supervisor/")

    assert response["Location"] == "/desk/supervisor/"
    assert client.session[SESSION_KEY] == str(cast["sue"].pk)


def test_a_signed_in_agent_sent_to_a_supervisors_page_is_told_who_they_are(client, cast):
    sign_in(client, "ana")

    response = client.get("/staff/sign-in/?next=/desk/supervisor/")

    assert response.status_code == 200
    assert "You are signed in as ana, who cannot open that page." in response.content.decode()


def test_a_signed_in_member_of_staff_who_opens_the_sign_in_page_is_not_told_off(client, cast):
    sign_in(client, "ana")

    response = client.get("/staff/sign-in/")

    assert response.status_code == 200
    assert "who cannot open that page" not in response.content.decode()
