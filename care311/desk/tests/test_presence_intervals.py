"""Every presence change is a timed interval; one open interval per agent at most."""

from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError, transaction

from care311.desk import actions
from care311.desk.models import Presence, PresenceInterval
from care311.service_requests.actions import ActionError

from .conftest import STARTED


def _intervals(user):
    return list(
        PresenceInterval.objects.filter(user=user).values_list(
            "state", "reason", "started_at", "ended_at"
        )
    )


def test_each_change_closes_one_interval_and_opens_the_next(as_ana, cast):
    times = [STARTED + timedelta(minutes=minutes) for minutes in (0, 20, 35, 50)]
    for at, data in zip(
        times,
        [
            {"state": "available"},
            {"state": "break", "reason": "Lunch"},
            {"state": "available"},
            {"state": "offline"},
        ],
        strict=True,
    ):
        with time_machine.travel(at, tick=False):
            assert as_ana.post("/desk/presence/", data).status_code == 302

    assert _intervals(cast["ana"]) == [
        (Presence.AVAILABLE, "", times[0], times[1]),
        (Presence.BREAK, "Lunch", times[1], times[2]),
        (Presence.AVAILABLE, "", times[2], times[3]),
    ]


def test_the_same_state_again_changes_nothing(cast):
    actions.set_presence(cast["ana"], "available", by=cast["ana"], now=STARTED)
    actions.set_presence(
        cast["ana"], "available", by=cast["ana"], now=STARTED + timedelta(minutes=5)
    )

    assert _intervals(cast["ana"]) == [(Presence.AVAILABLE, "", STARTED, None)]


def test_a_break_needs_a_reason(as_ana, cast):
    response = as_ana.post("/desk/presence/", {"state": "break"}, follow=True)

    assert "Presence not changed: a break needs a reason." in response.content.decode()
    assert _intervals(cast["ana"]) == []


def test_an_agent_cannot_leave_a_contact_by_changing_presence(as_ana, cast, contact):
    response = as_ana.post("/desk/presence/", {"state": "available"}, follow=True)

    assert f"Presence not changed: wrap up contact {contact.pk} first." in (
        response.content.decode()
    )
    assert _intervals(cast["ana"]) == [(Presence.ON_CONTACT, "", STARTED, None)]


def test_on_contact_is_not_chosen_by_hand(cast):
    with pytest.raises(ActionError, match="choose available, break or offline"):
        actions.choose_presence(cast["ana"], "on_contact")


def test_the_database_holds_one_open_interval_per_agent(cast):
    PresenceInterval.objects.create(user=cast["ana"], state="available", started_at=STARTED)

    with pytest.raises(IntegrityError), transaction.atomic():
        PresenceInterval.objects.create(user=cast["ana"], state="break", started_at=STARTED)


def test_signing_out_ends_the_desk_session_and_goes_offline(client, cast):
    client.login(username="ana", password="desk-test-password-1")
    with time_machine.travel(STARTED, tick=False):
        client.post("/desk/presence/", {"state": "available"})
        client.post("/desk/heartbeat/")
    with time_machine.travel(STARTED + timedelta(hours=1), tick=False):
        client.post("/admin/logout/")

    assert _intervals(cast["ana"]) == [
        (Presence.AVAILABLE, "", STARTED, STARTED + timedelta(hours=1))
    ]
    assert cast["ana"].desk_sessions.get().ended_at == STARTED + timedelta(hours=1)


def test_a_break_reason_longer_than_its_field_is_refused(as_ana, cast):
    response = as_ana.post("/desk/presence/", {"state": "break", "reason": "x" * 300}, follow=True)

    assert "Presence not changed: a break reason has at most 200 characters, not 300." in (
        response.content.decode()
    )
    assert _intervals(cast["ana"]) == []


def test_a_break_reason_of_exactly_its_field_is_kept(as_ana, cast):
    as_ana.post("/desk/presence/", {"state": "break", "reason": "x" * 200})

    assert [reason for _state, reason, *_times in _intervals(cast["ana"])] == ["x" * 200]


def test_a_break_reason_with_a_nul_is_refused_by_the_action_too(cast):
    with pytest.raises(ActionError, match="a break reason cannot hold a NUL character"):
        actions.choose_presence(cast["ana"], Presence.BREAK, reason="lunch\x00")

    assert _intervals(cast["ana"]) == []
