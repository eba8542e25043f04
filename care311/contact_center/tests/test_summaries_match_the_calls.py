"""The running interval summaries equal a sum over the call records, however the calls
arrived; and figures from the summaries equal figures computed from the calls themselves."""

from datetime import date

import pytest

from care311.contact_center.metrics import summaries
from care311.contact_center.metrics.grouping import Grouping, Period
from care311.contact_center.metrics.report import Names, call_report, report_from_calls
from care311.contact_center.models import Agent, CallRecord, IntervalSummary, Queue
from care311.contact_center.tests.conftest import (
    CHICAGO,
    bank_rows,
    import_calls,
    write_rows,
)

pytestmark = pytest.mark.django_db

CALL_FIGURES = ("offered", "answered", "service_level_abandons_met", "asa", "aht", "incomplete")


def _summaries() -> list[tuple]:
    fields = [f.name for f in IntervalSummary._meta.fields if f.name != "id"]
    rows = IntervalSummary.objects.values_list(*fields)
    return sorted(row for row in rows if any(row[4:]))


@pytest.fixture
def two_days(tmp_path):
    # The second import overlaps the first: the 5th is imported twice, once with the 4th.
    rows = bank_rows("01_January.txt", "990104", "990105")
    import_calls(write_rows(tmp_path / "both.txt", rows))
    import_calls(
        write_rows(tmp_path / "fifth.txt", [rows[0]] + [r for r in rows if r[5] == "990105"])
    )


def test_it_keeps_the_summaries_equal_to_a_fresh_sum(two_days):
    running = _summaries()

    summaries.rebuild()

    assert _summaries() == running


def test_it_gets_the_same_figures_from_calls_in_memory(two_days):
    period = Period(date(1999, 1, 4), date(1999, 1, 5), CHICAGO)
    grouping = Grouping.parse("interval:30,queue,agent")
    calls, channels = summaries.columns(
        list(CallRecord.objects.values_list(*summaries.CALL_FIELDS))
    )
    names = Names(
        dict(Queue.objects.values_list("id", "name")),
        dict(Agent.objects.values_list("id", "name")),
        channels,
    )

    from_summaries = call_report(period, grouping, CALL_FIGURES)
    from_calls = report_from_calls(
        calls, summaries.queue_thresholds(), period, grouping, CALL_FIGURES, names
    )

    assert [row.labels for row in from_calls.rows] == [row.labels for row in from_summaries.rows]
    assert [row.values for row in from_calls.rows] == [row.values for row in from_summaries.rows]
    assert from_calls.total.values == from_summaries.total.values
    assert len(from_calls.rows) > 500
