"""The demo's contact center: the real Asterisk queue_log and four months of the bank's call
records (from ../shared/data beside the repository), agents linked to the demo's agent
accounts, and a replay of a busy day so the wallboard moves.

The data is not part of the project; without it the demo runs with no calls and says so.
"""

import os
from datetime import date, datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django.utils import timezone

from care311.contact_center.adapters import FORMATS
from care311.contact_center.models import Agent, Queue
from care311.contact_center.replay import start_in_background
from care311.imports.files import file_key
from care311.imports.models import ImportRun

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
QUEUE_LOG = Path("asterisk-queue-log") / "freepbx-2010-queue_log.txt"
BANK = Path("callcenter-anonymous-bank")
BANK_MONTHS = ("01_January.txt", "02_February.txt", "03_March.txt", "04_April.txt")
# The bank's call types, named as its documentation describes them.
QUEUE_LABELS = {
    "PS": "Regular service",
    "PE": "Regular service in English",
    "IN": "Internet help",
    "NE": "Stock exchange",
    "NW": "New customers",
    "TT": "Callbacks",
    "9000": "FreePBX queue 9000",
}
# The demo's agent accounts answer as two of the bank's busiest agents.
AGENT_ACCOUNTS = {"agent1": "KAZAV", "agent2": "SHARON"}
REPLAY_DAY = date(1999, 1, 3)  # a Sunday: the bank's busiest day of the week
REPLAY_HOURS = (7, 21)  # replay from the hour it is now, if the bank's day was busy then


def data_dir() -> Path:
    return Path(os.environ.get("CARE311_DEMO_CALL_DATA", SHARED))


def bank_files() -> list[Path]:
    return [data_dir() / BANK / name for name in BANK_MONTHS if (data_dir() / BANK / name).exists()]


def load_calls(out: OutputWrapper) -> None:
    """Import what has not been imported yet, and name the queues and agents."""
    files = [data_dir() / QUEUE_LOG, *bank_files()]
    if not files[0].exists() and len(files) == 1:
        out.write(f"No call data in {data_dir()}: the contact-center pages start empty.")
        return
    for path in files:
        if not path.exists():
            continue
        if _imported(path):
            out.write(f"Calls: {path.name} already imported")
            continue
        out.write(f"Importing calls from {path.name} ...")
        call_command("calls", "import", str(path), "--no-progress", stdout=out)
    for name, label in QUEUE_LABELS.items():
        Queue.objects.filter(name=name, label="").update(label=label)
    users = get_user_model().objects.filter(username__in=AGENT_ACCOUNTS)
    for user in users:
        Agent.objects.filter(name=AGENT_ACCOUNTS[user.get_username()], user=None).update(user=user)


def _imported(path: Path) -> bool:
    formats = {label for label, _ in FORMATS.values()}
    return ImportRun.objects.filter(
        file_key=file_key(path), format__in=formats, state=ImportRun.State.FINISHED
    ).exists()


def start_replay(out: OutputWrapper, speed: float) -> None:
    """Replay the bank's busiest day in the background, from the hour it is now."""
    files = bank_files()
    if speed <= 0 or not files:
        return
    hour = timezone.localtime().hour
    start = f"{hour}:00" if REPLAY_HOURS[0] <= hour < REPLAY_HOURS[1] else f"{REPLAY_HOURS[0]}:00"
    zone = timezone.get_current_timezone()
    start_in_background(files[:1], zone, REPLAY_DAY, start, speed)
    moment = datetime.combine(REPLAY_DAY, datetime.min.time())
    out.write(
        f"Replaying the bank's calls of {moment:%A %d %B %Y} from {start} at {speed:g}x: "
        "the wallboard moves with them."
    )
