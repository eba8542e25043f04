"""Intervals and days are the city's (America/Chicago), also on the days clocks change.

Spring: on Sunday 4 April 1999 clocks went from 02:00 CST to 03:00 CDT. The bank's records
for that day (../shared/data/callcenter-anonymous-bank) have calls at 2:xx, a time Chicago
skipped: they are read as if the clocks had not yet moved, landing in 03:00-04:00 CDT.
Autumn: on Sunday 5 November 2023 01:00-02:00 came twice (CDT, then CST); a queue_log call
in each is in its own interval.
"""

from collections import Counter
from datetime import date

import pytest

from care311.contact_center.metrics.grouping import Grouping, Period
from care311.contact_center.metrics.report import call_report
from care311.contact_center.tests.conftest import (
    CHICAGO,
    bank_rows,
    figures,
    import_calls,
    write_rows,
)

pytestmark = pytest.mark.django_db

SPRING = date(1999, 4, 4)


def _hour(clock: str) -> int:
    return int(clock.split(":")[0])


def _offered_by_local_hour(rows: list[list[str]]) -> Counter:
    """Queued calls (not phantoms) arriving on the day, by the hour on Chicago's clocks."""
    hours: Counter = Counter()
    for row in rows[1:]:
        queued = row[9] != "0:00:00" or row[11] != "0"
        if row[12] == "PHANTOM" or (not queued and row[12] == "HANG"):
            continue
        arrival = row[9] if queued else row[7]
        if _hour(arrival) < _hour(row[6]) - 1:
            continue  # after midnight: the next day
        hour = _hour(arrival)
        hours[3 if hour == 2 else hour] += 1
    return hours


def test_it_puts_the_skipped_hours_calls_after_the_change(tmp_path):
    rows = bank_rows("04_April.txt", "990404")
    output = import_calls(write_rows(tmp_path / "april-4.txt", rows))

    report = call_report(Period(SPRING, SPRING, CHICAGO), Grouping.parse("interval:60"))

    offered = {row.labels[0]: report.figures(*row.labels)["offered"] for row in report.rows}
    expected = _offered_by_local_hour(rows)
    zone = {hour: "CST" if hour < 2 else "CDT" for hour in range(24)}
    assert offered == {
        f"1999-04-04 {hour:02d}:00 {zone[hour]}": count for hour, count in expected.items()
    }
    assert "1999-04-04 02:00 CDT" not in offered and "1999-04-04 02:00 CST" not in offered
    # Eight calls at 2:xx on the bank's clock (four of them reached a queue), none at 3:xx.
    assert expected[3] == 4
    assert "kept with a caveat 8: local time in the hour skipped by a clock change" in output


def test_it_keeps_the_repeated_autumn_hour_as_two_intervals(tmp_path):
    # 06:30 UTC is 01:30 CDT; 07:30 UTC is 01:30 CST.
    path = tmp_path / "queue_log"
    path.write_text(
        "1699165800|a|help|NONE|ENTERQUEUE||\n"
        "1699165810|a|help|NONE|ABANDON|1|1|10\n"
        "1699169400|b|help|NONE|ENTERQUEUE||\n"
        "1699169430|b|help|NONE|ABANDON|1|1|30\n"
    )
    import_calls(path)
    day = date(2023, 11, 5)

    first = figures(day, day, "interval:60", "2023-11-05 01:00 CDT")
    second = figures(day, day, "interval:60", "2023-11-05 01:00 CST")
    whole_day = figures(day, day, "day", "2023-11-05")

    assert (first["abandoned"], first["average_time_to_abandon"]) == (1, 10)
    assert (second["abandoned"], second["average_time_to_abandon"]) == (1, 30)
    assert whole_day["abandoned"] == 2
