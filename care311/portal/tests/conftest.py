import re
from datetime import UTC, datetime

import pytest

from care311.catalog.models import (
    AttributeValue,
    Datatype,
    Department,
    ServiceAttribute,
    ServiceType,
)
from care311.demo.articles import load_articles
from care311.demo.catalog import load_catalog
from care311.service_requests import actions
from care311.service_requests.actors import System


@pytest.fixture
def service(db):
    streets = Department.objects.create(code="streets", name="Streets")
    return ServiceType.objects.create(
        service_code="STR-POTHOLE", name="Pothole", department=streets
    )


@pytest.fixture
def file_request(service):
    """File a request through the actions, as the desk or the portal would."""

    def file(**fields):
        fields.setdefault("channel", "phone")
        return actions.create_request(service=service, by=System("test"), **fields)

    return file


@pytest.fixture
def worked_request(file_request):
    """A request taken from received to closed, with one staff-only note on the way."""
    request = file_request(
        address="1200 S Peoria Ave",
        requested_at=datetime(2025, 1, 15, 18, 0, tzinfo=UTC),
    )
    by = System("test")
    actions.update_status(request, "in_progress", by=by, note="Crew scheduled.")
    actions.add_note(request, note="Internal: caller was rude.", by=by)
    actions.close_request(request, reason="Repaired", by=by, note="Patched the hole.")
    return request


IN_TULSA = {"latitude": "36.1446", "longitude": "-95.9754"}


@pytest.fixture
def questions(service):
    """The Pothole service asking one question of each of the six datatypes."""
    service.sla_hours = 72
    service.save()
    asked = [
        ("size", Datatype.SINGLEVALUELIST, True, [("S", "Small"), ("L", "Large")]),
        ("depth", Datatype.NUMBER, False, []),
        ("seen_at", Datatype.DATETIME, False, []),
        ("landmark", Datatype.STRING, False, []),
        ("details", Datatype.TEXT, True, []),
        ("hazards", Datatype.MULTIVALUELIST, False, [("cars", "Cars"), ("walk", "People")]),
    ]
    for order, (code, datatype, required, choices) in enumerate(asked):
        attribute = ServiceAttribute.objects.create(
            service=service,
            code=code,
            datatype=datatype,
            description=f"Question {code}?",
            required=required,
            order=order,
            translations={"es": {"description": f"¿Pregunta {code}?"}},
        )
        for position, (key, name) in enumerate(choices):
            AttributeValue.objects.create(attribute=attribute, key=key, name=name, order=position)
    return service


ANSWERS = {"attribute[size]": "L", "attribute[details]": "By the curb"}


@pytest.fixture
def portal_form(client, questions):
    """Open the details step for a place and return a filler: it posts the form with the
    page's one-time token, the required answers, and whatever is passed."""

    def fill(place=None, **fields):
        place = IN_TULSA if place is None else place
        page = client.get(
            "/report/details/", {"service": questions.service_code, **place}
        ).content.decode()
        token = re.search(r'name="form_token" value="([^"]+)"', page)
        assert token is not None, page
        data = {
            "service": questions.service_code,
            **place,
            "form_token": token.group(1),
            **ANSWERS,
            **fields,
        }
        return data

    return fill


@pytest.fixture
def demo_city(transactional_db):
    """The demo city's catalog and knowledge articles, for the browser tests."""
    load_catalog()
    load_articles()
