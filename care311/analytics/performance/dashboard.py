"""The department performance page's numbers: the period against the one before, by service
type, and the trend leading up to it. Every table here is also its chart's CSV."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import TruncDate, TruncMonth, TruncWeek
from django.utils.translation import gettext as _

from care311.analytics.charts import Table, percent
from care311.analytics.performance import figures as f
from care311.analytics.performance.percentiles import hours_to_close
from care311.analytics.performance.periods import MONTH, WEEK
from care311.analytics.scope import Scope
from care311.catalog.models import ServiceType
from care311.contact_center.metrics.grouping import Period


@dataclass
class Summary:
    """One period's figures: counts by name, the times to close, the SLA compliance."""

    counts: dict[str, int]
    median_hours: float | None
    p90_hours: float | None
    timed: int

    @property
    def compliance(self) -> float | None:
        return f.compliance(self.counts)


@dataclass
class Dashboard:
    current: Summary
    previous: Summary
    services: Table
    trend: Table
    rows: list[dict] = field(default_factory=list)


def summary(requests: QuerySet, window: f.Window, counts: dict | None = None) -> Summary:
    counts = f.counts(requests, window) if counts is None else counts
    times = hours_to_close(requests.filter(f.closed_in_time(window))).get(None)
    median, p90, timed = times if times else (None, None, 0)
    return Summary(counts, median, p90, timed)


def dashboard(scope: Scope) -> Dashboard:
    by_service: dict[int, dict[str, int]] = f.counts_by(scope.requests, scope.window, "service")
    # Every request has a service, so the period's counts are the services' added up: one
    # scan of the period's rows instead of two.
    totals = {figure.name: 0 for figure in f.FIGURES}
    for counts in by_service.values():
        for name, value in counts.items():
            totals[name] += value
    current = summary(scope.requests, scope.window, totals)
    previous = summary(scope.requests, scope.previous_window)
    return Dashboard(
        current,
        previous,
        services_table(scope, by_service),
        trend_table(scope),
        rows(current, previous),
    )


def rows(current: Summary, previous: Summary) -> list[dict]:
    """The figures table: each figure now, before, and its share where it has one."""
    found = []
    for figure in f.FIGURES:
        now, before = current.counts[figure.name], previous.counts[figure.name]
        if figure.name.startswith("channel-") and not (now or before):
            continue
        found.append(
            {
                "figure": figure,
                "now": now,
                "before": before,
                "change": now - before,
                "share": f.share(current.counts, figure),
            }
        )
    return found


def services_table(scope: Scope, by_service: dict[int, dict[str, int]]) -> Table:
    window = scope.window
    times = hours_to_close(scope.requests.filter(f.closed_in_time(window)), key="service")
    names = dict(ServiceType.objects.filter(pk__in=by_service).values_list("pk", "name"))
    table = Table(
        _("By service type"),
        [
            _("Service"),
            _("Received"),
            _("Closed"),
            _("Backlog"),
            _("Median hours to close"),
            _("90th percentile hours"),
            _("Service target met (%)"),
        ],
    )
    ordered = sorted(by_service.items(), key=lambda item: -item[1]["received"])
    for service_id, counts in ordered:
        median, p90, _timed = times.get(service_id, (None, None, 0))
        table.add(
            names.get(service_id, "?"),
            counts["received"],
            counts["closed"],
            counts["backlog"],
            median,
            p90,
            percent(f.compliance(counts)),
            key=service_id,
        )
    return table


def bucket_of(field_name: str, periods: list[Period]) -> Case:
    """The index of the trend bucket a time falls in (None outside them all)."""
    whens: list[When] = []
    for index, period in enumerate(periods):
        start, stop = period.bounds()
        whens.append(
            When(Q(**{f"{field_name}__gte": start, f"{field_name}__lt": stop}), Value(index))
        )
    return Case(*whens, default=None, output_field=IntegerField())


def trend_table(scope: Scope) -> Table:
    periods = scope.choice.trend()
    start, stop = periods[0].bounds()[0], periods[-1].bounds()[1]
    whole = f.Window(start, stop)
    received = _per_bucket(scope.requests.filter(f.received(whole)), "requested_at", scope)
    closed = _per_bucket(scope.requests.filter(f.closed(whole)), "closed_at", scope)
    times = _by_index(
        hours_to_close(
            scope.requests.filter(f.closed_in_time(whole)), key=truncated("closed_at", scope)
        ),
        periods,
    )
    table = Table(
        _("Trend"),
        [_("Period"), _("Received"), _("Closed"), _("Median hours to close")],
    )
    for index, period in enumerate(periods):
        median = times.get(index, (None, None, 0))[0]
        table.add(
            scope.choice.label(period),
            received.get(index, 0),
            closed.get(index, 0),
            median,
            key=period,
        )
    return table


def truncated(field_name: str, scope: Scope):
    """The local month, week or day of a time: the trend's bucket key, cheaper for the
    database than comparing every time with every bucket's bounds."""
    zone = scope.choice.zone
    periods = scope.choice.trend()
    if any(period.first != period.last for period in periods) and scope.choice.kind not in (
        MONTH,
        WEEK,
    ):
        return bucket_of(field_name, periods)
    if scope.choice.kind == MONTH:
        return TruncMonth(field_name, tzinfo=zone)
    if scope.choice.kind == WEEK:
        return TruncWeek(field_name, tzinfo=zone)
    return TruncDate(field_name, tzinfo=zone)


def _by_index(found: dict, periods: list[Period]) -> dict[int, Any]:
    """Values keyed by a truncated time (a date or a local midnight), or already by bucket
    index, keyed by the index of the bucket holding it."""
    index: dict[int, Any] = {}
    for key, value in found.items():
        if key is None:
            continue
        if isinstance(key, int):
            index[key] = value
            continue
        day = key.date() if isinstance(key, datetime) else key
        for number, period in enumerate(periods):
            if period.first <= day <= period.last:
                index[number] = value
                break
    return index


def _per_bucket(requests: QuerySet, field_name: str, scope: Scope) -> dict[int, int]:
    rows = (
        requests.order_by()
        .annotate(bucket=truncated(field_name, scope))
        .values("bucket")
        .annotate(n=Count("id"))
    )
    return _by_index({row["bucket"]: row["n"] for row in rows}, scope.choice.trend())
