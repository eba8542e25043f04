"""GET requests/{id}: the request as an open or closed record with its notes, media and SLA."""

from datetime import UTC, datetime, timedelta

import pytest

from care311.service_requests import actions

from .conftest import SYSTEM

pytestmark = pytest.mark.django_db

# 15:00 UTC on 2 March is 09:00 in Chicago (CST, UTC-6); the pothole's target is 72 hours.
FILED = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


@pytest.fixture
def filed(file_request):
    return file_request(
        requested_at=FILED,
        description="Deep hole",
        latitude=36.154,
        longitude=-95.9928,
        address="100 S Main St",
        zipcode="74103",
        media_url="https://photos.test/hole.jpg",
    )


def test_it_shows_an_open_request_with_every_field(api, filed):
    filed.__class__.objects.filter(pk=filed.pk).update(updated_at=FILED + timedelta(minutes=90))

    status, body = api.get(f"requests/{filed.public_id}.json")

    assert status == 200
    assert body == [
        {
            "service_request_id": filed.public_id,
            "status": "open",
            "status_notes": None,
            "service_name": "Pothole",
            "service_code": "0042 pothole",
            "description": "Deep hole",
            "agency_responsible": "Streets",
            "service_notice": None,
            "requested_datetime": "2026-03-02T09:00:00-06:00",
            "updated_datetime": "2026-03-02T10:30:00-06:00",
            "expected_datetime": "2026-03-05T09:00:00-06:00",
            "address": "100 S Main St",
            "address_id": None,
            "zipcode": "74103",
            "lat": 36.154,
            "long": -95.9928,
            "media_url": "https://photos.test/hole.jpg",
        }
    ]


def test_it_shows_a_closed_request_with_its_status_notes(api, filed):
    actions.close_request(filed, reason="Repaired", by=SYSTEM, note="Patched the hole.")

    _, [record] = api.get(f"requests/{filed.public_id}.json")

    assert (record["status"], record["status_notes"]) == ("closed", "Patched the hole.")


def test_it_counts_a_duplicate_as_closed(api, filed, file_request):
    original = file_request()
    actions.merge_request(filed, into=original, by=SYSTEM)

    _, [record] = api.get(f"requests/{filed.public_id}.json")

    assert record["status"] == "closed"


def test_it_shows_the_same_in_xml(api, filed):
    status, root = api.xml(f"requests/{filed.public_id}.xml")

    assert status == 200
    assert root.tag == "service_requests"
    [request] = root.findall("request")
    assert request.findtext("service_code") == "0042 pothole"
    assert request.findtext("lat") == "36.154"
    assert request.findtext("status_notes") == ""
    assert request.findtext("expected_datetime") == "2026-03-05T09:00:00-06:00"


def test_it_answers_on_the_swagger_spelling_of_the_path(api, filed):
    assert api.get(f"request/{filed.public_id}.json")[1][0]["service_request_id"] == (
        filed.public_id
    )


def test_it_shows_a_request_of_a_hidden_service_by_id(api, file_request, hidden):
    imported = file_request(service=hidden)

    status, [record] = api.get(f"requests/{imported.public_id}.json")

    assert (status, record["service_code"]) == (200, "nyc-noise")


@pytest.mark.parametrize("request_id", ["NOPE-NOPE-NOPE", "0042", "a b", "x.y"])
def test_it_answers_404_for_an_unknown_id(api, request_id):
    status, body = api.get(f"requests/{request_id}.json")

    assert (status, body) == (
        404,
        [{"code": 404, "description": f"no request has service_request_id '{request_id}'"}],
    )


def test_it_reads_an_opaque_id_through_path_and_query(api, filed):
    filed.__class__.objects.filter(pk=filed.pk).update(public_id="007 A-b.c")

    by_path = api.get("requests/007%20A-b.c.json")[1]
    by_query = api.get("requests.json", service_request_id="007 A-b.c")[1]

    assert by_path[0]["service_request_id"] == by_query[0]["service_request_id"] == "007 A-b.c"
