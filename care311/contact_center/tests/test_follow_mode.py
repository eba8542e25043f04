"""Following a growing queue_log: new lines become calls within a poll, and a log that is
rotated (moved away and created anew) or truncated in place (copytruncate) is read on
without losing or double counting a call."""

import io
import os
from collections.abc import Callable

import pytest
from django.core.management.base import OutputWrapper

from care311.contact_center.follow import follow_file
from care311.contact_center.models import CallRecord
from care311.contact_center.tests.conftest import CHICAGO

pytestmark = pytest.mark.django_db

T = 1700002800


def line(seconds: int, call: str, event: str, data: str = "", agent: str = "NONE") -> str:
    return f"{T + seconds}|{call}|help|{agent}|{event}|{data}\n"


def run(path, steps: list[Callable[[], None]]):
    """Follow `path` for two polls, then do each step with two polls after it."""
    plan = [None, None, *(step for each in steps for step in (each, None, None))]

    def stop() -> bool:
        if not plan:
            return True
        step = plan.pop(0)
        if step is not None:
            step()
        return False

    out = io.StringIO()
    quality = follow_file(path, CHICAGO, OutputWrapper(out), poll=0.001, flush=0, stop=stop)
    return quality, out.getvalue()


def append(path, *lines: str) -> Callable[[], None]:
    def write() -> None:
        with path.open("a") as handle:
            handle.write("".join(lines))

    return write


def calls() -> dict[str, tuple]:
    return {
        c.source_key: (c.outcome, c.complete, c.wait_seconds, c.talk_seconds)
        for c in CallRecord.objects.all()
    }


def test_it_reads_lines_as_they_come_and_waits_for_a_line_to_end(tmp_path):
    path = tmp_path / "queue_log"
    path.write_text(line(0, "c1", "ENTERQUEUE", "|5551234"))
    seen = []

    quality, _ = run(
        path,
        [
            lambda: seen.append(calls()),
            append(path, line(5, "c1", "CONNECT", "5|x", "A1").rstrip("\n")),  # no line end yet
            lambda: seen.append(calls()),
            append(path, "\n", line(65, "c1", "COMPLETECALLER", "5|60|1", "A1")),
        ],
    )

    assert seen[0] == {"c1": ("waiting", False, None, None)}
    assert seen[1] == {"c1": ("waiting", False, None, None)}  # the half-written line waits
    assert calls() == {"c1": ("answered", True, 5, 60)}
    assert quality.read == 3


def test_it_reads_the_rest_of_a_rotated_log_then_the_new_one(tmp_path):
    path = tmp_path / "queue_log"
    path.write_text(line(0, "c1", "ENTERQUEUE") + line(4, "c1", "ABANDON", "1|1|4"))

    def rotate() -> None:
        append(path, line(10, "c2", "ENTERQUEUE"))()  # written just before the move
        os.rename(path, tmp_path / "queue_log.1")
        path.write_text(line(30, "c2", "ABANDON", "1|1|20") + line(40, "c3", "ENTERQUEUE"))

    quality, output = run(path, [rotate, append(path, line(50, "c3", "ABANDON", "1|1|10"))])

    assert calls() == {
        "c1": ("abandoned", True, 4, None),
        "c2": ("abandoned", True, 20, None),
        "c3": ("abandoned", True, 10, None),
    }
    assert quality.caveats["log rotated (the old file read to its end)"] == 1
    assert "calls created 3" in output


def test_it_starts_again_on_a_log_truncated_in_place_without_double_counting(tmp_path):
    path = tmp_path / "queue_log"
    first = line(0, "c1", "ENTERQUEUE") + line(3, "c1", "ABANDON", "1|1|3")
    path.write_text(first + line(9, "c2", "ENTERQUEUE"))

    def copytruncate() -> None:
        # The copy keeps what was written; the log starts again with a line seen before.
        with path.open("w") as handle:
            handle.write(line(9, "c2", "ENTERQUEUE") + line(29, "c2", "ABANDON", "1|1|20"))

    def truncate_and_grow() -> None:
        # Truncated and written past the old length between two polls.
        path.write_text("".join(line(100 + n, f"d{n}", "ENTERQUEUE") for n in range(5)))

    quality, _ = run(path, [copytruncate, truncate_and_grow])

    assert calls()["c1"] == ("abandoned", True, 3, None)
    assert calls()["c2"] == ("abandoned", True, 20, None)
    assert len(calls()) == 7
    assert quality.caveats["log truncated (read again from its start)"] == 2
    assert quality.duplicates == 1
