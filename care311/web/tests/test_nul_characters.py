"""A NUL character in an address, a query or a form is refused with a plain 400 everywhere,
before any view (or database) sees it; Open311 and the contact-center webhook answer in their
own formats."""

import pytest
from django.contrib.auth import get_user_model

from care311.accounts.roles import ensure_roles
from care311.web.middleware import MESSAGE

pytestmark = pytest.mark.django_db

GETS = [
    "/updates/reporter/%00/stop/",
    "/updates/%00/stop/",
    "/requests/%00/",
    "/help/?q=%00",
    "/desk/queues/requests/%00/",
    "/staff/requests/%00/contact/",
    "/analytics/geography/?measure=open&district_kind=%00",
    "/desk/contact/new?caller=%2B19185551234&channel=ph%00one",
    "/report/?q=pot%00hole",
    "/help/?q%00=pothole",
    "/contact-center/events%00",
]
POSTS = [
    ("/desk/contact/2/link/%00/", {}),
    ("/desk/contact/2/add-caller/%00/", {}),
    ("/desk/presence/", {"state": "break", "reason": "lunch\x00"}),
    ("/desk/queues/requests/SR-1/note/", {"note-version": "1", "note-note": "a\x00b"}),
]


@pytest.fixture
def agent_client(client):
    agent = get_user_model().objects.create_user("ana", password="nul-test-password-1")
    agent.is_staff = True
    agent.save()
    agent.groups.set([ensure_roles()["agent"]])
    client.force_login(agent)
    return client


def _refused(response) -> None:
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == MESSAGE


@pytest.mark.parametrize("url", GETS)
def test_it_refuses_a_nul_in_an_address_or_query(agent_client, url):
    _refused(agent_client.get(url))


@pytest.mark.parametrize("url", GETS)
def test_it_refuses_it_before_sign_in_too(client, url):
    _refused(client.get(url))


@pytest.mark.parametrize(("url", "data"), POSTS)
def test_it_refuses_a_nul_in_a_posted_address_or_form(agent_client, url, data):
    _refused(agent_client.post(url, data))


def test_it_refuses_a_nul_in_an_urlencoded_form(agent_client):
    body = "state=break&reason=lunch%00"
    response = agent_client.post(
        "/desk/presence/", body, content_type="application/x-www-form-urlencoded"
    )

    _refused(response)


def test_it_lets_an_ordinary_request_through(agent_client):
    response = agent_client.get("/help/", {"q": "pothole"})

    assert response.status_code == 200


def test_open311_keeps_answering_in_its_own_format(client):
    response = client.get("/open311/v2/requests/%00.json")

    assert response["Content-Type"].startswith("application/json")
    assert MESSAGE not in response.content.decode()


def test_the_webhook_keeps_answering_in_json(client):
    response = client.post("/contact-center/events?x=%00", "[]", content_type="application/json")

    assert (response.status_code, response.json()) == (
        401,
        {"error": "a valid key is required: Authorization: Bearer KEY"},
    )
