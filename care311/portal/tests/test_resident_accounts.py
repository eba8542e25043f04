"""Residents sign in with a link sent to their email and see their requests from every
channel."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from care311.service_requests import actions
from care311.service_requests.actors import System

pytestmark = pytest.mark.django_db


def sign_in(client, capture, email="Pat@Example.com"):
    with capture(execute=True):
        client.post("/account/sign-in/", {"email": email})
    link = re.search(r"http://testserver(/account/sign-in/[^/\s]+/)", str(mail.outbox[-1].body))
    assert link is not None
    return link.group(1)


def test_it_emails_a_link_that_signs_in_once(client, django_capture_on_commit_callbacks):
    link = sign_in(client, django_capture_on_commit_callbacks)

    assert mail.outbox[-1].to == ["pat@example.com"]
    assert mail.outbox[-1].subject == "Your sign-in link for 311"
    response = client.get(link)
    assert response["Location"] == "/account/requests/"
    resident = User.objects.get(username="pat@example.com")
    assert (resident.email, resident.is_staff, resident.has_usable_password()) == (
        "pat@example.com",
        False,
        False,
    )

    again = Client().get(link).content.decode()
    assert "That sign-in link has expired or was already used." in again


def test_it_refuses_a_tampered_link(client):
    html = client.get("/account/sign-in/not-a-real-token/").content.decode()

    assert "That sign-in link has expired or was already used." in html


def test_it_lists_my_requests_from_every_channel(
    client, file_request, django_capture_on_commit_callbacks
):
    by_phone = file_request(channel="phone", reporter_email="PAT@example.com")
    someone_else = file_request(channel="web", reporter_email="other@example.com")
    followed = file_request(channel="web")
    actions.follow_request(
        followed, by=System("test"), me_too=True, notify=True, email="pat@example.com"
    )
    link = sign_in(client, django_capture_on_commit_callbacks)
    client.get(link)

    html = client.get("/account/requests/").content.decode()

    assert by_phone.public_id in html
    assert followed.public_id in html
    assert someone_else.public_id not in html


def test_it_sends_a_signed_out_visitor_to_sign_in(client):
    response = client.get("/account/requests/")

    assert response["Location"] == "/account/sign-in/"


def test_it_asks_for_an_email_beside_the_field(client):
    response = client.post("/account/sign-in/", {"email": "nope"})

    assert response.status_code == 400
    assert '<p class="error" id="id_email-error">Enter an email address' in (
        response.content.decode()
    )
    assert mail.outbox == []
