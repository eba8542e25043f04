"""Call records in and out of the database in bulk, as plain rows the pipeline merges into.

The pipeline reads and writes thousands of calls a second (imports, the webhook); building
a model instance per call and Django's bulk_create compiler cost more than the merging, so
calls travel as slotted dataclasses and go in with executemany. The columns are the
model's, and the values are adapted by the database backend as the ORM would.
"""

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection

from care311.contact_center.models import CallRecord, Outcome

COLUMNS = (
    "queue_id",
    "agent_id",
    "channel",
    "arrived_at",
    "answered_at",
    "ended_at",
    "outcome",
    "complete",
    "ended_by",
    "wait_seconds",
    "ring_seconds",
    "talk_seconds",
    "hold_seconds",
    "wrap_seconds",
    "position",
    "transfer_target",
    "caller_number",
    "derived",
)
DATETIMES = frozenset({"arrived_at", "answered_at", "ended_at"})
LOOKUP_CHUNK = 2000
_columns = operator.attrgetter(*COLUMNS)


@dataclass(slots=True)
class Call:
    id: int | None
    source_key: str
    queue_id: int
    agent_id: int | None
    channel: str
    arrived_at: datetime
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    outcome: str = Outcome.WAITING
    complete: bool = False
    ended_by: str = ""
    wait_seconds: int | None = None
    ring_seconds: int | None = None
    talk_seconds: int | None = None
    hold_seconds: int | None = None
    wrap_seconds: int | None = None
    position: int | None = None
    transfer_target: str = ""
    caller_number: str = ""
    derived: str = ""

    def values(self) -> tuple:
        return _columns(self)


def existing(source: str, keys: list[str]) -> dict[str, Call]:
    """The calls of `source` with these keys, locked for this transaction on PostgreSQL."""
    found = {}
    for start in range(0, len(keys), LOOKUP_CHUNK):
        records = CallRecord.objects.filter(
            source=source, source_key__in=keys[start : start + LOOKUP_CHUNK]
        )
        if connection.features.has_select_for_update:
            # Two batches about the same call (a retry racing the original) take turns.
            records = records.select_for_update()
        for row in records.values_list("id", "source_key", *COLUMNS):
            found[row[1]] = Call(*row)
    return found


def insert(source: str, calls: Iterable[Call]) -> None:
    table = CallRecord._meta.db_table
    names = ", ".join(("source", "source_key", *COLUMNS))
    slots = ", ".join(["%s"] * (2 + len(COLUMNS)))
    adapt = _adapter()
    rows = [(source, call.source_key, *adapt(call)) for call in calls]
    sql = f"INSERT INTO {table} ({names}) VALUES ({slots})"  # noqa: S608 - names from the model
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


def update(calls: Iterable[Call]) -> None:
    table = CallRecord._meta.db_table
    sets = ", ".join(f"{name} = %s" for name in COLUMNS)
    adapt = _adapter()
    rows = [(*adapt(call), call.id) for call in calls]
    sql = f"UPDATE {table} SET {sets} WHERE id = %s"  # noqa: S608 - names from the model
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


def _adapter():
    """Each call's column values as the database takes them."""
    positions = [index for index, name in enumerate(COLUMNS) if name in DATETIMES]
    if connection.vendor == "sqlite":
        # As Django's SQLite backend writes an aware datetime (naive UTC text), without
        # its checks per value: these are always aware (the adapters make them so).
        def to_db(value: datetime | None) -> str | None:
            return (
                None if value is None else value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
            )
    else:
        to_db = connection.ops.adapt_datetimefield_value

    def adapt(call: Call) -> list:
        values = list(_columns(call))
        for index in positions:
            values[index] = to_db(values[index])
        return values

    return adapt
