"""Non-ASCII, emoji and right-to-left text survive POST and GET in both formats."""

import pytest

from .conftest import BASE, checked

pytestmark = pytest.mark.django_db

TEXT = "Bache en la calle Peña 🕳️🚗 — حفرة في الشارع — 坑"


@pytest.fixture
def posted(api, api_key, pothole):
    _, [record] = api.post(
        "requests.json",
        {
            "api_key": api_key,
            "service_code": "0042 pothole",
            "address_string": "Calle Peña 5, Tulsa",
            "description": TEXT,
            "attribute[depth]": "3",
            "attribute[details]": TEXT,
        },
    )
    return record["service_request_id"]


def test_it_returns_the_text_unchanged_in_json(api, client, posted):
    response = client.get(f"/open311/v2/requests/{posted}.json", {"extensions": "true"})

    assert TEXT.encode("utf-8") in response.content  # not \u-escaped
    [record] = checked(response, f"{BASE}requests/{posted}.json")
    assert record["description"] == TEXT
    assert record["address"] == "Calle Peña 5, Tulsa"
    assert {"code": "details", "value": TEXT} in record["attributes"]


def test_it_returns_the_text_unchanged_in_xml(api, posted):
    _, root = api.xml(f"requests/{posted}.xml")

    assert root.findtext("request/description") == TEXT


def test_it_takes_utf8_in_a_service_code_and_an_error(api, pothole):
    pothole.service_code = "bache-ñ 🕳️"
    pothole.save()

    status, definition = api.get("services/bache-%C3%B1%20%F0%9F%95%B3%EF%B8%8F.json")
    missing, errors = api.get("services/p%C3%A9.json")

    assert (status, definition["service_code"]) == (200, "bache-ñ 🕳️")
    assert (missing, errors) == (
        404,
        [{"code": 404, "description": "no service has service_code 'pé'"}],
    )


def test_it_replaces_characters_xml_cannot_carry(api, file_request):
    request = file_request(description="bell\x07 and escape\x1b end")

    _, root = api.xml(f"requests/{request.public_id}.xml")

    assert root.findtext("request/description") == "bell\ufffd and escape\ufffd end"
