"""The demo loads call data from ../shared/data: the real queue_log and the bank's months
(here a one-day excerpt of January, to stay quick), once."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from care311.contact_center.models import Agent, CallRecord, Queue
from care311.demo import calls

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data"


@pytest.fixture
def call_data(tmp_path, monkeypatch):
    log = SHARED / calls.QUEUE_LOG
    january = SHARED / calls.BANK / "01_January.txt"
    if not log.exists() or not january.exists():
        pytest.skip("the demo's call data is read from ../shared/data beside the repository")
    root = tmp_path / "call-data"
    (root / calls.QUEUE_LOG).parent.mkdir(parents=True)
    shutil.copy(log, root / calls.QUEUE_LOG)
    (root / calls.BANK).mkdir()
    lines = january.read_text().splitlines(keepends=True)
    excerpt = [lines[0], *(line for line in lines[1:] if "\t990103\t" in line)]
    (root / calls.BANK / "01_January.txt").write_text("".join(excerpt))
    monkeypatch.setenv("CARE311_DEMO_CALL_DATA", str(root))
    return len(excerpt) - 1


def _demo() -> str:
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    return out.getvalue()


def test_it_imports_the_call_data_once(call_data):
    first = _demo()
    second = _demo()

    assert "Importing calls from freepbx-2010-queue_log.txt" in first
    assert "Importing calls from 01_January.txt" in first
    assert "Calls: 01_January.txt already imported" in second
    assert CallRecord.objects.filter(source="queue_log").count() == 21
    assert CallRecord.objects.filter(source="bank").count() > call_data * 0.9


def test_it_names_the_queues_and_links_the_demo_agents(call_data):
    _demo()

    assert Queue.objects.get(name="PS").label == "Regular service"
    assert str(Agent.objects.get(name="KAZAV").user) == "agent1"


def test_it_says_so_when_there_is_no_call_data():
    assert "No call data in" in _demo()
