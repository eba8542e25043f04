"""The bulk action behind every importer: save a batch of another system's records.

A batch is written in one transaction: new records become requests with an `imported`
history event, changed ones are updated with a `reimported` event, unchanged ones are left
alone, so importing the same file twice changes nothing. On PostgreSQL rows go in with COPY;
on SQLite with executemany. Both paths write the same columns the ORM would.
"""

import json
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import psycopg
from django.db import connection, transaction
from django.utils import timezone
from psycopg import postgres, pq
from psycopg.adapt import Dumper

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
    "source",
    "source_id",
    "source_record",
    "source_hash",
    "service_id",
    "department_id",
    "status",
    "closure_reason",
    "description",
    "latitude",
    "longitude",
    "address",
    "zipcode",
    "channel",
    "requested_at",
    "updated_at",
    "closed_at",
    "expected_at",
    "agency_responsible",
    "status_notes",
    "media_url",
)
DATETIMES = frozenset({"requested_at", "updated_at", "closed_at", "expected_at"})
REQUEST_COLUMNS = (
    *COPIED,
    "source_file",
    "public_id",
    "answers",
    "duplicate_of_id",
    "address_id",
    "reporter_name",
    "reporter_email",
    "reporter_phone",
)
EVENT_COLUMNS = ("request_id", "kind", "at", "actor_id", "actor_name", "public", "changes", "note")


@dataclass
class BatchOutcome:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    older: int = 0
    duplicates: list[ImportedRecord] = field(default_factory=list)


def _sql_datetime(value: datetime | None) -> str | None:
    # Django's SQLite backend stores aware datetimes as naive UTC text in this form.
    if value is None:
        return None
    if value.tzinfo is UTC:
        return str(value)[:-6]  # without "+00:00"
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")


SQLITE_CACHE_KIB = 64 * 1024

_copied = operator.attrgetter(*COPIED)
_DATETIME_POSITIONS = [COPIED.index(name) for name in DATETIMES]
_json_text = json.encoder.encode_basestring_ascii  # what json.dumps does to a str


class _JsonText(Dumper):
    """JSON already written as text, into a jsonb column of a binary COPY."""

    format = pq.Format.BINARY
    oid = postgres.types["jsonb"].oid

    def dump(self, obj: str) -> bytes:
        return b"\x01" + obj.encode()  # jsonb's binary form: version 1, then the text


def _column_types(cursor: psycopg.Cursor, table: str, columns: Sequence[str]) -> list[int]:
    cursor.execute(
        "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0",
        [table],
    )
    types: dict[str, int] = dict(cursor.fetchall())
    return [types[column] for column in columns]


class _Writer:
    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.requests = ServiceRequest._meta.db_table
        self.events = HistoryEvent._meta.db_table
        if not self.postgres:
            # SQLite's default 2 MiB page cache keeps evicting the pages of the request
            # table's twelve indexes; with 64 MiB an import takes a third less time. The
            # cache is per connection and bounded, so memory stays flat as files grow.
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")

    def copied(self, record: ImportedRecord) -> Sequence[Any]:
        """The record's COPIED values, as this database takes them."""
        values = _copied(record)
        if self.postgres:
            return values
        converted = list(values)
        for position in _DATETIME_POSITIONS:
            converted[position] = _sql_datetime(converted[position])
        return converted

    def moment(self, value: datetime) -> object:
        return value if self.postgres else _sql_datetime(value)

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
        column_list = ", ".join(columns)
        with connection.cursor() as cursor:
            if self.postgres:
                # Binary COPY: psycopg writes a datetime in binary four times faster than as
                # text, and a request row carries four of them.
                raw = cursor.cursor  # psycopg 3 cursor under Django's wrapper
                raw.adapters.register_dumper(None, _JsonText)
                types = _column_types(raw, table, columns)
                with raw.copy(f"COPY {table} ({column_list}) FROM STDIN (FORMAT binary)") as copy:
                    copy.set_types(types)
                    write = copy.write_row
                    for row in rows:
                        write(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {table} ({column_list}) VALUES ({marks})", list(rows)
                )

    def existing(self, source: str, source_ids: list[str]) -> dict[str, tuple]:
        columns = "source_id, id, source_file, source_record, source_hash, status, updated_at"
        # "NOT (source = '')" repeats the unique index's condition, without which neither
        # database will search that partial index. The ids go as one JSON parameter.
        if self.postgres:
            # One index probe per id, whatever the statistics say: a table filling up during
            # an import has none yet, and the planner would then read every row of the source
            # for each batch. LIMIT 1 (there is at most one) keeps the probe from being
            # flattened into a join the planner could turn into that scan.
            sql = (
                f"SELECT found.* FROM jsonb_array_elements_text(%s::jsonb) AS wanted (id), "
                f"LATERAL (SELECT {columns} FROM {self.requests} WHERE source = %s "
                f"AND NOT (source = '') AND source_id = wanted.id LIMIT 1) AS found"
            )
            params = [json.dumps(source_ids), source]
        else:
            sql = (
                f"SELECT {columns} FROM {self.requests} WHERE source = %s AND NOT (source = '') "
                f"AND source_id IN (SELECT value FROM json_each(%s))"
            )
            params = [source, json.dumps(source_ids)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {row[0]: row[1:] for row in cursor.fetchall()}

    def new_ids(self, count: int) -> range | list[int]:
        """Ids for `count` new requests, taken before they are written so that their events
        need no second query. Call inside the batch's transaction."""
        with connection.cursor() as cursor:
            if self.postgres:
                cursor.execute(
                    "SELECT nextval(sequence.name) FROM generate_series(1, %s), "
                    "(SELECT pg_get_serial_sequence(%s, 'id')::regclass AS name) AS sequence",
                    [count, self.requests],
                )
                return [row[0] for row in cursor.fetchall()]
            # SQLite: the transaction holds the write lock, and AUTOINCREMENT never hands out
            # an id again, so start past both the highest id and the highest ever used.
            cursor.execute(
                f"SELECT max(coalesce(max(id), 0), coalesce("
                f"(SELECT seq FROM sqlite_sequence WHERE name = %s), 0)) FROM {self.requests}",
                [self.requests],
            )
            first = cursor.fetchone()[0] + 1
            return range(first, first + count)


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
        claimed: list[tuple[ImportedRecord, tuple]] = []
        for record in records:
            found = existing.get(record.source_id)
            if found is None:
                new.append(record)
            elif found[1] == file_key and found[2] != record.source_record:
                outcome.duplicates.append(record)
            elif found[3] == record.source_hash:
                outcome.unchanged += 1
                if found[1] != file_key:
                    claimed.append((record, found))
            elif record.updated_at < _stored_moment(found[5]):
                # An older export than the one that last wrote the request: it must not undo
                # the newer one's changes, or re-running overlapping exports would flip-flop.
                outcome.older += 1
            else:
                changed.append((record, found))

        _insert_new(writer, new, file_key=file_key, by=by, now=now)
        _update_changed(writer, changed, file_key=file_key, by=by, now=now)
        _claim_unchanged(writer, claimed, file_key=file_key)

    outcome.inserted = len(new)
    outcome.updated = len(changed)
    return outcome


def _insert_new(
    writer: _Writer, new: list[ImportedRecord], *, file_key: str, by: System, now: datetime
) -> None:
    if not new:
        return
    # Generators, not lists: PostgreSQL stores the first rows of a COPY while later ones are
    # still being built.
    ids = writer.new_ids(len(new))
    rows = (
        (
            request_id,
            *writer.copied(record),
            file_key,
            public_id_for_source(record.source, record.source_id),
            "{}",
            None,
            "",
            "",
            "",
            "",
        )
        for request_id, record in zip(ids, new, strict=True)
    )
    writer.insert(writer.requests, ("id", *REQUEST_COLUMNS), rows)

    at = writer.moment(now)
    events = (
        (
            request_id,
            EventKind.IMPORTED,
            at,
            None,
            by.name,
            True,
            f'{{"source": {_json_text(record.source)}, '
            f'"source_id": {_json_text(record.source_id)}, '
            f'"status": {_json_text(record.status)}}}',
            "",
        )
        for request_id, record in zip(ids, new, strict=True)
    )
    writer.insert(writer.events, EVENT_COLUMNS, events)


def _stored_moment(value: datetime | str) -> datetime:
    """A datetime column as read back raw: aware on PostgreSQL, naive UTC on SQLite."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _claim_unchanged(
    writer: _Writer, claimed: list[tuple[ImportedRecord, tuple]], *, file_key: str
) -> None:
    """Note that this file now holds the record too (no change a resident could see, so no
    history event), so a second record with the same id later in this file is a duplicate."""
    if not claimed:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {writer.requests} SET source_file = %s, source_record = %s WHERE id = %s",
            [(file_key, record.source_record, found[0]) for record, found in claimed],
        )


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
            [(*writer.copied(record), file_key, found[0]) for record, found in changed],
        )
    at = writer.moment(now)
    events = [
        (
            found[0],
            EventKind.REIMPORTED,
            at,
            None,
            by.name,
            True,
            json.dumps(
                {"status": [found[4], record.status]}
                if found[4] != record.status
                else {"source_record": record.source_record}
            ),
            "",
        )
        for record, found in changed
    ]
    writer.insert(writer.events, EVENT_COLUMNS, events)
