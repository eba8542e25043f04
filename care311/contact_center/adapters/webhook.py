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
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

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


class EventError(ValueError):
    """One event cannot be taken; the message says why."""


@dataclass
class Translated:
    calls: list[CallEvent] = field(default_factory=list)
    agents: list[AgentEvent] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    duplicates: int = 0
    rejected: list[dict] = field(default_factory=list)


def translate(events: list, seen: set[str], call_prefix: str) -> Translated:
    """The batch's new events as call and agent events; `seen` holds ids already taken."""
    out = Translated()
    in_batch: set[str] = set()
    for index, event in enumerate(events):
        event_id = event.get("id") if isinstance(event, dict) else None
        try:
            if not isinstance(event, dict):
                raise EventError("an event is a JSON object")
            if not isinstance(event_id, str | int) or not str(event_id).strip():
                raise EventError("id: required")
            event_id = str(event_id).strip()[:200]
            if event_id in seen or event_id in in_batch:
                out.duplicates += 1
                continue
            _one(event, out, call_prefix)
        except EventError as error:
            out.rejected.append({"index": index, "id": event_id, "error": str(error)})
            continue
        in_batch.add(event_id)
        out.ids.append(event_id)
    return out


def _one(event: dict, out: Translated, call_prefix: str) -> None:
    kind = event.get("type")
    at = _moment(event.get("at"))
    if kind == "agent.state":
        out.agents.append(_agent_event(event, at))
        return
    if kind == "call.exited":
        found = EXIT_REASONS.get(str(event.get("reason", "")))
        if found is None:
            raise EventError("reason: 'key' or 'empty' for call.exited")
    elif kind in CALL_TYPES:
        found = CALL_TYPES[kind]
    else:
        raise EventError(f"type: unknown event type {kind!r}")
    call_id = event.get("call_id")
    if not isinstance(call_id, str | int) or not str(call_id).strip():
        raise EventError("call_id: required for call events")
    out.calls.append(
        CallEvent(
            f"{call_prefix}{str(call_id).strip()}",
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


def _agent_event(event: dict, at: datetime) -> AgentEvent:
    agent = _text(event, "agent")
    if not agent:
        raise EventError("agent: required for agent.state")
    state = event.get("state")
    if state == "logged_out":
        return AgentEvent(agent, AgentAction.LOGOUT, at)
    if state not in AGENT_STATES:
        raise EventError("state: logged_out, available, on_call, wrap_up or paused")
    reason = _text(event, "reason", 200) if state == AgentState.PAUSED else ""
    return AgentEvent(agent, AgentAction.SWITCH, at, state=str(state), reason=reason)


def _moment(value: object) -> datetime:
    moment = None
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            moment = datetime.fromtimestamp(value, UTC)
        elif isinstance(value, str):
            moment = datetime.fromisoformat(value)
    except (ValueError, OverflowError, OSError):
        pass
    if moment is None:
        raise EventError("at: ISO 8601 with a zone offset, or seconds since 1970")
    if moment.tzinfo is None:
        raise EventError("at: give a zone offset (e.g. Z or -06:00)")
    return moment.astimezone(UTC)


def _text(event: dict, name: str, limit: int | None = None) -> str:
    value = event.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str | int):
        raise EventError(f"{name}: text")
    return str(value).strip()[: limit or TEXT_LIMITS[name]]


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
    if value > MAX_SECONDS:
        raise EventError(f"{name}: too large")
    return round(value)
