"""POST requests files a request through create_request, for a client with a valid api_key."""

import pytest

from care311.open311.models import Submission
from care311.service_requests.models import EventKind, ServiceRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(api_key, pothole, pothole_answers):
    return {
        "api_key": api_key,
        "service_code": "0042 pothole",
        "lat": "36.1540",
        "long": "-95.9928",
        "description": "Deep hole by the curb",
        **pothole_answers,
    }


def test_it_files_a_request_and_returns_its_id_and_token(api, report):
    status, body = api.post("requests.json", report)

    request = ServiceRequest.objects.get()
    submission = Submission.objects.get()
    assert status == 201
    assert body == [
        {
            "service_request_id": request.public_id,
            "token": submission.token,
            "service_notice": None,
            "account_id": None,
        }
    ]
    assert (request.channel, request.latitude, request.longitude) == ("open311", 36.154, -95.9928)
    assert request.description == "Deep hole by the curb"
    assert request.answers == {"depth": 4, "details": "Deep, by the curb"}
    assert request.agency_responsible == "Streets"


def test_it_acts_as_the_client_in_the_history(api, report):
    api.post("requests.json", report)

    event = ServiceRequest.objects.get().events.get()
    assert (event.kind, event.actor, event.actor_name) == (
        EventKind.CREATED,
        None,
        "open311:test-app",
    )


def test_it_keeps_the_reporter_and_the_client_ids_private(api, report):
    report |= {
        "email": "rosa@example.net",
        "first_name": "Rosa",
        "last_name": "Díaz",
        "phone": "555-0100",
        "device_id": "device-7",
        "account_id": "acct-42",
    }

    _, body = api.post("requests.json", report)

    request = ServiceRequest.objects.get()
    assert (request.reporter_name, request.reporter_email, request.reporter_phone) == (
        "Rosa Díaz",
        "rosa@example.net",
        "555-0100",
    )
    assert (request.open311_submission.device_id, request.open311_submission.account_id) == (
        "device-7",
        "acct-42",
    )
    assert body[0]["account_id"] == "acct-42"


def test_it_answers_in_xml(api, report):
    status, root = api.xml("requests.xml", "post", report)

    request = ServiceRequest.objects.get()
    assert status == 201
    assert root.tag == "service_requests"
    assert [child.tag for child in root.find("request")] == [
        "service_request_id",
        "token",
        "service_notice",
        "account_id",
    ]
    assert root.findtext("request/service_request_id") == request.public_id


def test_it_takes_parameters_from_the_query_string_too(client, report):
    query = "&".join(f"{name}={value}" for name, value in report.items() if name != "api_key")
    response = client.post(f"/open311/v2/requests.json?{query}", {"api_key": report["api_key"]})

    assert response.status_code == 201
    assert ServiceRequest.objects.get().description == "Deep hole by the curb"


@pytest.mark.parametrize("location", [{"address_string": "100 S Main St"}, {"address_id": "A-77"}])
def test_it_takes_an_address_instead_of_coordinates(api, report, location):
    del report["lat"], report["long"]

    status, _ = api.post("requests.json", report | location)

    request = ServiceRequest.objects.get()
    assert status == 201
    assert (request.latitude, request.address, request.address_id) == (
        None,
        location.get("address_string", ""),
        location.get("address_id", ""),
    )


@pytest.mark.parametrize(
    ("change", "description"),
    [
        (
            {"lat": "", "long": ""},
            "a location is required: lat and long, address_string or address_id",
        ),
        ({"long": ""}, "lat and long go together"),
        ({"lat": "91"}, "lat must be between -90 and 90, not 91"),
        ({"long": "east"}, "long must be a number, not 'east'"),
        ({"service_code": ""}, "service_code is required"),
        ({"service_code": "0042"}, "no service has service_code '0042'"),
        ({"service_code": "nyc-noise"}, "no service has service_code 'nyc-noise'"),
        ({"service_code": "old-bins"}, "service_code 'old-bins' does not take new requests"),
        ({"description": "x" * 4001}, "description is longer than 4000 characters"),
        ({"email": "not-an-address"}, "email 'not-an-address' is not an email address"),
        (
            {"media_url": "ftp://x.test/a.jpg"},
            "media_url 'ftp://x.test/a.jpg' is not an http or https URL",
        ),
    ],
)
def test_it_refuses_a_bad_report_naming_the_field(
    api, report, hidden, retired, change, description
):
    status, body = api.post("requests.json", report | change)

    assert (status, body) == (400, [{"code": 400, "description": description}])
    assert not ServiceRequest.objects.exists()


def test_it_refuses_a_revoked_key(api, report, revoked_key):
    status, body = api.post("requests.json", report | {"api_key": revoked_key})

    assert (status, body) == (403, [{"code": 403, "description": "api_key is not a valid key"}])


def test_it_treats_an_empty_jurisdiction_id_as_absent(api, report, settings):
    settings.OPEN311_JURISDICTION_ID = "city.test"

    empty, _ = api.post("requests.json", report | {"jurisdiction_id": ""})
    ours, _ = api.post(
        "requests.json", report | {"jurisdiction_id": "city.test", "description": "2"}
    )
    other, body = api.post("requests.json", report | {"jurisdiction_id": "elsewhere.test"})

    assert (empty, ours, other) == (201, 201, 400)
    assert body == [
        {
            "code": 400,
            "description": "jurisdiction_id 'elsewhere.test' is not served here; use 'city.test'",
        }
    ]
