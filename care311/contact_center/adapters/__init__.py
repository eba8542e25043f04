"""The phone systems care311 reads, each turned into call and agent events at once.

queue_log.py: Asterisk's queue_log file and the rows of its database table (a CSV export
or the table itself). bank.py: the bank's call-by-call records (and replay.py feeds them
live). webhook.py: any other system's JSON events.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import tzinfo
from pathlib import Path

from care311.contact_center.adapters import bank, queue_log
from care311.contact_center.models import Source
from care311.contact_center.quality import Quality
from care311.imports.errors import ImportFileError
from care311.imports.files import head

QUEUE_LOG = "queue-log"
QUEUE_LOG_CSV = "queue-log-csv"
BANK = "bank"
FORMATS = {
    QUEUE_LOG: (queue_log.FORMAT, Source.QUEUE_LOG),
    QUEUE_LOG_CSV: (queue_log.ROW_FORMAT, Source.QUEUE_LOG),
    BANK: (bank.FORMAT, Source.BANK),
}


def detect(path: Path) -> str:
    start = head(path)
    if queue_log.is_queue_log(start):
        return QUEUE_LOG
    if queue_log.is_queue_log_csv(start):
        return QUEUE_LOG_CSV
    if bank.is_bank(start):
        return BANK
    raise ImportFileError(
        f"{path}: not a call format care311 knows (an Asterisk queue_log file, a CSV "
        "export of the queue_log table, or the bank's call-by-call records)"
    )


def translator(fmt: str, quality: Quality, zone: tzinfo) -> Callable:
    if fmt == BANK:
        return bank.BankTranslator(quality, zone).translate
    translate = queue_log.QueueLogTranslator(quality, zone).translate

    def with_call_states(fields):
        calls, agents = translate(fields)
        return calls, agents + queue_log.on_call_events(calls)

    return with_call_states


@contextmanager
def records(path: Path, fmt: str) -> Iterator[Iterator[tuple[int, list[str], str]]]:
    if fmt == QUEUE_LOG_CSV:
        yield queue_log.csv_rows(path)
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield bank.rows(handle) if fmt == BANK else queue_log.file_lines(handle)


def scrubber(fmt: str) -> Callable[[str], str]:
    return str if fmt == BANK else queue_log.scrub
