"""A NUL character in any value is a 400 naming where it was, on every database.

Found by schemathesis: PostgreSQL text columns cannot hold NUL, so a service code, id, token
or answer with one reached the database and failed there as a 500.
"""

import pytest

from .conftest import BASE, checked

pytestmark = pytest.mark.django_db


def refusal(name):
    return [{"code": 400, "description": f"{name} must not contain a NUL character (%00)"}]


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        ("requests.json", {"service_code": "0042\x00"}, "service_code"),
        ("requests.json", {"service_request_id": "AAAA\x00"}, "service_request_id"),
        ("requests.json", {"jurisdiction_id": "\x00"}, "jurisdiction_id"),
        ("requests/AAAA%00.json", {}, "service_request_id"),
        ("services/0042%00.json", {}, "service_code"),
        ("tokens/abc%00.json", {}, "token"),
    ],
)
def test_it_refuses_a_nul_in_a_read(client, pothole, path, params, name):
    response = client.get(BASE + path, params)

    assert response.status_code == 400
    assert checked(response, BASE + path) == refusal(name)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("service_code", "0042 pothole\x00"),
        ("description", "Deep\x00"),
        ("attribute[details]", "Deep\x00"),
    ],
)
def test_it_refuses_a_nul_in_a_post(client, pothole, api_key, pothole_answers, field, value):
    form = {"api_key": api_key, "service_code": "0042 pothole", "lat": "36.15", "long": "-95.99"}
    form |= pothole_answers | {field: value}

    response = client.post(BASE + "requests.json", form)

    assert response.status_code == 400
    assert checked(response, BASE + "requests.json", "POST") == refusal(field)
