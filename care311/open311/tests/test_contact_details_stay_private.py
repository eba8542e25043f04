"""A resident's contact details, device and account ids never appear in any GET answer."""

import pytest

from care311.service_requests import actions

from .conftest import SYSTEM

pytestmark = pytest.mark.django_db

PRIVATE = ["Zelda", "Quixote", "zelda.reporter@example.com", "918-555-0177", "dev-777", "acct-888"]


@pytest.fixture
def reported(api, api_key, pothole, pothole_answers):
    _, [posted] = api.post(
        "requests.json",
        {
            "api_key": api_key,
            "service_code": "0042 pothole",
            "address_string": "1 Main St",
            "first_name": "Zelda",
            "last_name": "Quixote",
            "email": "zelda.reporter@example.com",
            "phone": "918-555-0177",
            "device_id": "dev-777",
            "account_id": "acct-888",
            **pothole_answers,
        },
    )
    request = pothole.requests.get()
    actions.update_request(request, by=SYSTEM, reporter_phone="918-555-0177")
    actions.add_note(request, note="Called back", by=SYSTEM, public=True)
    return posted


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    "path",
    [
        "requests.{fmt}",
        "requests.{fmt}?extensions=true",
        "requests/{id}.{fmt}?extensions=true",
        "requests.{fmt}?service_request_id={id}&extensions=true",
        "tokens/{token}.{fmt}",
        "servicerequestupdates.{fmt}",
    ],
)
def test_it_never_answers_a_get_with_contact_details(client, reported, path, fmt):
    url = "/open311/v2/" + path.format(
        fmt=fmt, id=reported["service_request_id"], token=reported["token"]
    )

    body = client.get(url).content.decode()

    assert reported["service_request_id"] in body
    for private in PRIVATE:
        assert private not in body
