"""servicerequestupdates lists public history events since a time, for clients to sync."""

from datetime import UTC, datetime, timedelta

import pytest

from care311.service_requests import actions
from care311.service_requests.models import HistoryEvent

from .conftest import SYSTEM

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


@pytest.fixture
def history(file_request, hidden):
    """created, a public note, a staff-only note, closed, reopened: one minute apart."""
    request = file_request()
    actions.add_note(request, note="Crew scheduled.", by=SYSTEM, public=True)
    actions.add_note(request, note="Internal only.", by=SYSTEM)
    actions.close_request(request, reason="Repaired", by=SYSTEM, note="Patched.")
    actions.reopen_request(request, reason="Hole came back", by=SYSTEM)
    file_request(service=hidden)
    for minute, event in enumerate(HistoryEvent.objects.order_by("id")):
        HistoryEvent.objects.filter(pk=event.pk).update(at=START + timedelta(minutes=minute))
    return request


def test_it_lists_public_updates_with_the_status_then(api, history):
    status, updates = api.get("servicerequestupdates.json", start_date="2026-03-02T00:00:00Z")

    events = list(HistoryEvent.objects.filter(public=True, request=history).order_by("id"))
    assert status == 200
    assert updates == [
        {
            "update_id": str(event.pk),
            "service_request_id": history.public_id,
            "status": state,
            "updated_datetime": f"2026-03-02T09:0{minute}:00-06:00",
            "description": description,
            "media_url": None,
        }
        for event, state, minute, description in zip(
            events,
            ["open", "open", "closed", "open"],
            [0, 1, 3, 4],
            [None, "Crew scheduled.", "Patched.", "Hole came back"],
            strict=True,
        )
    ]


def test_it_lists_updates_between_two_times(api, history):
    _, updates = api.get(
        "servicerequestupdates.json",
        start_date="2026-03-02T09:01:00-06:00",
        end_date="2026-03-02T15:03:00Z",
    )

    assert [update["description"] for update in updates] == ["Crew scheduled.", "Patched."]


def test_it_pages_updates_oldest_first(api, history):
    pages = [api.get("servicerequestupdates.json", page=page, page_size=3)[1] for page in (1, 2, 3)]

    assert [len(page) for page in pages] == [3, 1, 0]


def test_it_uses_fixmystreets_element_names_in_xml(api, history):
    status, root = api.xml("servicerequestupdates.xml")

    assert status == 200
    assert root.tag == "service_requests_updates"
    first = root.find("request_update")
    assert [child.tag for child in first] == [
        "update_id",
        "service_request_id",
        "status",
        "updated_datetime",
        "description",
        "media_url",
    ]


def test_it_lists_a_page_in_two_queries(api, history, django_assert_num_queries):
    with django_assert_num_queries(2):
        api.get("servicerequestupdates.json")
