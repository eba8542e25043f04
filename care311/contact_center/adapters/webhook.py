"""Events posted by any phone system or cloud contact center, as JSON.

A batch is {"events": [...]} (or the list alone). Each event:

  id        the sender's event id (required): a retried event with the same id is skipped
  type      call.offered, call.answered, call.ended, call.abandoned, call.transferred,
            call.timed_out, call.exited (a key press or no agents: "reason": "key"|"empty"),
            or agent.state
  at        when, ISO 8601 with a zone offset ("2025-03-01T14:00:05Z") or seconds since 1970
  call_id   the call's id (call events)
  queue, agent, channel, caller (call.offered: the caller's number, kept private), position,
  ended_by ("caller" or "agent"), transfer_target, and durations in seconds when the sender
  knows them better than the event times do: wait_seconds, ring_seconds, talk_seconds,
  hold_seconds, wrap_seconds
  state     agent.state: logged_out, available, on_call, wrap_up or paused (with "reason")

Waits and talk times not given are worked out from the call's own event times. Agents'
time comes from agent.state events only.

An event is refused on its own, with the field and the problem named, when a field holds
what no phone system sends: a NUL or a lone surrogate in a text, a duration that is not a
finite number, a time before 2000 or more than a day ahead of now.
"""

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from care311.contact_center.adapters.events import (
    MAX_SECONDS,
    AgentAction,
    AgentEvent,
    CallEvent,
    CallKind,
)
from care311.contact_center.models import AgentState

CALL_TYPES = {
    "call.offered": CallKind.OFFERED,
    "call.answered": CallKind.ANSWERED,
    "call.ended": CallKind.COMPLETED,
    "call.abandoned": CallKind.ABANDONED,
    "call.transferred": CallKind.TRANSFERRED,
    "call.timed_out": CallKind.TIMED_OUT,
}
EXIT_REASONS = {"key": CallKind.EXITED_KEY, "empty": CallKind.EXITED_EMPTY}
AGENT_STATES = frozenset(
    {AgentState.AVAILABLE, AgentState.ON_CALL, AgentState.WRAP_UP, AgentState.PAUSED}
)
DURATIONS = ("wait", "ring", "talk", "hold", "wrap")
TEXT_LIMITS = {"queue": 100, "agent": 200, "channel": 20, "caller": 40, "transfer_target": 200}
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
AHEAD = timedelta(days=1)  # room for a phone system's clock running fast
TOO_EARLY = f"at: before {EARLIEST.date()}"
TOO_LATE = "at: more than a day ahead of now"


class EventError(ValueError):
    """One event cannot be taken; the message says why."""


@dataclass
class Translated:
    calls: list[CallEvent] = field(default_factory=list)
    agents: list[AgentEvent] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    duplicates: int = 0
    rejected: list[dict] = field(default_factory=list)
    # call key -> (position, id) of this batch's events of that call
    events_of_call: dict[str, list[tuple[int, str]]] = field(default_factory=dict)


def translate(
    events: list, seen: set[str], call_prefix: str, now: datetime | None = None
) -> Translated:
    """The batch's new events as call and agent events; `seen` holds ids already taken."""
    out = Translated()
    latest = (now or datetime.now(UTC)) + AHEAD
    in_batch: set[str] = set()
    for index, event in enumerate(events):
        event_id = event.get("id") if isinstance(event, dict) else None
        try:
            if not isinstance(event, dict):
                raise EventError("an event is a JSON object")
            event_id = _event_id(event)
            if event_id in seen or event_id in in_batch:
                out.duplicates += 1
                continue
            call_key = _one(event, out, call_prefix, latest)
        except EventError as error:
            out.rejected.append({"index": index, "id": event_id, "error": str(error)})
            continue
        in_batch.add(event_id)
        out.ids.append(event_id)
        if call_key:
            out.events_of_call.setdefault(call_key, []).append((index, event_id))
    return out


def event_ids(events: list) -> list[str]:
    """The ids of the events that have a readable one, to look up as already taken."""
    ids = []
    for event in events:
        try:
            ids.append(_event_id(event))
        except EventError:
            continue
    return ids


def _event_id(event: object) -> str:
    value = event.get("id") if isinstance(event, dict) else None
    if not isinstance(value, str | int) or not str(value).strip():
        raise EventError("id: required")
    return _checked("id", str(value).strip()[:200])


def _one(event: dict, out: Translated, call_prefix: str, latest: datetime) -> str:
    """Add the event to `out`; returns its call's key ("" for an agent event)."""
    kind = event.get("type")
    at = _moment(event.get("at"), latest)
    if kind == "agent.state":
        out.agents.append(_agent_event(event, at))
        return ""
    if kind == "call.exited":
        found = EXIT_REASONS.get(str(event.get("reason", "")))
        if found is None:
            raise EventError("reason: 'key' or 'empty' for call.exited")
    elif not isinstance(kind, str):
        raise EventError("type: text, such as call.offered")
    elif kind in CALL_TYPES:
        found = CALL_TYPES[kind]
    else:
        raise EventError(f"type: unknown event type {kind[:100]!r}")
    call_id = event.get("call_id")
    if not isinstance(call_id, str | int) or not str(call_id).strip():
        raise EventError("call_id: required for call events")
    call_key = f"{call_prefix}{_checked('call_id', str(call_id).strip())}"[:200]
    out.calls.append(
        CallEvent(
            call_key,
            found,
            at,
            queue=_text(event, "queue"),
            agent=_text(event, "agent"),
            channel=_text(event, "channel"),
            caller=_text(event, "caller") if found == CallKind.OFFERED else "",
            position=_number(event, "position"),
            ended_by=_choice(event, "ended_by", ("caller", "agent")),
            transfer_target=_text(event, "transfer_target"),
            **{name: _number(event, f"{name}_seconds") for name in DURATIONS},
        )
    )
    return call_key


def _agent_event(event: dict, at: datetime) -> AgentEvent:
    agent = _text(event, "agent")
    if not agent:
        raise EventError("agent: required for agent.state")
    state = event.get("state")
    if state == "logged_out":
        return AgentEvent(agent, AgentAction.LOGOUT, at)
    if not isinstance(state, str) or state not in AGENT_STATES:
        raise EventError("state: logged_out, available, on_call, wrap_up or paused")
    reason = _text(event, "reason", 200) if state == AgentState.PAUSED else ""
    return AgentEvent(agent, AgentAction.SWITCH, at, state=str(state), reason=reason)


def _moment(value: object, latest: datetime) -> datetime:
    moment = _utc(value)
    if moment < EARLIEST:
        raise EventError(TOO_EARLY)
    if moment > latest:
        raise EventError(TOO_LATE)
    return moment


def _utc(value: object) -> datetime:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        try:
            return datetime.fromtimestamp(value, UTC)
        except (ValueError, OverflowError, OSError):  # beyond the years a datetime holds
            raise EventError(TOO_EARLY if value < 0 else TOO_LATE) from None
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None:
        raise EventError("at: ISO 8601 with a zone offset, or seconds since 1970")
    if moment.tzinfo is None:
        raise EventError("at: give a zone offset (e.g. Z or -06:00)")
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # year 9999 at -14:00, or year 1 at +14:00
        raise EventError(TOO_EARLY if moment.year == 1 else TOO_LATE) from None


def _text(event: dict, name: str, limit: int | None = None) -> str:
    value = event.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str | int):
        raise EventError(f"{name}: text")
    return _checked(name, str(value).strip()[: limit or TEXT_LIMITS[name]])


def _checked(name: str, text: str) -> str:
    """`text`, unless it holds what a database cannot store (PostgreSQL refuses NUL; no
    database can encode a lone surrogate) or a page should not show."""
    if "\0" in text:
        raise EventError(f"{name}: contains a NUL character")
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise EventError(f"{name}: not valid Unicode (a lone surrogate)") from None
    return text


def _choice(event: dict, name: str, allowed: tuple[str, ...]) -> str:
    value = event.get(name) or ""
    if value and value not in allowed:
        raise EventError(f"{name}: one of {', '.join(allowed)}")
    return str(value)


def _number(event: dict, name: str) -> int | None:
    value = event.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise EventError(f"{name}: a number, 0 or more")
    if not math.isfinite(value):
        raise EventError(f"{name}: a finite number (not NaN or Infinity)")
    if value > MAX_SECONDS:
        raise EventError(f"{name}: too large")
    return round(value)
