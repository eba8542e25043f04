"""The fixed cast of the Open311 tests, and a client that checks every answer.

Cast: the Streets department; "0042 pothole" asking one question of each of the six
datatypes (plus an informational note); "GR-001.v2 graffiti" with no questions; a hidden
imported service; an inactive one; an active API key and a revoked one.
"""

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from defusedxml import ElementTree
from django.core.cache import cache
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from care311.catalog.models import (
    AttributeValue,
    Datatype,
    Department,
    ServiceAttribute,
    ServiceGroup,
    ServiceType,
)
from care311.open311.models import ApiKey
from care311.service_requests import actions
from care311.service_requests.actors import System

SCHEMAS = Path(__file__).resolve().parent / "schemas"
BASE = "/open311/v2/"
SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
NYC_CSV = SHARED_DATA / "nyc311-socrata" / "nyc311_export_1000.csv"
SYSTEM = System("test-suite")

# Which published schema each JSON answer must satisfy, by the first part of its path.
SCHEMA_OF = {
    "services": "services.json",
    "service": "service-definition.json",
    "requests": "requests.json",
    "request": "requests.json",
}


def _validators() -> dict[str, Draft7Validator]:
    contents = {path.name: json.loads(path.read_text()) for path in SCHEMAS.glob("*.json")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT7))
        for name, schema in contents.items()
    )
    return {name: Draft7Validator(schema, registry=registry) for name, schema in contents.items()}


VALIDATORS = _validators()


def schema_for(path: str) -> str | None:
    head = path.removeprefix(BASE)
    if head.startswith("services/"):
        return SCHEMA_OF["service"]
    if head.startswith(("requests", "request/")):
        return SCHEMA_OF["requests"]
    if head.startswith("services."):
        return SCHEMA_OF["services"]
    return None


def checked(response: Any, path: str, method: str = "GET") -> Any:
    """The decoded JSON of an answer; a successful GET is validated against its published
    schema (POST's answer has none)."""
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content.decode("utf-8"))
    schema = schema_for(path) if method == "GET" else None
    if schema is not None and response.status_code < 300:
        VALIDATORS[schema].validate(data)
    return data


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    """Off unless a test turns it on, and with fresh counts when it does."""
    settings.OPEN311_RATE_LIMIT = 0
    cache.clear()


@pytest.fixture
def api(client):
    """GET and POST under /open311/v2/, returning (status, decoded JSON) checked by schema."""

    class Api:
        def get(self, path: str, **params: Any) -> tuple[int, Any]:
            response = client.get(BASE + path, params)
            return response.status_code, checked(response, BASE + path)

        def post(self, path: str, data: dict, **extra: Any) -> tuple[int, Any]:
            response = client.post(BASE + path, data, **extra)
            return response.status_code, checked(response, BASE + path, "POST")

        def xml(self, path: str, method: str = "get", data: dict | None = None, **extra: Any):
            response = getattr(client, method)(BASE + path, data or {}, **extra)
            assert response["Content-Type"] == "text/xml; charset=utf-8"
            return response.status_code, ElementTree.fromstring(response.content)

    return Api()


@pytest.fixture
def streets(db):
    return Department.objects.create(code="streets", name="Streets", contact_email="s@city.test")


@pytest.fixture
def pothole(streets):
    group = ServiceGroup.objects.create(name="Streets and sidewalks", order=10)
    service = ServiceType.objects.create(
        service_code="0042 pothole",
        name="Pothole",
        description="A hole in the street",
        keywords="pothole,street,hole",
        group=group,
        department=streets,
        sla_hours=72,
    )
    questions = [
        ("depth", Datatype.NUMBER, True, "How deep is it, in inches?"),
        ("seen_at", Datatype.DATETIME, False, "When did you see it?"),
        ("landmark", Datatype.STRING, False, "A landmark nearby"),
        ("details", Datatype.TEXT, True, "Describe the hole"),
        ("size", Datatype.SINGLEVALUELIST, False, "How big is it?"),
        ("hazards", Datatype.MULTIVALUELIST, False, "Who is at risk?"),
    ]
    for order, (code, datatype, required, description) in enumerate(questions, start=1):
        ServiceAttribute.objects.create(
            service=service,
            code=code,
            datatype=datatype,
            required=required,
            description=description,
            order=order,
        )
    ServiceAttribute.objects.create(
        service=service,
        code="note",
        datatype=Datatype.STRING,
        variable=False,
        description="Crews fill potholes within three days.",
        order=7,
    )
    choices = {
        "size": [("s", "Small (fits under a shoe)"), ("m", "Medium"), ("l", "Large (a car wheel)")],
        "hazards": [("cars", "Drivers"), ("bikes", "Cyclists"), ("walk", "People walking")],
    }
    for code, values in choices.items():
        attribute = service.attributes.get(code=code)
        for order, (key, name) in enumerate(values, start=1):
            AttributeValue.objects.create(attribute=attribute, key=key, name=name, order=order)
    return service


@pytest.fixture
def graffiti(streets):
    return ServiceType.objects.create(
        service_code="GR-001.v2 graffiti", name="Graffiti", department=streets
    )


@pytest.fixture
def hidden(streets):
    return ServiceType.objects.create(
        service_code="nyc-noise", name="Noise (imported)", hidden=True, imported=True
    )


@pytest.fixture
def retired(streets):
    return ServiceType.objects.create(service_code="old-bins", name="Old bins", active=False)


@pytest.fixture
def api_key(db):
    return ApiKey.objects.issue("test-app")[1]


@pytest.fixture
def revoked_key(db):
    key, raw = ApiKey.objects.issue("revoked-app")
    key.active = False
    key.save()
    return raw


@pytest.fixture
def pothole_answers():
    """A complete, valid set of answers to the pothole's questions, as form fields."""
    return {"attribute[depth]": "4", "attribute[details]": "Deep, by the curb"}


@pytest.fixture
def file_request(pothole):
    """File a request through the actions, as the desk would."""

    def file(service=None, **fields):
        fields.setdefault("channel", "phone")
        fields.setdefault("requested_at", datetime.now(UTC))
        return actions.create_request(service=service or pothole, by=SYSTEM, **fields)

    return file
