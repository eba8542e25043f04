"""A log damaged by a crash holds runs of NUL bytes. They are removed and counted, the rest
of each line is read as usual: no crash (PostgreSQL's text cannot hold NUL), no lost calls.

T = 1700002800 is 2023-11-14 23:00:00 UTC, 17:00 CST in Chicago.
"""

from datetime import date

import pytest

from care311.contact_center.models import CallRecord
from care311.contact_center.tests.conftest import figures, import_calls
from care311.imports.models import ImportRun, QuarantinedRecord

pytestmark = pytest.mark.django_db

T = 1700002800
LINES = [
    f"{T}|c1|sales|NONE|ENTERQUEUE||",
    "\0" * 300,
    "\0" * 20 + f"{T + 20}|c1|sales|NONE|ABANDON|1|1|20",
    f"{T + 30}|c2|sales|NONE|ENTERQUEUE\0\0||5551234",
    f"{T + 40}|c2|sales|NONE|ABANDON|1|1|10",
    f"{T + 50}|c3|sa\0les|NONE|UNHEARD\0OF|",
]


def test_it_removes_nul_bytes_and_reads_the_rest(tmp_path):
    path = tmp_path / "queue_log"
    path.write_bytes(("\n".join(LINES) + "\n").encode())

    output = import_calls(path)

    assert "kept with a caveat 4: NUL bytes removed from a line (a damaged file)" in output
    assert "unknown event type UNHEARDOF: 1 (kept in quarantine)" in output
    calls = CallRecord.objects.order_by("source_key")
    assert list(calls.values_list("source_key", "outcome", "wait_seconds")) == [
        ("c1", "abandoned", 20),
        ("c2", "abandoned", 10),
    ]
    assert QuarantinedRecord.objects.get().raw == f"{T + 50}|c3|sales|NONE|UNHEARDOF|"
    assert ImportRun.objects.get().summary["events"]["ENTERQUEUE"] == 2
    assert figures(date(2023, 11, 14))["abandoned"] == 2
