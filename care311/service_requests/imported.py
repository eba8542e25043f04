"""The bulk action behind every importer: save a batch of another system's records.

A batch is written in one transaction: new records become requests with an `imported`
history event, changed ones are updated with a `reimported` event, unchanged ones are left
alone, so importing the same file twice changes nothing. On PostgreSQL rows go in with COPY;
on SQLite with executemany. Both paths write the same columns the ORM would.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import connection, transaction
from django.utils import timezone

from care311.service_requests.actors import System
from care311.service_requests.models import EventKind, HistoryEvent, ServiceRequest
from care311.service_requests.public_ids import public_id_for_source


@dataclass(slots=True)
class ImportedRecord:
    """One source record, already validated and translated into care311's terms."""

    source: str
    source_id: str
    source_record: int
    source_hash: str
    service_id: int
    department_id: int | None
    status: str
    closure_reason: str
    description: str
    latitude: float | None
    longitude: float | None
    address: str
    zipcode: str
    channel: str
    requested_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    expected_at: datetime | None
    agency_responsible: str
    status_notes: str
    media_url: str


# The columns an import writes, besides id, public_id, answers and the private contact
# fields (which imports never carry).
COPIED = (
    "source", "source_id", "source_record", "source_hash", "service_id", "department_id",
    "status", "closure_reason", "description", "latitude", "longitude", "address", "zipcode",
    "channel", "requested_at", "updated_at", "closed_at", "expected_at", "agency_responsible",
    "status_notes", "media_url",
)
DATETIMES = frozenset({"requested_at", "updated_at", "closed_at", "expected_at"})
REQUEST_COLUMNS = (*COPIED, "source_file", "public_id", "answers", "duplicate_of_id",
                   "address_id", "reporter_name", "reporter_email", "reporter_phone")
EVENT_COLUMNS = ("request_id", "kind", "at", "actor_id", "actor_name", "public", "changes",
                 "note")


@dataclass
class BatchOutcome:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: list[ImportedRecord] = field(default_factory=list)


def _sql_datetime(value: datetime | None) -> str | None:
    # Django's SQLite backend stores aware datetimes as naive UTC text in this form.
    if value is None:
        return None
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")


class _Writer:
    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.requests = ServiceRequest._meta.db_table
        self.events = HistoryEvent._meta.db_table

    def _value(self, name: str, value: object) -> object:
        if not self.postgres and name in DATETIMES:
            return _sql_datetime(value)  # type: ignore[arg-type]
        return value

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
        if not rows:
            return
        column_list = ", ".join(columns)
        with connection.cursor() as cursor:
            if self.postgres:
                raw = cursor.cursor  # psycopg 3 cursor under Django's wrapper
                with raw.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({column_list}) VALUES ({marks})", rows)

    def existing(self, source: str, source_ids: list[str]) -> dict[str, tuple]:
        marks = ", ".join(["%s"] * len(source_ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT source_id, id, source_file, source_record, source_hash, status "
                f"FROM {self.requests} WHERE source = %s AND source_id IN ({marks})",
                [source, *source_ids],
            )
            return {row[0]: row[1:] for row in cursor.fetchall()}


def save_imported_batch(
    records: list[ImportedRecord], *, file_key: str, by: System
) -> BatchOutcome:
    """Write one batch; a record whose source id this same file already wrote from another
    record number is handed back in `duplicates` rather than written."""
    if not records:
        return BatchOutcome()
    writer = _Writer()
    source = records[0].source
    outcome = BatchOutcome()
    now = timezone.now()

    with transaction.atomic():
        existing = writer.existing(source, [record.source_id for record in records])
        new: list[ImportedRecord] = []
        changed: list[tuple[ImportedRecord, tuple]] = []
        for record in records:
            found = existing.get(record.source_id)
            if found is None:
                new.append(record)
            elif found[1] == file_key and found[2] != record.source_record:
                outcome.duplicates.append(record)
            elif found[3] == record.source_hash:
                outcome.unchanged += 1
            else:
                changed.append((record, found))

        _insert_new(writer, new, file_key=file_key, by=by, now=now)
        _update_changed(writer, changed, file_key=file_key, by=by, now=now)

    outcome.inserted = len(new)
    outcome.updated = len(changed)
    return outcome


def _insert_new(
    writer: _Writer, new: list[ImportedRecord], *, file_key: str, by: System, now: datetime
) -> None:
    if not new:
        return
    rows = [
        (
            *(writer._value(name, getattr(record, name)) for name in COPIED),
            file_key, public_id_for_source(record.source, record.source_id), "{}", None,
            "", "", "", "",
        )
        for record in new
    ]
    writer.insert(writer.requests, REQUEST_COLUMNS, rows)

    ids = writer.existing(new[0].source, [record.source_id for record in new])
    at = now if writer.postgres else _sql_datetime(now)
    events = [
        (
            ids[record.source_id][0], EventKind.IMPORTED, at, None, by.name, True,
            json.dumps({"source": record.source, "source_id": record.source_id,
                        "status": record.status}),
            "",
        )
        for record in new
    ]
    writer.insert(writer.events, EVENT_COLUMNS, events)


def _update_changed(
    writer: _Writer,
    changed: list[tuple[ImportedRecord, tuple]],
    *,
    file_key: str,
    by: System,
    now: datetime,
) -> None:
    if not changed:
        return
    assignments = ", ".join(f"{name} = %s" for name in (*COPIED, "source_file"))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {writer.requests} SET {assignments} WHERE id = %s",
            [
                (*(writer._value(name, getattr(record, name)) for name in COPIED),
                 file_key, found[0])
                for record, found in changed
            ],
        )
    at = now if writer.postgres else _sql_datetime(now)
    events = [
        (
            found[0], EventKind.REIMPORTED, at, None, by.name, True,
            json.dumps({"status": [found[4], record.status]} if found[4] != record.status
                       else {"source_record": record.source_record}),
            "",
        )
        for record, found in changed
    ]
    writer.insert(writer.events, EVENT_COLUMNS, events)
