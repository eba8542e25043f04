"""extensions=true adds answers, extended attributes, duplicate links and the public history;
locale picks the language of the history's summaries."""

from datetime import UTC, datetime

import pytest

from care311.service_requests import actions
from care311.service_requests.models import ServiceRequest

from .conftest import SYSTEM

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked(file_request):
    """A request with a public note, a staff-only note, a duplicate, closed with a note."""
    request = file_request(answers={"depth": 4, "hazards": ["cars", "bikes"]})
    duplicate = file_request()
    actions.add_note(request, note="Crew scheduled.", by=SYSTEM, public=True)
    actions.add_note(request, note="Internal: caller was rude.", by=SYSTEM)
    actions.merge_request(duplicate, into=request, by=SYSTEM)
    actions.close_request(request, reason="Repaired", by=SYSTEM, note="Patched the hole.")
    events = request.events.order_by("at", "id")
    for minute, event in enumerate(events):
        events.filter(pk=event.pk).update(at=datetime(2026, 3, 2, 15, minute, tzinfo=UTC))
    ServiceRequest.objects.filter(pk=request.pk).update(
        closed_at=datetime(2026, 3, 2, 15, 2, tzinfo=UTC)
    )
    return request, duplicate


def test_it_adds_answers_links_and_public_notes(api, worked):
    request, duplicate = worked

    _, [record] = api.get(f"requests/{request.public_id}.json", extensions="true")

    assert record["attributes"] == [
        {"code": "depth", "value": 4},
        {"code": "hazards", "value": ["cars", "bikes"]},
    ]
    assert record["extended_attributes"] == {
        "status": "closed",
        "channel": "phone",
        "closed_datetime": "2026-03-02T09:02:00-06:00",
        "duplicate": False,
        "parent_service_request_id": None,
        "duplicates": [duplicate.public_id],
    }
    assert record["notes"] == [
        {
            "datetime": "2026-03-02T09:00:00-06:00",
            "type": "created",
            "summary": "Request received",
            "description": None,
        },
        {
            "datetime": "2026-03-02T09:01:00-06:00",
            "type": "note",
            "summary": "Note",
            "description": "Crew scheduled.",
        },
        {
            "datetime": "2026-03-02T09:03:00-06:00",
            "type": "closed",
            "summary": "Closed",
            "description": "Patched the hole.",
        },
    ]


def test_it_links_a_duplicate_to_its_parent(api, worked):
    request, duplicate = worked

    _, [record] = api.get("requests.json", service_request_id=duplicate.public_id, extensions=1)

    assert record["extended_attributes"]["duplicate"] is True
    assert record["extended_attributes"]["parent_service_request_id"] == request.public_id


def test_it_adds_nothing_without_extensions(api, worked):
    _, [record] = api.get(f"requests/{worked[0].public_id}.json")

    assert not {"attributes", "extended_attributes", "notes"} & set(record)


def test_it_gives_every_record_the_same_keys_with_extensions(api, worked, file_request):
    file_request()

    _, records = api.get("requests.json", extensions="true")

    assert len(records) == 3
    assert len({tuple(record) for record in records}) == 1


def test_it_renders_extensions_in_xml(api, worked):
    request, duplicate = worked

    _, root = api.xml(f"requests/{request.public_id}.xml", data={"extensions": "true"})

    node = root.find("request")
    assert [n.findtext("code") for n in node.findall("attributes/attribute")] == [
        "depth",
        "hazards",
    ]
    assert [k.text for k in node.findall("attributes/attribute/value/key")] == ["cars", "bikes"]
    assert node.findtext("extended_attributes/duplicates/service_request_id") == (
        duplicate.public_id
    )
    assert [n.findtext("type") for n in node.findall("notes/note")] == ["created", "note", "closed"]


def test_it_writes_summaries_in_the_locale_asked(api, worked):
    _, [record] = api.get(f"requests/{worked[0].public_id}.json", extensions="true", locale="es_MX")

    assert [note["summary"] for note in record["notes"]] == [
        "Solicitud recibida",
        "Nota",
        "Cerrada",
    ]


def test_it_refuses_a_locale_it_does_not_offer(api):
    assert api.get("requests.json", locale="fr") == (
        400,
        [{"code": 400, "description": "locale 'fr' is not offered; use one of en, es"}],
    )
