"""The one place call records and agent states change: `record_events`.

Every adapter (queue_log files and follow mode, the webhook, the bank importer and replay)
hands its events here in batches. A batch is one transaction: the calls it touches, the
agents' state intervals and the interval summaries change together or not at all.

A call's events merge in any order into one record: each sets what it knows, the outcome
only moves up (waiting < left before queueing < abandoned < timed out or exited < answered
< transferred), and applying an event twice changes nothing. So a retried webhook batch, a
re-imported file or a log read again after rotation never counts a call twice.

A wait or talk time worked out from event times that comes out negative (answered before it
was offered, ended before it was answered) or longer than MAX_SECONDS, the limit on
durations a source gives, refuses the call's events of that batch: the call stays as it
was, and the refusal is counted in the data-quality summary (and returned, so the webhook
can name the events). An agent state interval longer than MAX_SECONDS is closed at its
start, and counted the same way.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction

from care311.contact_center import store
from care311.contact_center.adapters.events import (
    MAX_SECONDS,
    AgentAction,
    AgentEvent,
    CallEvent,
    CallKind,
)
from care311.contact_center.metrics import summaries
from care311.contact_center.models import (
    ANSWERED_OUTCOMES,
    Agent,
    AgentState,
    AgentStateInterval,
    Outcome,
    Queue,
)
from care311.contact_center.quality import Quality
from care311.contact_center.store import Call

logger = logging.getLogger(__name__)

DEFAULT_QUEUE = "default"

OUTCOME_OF = {
    CallKind.OFFERED: Outcome.WAITING,
    CallKind.ANSWERED: Outcome.ANSWERED,
    CallKind.COMPLETED: Outcome.ANSWERED,
    CallKind.TRANSFERRED: Outcome.TRANSFERRED,
    CallKind.ABANDONED: Outcome.ABANDONED,
    CallKind.TIMED_OUT: Outcome.TIMED_OUT,
    CallKind.EXITED_KEY: Outcome.EXITED_KEY,
    CallKind.EXITED_EMPTY: Outcome.EXITED_EMPTY,
    CallKind.IVR: Outcome.IVR,
}
RANK = {
    Outcome.WAITING: 0,
    Outcome.IVR: 1,
    Outcome.ABANDONED: 2,
    Outcome.TIMED_OUT: 3,
    Outcome.EXITED_KEY: 3,
    Outcome.EXITED_EMPTY: 3,
    Outcome.ANSWERED: 4,
    Outcome.TRANSFERRED: 5,
}
FINAL = frozenset(OUTCOME_OF) - {CallKind.OFFERED, CallKind.ANSWERED}
DURATIONS = ("wait", "ring", "talk", "hold", "wrap")
GUESSED_ARRIVAL = "arrived_at"  # in a call's `derived`: no offered event has come yet
TOO_LONG = f"agent state intervals of more than {MAX_SECONDS // 86400} days, closed at their start"
# Where the summaries' fields stand in a call's values.
SUMMARY_POSITIONS = tuple(store.COLUMNS.index(name) for name in summaries.CALL_FIELDS)


@dataclass
class Outcomes:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    intervals: int = 0
    refused: dict[str, str] = field(default_factory=dict)  # call key -> why


class Impossible(ValueError):
    """A call's event times give a duration no call can have; the message says which."""


class Pipeline:
    """Writes one source's events; keeps the queue and agent ids it has looked up."""

    def __init__(self, source: str, quality: Quality) -> None:
        self.source = source
        self.quality = quality
        self.queues: dict[str, int] = {}
        self.agents: dict[str, int] = {}

    def record_events(
        self, calls: Sequence[CallEvent], agents: Sequence[AgentEvent] = ()
    ) -> Outcomes:
        """Apply one batch of events in one transaction; returns what changed."""
        outcomes = Outcomes()
        with transaction.atomic():
            self._ids(calls, agents)
            if calls:
                self._calls(calls, outcomes)
            if agents:
                outcomes.intervals = apply_agent_events(
                    agents, self.agents, self.source, self.quality
                )
        self.quality.calls_created += outcomes.created
        self.quality.calls_updated += outcomes.updated
        self.quality.calls_unchanged += outcomes.unchanged
        self.quality.intervals += outcomes.intervals
        return outcomes

    def _ids(self, calls: Sequence[CallEvent], agents: Sequence[AgentEvent]) -> None:
        queue_names = {event.queue or DEFAULT_QUEUE for event in calls} - set(self.queues)
        if queue_names:
            self.queues.update(_ensure(Queue, queue_names))
        agent_names = {event.agent for event in calls if event.agent}
        agent_names |= {event.agent for event in agents}
        agent_names -= set(self.agents)
        if agent_names:
            self.agents.update(_ensure(Agent, agent_names))

    def _calls(self, events: Sequence[CallEvent], outcomes: Outcomes) -> None:
        by_call: dict[str, list[CallEvent]] = defaultdict(list)
        for event in sorted(events, key=lambda event: event.at):
            by_call[event.call_key[:200]].append(event)
        existing = store.existing(self.source, list(by_call))

        created: list[Call] = []
        changed: list[Call] = []
        old_rows: list[summaries.CallRow] = []
        for key, call_events in by_call.items():
            call = existing.get(key)
            if call is None:
                call = self._new_call(key, call_events)
                before = None
            else:
                before = call.values()
                _forget_derived(call)
            for event in call_events:
                self._merge(call, event)
            try:
                self._derive(call)
            except Impossible as error:
                outcomes.refused[key] = str(error)
                self.quality.quarantined[f"calls refused: {error}"] += 1
                continue
            if before is None:
                created.append(call)
            elif call.values() != before:
                changed.append(call)
                old_rows.append(_summary_row(before))
            else:
                outcomes.unchanged += 1

        store.insert(self.source, created)
        store.update(changed)
        outcomes.created, outcomes.updated = len(created), len(changed)

        new_rows = [_summary_row(call.values()) for call in (*created, *changed)]
        summaries.add_calls(
            [*old_rows, *new_rows],
            [-1] * len(old_rows) + [1] * len(new_rows),
            summaries.queue_thresholds(),
        )

    def _new_call(self, key: str, events: list[CallEvent]) -> Call:
        first = events[0]
        arrived = first.at
        if first.kind not in (CallKind.OFFERED, CallKind.IVR) and not any(
            event.kind == CallKind.OFFERED for event in events
        ):
            # No "offered" line: the arrival is the first line's time less the durations it
            # gives; an offered event found later puts in the true arrival.
            spent = (first.wait or 0) + ((first.talk or 0) if first.kind in FINAL else 0)
            arrived -= timedelta(seconds=spent)
            self.quality.caveats["call with no entering line (arrival from its durations)"] += 1
            guessed = GUESSED_ARRIVAL
        else:
            guessed = ""
        return Call(
            id=None,
            source_key=key,
            queue_id=self.queues[first.queue or DEFAULT_QUEUE],
            agent_id=None,
            channel=first.channel or "phone",
            arrived_at=arrived,
            derived=guessed,
        )

    def _merge(self, record: Call, event: CallEvent) -> None:
        if event.kind == CallKind.OFFERED:
            record.arrived_at = event.at
            record.derived = ""
        elif GUESSED_ARRIVAL in record.derived.split(","):
            # A guessed arrival moves back to the earliest event: the call was in by then.
            record.arrived_at = min(record.arrived_at, event.at)
        if event.queue:
            record.queue_id = self.queues[event.queue]
        if event.agent:
            record.agent_id = self.agents[event.agent]
        if event.kind == CallKind.ANSWERED:
            record.answered_at = event.at
        elif event.kind in FINAL:
            if event.kind in (CallKind.COMPLETED, CallKind.TRANSFERRED) and not record.answered_at:
                self.quality.caveats[
                    f"{event.kind.value} with no answer line (answer time from the talk time)"
                ] += 1
            record.complete = True
            record.ended_at = max(record.ended_at or event.at, event.at)

        outcome = OUTCOME_OF[event.kind]
        if RANK[outcome] > RANK[Outcome(record.outcome)]:
            record.outcome = outcome
        for name in DURATIONS:
            value = getattr(event, name)
            if value is not None:
                setattr(record, f"{name}_seconds", value)
        for name, value in (
            ("channel", event.channel),
            ("caller_number", event.caller),
            ("ended_by", event.ended_by),
            ("transfer_target", event.transfer_target),
        ):
            if value:
                setattr(record, name, value)
        if event.position is not None:
            record.position = event.position

    def _derive(self, record: Call) -> None:
        """Fill in what the events imply but did not say, and note which fields those are.

        Raises Impossible when a wait or talk time so worked out is negative or too long."""
        derived = [GUESSED_ARRIVAL] if GUESSED_ARRIVAL in record.derived.split(",") else []
        answered = record.outcome in ANSWERED_OUTCOMES
        if answered and record.answered_at is None and record.ended_at is not None:
            if record.ended_at < record.arrived_at:
                raise Impossible("ended before it was offered")
            record.answered_at = record.ended_at - timedelta(seconds=record.talk_seconds or 0)
            derived.append("answered_at")
        if record.wait_seconds is None:
            until = record.answered_at if answered else record.ended_at
            if until is not None:
                record.wait_seconds = _span(
                    until - record.arrived_at,
                    "answered" if answered else "ended",
                    "before it was offered",
                    "wait",
                )
                derived.append("wait_seconds")
        if (
            answered
            and record.complete
            and record.talk_seconds is None
            and record.answered_at is not None
            and record.ended_at is not None
        ):
            span = _span(
                record.ended_at - record.answered_at, "ended", "before it was answered", "talk"
            )
            record.talk_seconds = max(0, span - (record.hold_seconds or 0))
            derived.append("talk_seconds")
        record.derived = ",".join(derived)


def _forget_derived(call: Call) -> None:
    """Clear what was worked out before, to work it out again with this batch's events (a
    guessed arrival stays until an offered event replaces it)."""
    for name in filter(None, call.derived.split(",")):
        if name != GUESSED_ARRIVAL:
            setattr(call, name, None)


def _span(span: timedelta, did: str, too_soon: str, what: str) -> int:
    """Whole seconds of a duration worked out from two event times."""
    seconds = round(span.total_seconds())
    if seconds < 0:
        raise Impossible(f"{did} {too_soon}")
    if seconds > MAX_SECONDS:
        raise Impossible(f"a {what} of more than {MAX_SECONDS // 86400} days between its times")
    return seconds


def _summary_row(values: tuple) -> summaries.CallRow:
    return tuple(values[index] for index in SUMMARY_POSITIONS)


def _ensure(model: type[Queue | Agent], names: Iterable[str]) -> dict[str, int]:
    """name -> id for queues or agents, creating the ones not seen before."""
    wanted = sorted(names)
    if model is Queue:
        Queue.objects.bulk_create([Queue(name=name) for name in wanted], ignore_conflicts=True)
    else:
        Agent.objects.bulk_create([Agent(name=name) for name in wanted], ignore_conflicts=True)
    return dict(model._default_manager.filter(name__in=wanted).values_list("name", "id"))


def apply_agent_events(
    events: Sequence[AgentEvent], ids: dict[str, int], source: str, quality: Quality
) -> int:
    """Open and close agents' state intervals; returns how many intervals were opened.

    BEGIN opens a state beside the others (a login, a pause, a call), END closes it, SWITCH
    closes every state but the session and opens the new one (a state report implies a
    session, so it opens one if none is open), LOGOUT closes everything. Opening an
    interval that already exists (the same agent, state and start) changes nothing. An
    interval that would last more than MAX_SECONDS (a missed logout, a clock gone wrong) is
    closed at its start instead, and counted in `quality`.
    """
    ordered = sorted(events, key=lambda event: event.at)
    agent_ids = {ids[event.agent] for event in ordered}
    open_now: dict[tuple[int, str], AgentStateInterval] = {
        (interval.agent_id, interval.state): interval
        for interval in AgentStateInterval.objects.filter(
            agent_id__in=agent_ids, ended_at__isnull=True
        )
    }
    starts = {event.at for event in ordered}
    known = set(
        AgentStateInterval.objects.filter(
            agent_id__in=agent_ids, started_at__gte=min(starts), started_at__lte=max(starts)
        ).values_list("agent_id", "state", "started_at")
    )
    opened: list[AgentStateInterval] = []
    closed: dict[int, AgentStateInterval] = {}

    def begin(agent_id: int, state: str, at: datetime, reason: str = "") -> None:
        if (agent_id, state) in open_now or (agent_id, state, at) in known:
            return
        interval = AgentStateInterval(
            agent_id=agent_id, state=state, reason=reason, started_at=at, source=source
        )
        open_now[(agent_id, state)] = interval
        known.add((agent_id, state, at))
        opened.append(interval)

    def end(agent_id: int, state: str, at: datetime) -> None:
        interval = open_now.pop((agent_id, state), None)
        if interval is not None:
            interval.ended_at = max(at, interval.started_at)
            if (interval.ended_at - interval.started_at).total_seconds() > MAX_SECONDS:
                interval.ended_at = interval.started_at
                quality.quarantined[TOO_LONG] += 1
            if interval.pk is not None:
                closed[interval.pk] = interval

    for event in ordered:
        agent_id = ids[event.agent]
        if event.action == AgentAction.BEGIN:
            begin(agent_id, event.state, event.at, event.reason)
        elif event.action == AgentAction.END:
            end(agent_id, event.state, event.at)
        else:
            for _, state in [key for key in open_now if key[0] == agent_id]:
                if event.action == AgentAction.LOGOUT or state != AgentState.LOGGED_IN:
                    end(agent_id, state, event.at)
            if event.action == AgentAction.SWITCH:
                begin(agent_id, AgentState.LOGGED_IN, event.at)
                begin(agent_id, event.state, event.at, event.reason)

    AgentStateInterval.objects.bulk_create(opened, batch_size=1000, ignore_conflicts=True)
    AgentStateInterval.objects.bulk_update(closed.values(), ["ended_at"], batch_size=500)
    return len(opened)
