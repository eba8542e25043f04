"""Runs one call import: read records, translate them to events, write them in batches.

Like the request importer (care311/imports): each batch is one transaction with the
records it quarantines, a progress bar shows on a terminal, the run is recorded as an
ImportRun and a data-quality summary ends it.
"""

import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from care311.contact_center.adapters.events import AgentEvent, CallEvent
from care311.contact_center.models import CallRecord, Outcome
from care311.contact_center.pipeline import Pipeline
from care311.contact_center.quality import Quality
from care311.contact_center.store import LOOKUP_CHUNK
from care311.imports.errors import RowError
from care311.imports.models import ImportRun, QuarantinedRecord

logger = logging.getLogger(__name__)

DEFAULT_BATCH = 5000

# (record number, the record as the translator takes it, its raw text for the quarantine)
Record = tuple[int, object, str]
Translate = Callable[[object], tuple[list[CallEvent], list[AgentEvent]]]


@dataclass
class Batch:
    calls: list[CallEvent] = field(default_factory=list)
    agents: list[AgentEvent] = field(default_factory=list)
    rejects: list[tuple[int, str, str]] = field(default_factory=list)
    records: int = 0


class CallImport:
    """Feeds translated records to a pipeline; used by imports, follow mode and replay."""

    def __init__(
        self,
        pipeline: Pipeline,
        translate: Translate,
        *,
        file_key: str,
        file_name: str,
        scrub: Callable[[str], str] = str,
    ) -> None:
        self.pipeline = pipeline
        self.quality = pipeline.quality
        self.translate = translate
        self.file_key = file_key
        self.file_name = file_name
        self.scrub = scrub
        self.keys: set[str] = set()

    def feed(self, records: Iterable[Record], batch_size: int, bar: tqdm | None = None) -> None:
        batch = Batch()
        for number, record, raw in records:
            self.add(batch, number, record, raw)
            if batch.records >= batch_size:
                self.write(batch)
                if bar is not None:
                    bar.update(batch.records)
                batch = Batch()
        self.write(batch)
        if bar is not None:
            bar.update(batch.records)

    def add(self, batch: Batch, number: int, record: object, raw: str) -> None:
        self.quality.read += 1
        batch.records += 1
        if "\0" in raw:
            # A crash leaves runs of NUL bytes in a log, and PostgreSQL's text cannot hold
            # them: read what is left of the line.
            self.quality.caveats["NUL bytes removed from a line (a damaged file)"] += 1
            raw = raw.replace("\0", "")
            if isinstance(record, list):
                record = [value.replace("\0", "") for value in record]
            if not raw.strip():
                return
        try:
            calls, agents = self.translate(record)
        except RowError as error:
            batch.rejects.append((number, str(error), raw))
            return
        batch.calls.extend(calls)
        batch.agents.extend(agents)
        self.keys.update(event.call_key for event in calls)

    def write(self, batch: Batch) -> None:
        with transaction.atomic():
            self.pipeline.record_events(batch.calls, batch.agents)
            self._quarantine(batch.rejects)

    def _quarantine(self, rejects: list[tuple[int, str, str]]) -> None:
        if not rejects:
            return
        now = timezone.now()
        QuarantinedRecord.objects.bulk_create(
            [
                QuarantinedRecord(
                    source=self.pipeline.source,
                    file_key=self.file_key,
                    file_name=self.file_name[:500],
                    record_no=number,
                    reason=reason[:300],
                    raw=self.scrub(raw),
                    first_seen_at=now,
                )
                for number, reason, raw in rejects
            ],
            ignore_conflicts=True,
        )
        for _, reason, _ in rejects:
            self.quality.quarantined[reason.split(": ", 1)[0]] += 1
        logger.info("quarantined %d records of %s", len(rejects), self.file_name)

    def count_open_calls(self) -> None:
        """Count the calls of this run still waiting, and those answered with no end."""
        keys = sorted(self.keys)
        waiting = incomplete = 0
        for start in range(0, len(keys), LOOKUP_CHUNK):
            calls = CallRecord.objects.filter(
                source=self.pipeline.source,
                source_key__in=keys[start : start + LOOKUP_CHUNK],
                complete=False,
            )
            waiting += calls.filter(outcome=Outcome.WAITING).count()
            incomplete += calls.exclude(outcome=Outcome.WAITING).count()
        self.quality.waiting_at_end = waiting
        self.quality.incomplete_at_end = incomplete


def run_import(
    job: CallImport, records: Iterator[Record], *, fmt: str, batch_size: int, progress: bool
) -> Quality:
    """One file or table, recorded as an ImportRun whose summary is the quality summary."""
    started = time.monotonic()
    run = ImportRun.objects.create(
        file_name=job.file_name[:500],
        file_key=job.file_key,
        format=fmt,
        started_at=timezone.now(),
    )
    bar = tqdm(
        total=None,
        unit=" records",
        unit_scale=True,
        disable=not progress,
        file=sys.stderr,
        mininterval=0.5,
        desc=job.file_name.rsplit("/", 1)[-1],
    )
    try:
        job.feed(records, batch_size, bar)
        job.count_open_calls()
    except BaseException:
        run.state = ImportRun.State.FAILED
        raise
    else:
        run.state = ImportRun.State.FINISHED
    finally:
        bar.close()
        job.quality.seconds = time.monotonic() - started
        run.finished_at = timezone.now()
        run.summary = job.quality.as_dict()
        run.save()
    return job.quality
