import json
from datetime import date
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from care311.accounts.roles import ensure_roles
from care311.contact_center.metrics.grouping import Grouping, Period
from care311.contact_center.metrics.report import call_report
from care311.contact_center.models import Agent

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


@pytest.fixture
def cast(db):
    """username -> user: a supervisor, two agents (ana linked to phone agent "ana"), a
    member of department staff, an admin, and a resident-like account with no role."""
    groups = ensure_roles()
    User = get_user_model()
    people = {}
    for username, role in (
        ("supervisor", "supervisor"),
        ("ana", "agent"),
        ("ben", "agent"),
        ("streets", "department staff"),
        ("admin", "admin"),
        ("resident", None),
    ):
        user = User.objects.create_user(username, password="not-used-here-1")
        user.is_staff = role is not None
        user.save()
        if role:
            user.groups.set([groups[role]])
        people[username] = user
    for name in ("ana", "ben"):
        Agent.objects.update_or_create(name=name, defaults={"user": people[name]})
    return people


@pytest.fixture
def post_events(client):
    """Post webhook events with a fresh key: post_events(event, ...) -> the JSON answer."""
    from care311.contact_center.webhook import issue_key

    key = issue_key("test pbx")

    def post(*events):
        body = json.dumps({"events": list(events)})
        response = client.post(
            "/contact-center/events", body, "application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
        )
        return response.json()

    return post
