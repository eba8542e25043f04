"""GET requests filters by the standard's parameters and the common extensions."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from care311.service_requests import actions
from care311.service_requests.models import ServiceRequest

from .conftest import BASE, SYSTEM, checked

pytestmark = pytest.mark.django_db

MARCH_2 = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def ids(body):
    return [record["service_request_id"] for record in body]


def test_it_defaults_to_the_last_90_days(api, file_request):
    recent = file_request(requested_at=timezone.now() - timedelta(days=89))
    file_request(requested_at=timezone.now() - timedelta(days=91))

    status, body = api.get("requests.json")

    assert (status, ids(body)) == (200, [recent.public_id])


def test_it_ands_start_and_end_date(api, file_request):
    before, inside, after = (
        file_request(requested_at=MARCH_2 + timedelta(days=day)) for day in (-1, 0, 1)
    )

    _, body = api.get(
        "requests.json", start_date="2026-03-02T00:00:00Z", end_date="2026-03-02T23:59:59Z"
    )

    assert ids(body) == [inside.public_id]
    _, body = api.get("requests.json", start_date="2026-03-02T00:00:00Z")
    assert ids(body) == [after.public_id, inside.public_id]
    _, body = api.get("requests.json", end_date="2026-03-02T23:59:59Z")
    assert ids(body) == [inside.public_id, before.public_id]


def test_it_filters_by_the_full_timestamp_with_milliseconds_and_z(api, file_request):
    file_request(requested_at=MARCH_2 + timedelta(milliseconds=100))
    later = file_request(requested_at=MARCH_2 + timedelta(milliseconds=300))

    _, body = api.get("requests.json", start_date="2026-03-02T15:00:00.250Z")

    assert ids(body) == [later.public_id]


@pytest.mark.parametrize(
    "start_date",
    [
        "2026-03-02T20:30:00+05:30",
        "2026-03-02T09:00:00-06:00",
        "2026-03-02T09:00:00",  # no offset: the city's time (Chicago, UTC-6 in March)
        "2026-03-02T15:00:00.000000Z",
        "20260302T150000Z",
    ],
)
def test_it_reads_every_iso_8601_form(api, file_request, start_date):
    file_request(requested_at=MARCH_2 - timedelta(seconds=1))
    at_start = file_request(requested_at=MARCH_2)

    _, body = api.get("requests.json", start_date=start_date)

    assert ids(body) == [at_start.public_id]


def test_it_reads_an_offset_whose_plus_was_not_encoded(client, file_request):
    file_request(requested_at=MARCH_2 - timedelta(seconds=1))
    at_start = file_request(requested_at=MARCH_2)

    response = client.get(f"{BASE}requests.json?start_date=2026-03-02T20:30:00+05:30")

    assert ids(checked(response, f"{BASE}requests.json")) == [at_start.public_id]


@pytest.mark.parametrize("name", ["start_date", "end_date", "updated_after", "updated_before"])
def test_it_refuses_a_date_it_cannot_read_naming_the_parameter(api, name):
    status, body = api.get("requests.json", **{name: "03/02/2026"})

    assert (status, body) == (
        400,
        [
            {
                "code": 400,
                "description": f"{name} must be an ISO-8601 date and time such as "
                "2026-03-02T15:00:00Z, not '03/02/2026'",
            }
        ],
    )


def test_it_refuses_a_start_after_the_end(api):
    status, body = api.get(
        "requests.json", start_date="2026-03-03T00:00:00Z", end_date="2026-03-02T00:00:00Z"
    )

    assert (status, body) == (
        400,
        [{"code": 400, "description": "start_date is later than end_date"}],
    )


def test_it_filters_by_open_and_closed(api, file_request):
    open_request = file_request()
    closed = file_request()
    duplicate = file_request()
    actions.close_request(closed, reason="Fixed", by=SYSTEM)
    actions.merge_request(duplicate, into=open_request, by=SYSTEM)

    _, only_open = api.get("requests.json", status="open")
    _, only_closed = api.get("requests.json", status="closed")
    _, both = api.get("requests.json", status="open,closed")

    assert ids(only_open) == [open_request.public_id]
    assert set(ids(only_closed)) == {closed.public_id, duplicate.public_id}
    assert len(both) == 3


def test_it_filters_by_one_or_several_service_codes(api, file_request, graffiti, streets):
    pothole_request = file_request()
    graffiti_request = file_request(service=graffiti)

    _, one = api.get("requests.json", service_code="0042 pothole")
    _, listed = api.get("requests.json", service_code="0042 pothole,GR-001.v2 graffiti")
    _, repeated = api.get("requests.json", service_code=["0042 pothole", "GR-001.v2 graffiti"])

    assert ids(one) == [pothole_request.public_id]
    assert (
        set(ids(listed))
        == set(ids(repeated))
        == {
            pothole_request.public_id,
            graffiti_request.public_id,
        }
    )


def test_it_reads_a_service_code_holding_a_comma_whole(api, file_request, pothole):
    pothole.service_code = "potholes, large"
    pothole.save()
    request = file_request()

    status, body = api.get("requests.json", service_code="potholes, large")

    assert (status, ids(body)) == (200, [request.public_id])


@pytest.mark.parametrize("code", ["nyc-noise", "no-such", "0042"])
def test_it_refuses_an_unknown_or_hidden_service_code(api, file_request, hidden, code):
    file_request()

    status, body = api.get("requests.json", service_code=f"0042 pothole,{code}")

    assert (status, body) == (
        400,
        [{"code": 400, "description": f"no service has service_code '{code}'"}],
    )


def test_it_filters_by_update_time(api, file_request):
    old, new = file_request(), file_request()
    ServiceRequest.objects.filter(pk=old.pk).update(updated_at=MARCH_2)
    ServiceRequest.objects.filter(pk=new.pk).update(updated_at=MARCH_2 + timedelta(hours=1))

    _, after = api.get("requests.json", updated_after="2026-03-02T15:00:00Z")
    _, before = api.get("requests.json", updated_before="2026-03-02T16:00:00Z")

    assert ids(after) == [new.public_id]
    assert ids(before) == [old.public_id]


def test_it_lets_a_list_of_ids_override_every_other_filter(api, file_request, hidden):
    old = file_request(requested_at=timezone.now() - timedelta(days=400))
    imported = file_request(service=hidden)
    file_request()

    _, body = api.get(
        "requests.json",
        service_request_id=f"{imported.public_id},{old.public_id},NOPE-NOPE-NOPE",
        status="closed",
        service_code="no-such",
    )

    assert ids(body) == [imported.public_id, old.public_id]


def test_it_leaves_hidden_services_out_of_lists(api, file_request, hidden):
    listed = file_request()
    file_request(service=hidden)

    _, body = api.get("requests.json")

    assert ids(body) == [listed.public_id]


def test_it_refuses_more_ids_than_a_page_holds(api):
    ids_given = ",".join(f"ID-{number}" for number in range(1001))

    assert api.get("requests.json", service_request_id=ids_given) == (
        400,
        [{"code": 400, "description": "service_request_id lists more than 1000 ids"}],
    )
