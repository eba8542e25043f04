from datetime import date
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from care311.contact_center.metrics.grouping import Grouping, Period
from care311.contact_center.metrics.report import call_report

SHARED_DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
QUEUE_LOG = SHARED_DATA / "asterisk-queue-log" / "freepbx-2010-queue_log.txt"
BANK = SHARED_DATA / "callcenter-anonymous-bank"
CHICAGO = ZoneInfo("America/Chicago")


def shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here: the tests read ../shared/data beside the repository")
    return path


@pytest.fixture
def queue_log() -> Path:
    return shared(QUEUE_LOG)


def import_calls(*args: str | Path) -> str:
    """Run `care311 calls import ARGS --no-progress` and return what it printed."""
    out = StringIO()
    call_command("calls", "import", *map(str, args), "--no-progress", stdout=out)
    return out.getvalue()


def figures(first: date, last: date | None = None, by: str = "", *labels: str, **options):
    """The report's figures for one row (no labels: the total), name -> value."""
    period = Period(first, last or first, CHICAGO)
    return call_report(period, Grouping.parse(by), **options).figures(*labels)


def bank_rows(month_file: str, *days: str) -> list[list[str]]:
    """The bank's rows of these days (YYMMDD), straight from the file, header first."""
    lines = shared(BANK / month_file).read_text().splitlines()
    rows = [line.split("\t") for line in lines]
    return [rows[0]] + [row for row in rows[1:] if row[5] in days]


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("".join("\t".join(row) + "\n" for row in rows))
    return path
