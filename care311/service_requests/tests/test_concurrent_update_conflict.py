"""Two agents act on the same version of a request: the first wins, the second gets a
ConflictError naming who changed it and when, and nothing of theirs is written."""

from datetime import UTC, datetime

import pytest
import time_machine

from care311.service_requests import actions, casework
from care311.service_requests.actions import ActionError, ConflictError


@pytest.fixture
def filed(pothole, staff):
    return actions.create_request(service=pothole, channel="web", by=staff["ana"])


def test_it_keeps_the_first_change_and_refuses_the_second(pothole, staff):
    with time_machine.travel(datetime(2026, 3, 2, 16, 0, tzinfo=UTC), tick=False):
        filed = actions.create_request(service=pothole, channel="web", by=staff["ana"])
    shown = filed.version  # both agents opened the page at this version

    with time_machine.travel(datetime(2026, 3, 2, 16, 5, tzinfo=UTC), tick=False):
        casework.claim_request(filed, by=staff["ana"], expected_version=shown)
    with pytest.raises(ConflictError) as refused:
        actions.add_note(filed, note="I'll take it", by=staff["ben"], expected_version=shown)

    assert str(refused.value) == (
        f"request {filed.public_id} was changed by ana at 2026-03-02 10:05 after you opened "
        "it; nothing was saved. Check its current state and try again."
    )
    assert (refused.value.changed_by, refused.value.request.assigned_to) == ("ana", staff["ana"])
    filed.refresh_from_db()
    assert (filed.assigned_to, filed.version) == (staff["ana"], shown + 1)
    assert [event.actor_name for event in filed.events.all()] == ["ana", "ana"]


def test_it_is_an_action_error_so_existing_callers_still_catch_it(filed, staff):
    actions.update_status(filed, "in_progress", by=staff["ana"])

    with pytest.raises(ActionError, match="was changed by ana"):
        casework.hold_request(filed, note="Waiting", by=staff["ben"], expected_version=1)


def test_it_bumps_the_version_with_every_action(filed, staff):
    versions = [filed.version]
    for act in (
        lambda r: casework.claim_request(r, by=staff["ana"]),
        lambda r: casework.hold_request(r, note="Waiting", by=staff["ana"]),
        lambda r: casework.resume_request(r, by=staff["ana"]),
        lambda r: actions.update_request(r, description="Deeper now", by=staff["ana"]),
        lambda r: actions.close_request(r, reason="Fixed", by=staff["ana"]),
    ):
        act(filed)
        filed.refresh_from_db()
        versions.append(filed.version)

    assert versions == [1, 2, 3, 4, 5, 6]
