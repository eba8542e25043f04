"""Reports for people: the form that chooses one, its table and charts, its CSV, the text
`care311 calls report` prints, and the abandonment curve.

Every figure goes out under its definition's name; caller numbers never do.
"""

import csv
import io
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django import forms
from django.core.management.base import CommandError, OutputWrapper
from django.db.models import Count
from django.utils import timezone

from care311.analytics.cells import inert
from care311.contact_center.charts import Series, bar_chart, line_chart
from care311.contact_center.metrics.definitions import COUNT, REPORT, format_value
from care311.contact_center.metrics.grouping import Grouping, Period
from care311.contact_center.metrics.report import Report, call_report
from care311.contact_center.models import CallRecord, Outcome, Queue

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

TIME_CHOICES = [
    ("interval:15", "15-minute intervals"),
    ("interval:30", "30-minute intervals"),
    ("interval:60", "Hours"),
    ("day", "Days"),
    ("week", "Weeks"),
    ("month", "Months"),
]
SPLIT_CHOICES = [("", "No split"), ("queue", "Queue"), ("agent", "Agent"), ("channel", "Channel")]
MAX_DAYS = 366
# Reports cover days a phone system could have recorded; far-off years overflow the time
# arithmetic (year 1 in a zone west of UTC falls before year 1 in UTC).
FIRST_DAY, LAST_DAY = date(1970, 1, 1), date(2100, 12, 31)
MAX_INTERVAL_DAYS = 31
CURVE_STEP = 10  # seconds between the abandonment curve's points


class PeriodForm(forms.Form):
    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            problem = period_problem(start, end)
            if problem:
                raise forms.ValidationError(problem)
        return data

    @classmethod
    def for_request(cls, params):
        """The form bound to the query string, or to the last seven days when it is empty."""
        if not params.get("start") and not params.get("end"):
            today = timezone.localdate()
            params = {
                "by": "day",
                **params.dict(),
                "start": today - timedelta(days=6),
                "end": today,
            }
        return cls(params)

    def period(self) -> Period:
        return Period(
            self.cleaned_data["start"], self.cleaned_data["end"], timezone.get_current_timezone()
        )


def period_problem(start: date, end: date) -> str:
    """Why the days from `start` to `end` cannot make a report, or "" when they can."""
    if not (FIRST_DAY <= start <= LAST_DAY and FIRST_DAY <= end <= LAST_DAY):
        return f"Choose dates from {FIRST_DAY} to {LAST_DAY}."
    if end < start:
        return "The period ends before it starts."
    if (end - start).days + 1 > MAX_DAYS:
        return f"Choose at most {MAX_DAYS} days."
    return ""


class ReportForm(PeriodForm):
    by = forms.ChoiceField(label="Grouped by", choices=TIME_CHOICES, initial="day")
    split = forms.ChoiceField(label="Split by", choices=SPLIT_CHOICES, required=False)
    queue = forms.ModelChoiceField(
        label="Queue", queryset=Queue.objects.all(), required=False, empty_label="All queues"
    )

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        interval = data.get("by", "").startswith("interval")
        if start and end and interval and (end - start).days + 1 > MAX_INTERVAL_DAYS:
            raise forms.ValidationError(
                f"Intervals are for periods of up to {MAX_INTERVAL_DAYS} days: "
                "choose days, weeks or months for longer ones."
            )
        return data

    def grouping(self) -> Grouping:
        text = self.cleaned_data["by"]
        if self.cleaned_data.get("split"):
            text += "," + self.cleaned_data["split"]
        return Grouping.parse(text)

    def queues(self) -> list[int] | None:
        queue = self.cleaned_data.get("queue")
        return [queue.pk] if queue else None


def table(report: Report) -> dict:
    """Headers and formatted rows, for templates."""
    return {
        "dimensions": [
            _dimension_label(name, report.grouping) for name in report.grouping.dimensions
        ],
        "definitions": report.definitions,
        "rows": [
            {
                "labels": row.labels,
                "cells": [
                    format_value(d, v) for d, v in zip(report.definitions, row.values, strict=True)
                ],
            }
            for row in report.rows
        ],
        "total": [
            format_value(d, v) for d, v in zip(report.definitions, report.total.values, strict=True)
        ],
        "width": len(report.grouping.dimensions) + len(report.definitions),
    }


def _dimension_label(name: str, grouping: Grouping) -> str:
    if name == "interval":
        return f"{grouping.minutes}-minute interval"
    return name.capitalize()


def write_csv(report: Report, out: "SupportsWrite[str]") -> None:
    """The report as CSV: the grouping's columns, then one column per definition name.

    Values are plain numbers (percentages as percents, durations in seconds), empty where
    there is nothing to divide by; the last row is the total.
    """
    writer = csv.writer(out)
    writer.writerow([*report.grouping.dimensions, *(d.name for d in report.definitions)])
    blanks = [""] * max(len(report.grouping.dimensions) - 1, 0)
    counts = [d.unit == COUNT for d in report.definitions]
    for labels, values in [
        *((row.labels, row.values) for row in report.rows),
        (("All", *blanks) if report.grouping.dimensions else (), report.total.values),
    ]:
        # Queue and agent names come from phone systems: never a formula in a spreadsheet.
        cells = [inert(label) for label in labels]
        writer.writerow([*cells, *(_csv_value(v, c) for v, c in zip(values, counts, strict=True))])


def _csv_value(value: float | None, count: bool) -> str | int | float:
    if value is None:
        return ""
    return int(value) if count else round(value, 4)


def trend_charts(period: Period, grouping: Grouping, queues: list[int] | None) -> dict:
    """Volume, service level and abandonment over the report's time groups (all splits
    added together), as SVG, with the same numbers for a table beside them."""
    time_only = Grouping(
        tuple(d for d in grouping.dimensions if d in ("interval", "day", "week", "month")),
        grouping.minutes,
    )
    report = call_report(
        period, time_only, ("offered", "service_level_offered", "abandonment_rate"), queues=queues
    )
    labels = [row.labels[0] for row in report.rows]
    offered = [row.values[0] for row in report.rows]
    level = [row.values[1] for row in report.rows]
    abandoned = [row.values[2] for row in report.rows]
    short = [_short_label(label) for label in labels]
    return {
        "volume": bar_chart("Calls offered", short, offered),
        "levels": line_chart(
            "Service level and abandonment",
            short,
            [Series("Service level (offered basis)", level), Series("Abandonment rate", abandoned)],
            unit="%",
        ),
        "rows": [
            (
                label,
                format_value(report.definitions[0], o),
                format_value(report.definitions[1], s),
                format_value(report.definitions[2], a),
            )
            for label, o, s, a in zip(labels, offered, level, abandoned, strict=True)
        ],
        "definitions": report.definitions,
    }


def _short_label(label: str) -> str:
    # "2025-03-03 09:15 CST" -> "09:15" on interval charts; dates stay as they are.
    parts = label.split(" ")
    return parts[1] if len(parts) == 3 else label


def abandonment_curve(period: Period, queues: list[int] | None) -> dict:
    """The share of offered calls abandoned by each time waited, every CURVE_STEP seconds."""
    start, stop = period.bounds()
    calls = CallRecord.objects.filter(arrived_at__gte=start, arrived_at__lt=stop)
    if queues is not None:
        calls = calls.filter(queue_id__in=queues)
    offered = calls.exclude(outcome__in=(Outcome.WAITING, Outcome.IVR)).count()
    waits = dict(
        calls.filter(outcome=Outcome.ABANDONED)
        .values_list("wait_seconds")
        .annotate(count=Count("id"))
        .order_by()
        .values_list("wait_seconds", "count")
    )
    longest = max((w or 0 for w in waits), default=0)
    steps = list(range(0, min(longest, 600) + CURVE_STEP, CURVE_STEP))
    points = []
    for limit in steps:
        abandoned = sum(count for wait, count in waits.items() if (wait or 0) <= limit)
        points.append(100 * abandoned / offered if offered else None)
    return {
        "chart": line_chart(
            "Share of offered calls abandoned, by time waited",
            [f"{limit} s" for limit in steps],
            [Series("Abandoned within the time waited", points)],
            unit="%",
        ),
        "rows": [
            (f"{limit} s", "—" if p is None else f"{p:.1f}%")
            for limit, p in zip(steps, points, strict=True)
        ],
        "offered": offered,
    }


def print_report(options: dict, out: OutputWrapper) -> None:
    """`care311 calls report`: the figures as text, each under its definition's name."""
    try:
        first, last = date.fromisoformat(options["start"]), date.fromisoformat(options["end"])
        grouping = Grouping.parse(options["by"])
    except ValueError as error:
        raise CommandError(str(error), returncode=2) from None
    problem = period_problem(first, last)
    if problem:
        raise CommandError(problem, returncode=2)
    report = call_report(Period(first, last, timezone.get_current_timezone()), grouping, REPORT)
    if options["csv"]:
        buffer = io.StringIO()
        write_csv(report, buffer)
        out.write(buffer.getvalue(), ending="")
        return
    for line in report_lines(report):
        out.write(line)


def report_lines(report: Report) -> Iterable[str]:
    period = report.period
    yield f"Calls {period.first} to {period.last} ({period.zone}), by {report.grouping.describe()}"
    for row in [*report.rows, report.total]:
        yield ""
        yield " / ".join(row.labels)
        for definition, value in zip(report.definitions, row.values, strict=True):
            shown = format_value(definition, value)
            yield f"  {definition.name:<34} {shown:>12}  {definition.label}"
    yield ""
    yield "Definitions:"
    for definition in report.definitions:
        yield f"  {definition.name}: {definition.formula}"
    for note in report.all_notes:
        yield f"Note: {note}"
