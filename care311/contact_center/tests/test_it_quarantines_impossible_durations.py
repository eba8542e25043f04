"""A duration or position no phone system could write (infinite, 1e308 seconds, more than a
week) is quarantined with its line; it neither stops the import nor reaches the figures.

T = 1700002800 is 2023-11-14 23:00:00 UTC, 17:00 CST in Chicago.
"""

from datetime import date

import pytest

from care311.contact_center.adapters.bank import HEADER
from care311.contact_center.models import CallRecord
from care311.contact_center.tests.conftest import figures, import_calls, write_rows
from care311.imports.models import QuarantinedRecord

pytestmark = pytest.mark.django_db

T = 1700002800
DAY = date(2023, 11, 14)
LINES = [
    f"{T}|c1|sales|NONE|ENTERQUEUE||",
    f"{T + 5}|c1|sales|Agent/100|CONNECT|5|c1b|1",
    f"{T + 65}|c1|sales|Agent/100|COMPLETECALLER|5|60|1",
    f"{T + 70}|c2|sales|Agent/100|COMPLETEAGENT|5|1e308|1",
    f"{T + 80}|c3|sales|Agent/100|COMPLETECALLER|inf|10|1",
    f"{T + 90}|c4|sales|NONE|ABANDON|1|1|99999999999999999999",
    f"{T + 95}|c5|sales|NONE|ENTERQUEUE||5551234|nan",
]


def test_it_quarantines_the_lines_and_imports_the_rest(tmp_path):
    path = tmp_path / "queue_log"
    path.write_text("\n".join(LINES) + "\n")

    output = import_calls(path)

    for field in ("talk time", "hold time", "wait time", "position"):
        assert f"quarantined 1: not a number in the {field} field" in output
    assert list(CallRecord.objects.values_list("source_key", "talk_seconds")) == [("c1", 60)]
    reasons = sorted(QuarantinedRecord.objects.values_list("record_no", "reason"))
    assert reasons == [
        (4, "not a number in the talk time field: '1e308' (more than a week)"),
        (5, "not a number in the hold time field: 'inf'"),
        (6, "not a number in the wait time field: '99999999999999999999' (more than a week)"),
        (7, "not a number in the position field: 'nan'"),
    ]
    assert figures(DAY)["offered"] == 1


def test_it_quarantines_a_bank_row_with_an_impossible_wait(tmp_path):
    good = "AA0101 1 0 1 PS 990101 10:00:00 10:00:10 10 10:00:10 10:00:40 30 HANG 0:00:00 "
    good += "0:00:00 0 NO_SERVER"
    bad = good.replace(" 1 0 1 ", " 2 0 1 ").replace(" 30 HANG", " 99999999999999999999 HANG")
    path = write_rows(tmp_path / "bank.txt", [list(HEADER), good.split(), bad.split()])

    output = import_calls(path)

    assert "quarantined 1: not a number in q_time" in output
    assert CallRecord.objects.count() == 1
    assert QuarantinedRecord.objects.get().reason == (
        "not a number in q_time: '99999999999999999999' (more than a week)"
    )
