"""Runs one import: read, translate, validate, write in batches, count, quarantine."""

import hashlib
import logging
import queue
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone
from tqdm import tqdm

from care311.catalog.imported import ImportedCatalog
from care311.imports.errors import ImportFileError, RowError
from care311.imports.formats.base import Format, RawRecord, SourceRequest
from care311.imports.models import ImportRun, QuarantinedRecord
from care311.service_requests.actors import System
from care311.service_requests.imported import ImportedRecord, save_imported_batch
from care311.service_requests.models import Status

logger = logging.getLogger(__name__)

DEFAULT_BATCH = 5000
DUPLICATE = "duplicate source id"
MAX_SOURCE_ID = 100  # ServiceRequest.source_id's length: a longer id is refused, not cut
WRITE_ATTEMPTS = 3  # a batch racing another import of the same source is written again
CHUNK = 500  # records the reader hands over at a time
READ_AHEAD = 1  # batches the reader may be ahead of the writes
SWITCH_INTERVAL = 0.0005  # seconds; Python's default is 0.005


@dataclass
class Summary:
    file_name: str
    format: str
    read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    older: int = 0
    quarantined: Counter = field(default_factory=Counter)
    flagged: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {
            "read": self.read,
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "older": self.older,
            "quarantined": dict(self.quarantined),
            "flagged": dict(self.flagged),
            "seconds": round(self.seconds, 3),
        }

    def lines(self) -> list[str]:
        lines = [
            f"{self.file_name} ({self.format}): read {self.read:,}, imported {self.imported:,}, "
            f"updated {self.updated:,}, unchanged {self.unchanged:,}, "
            f"quarantined {sum(self.quarantined.values()):,} "
            f"in {self.seconds:.1f} s ({self.rows_per_second:,.0f} rows/s)"
        ]
        if self.older:
            lines.append(
                f"  skipped {self.older:,}: older than the version already imported "
                "from a later export"
            )
        for reason, count in sorted(self.quarantined.items()):
            lines.append(f"  quarantined {count:,}: {reason}")
        for reason, count in sorted(self.flagged.items()):
            lines.append(f"  kept with a caveat {count:,}: {reason}")
        return lines


# A record as the reader hands it over: the raw record, the record to write and what the
# catalog needs to find its service and department (None for both if it is rejected), and
# the reason it is rejected.
_Checked = tuple[RawRecord, ImportedRecord | None, tuple[str, str, str] | None, str]


@dataclass
class _Pending:
    record: ImportedRecord
    raw: RawRecord


class Importer:
    def __init__(
        self,
        path: Path,
        fmt: Format,
        zone: tzinfo,
        *,
        file_key: str,
        batch_size: int = DEFAULT_BATCH,
        progress: bool = False,
    ) -> None:
        self.path = path
        self.fmt = fmt
        self.zone = zone
        self.file_key = file_key
        self.batch_size = batch_size
        self.progress = progress
        self.catalog = ImportedCatalog(fmt.source, fmt.label)
        self.actor = System(f"import:{fmt.source}")
        self.summary = Summary(file_name=path.name, format=fmt.name)

    def run(self) -> Summary:
        started = time.monotonic()
        run = ImportRun.objects.create(
            file_name=str(self.path),
            file_key=self.file_key,
            format=self.fmt.name,
            started_at=timezone.now(),
        )
        bar = tqdm(
            total=None,
            unit=" rows",
            unit_scale=True,
            disable=not self.progress,
            file=sys.stderr,
            mininterval=0.5,
            desc=self.path.name,
        )
        try:
            self._read_all(bar)
        except BaseException:
            run.state = ImportRun.State.FAILED
            raise
        else:
            run.state = ImportRun.State.FINISHED
        finally:
            bar.close()
            self.summary.seconds = time.monotonic() - started
            run.finished_at = timezone.now()
            run.summary = self.summary.as_dict()
            run.save()
        return self.summary

    def _read_all(self, bar: tqdm) -> None:
        batch: dict[str, _Pending] = {}
        rejects: list[tuple[RawRecord, str, str]] = []
        try:
            for checked in self._checked_records():
                self._take(checked, batch, rejects)
                if len(batch) >= self.batch_size:
                    self._write(batch, rejects)
                    bar.update(len(batch) + len(rejects))
                    batch, rejects = {}, []
        except ImportFileError:
            # The file breaks off here (a quote left open, JSON cut short): what was read
            # before the break is written, as the error message tells the user.
            self._write(batch, rejects)
            raise
        self._write(batch, rejects)
        bar.update(len(batch) + len(rejects))

    def _take(self, checked: _Checked, batch: dict, rejects: list) -> None:
        """Put one checked record into the batch, or among the rejects."""
        raw, record, catalog_keys, problem = checked
        self.summary.read += 1
        if record is None or catalog_keys is None:
            rejects.append((raw, "", problem))
            return
        if record.source_id in batch:
            rejects.append((raw, record.source_id, DUPLICATE))
            return
        category, agency_code, agency_name = catalog_keys
        department_id = self.catalog.department_id(agency_code, agency_name)
        record.department_id = department_id
        record.service_id = self.catalog.service_id(category, department_id)
        batch[record.source_id] = _Pending(record, raw)

    def _checked_records(self) -> Iterator[_Checked]:
        """The file's records, read and checked in a second thread a few batches ahead.

        Reading and checking is Python work and writing a batch is mostly the database's, so
        on two cores they overlap. The reader touches no database: the catalog and every write
        stay in this thread, in order. The queue is bounded, so memory does not grow with the
        file; an error in the reader reaches this thread after the records read before it.
        """
        chunks: queue.Queue[list[_Checked] | BaseException | None] = queue.Queue(
            maxsize=max(2, READ_AHEAD * self.batch_size // CHUNK)
        )
        stop = threading.Event()
        reader = threading.Thread(
            target=self._read_ahead, args=(chunks, stop), name="import-reader", daemon=True
        )
        # The reader never waits on anything, so without a short switch interval this thread
        # would wait up to 5 ms for the interpreter after each round trip to the database.
        interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        reader.start()
        try:
            while (chunk := chunks.get()) is not None:
                if isinstance(chunk, BaseException):
                    raise chunk
                yield from chunk
        finally:
            stop.set()
            reader.join()
            sys.setswitchinterval(interval)

    def _read_ahead(self, chunks: queue.Queue, stop: threading.Event) -> None:
        def hand_over(item: list[_Checked] | BaseException | None) -> bool:
            while not stop.is_set():
                try:
                    chunks.put(item, timeout=0.1)
                    return True
                except queue.Full:
                    continue
            return False

        chunk: list[_Checked] = []
        try:
            with closing(self.fmt.records(self.path)) as records:
                for raw in records:
                    chunk.append(self._check(raw))
                    if len(chunk) == CHUNK:
                        if not hand_over(chunk):
                            return
                        chunk = []
        except BaseException as error:  # handed to the importing thread, which raises it
            if hand_over(chunk):
                hand_over(error)
            return
        if hand_over(chunk):
            hand_over(None)

    def _check(self, raw: RawRecord) -> _Checked:
        """Translate and validate one record; its catalog ids are filled in later."""
        try:
            if raw.fields is None:
                raise RowError(raw.problem)
            parsed = self.fmt.translate(raw.fields, self.zone)
            if parsed.requested_at is None:
                raise RowError("missing creation date")
            if len(parsed.source_id) > MAX_SOURCE_ID:
                raise RowError(f"source id longer than {MAX_SOURCE_ID} characters")
            fingerprint = _fingerprint(parsed)
        except RowError as error:
            return raw, None, None, str(error)
        except (ValueError, TypeError, OverflowError, KeyError) as error:
            # A value no parser foresaw (a date past year 9999 once in UTC, a number too big
            # for a float): this record is quarantined, the file goes on.
            return raw, None, None, f"unreadable value: {type(error).__name__}: {error}"
        self._check_location(parsed)
        if parsed.closed_at is not None and parsed.closed_at < parsed.requested_at:
            self.summary.flagged["closed before created"] += 1
        if parsed.status == Status.CLOSED and parsed.closed_at is None:
            self.summary.flagged["closed without a closing date"] += 1
        record = ImportedRecord(
            source=self.fmt.source,
            source_id=parsed.source_id,
            source_record=raw.number,
            source_hash=fingerprint,
            service_id=0,
            department_id=None,
            status=parsed.status,
            closure_reason=parsed.closure_reason[:300],
            description=parsed.description,
            latitude=parsed.latitude,
            longitude=parsed.longitude,
            address=parsed.address[:300],
            zipcode=parsed.zipcode[:20],
            channel=parsed.channel,
            requested_at=parsed.requested_at,
            updated_at=_latest(parsed.requested_at, parsed.closed_at, parsed.updated_at),
            closed_at=parsed.closed_at,
            expected_at=parsed.expected_at,
            agency_responsible=(parsed.agency_name or parsed.agency_code)[:200],
            status_notes=parsed.status_notes,
            media_url=parsed.media_url[:500],
        )
        keys = (parsed.category[:300], parsed.agency_code[:200], parsed.agency_name[:200])
        return raw, record, keys, ""

    def _check_location(self, parsed: SourceRequest) -> None:
        latitude, longitude = parsed.latitude, parsed.longitude
        if latitude is None and longitude is None:
            self.summary.flagged["no location"] += 1
            return
        problem = ""
        if latitude is None or longitude is None:
            problem = "half a coordinate pair (kept without location)"
        elif latitude == 0 and longitude == 0:
            problem = "0/0 coordinates (kept without location)"
        elif not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            problem = "out-of-range coordinates (kept without location)"
        if problem:
            self.summary.flagged[problem] += 1
            parsed.latitude = parsed.longitude = None

    def _write(self, batch: dict[str, _Pending], rejects: list[tuple[RawRecord, str, str]]):
        # One transaction per batch: the requests, their events and the batch's quarantined
        # records land together or not at all, so a killed run restarts cleanly.
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with transaction.atomic():
                    outcome = save_imported_batch(
                        [pending.record for pending in batch.values()],
                        file_key=self.file_key,
                        by=self.actor,
                    )
                    duplicates = [
                        (batch[duplicate.source_id].raw, duplicate.source_id, DUPLICATE)
                        for duplicate in outcome.duplicates
                    ]
                    accepted = {pending.raw.number for pending in batch.values()}
                    accepted -= {raw.number for raw, _, _ in duplicates}
                    self._quarantine([*rejects, *duplicates], accepted)
                break
            except IntegrityError:
                # Another import of the same source wrote some of these ids after this batch
                # looked them up; looking again finds them, and they are compared instead.
                if attempt == WRITE_ATTEMPTS:
                    raise
                logger.info("batch of %s raced another import; writing it again", self.path)
        self.summary.imported += outcome.inserted
        self.summary.updated += outcome.updated
        self.summary.unchanged += outcome.unchanged
        self.summary.older += outcome.older
        for _, _, reason in [*rejects, *duplicates]:
            self.summary.quarantined[reason.split(": ", 1)[0]] += 1

    def _quarantine(self, rejects: list[tuple[RawRecord, str, str]], accepted: set[int]) -> None:
        """Record this batch's rejects, and clear what an earlier run (say, with the wrong
        --format) quarantined of records this run accepted."""
        if accepted:
            QuarantinedRecord.objects.filter(
                file_key=self.file_key, record_no__in=accepted
            ).delete()
        if not rejects:
            return
        now = timezone.now()
        QuarantinedRecord.objects.bulk_create(
            [
                QuarantinedRecord(
                    source=self.fmt.source,
                    file_key=self.file_key,
                    file_name=self.path.name,
                    record_no=raw.number,
                    source_id=source_id[:100],
                    reason=reason[:300],
                    raw=_storable(raw.raw or self.fmt.raw_text(raw.fields or {})),
                    first_seen_at=now,
                )
                for raw, source_id, reason in rejects
            ],
            update_conflicts=True,
            unique_fields=["file_key", "record_no"],
            update_fields=["source", "file_name", "source_id", "reason", "raw"],
        )
        logger.info("quarantined %d records of %s", len(rejects), self.path.name)


def _storable(text: str) -> str:
    """The record's text as every database stores it: PostgreSQL refuses NUL characters and
    lone surrogates, so those are written as visible escapes instead."""
    text = text.replace("\x00", "\\x00")
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _latest(*moments: datetime | None) -> datetime:
    return max(moment for moment in moments if moment is not None)


def _fingerprint(parsed: SourceRequest) -> str:
    """A digest of everything translated from the record, to tell a changed one on re-import.

    The same text as joining str() of each field with \\x1f, written out as one f-string
    (three times faster, and hashes stored by earlier versions stay valid).
    """
    p = parsed
    values = (
        f"{p.source_id}\x1f{p.category}\x1f{p.agency_code}\x1f{p.agency_name}\x1f{p.status}"
        f"\x1f{p.closure_reason}\x1f{p.description}\x1f{p.latitude}\x1f{p.longitude}"
        f"\x1f{p.address}\x1f{p.zipcode}\x1f{p.channel}\x1f{p.requested_at}\x1f{p.closed_at}"
        f"\x1f{p.updated_at}\x1f{p.expected_at}\x1f{p.status_notes}\x1f{p.media_url}"
    )
    if "\x00" in values:
        raise RowError("a NUL character in a field")
    try:
        encoded = values.encode()
    except UnicodeEncodeError:
        raise RowError("text that is not valid Unicode (a lone surrogate)") from None
    return hashlib.blake2b(encoded, digest_size=16).hexdigest()
