"""A duplicate cannot be merged into a closed request: the message says what to do."""

import pytest

from care311.service_requests import actions
from care311.service_requests.actions import ActionError
from care311.service_requests.models import EventKind, Status


def test_it_refuses_a_merge_into_a_closed_request(pothole, staff):
    closed = actions.create_request(service=pothole, channel="web", by=staff["ana"])
    actions.close_request(closed, reason="Fixed", by=staff["stella"])
    duplicate = actions.create_request(service=pothole, channel="phone", by=staff["ben"])

    with pytest.raises(ActionError) as refused:
        actions.merge_request(duplicate, into=closed, by=staff["ben"])

    assert str(refused.value) == (
        f"request {closed.public_id} is closed; reopen it or choose an open one"
    )
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.duplicate_of, duplicate.version) == (Status.NEW, None, 1)
    assert list(duplicate.events.values_list("kind", flat=True)) == [EventKind.CREATED]


def test_it_merges_once_the_request_is_reopened(pothole, staff):
    closed = actions.create_request(service=pothole, channel="web", by=staff["ana"])
    actions.close_request(closed, reason="Fixed", by=staff["stella"])
    actions.reopen_request(closed, reason="Came back", by=staff["ana"])
    duplicate = actions.create_request(service=pothole, channel="phone", by=staff["ben"])

    merged = actions.merge_request(duplicate, into=closed, by=staff["ben"])

    assert (merged.status, merged.duplicate_of_id) == (Status.DUPLICATE, closed.pk)
