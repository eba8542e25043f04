"""Asterisk's queue_log, as a file (`epoch|callid|queue|agent|EVENT|data1|...`) or as rows of
the realtime `queue_log` table (time, callid, queuename, agent, event, data1..data5).

Each line becomes call and agent events at once. Units as Asterisk writes them: hold (wait),
talk and ring times in seconds, except RINGNOANSWER and RINGCANCELED, in milliseconds.
Asterisk's "holdtime" is the time waiting in the queue, so it is the call's wait here.
"""

import csv
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from care311.contact_center.adapters.events import (
    MAX_SECONDS,
    AgentAction,
    AgentEvent,
    CallEvent,
    CallKind,
)
from care311.contact_center.quality import Quality
from care311.imports.errors import RowError

FORMAT = "asterisk-queue-log"
ROW_FORMAT = "asterisk-queue-log-rows"
ROW_COLUMNS = ("time", "callid", "queuename", "agent", "event")
DATA_COLUMNS = ("data1", "data2", "data3", "data4", "data5")

# Lines that say something about the system, not about a call or an agent's state.
SYSTEM_EVENTS = frozenset(
    {"QUEUESTART", "CONFIGRELOAD", "SYSCOMPAT", "INFO", "DID", "PENALTY", "AGENTDUMP"}
)
RING_EVENTS = frozenset({"RINGNOANSWER", "RINGCANCELED"})
ANONYMOUS = frozenset({"", "anonymous", "unknown", "private", "restricted", "none"})
NO_AGENT = frozenset({"", "NONE"})
RECENT_LINES = 100_000  # how many lines back an exact repeat is recognised as a duplicate

Events = tuple[list[CallEvent], list[AgentEvent]]


class QueueLogTranslator:
    """Turns the fields of one queue_log line into events, counting what it sees.

    Keeps only what telling duplicates and out-of-order lines needs: the latest time seen
    and the most recent lines' text.
    """

    def __init__(self, quality: Quality, zone: tzinfo = UTC) -> None:
        self.quality = quality
        self.zone = zone
        self.latest = 0.0
        self.recent: OrderedDict[tuple[str, ...], None] = OrderedDict()

    def translate(self, fields: list[str]) -> Events:
        """The events of one line; raises RowError for a line that cannot be read."""
        if len(fields) < 5:
            raise RowError("missing fields: fewer than time|callid|queue|agent|event")
        when = self._time(fields[0])
        call_id, queue, agent, event = (value.strip() for value in fields[1:5])
        event = event.upper()
        data = [value.strip() for value in fields[5:]]

        if self._repeated(fields):
            self.quality.duplicates += 1
            return [], []
        stamp = when.timestamp()
        if stamp < self.latest:
            self.quality.out_of_order += 1
        self.latest = max(self.latest, stamp)
        self.quality.events[event] += 1

        handler = _HANDLERS.get(event)
        if handler is not None:
            if not call_id or call_id == "NONE":
                raise RowError(f"no call id on a {event} line")
            return handler(self, event, call_id, when, queue, agent, data), []
        if event in _AGENT_STATES:
            return [], self._agent_event(event, when, agent, data)
        if event in RING_EVENTS:
            milliseconds = _number(data, 0, "ring time", limit=1000 * MAX_SECONDS)
            self.quality.ring_milliseconds += milliseconds or 0
            return [], []
        if event not in SYSTEM_EVENTS:
            self.quality.unknown[event or "(empty)"] += 1
            raise RowError(f"unknown event type: {event or '(empty)'}")
        return [], []

    def _time(self, value: str) -> datetime:
        value = value.strip()
        try:
            if re.fullmatch(r"\d+(\.\d+)?", value):
                return datetime.fromtimestamp(float(value), tz=UTC)
            moment = datetime.fromisoformat(value)
        except (ValueError, OverflowError):
            raise RowError(f"unparseable time: {value!r}") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.zone)
        return moment.astimezone(UTC)

    def _repeated(self, fields: list[str]) -> bool:
        key = tuple(fields)
        if key in self.recent:
            return True
        self.recent[key] = None
        if len(self.recent) > RECENT_LINES:
            self.recent.popitem(last=False)
        return False

    def _caveat(self, event: str, data: list[str], needed: int) -> None:
        if len(data) < needed or any(not value for value in data[:needed]):
            self.quality.caveats[f"{event} line with missing data fields"] += 1

    # One method per kind of call line: (event, call id, time, queue, agent, data) -> events.

    def _enter(self, event, call_id, when, queue, agent, data) -> list[CallEvent]:
        caller = data[1] if len(data) > 1 else ""
        return [
            CallEvent(
                call_id,
                CallKind.OFFERED,
                when,
                queue=queue,
                caller="" if caller.lower() in ANONYMOUS else caller[:40],
                position=_number(data, 2, "position"),
            )
        ]

    def _connect(self, event, call_id, when, queue, agent, data) -> list[CallEvent]:
        self._caveat("CONNECT", data, 1)
        return [
            CallEvent(
                call_id,
                CallKind.ANSWERED,
                when,
                queue=queue,
                agent=_agent(agent),
                wait=_number(data, 0, "hold time"),
                ring=_number(data, 2, "ring time"),
            )
        ]

    def _complete(self, event, call_id, when, queue, agent, data) -> list[CallEvent]:
        self._caveat(event, data, 2)
        ended_by = "caller" if event == "COMPLETECALLER" else "agent"
        return [
            CallEvent(
                call_id,
                CallKind.COMPLETED,
                when,
                queue=queue,
                agent=_agent(agent),
                wait=_number(data, 0, "hold time"),
                talk=_number(data, 1, "talk time"),
                position=_number(data, 2, "position"),
                ended_by=ended_by,
            )
        ]

    def _transfer(self, event, call_id, when, queue, agent, data) -> list[CallEvent]:
        # TRANSFER and BLINDTRANSFER: extension|context|holdtime|calltime|origposition.
        # ATTENDEDTRANSFER: method|its data (one or two fields)|holdtime|calltime|origposition.
        if len(data) < 5:
            self.quality.caveats[f"{event} line with missing data fields"] += 1
            data = data + [""] * (5 - len(data))
        times = data[-3:]
        target = "@".join(value for value in data[:-3] if value)
        return [
            CallEvent(
                call_id,
                CallKind.TRANSFERRED,
                when,
                queue=queue,
                agent=_agent(agent),
                wait=_number(times, 0, "hold time"),
                talk=_number(times, 1, "talk time"),
                position=_number(times, 2, "position"),
                transfer_target=target[:200],
            )
        ]

    def _left(self, event, call_id, when, queue, agent, data) -> list[CallEvent]:
        # ABANDON, EXITEMPTY and EXITWITHTIMEOUT: position|origposition|waittime;
        # EXITWITHKEY: key|position|origposition|waittime.
        kind = _LEFT_KINDS[event]
        if kind == CallKind.EXITED_KEY:
            data = data[1:]
        self._caveat(event, data, 3)
        return [
            CallEvent(
                call_id,
                kind,
                when,
                queue=queue,
                position=_number(data, 1, "position"),
                wait=_number(data, 2, "wait time"),
            )
        ]

    def _agent_event(self, event, when, agent, data) -> list[AgentEvent]:
        if agent in NO_AGENT:
            # AGENTLOGIN names the agent in data1 on some versions, with NONE in the column.
            agent = data[0] if event == "AGENTLOGIN" and data else ""
        if not agent:
            raise RowError(f"no agent on a {event} line")
        action, state = _AGENT_STATES[event]
        reason = data[0][:200] if state == "paused" and data else ""
        return [AgentEvent(agent[:200], action, when, state=state, reason=reason)]


def _agent(value: str) -> str:
    return "" if value in NO_AGENT else value[:200]


def _number(data: list[str], index: int, name: str, limit: int = MAX_SECONDS) -> int | None:
    if index >= len(data) or not data[index]:
        return None
    try:
        value = max(0, round(float(data[index])))
    except (ValueError, OverflowError):  # OverflowError: inf
        raise RowError(f"not a number in the {name} field: {data[index]!r}") from None
    if value > limit:
        raise RowError(f"not a number in the {name} field: {data[index]!r} (more than a week)")
    return value


_LEFT_KINDS = {
    "ABANDON": CallKind.ABANDONED,
    "EXITWITHTIMEOUT": CallKind.TIMED_OUT,
    "EXITWITHKEY": CallKind.EXITED_KEY,
    "EXITEMPTY": CallKind.EXITED_EMPTY,
}
_HANDLERS = {
    "ENTERQUEUE": QueueLogTranslator._enter,
    "CONNECT": QueueLogTranslator._connect,
    "COMPLETECALLER": QueueLogTranslator._complete,
    "COMPLETEAGENT": QueueLogTranslator._complete,
    "TRANSFER": QueueLogTranslator._transfer,
    "BLINDTRANSFER": QueueLogTranslator._transfer,
    "ATTENDEDTRANSFER": QueueLogTranslator._transfer,
    **dict.fromkeys(_LEFT_KINDS, QueueLogTranslator._left),
}

_AGENT_STATES = {
    "AGENTLOGIN": (AgentAction.BEGIN, "logged_in"),
    "AGENTCALLBACKLOGIN": (AgentAction.BEGIN, "logged_in"),
    "ADDMEMBER": (AgentAction.BEGIN, "logged_in"),
    "AGENTLOGOFF": (AgentAction.LOGOUT, ""),
    "AGENTCALLBACKLOGOFF": (AgentAction.LOGOUT, ""),
    "REMOVEMEMBER": (AgentAction.LOGOUT, ""),
    "PAUSE": (AgentAction.BEGIN, "paused"),
    "PAUSEALL": (AgentAction.BEGIN, "paused"),
    "UNPAUSE": (AgentAction.END, "paused"),
    "UNPAUSEALL": (AgentAction.END, "paused"),
}

# A call's on-call state follows its CONNECT and its last line.
ON_CALL_BEGINS = frozenset({CallKind.ANSWERED})
ON_CALL_ENDS = frozenset({CallKind.COMPLETED, CallKind.TRANSFERRED})


def on_call_events(events: Iterable[CallEvent]) -> list[AgentEvent]:
    """The agent states the call lines imply: on a call from CONNECT to its last line."""
    states = []
    for event in events:
        if not event.agent:
            continue
        if event.kind in ON_CALL_BEGINS:
            states.append(AgentEvent(event.agent, AgentAction.BEGIN, event.at, state="on_call"))
        elif event.kind in ON_CALL_ENDS:
            states.append(AgentEvent(event.agent, AgentAction.END, event.at, state="on_call"))
    return states


# Readers: each yields (record number, fields, raw text) in the file's or table's order.

Line = tuple[int, list[str], str]


def file_lines(handle: Iterable[str], first: int = 1) -> Iterator[Line]:
    for number, text in enumerate(handle, start=first):
        text = text.rstrip("\r\n")
        if text.strip():
            yield number, text.split("|"), text


def csv_rows(path: Path) -> Iterator[Line]:
    """A CSV export of the queue_log table, with a header naming its columns."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [name.strip().lower() for name in next(reader, [])]
        for number, row in enumerate(reader, start=1):
            if any(value.strip() for value in row):
                fields = row_fields(dict(zip(header, row, strict=False)))
                yield number, fields, "|".join(fields)


def table_rows(cursor, table: str, batch: int = 5000) -> Iterator[Line]:
    """The rows of a queue_log table on another database, oldest first."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?", table):
        raise ValueError(f"not a table name: {table!r}")
    cursor.execute(f"SELECT * FROM {table} ORDER BY time")  # noqa: S608 - a checked name
    header = [column[0].lower() for column in cursor.description]
    number = 0
    while chunk := cursor.fetchmany(batch):
        for row in chunk:
            number += 1
            values = ["" if value is None else str(value) for value in row]
            fields = row_fields(dict(zip(header, values, strict=True)))
            yield number, fields, "|".join(fields)


def row_fields(row: dict[str, str]) -> list[str]:
    """A table row as the file form's fields; an old `data` column holds data1|data2|..."""
    fields = [row.get(name, "") for name in ROW_COLUMNS]
    if any(name in row for name in DATA_COLUMNS):
        data = [row.get(name, "") for name in DATA_COLUMNS]
    else:
        data = row.get("data", "").split("|")
    while data and not data[-1]:
        data.pop()
    return fields + data


def scrub(raw: str) -> str:
    """A line as the quarantine may keep it: an ENTERQUEUE line without the caller's number."""
    fields = raw.split("|")
    if len(fields) > 6 and fields[4].strip().upper() == "ENTERQUEUE" and fields[6]:
        fields[6] = "(caller number withheld)"
    return "|".join(fields)


def is_queue_log(head: str) -> bool:
    first = next((line for line in head.splitlines() if line.strip()), "")
    return bool(re.match(r"^\d{9,11}(\.\d+)?\|[^|]*\|[^|]*\|[^|]*\|[A-Z_]+", first))


def is_queue_log_csv(head: str) -> bool:
    first = next((line for line in head.splitlines() if line.strip()), "").lower()
    names = {name.strip().strip('"') for name in first.split(",")}
    return {"time", "callid", "queuename", "event"} <= names
