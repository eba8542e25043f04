"""tokens/{token} resolves the token a POST returned to its request's id."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_resolves_a_token_to_the_request_id(api, api_key, graffiti):
    _, posted = api.post(
        "requests.json",
        {"api_key": api_key, "service_code": "GR-001.v2 graffiti", "address_id": "A-3"},
    )
    token = posted[0]["token"]

    status, body = api.get(f"tokens/{token}.json")

    assert (status, body) == (
        200,
        [{"service_request_id": posted[0]["service_request_id"], "token": token}],
    )


def test_it_resolves_in_xml(api, api_key, graffiti):
    _, posted = api.post(
        "requests.json",
        {"api_key": api_key, "service_code": "GR-001.v2 graffiti", "address_id": "A-3"},
    )

    status, root = api.xml(f"tokens/{posted[0]['token']}.xml")

    assert status == 200
    assert root.tag == "service_requests"
    assert root.findtext("request/service_request_id") == posted[0]["service_request_id"]


def test_it_answers_404_for_an_unknown_token(api):
    status, body = api.get("tokens/nope-0001.json")

    assert (status, body) == (
        404,
        [{"code": 404, "description": "no request has token 'nope-0001'"}],
    )
