"""schemathesis sends generated requests, valid and not, to every operation of the OpenAPI
description the server publishes, and checks each answer: never a 5xx, a documented status,
a documented media type and, for JSON, a body that matches the documented schema.

The server runs in-process (WSGI) on the suite's database with the Open311 cast; a POST
carries the cast's API key, so generated reports reach validation and creation.

One default check is left out: positive_data_acceptance, which expects every request that
fits the document to succeed. Rules between parameters (lat, long and radius go together;
start_date before end_date; a POST needs a location and an existing service) cannot be said
in OpenAPI, so valid-looking requests rightly get a 400. And negative_data_rejection is left
out when a list of ids is given: the ids override every other filter, which goes unread.
"""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from care311.open311.tests.conftest import BASE, SYSTEM
from care311.open311.views import OPENAPI_FILE
from care311.service_requests import actions
from care311.wsgi import application

OPENAPI_PATH = BASE + "openapi.json"
# Per operation and phase; eight operations stay under half a minute on either database.
EXAMPLES = 25


@pytest.fixture
def cast(pothole, graffiti, hidden, retired, file_request):
    hole = file_request(description="Hole by the curb", latitude=36.15, longitude=-95.99)
    actions.add_note(hole, note="A crew is on the way", by=SYSTEM, public=True)
    tag = file_request(service=graffiti, address="1 Main St")
    actions.merge_request(tag, into=hole, by=SYSTEM)
    actions.close_request(hole, reason="resolved", by=SYSTEM, note="Filled")


@pytest.fixture
def connection_kept():
    """Django closes the database connection at the end of every request, which would close
    the test's transaction on PostgreSQL; Django's own test client holds these signals off, and
    so does this for the WSGI calls."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


# Loaded from the file at collection, when the suite's database does not exist yet; the first
# test checks the server publishes the same document.
schema = schemathesis.openapi.from_path(OPENAPI_FILE)
schema.app = application


def test_it_publishes_its_openapi_description(client):
    response = client.get(OPENAPI_PATH)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    document = json.loads(response.content)
    assert document == json.loads(OPENAPI_FILE.read_text())
    assert document["openapi"].startswith("3.1")
    assert document["servers"] == [{"url": "/open311/v2"}]
    # Every path the API answers on (care311/open311/urls.py) but the document itself.
    assert sorted(document["paths"]) == [
        "/discovery.{format}",
        "/request/{service_request_id}.{format}",
        "/requests.{format}",
        "/requests/{service_request_id}.{format}",
        "/servicerequestupdates.{format}",
        "/services.{format}",
        "/services/{service_code}.{format}",
        "/tokens/{token}.{format}",
    ]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_it_answers_every_generated_request_as_documented(case, cast, api_key, connection_kept):
    if isinstance(case.body, dict) and isinstance(case.body.get("api_key"), str):
        case.body = {**case.body, "api_key": api_key}

    excluded = [positive_data_acceptance]
    if (case.query or {}).get("service_request_id"):
        excluded.append(negative_data_rejection)  # ids override, so other filters go unread

    case.call_and_validate(excluded_checks=excluded)
