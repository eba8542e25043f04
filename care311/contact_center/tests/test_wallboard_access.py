"""The wallboard is for signed-in supervisors (and administrators) only."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_sends_visitors_to_sign_in(client):
    response = client.get("/wallboard/")

    assert response.status_code == 302
    assert response["Location"].startswith("/staff/sign-in/?next=/wallboard/")


@pytest.mark.parametrize(
    ("username", "page", "data"),
    [
        ("supervisor", 200, 200),
        ("admin", 200, 200),
        ("ana", 403, 403),
        ("streets", 403, 403),
        ("resident", 403, 403),
    ],
)
def test_it_lets_only_supervisors_in(client, cast, username, page, data):
    client.force_login(cast[username])

    assert client.get("/wallboard/").status_code == page
    assert client.get("/wallboard/data.json").status_code == data


def test_it_answers_the_data_endpoint_with_json_not_a_redirect(client):
    response = client.get("/wallboard/data.json")

    assert (response.status_code, response.json()) == (401, {"error": "sign in first"})
