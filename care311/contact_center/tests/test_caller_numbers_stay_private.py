"""Callers' numbers are kept on the call record and nowhere else: not on the staff pages,
the wallboard's data, the CSV exports, the import's output or the logs."""

import logging

import pytest

from care311.contact_center.models import Agent, CallRecord
from care311.contact_center.tests.conftest import import_calls
from care311.imports.models import QuarantinedRecord

pytestmark = pytest.mark.django_db

# Callers in the real queue_log (../shared/data/asterisk-queue-log).
NUMBERS = ("01773597776", "01719765619", "03420254064", "01634058811")


def test_it_keeps_the_numbers_on_the_records_only(client, cast, queue_log, caplog):
    caplog.set_level(logging.DEBUG)
    output = import_calls(queue_log)
    assert set(
        CallRecord.objects.exclude(caller_number="").values_list("caller_number", flat=True)
    ) == set(NUMBERS)

    client.force_login(cast["supervisor"])
    day = "start=2010-02-22&end=2010-02-22"
    agent = Agent.objects.get(name="Local/2004@from-internal/n").pk
    pages = [
        output,
        caplog.text,
        client.get("/wallboard/").content.decode(),
        client.get("/wallboard/data.json").content.decode(),
        client.get(f"/contact-center/reports/?{day}&by=interval:15&split=agent").content.decode(),
        client.get(f"/contact-center/reports/?{day}&by=day&format=csv").content.decode(),
        client.get(f"/contact-center/agents/?{day}").content.decode(),
        client.get(f"/contact-center/agents/{agent}/?{day}").content.decode(),
        client.get(f"/contact-center/agents/{agent}/?{day}&format=csv").content.decode(),
    ]
    for text in pages:
        for number in NUMBERS:
            assert number not in text


def test_it_withholds_the_number_of_an_entering_line_it_quarantines(tmp_path):
    path = tmp_path / "queue_log"
    path.write_text("1700000000|c1|help|NONE|ENTERQUEUE||5551234|not-a-position\n")

    import_calls(path)

    kept = QuarantinedRecord.objects.get()
    assert "5551234" not in kept.raw
    assert kept.raw == "1700000000|c1|help|NONE|ENTERQUEUE||(caller number withheld)|not-a-position"
