"""The "Anonymous Bank" call-by-call records (Technion SEE Center, 1999): one call a row.

Tab-separated with a header; 17 fields (see ../shared/data/callcenter-anonymous-bank). The
call's type (PS, PE, IN, NE, NW, TT) is its queue and the server its agent. Times are the
day's h:mm:ss in the call center's local time; 0:00:00 means "none" unless the durations
show a call really queued at midnight. A time earlier than the call's entry belongs to the
next day (calls that cross midnight). Waits and service times are the records' own
q_time and ser_time fields.

Known defects, each kept and counted: PHANTOM calls (the documentation says to ignore
them: quarantined), served calls with no service times (kept as answered, incomplete) or no
agent name (NO_SERVER), hung-up calls with service times (kept as abandoned), VRU exits
before the VRU entry (a clock fault; not used), and unknown call types (kept as queues).
"""

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from care311.contact_center.adapters.events import MAX_SECONDS, CallEvent, CallKind
from care311.contact_center.quality import Quality
from care311.imports.errors import RowError

FORMAT = "bank-call-by-call"
HEADER = (
    "vru+line",
    "call_id",
    "customer_id",
    "priority",
    "type",
    "date",
    "vru_entry",
    "vru_exit",
    "vru_time",
    "q_start",
    "q_exit",
    "q_time",
    "outcome",
    "ser_start",
    "ser_exit",
    "ser_time",
    "server",
)
KNOWN_TYPES = frozenset({"PS", "PE", "IN", "NE", "NW", "TT"})
NONE_TIME = "0:00:00"
NO_SERVER = "NO_SERVER"
NEXT_DAY_SLACK = timedelta(hours=1)  # earlier than entry by more than this: the next day


class BankTranslator:
    def __init__(self, quality: Quality, zone: tzinfo) -> None:
        self.quality = quality
        self.zone = zone
        self.days: dict[str, date] = {}
        self.changes: set[date] = set()  # days on which the zone's clocks change
        self.skipped = False  # a time of the call fell in the hour clocks skip

    def translate(self, fields: list[str]) -> tuple[list[CallEvent], list]:
        self.skipped = False
        events = self._events(fields)
        if self.skipped:
            self.quality.caveats["local time in the hour skipped by a clock change"] += 1
        return events, []

    def _events(self, fields: list[str]) -> list[CallEvent]:
        if len(fields) != len(HEADER):
            raise RowError(f"missing fields: {len(fields)} of {len(HEADER)}")
        (
            line,
            call_id,
            _customer,
            _priority,
            kind,
            day,
            vru_entry,
            vru_exit,
            _vru_time,
            q_start,
            q_exit,
            q_time,
            outcome,
            ser_start,
            ser_exit,
            ser_time,
            server,
        ) = fields
        self.quality.events[outcome] += 1
        if outcome == "PHANTOM":
            raise RowError("phantom call: a virtual call the data's documentation says to ignore")
        if outcome not in ("AGENT", "HANG"):
            raise RowError(f"unknown outcome: {outcome!r}")
        if kind not in KNOWN_TYPES:
            self.quality.caveats["unknown call type (kept as its own queue)"] += 1

        entry = self._moment(day, vru_entry, None)
        key = f"{day}-{line}-{call_id}"
        wait = _seconds(q_time, "q_time")
        queued = q_start != NONE_TIME or q_exit != NONE_TIME or wait > 0
        served = ser_start != NONE_TIME or ser_exit != NONE_TIME or _seconds(ser_time, "ser_time")
        vru_out = self._moment(day, vru_exit, entry)
        if vru_out < entry:
            self.quality.caveats["VRU exit before VRU entry (a clock fault; not used)"] += 1
        arrived = self._moment(day, q_start, entry) if queued else max(vru_out, entry)
        queue = kind or "unknown"

        if outcome == "HANG":
            if served or server != NO_SERVER:
                self.quality.caveats["hung up, yet with service times (kept as abandoned)"] += 1
            if not queued:
                return [CallEvent(key, CallKind.IVR, arrived, queue=queue)]
            left = self._moment(day, q_exit, entry)
            return [
                CallEvent(key, CallKind.OFFERED, arrived, queue=queue),
                CallEvent(key, CallKind.ABANDONED, left, wait=wait, queue=queue),
            ]

        agent = "" if server == NO_SERVER else server
        if not agent:
            self.quality.caveats["served by an unnamed agent (NO_SERVER)"] += 1
        events = [CallEvent(key, CallKind.OFFERED, arrived, queue=queue)]
        if not served:
            self.quality.caveats["served with no service times (kept as incomplete)"] += 1
            answered = arrived + timedelta(seconds=wait)
            events.append(
                CallEvent(key, CallKind.ANSWERED, answered, agent=agent, wait=wait, queue=queue)
            )
            return events
        start = self._moment(day, ser_start, entry)
        # The VRU's and the agents' clocks differ by a second or two: service that seems to
        # start before the call arrived started when it arrived.
        start = max(start, arrived)
        talk = _seconds(ser_time, "ser_time")
        end = max(self._moment(day, ser_exit, entry), start)
        events += [
            CallEvent(key, CallKind.ANSWERED, start, agent=agent, wait=wait, queue=queue),
            CallEvent(key, CallKind.COMPLETED, end, agent=agent, wait=wait, talk=talk, queue=queue),
        ]
        return events

    def _moment(self, day: str, value: str, entry: datetime | None) -> datetime:
        """`value` on the call's day in local time, or on the next day if it wrapped, in UTC.

        A time in the hour skipped when clocks go forward is read as if they had not yet
        (fold=0), as the request importer does.
        """
        try:
            hours, minutes, seconds = value.split(":")
            clock = time(int(hours), int(minutes), int(seconds))
        except ValueError:
            raise RowError(f"unparseable time: {value!r}") from None
        on = self._day(day)
        moment = datetime.combine(on, clock, tzinfo=self.zone).astimezone(UTC)
        if entry is not None and moment < entry - NEXT_DAY_SLACK:
            on += timedelta(days=1)
            moment = datetime.combine(on, clock, tzinfo=self.zone).astimezone(UTC)
        if on in self.changes and moment.astimezone(self.zone).time() != clock:
            self.skipped = True
        return moment

    def _day(self, value: str) -> date:
        found = self.days.get(value)
        if found is None:
            found = day_of(value)
            self.days[value] = found
            for day in (found, found + timedelta(days=1)):
                if _offset(day, self.zone) != _offset(day + timedelta(days=1), self.zone):
                    self.changes.add(day)
        return found


def day_of(value: str) -> date:
    """A record's YYMMDD date (years 70-99 are the 1900s)."""
    try:
        year = int(value[:2])
        return date(1900 + year + (100 if year < 70 else 0), int(value[2:4]), int(value[4:6]))
    except ValueError:
        raise RowError(f"unparseable date: {value!r}") from None


def _offset(day: date, zone: tzinfo) -> timedelta | None:
    return datetime.combine(day, time(), tzinfo=zone).utcoffset()


def _seconds(value: str, name: str) -> int:
    try:
        seconds = max(0, int(value))
    except ValueError:
        raise RowError(f"not a number in {name}: {value!r}") from None
    if seconds > MAX_SECONDS:
        raise RowError(f"not a number in {name}: {value!r} (more than a week)")
    return seconds


def is_bank(head: str) -> bool:
    return head.lstrip("\ufeff").startswith("vru+line\tcall_id")


def rows(handle, first: int = 1):
    """(record number, fields, raw line) for each row after the header."""
    next(handle, None)
    for number, text in enumerate(handle, start=first):
        text = text.rstrip("\r\n")
        if text.strip():
            yield number, text.split("\t"), text
