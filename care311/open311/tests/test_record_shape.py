"""Every record has the same keys; scalars are scalars, only collections are arrays."""

import pytest

from care311.service_requests import actions

from .conftest import SYSTEM

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(file_request, graffiti):
    """A sparse request, a full one, and a closed one."""
    file_request(service=graffiti)
    file_request(
        description="Deep",
        latitude=36.1,
        longitude=-95.9,
        address="1 Main St",
        address_id="A-1",
        zipcode="74103",
        media_url="https://photos.test/1.jpg",
    )
    actions.close_request(file_request(), reason="Fixed", by=SYSTEM, note="Done")


def test_it_gives_every_request_the_same_keys(api, mixed):
    _, records = api.get("requests.json")

    assert len(records) == 3
    assert {tuple(record) for record in records} == {
        (
            "service_request_id",
            "status",
            "status_notes",
            "service_name",
            "service_code",
            "description",
            "agency_responsible",
            "service_notice",
            "requested_datetime",
            "updated_datetime",
            "expected_datetime",
            "address",
            "address_id",
            "zipcode",
            "lat",
            "long",
            "media_url",
        )
    }


def test_it_keeps_scalars_scalar(api, mixed, pothole):
    answers = [api.get(path)[1] for path in ("requests.json", "services.json")]
    definition = api.get("services/0042%20pothole.json")[1]

    for record in answers[0] + answers[1]:
        assert not any(isinstance(value, list | dict) for value in record.values())
    for attribute in definition["attributes"]:
        assert [name for name, value in attribute.items() if isinstance(value, list)] == ["values"]


def test_it_gives_every_xml_record_the_same_elements(api, mixed):
    _, root = api.xml("requests.xml")

    shapes = {tuple(child.tag for child in request) for request in root.findall("request")}
    assert len(shapes) == 1
    assert len(next(iter(shapes))) == 17
