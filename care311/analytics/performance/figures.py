"""A department's figures for a period, each defined once as a filter on its requests.

Every count on the performance page is `Count("id", filter=<the figure's Q>)`, and the
drill-down list of that figure is `requests.filter(<the same Q>)`, so a list always holds
exactly the requests its number counts.

Bad data is counted, never dropped silently: a closure time before the request's own time
(clock skew) keeps the request out of the times to close; a closed request with no closure
time is counted apart and kept out of the closed and backlog figures.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from care311.service_requests.models import (
    CLOSED_STATUSES,
    Channel,
    EventKind,
    HistoryEvent,
    ServiceRequest,
    Status,
)

CLOSED = Q(status__in=list(CLOSED_STATUSES))
AGE_BUCKETS = ((0, 7), (7, 30), (30, 90), (90, None))


@dataclass(frozen=True)
class Window:
    """The UTC instants [start, stop) of a period."""

    start: datetime
    stop: datetime


@dataclass(frozen=True)
class Figure:
    name: str
    label: str | Promise
    q: Callable[[Window], Q]
    rate_of: str = ""  # a share of this other figure, shown beside the count


def received(w: Window) -> Q:
    return Q(requested_at__gte=w.start, requested_at__lt=w.stop)


def closed(w: Window) -> Q:
    return CLOSED & Q(closed_at__gte=w.start, closed_at__lt=w.stop)


def closed_in_time(w: Window) -> Q:
    """Closed in the period, at or after the request's own time: those with a time to close."""
    return closed(w) & Q(closed_at__gte=F("requested_at"))


def skewed(w: Window) -> Q:
    return closed(w) & Q(closed_at__lt=F("requested_at"))


def no_closure_time(w: Window) -> Q:
    return received(w) & CLOSED & Q(closed_at__isnull=True)


def backlog(w: Window) -> Q:
    """Received before the period ended and not closed by its end: open now, or closed
    after it (a closed request with no closure time is neither)."""
    return Q(requested_at__lt=w.stop) & (~CLOSED | Q(closed_at__gte=w.stop))


def aged(low: int, high: int | None) -> Callable[[Window], Q]:
    def q(w: Window) -> Q:
        older = Q(requested_at__lte=w.stop - timedelta(days=low))
        if high is not None:
            older &= Q(requested_at__gt=w.stop - timedelta(days=high))
        return backlog(w) & older

    return q


def sla_met(w: Window) -> Q:
    return closed_in_time(w) & Q(expected_at__isnull=False, closed_at__lte=F("expected_at"))


def sla_missed(w: Window) -> Q:
    return closed_in_time(w) & Q(expected_at__isnull=False, closed_at__gt=F("expected_at"))


def _had(kind: str) -> Q:
    # Not correlated: PostgreSQL hashes the few ids once instead of probing per request.
    return Q(pk__in=HistoryEvent.objects.filter(kind=kind).values("request_id"))


def reopened(w: Window) -> Q:
    return closed(w) & _had(EventKind.REOPENED)


def not_fixed(w: Window) -> Q:
    return closed(w) & _had(EventKind.NOT_FIXED)


def duplicates(w: Window) -> Q:
    return received(w) & (Q(status=Status.DUPLICATE) | Q(duplicate_of__isnull=False))


def referrals(w: Window) -> Q:
    return received(w) & (Q(status=Status.REFERRED) | ~Q(referred_to=""))


def by_channel(channel: str) -> Callable[[Window], Q]:
    return lambda w: received(w) & Q(channel=channel)


def _age_text(low: int, high: int | None) -> str:
    if high is None:
        return str(_("open over %(low)s days")) % {"low": low}
    return str(_("open %(low)s to %(high)s days")) % {"low": low, "high": high}


# Worded when shown, in the reader's language, like the other labels.
_age_label = lazy(_age_text, str)


FIGURES = [
    Figure("received", _("Received"), received),
    Figure("closed", _("Closed"), closed),
    Figure("backlog", _("Backlog at the period's end"), backlog),
    *[
        Figure(f"age-{low}", _age_label(low, high), aged(low, high), rate_of="backlog")
        for low, high in AGE_BUCKETS
    ],
    Figure("sla_met", _("Closed within the service target"), sla_met),
    Figure("sla_missed", _("Closed after the service target"), sla_missed),
    Figure("reopened", _("Closed, and reopened at some time"), reopened, rate_of="closed"),
    Figure("not_fixed", _("Closed, and reported as not fixed"), not_fixed, rate_of="closed"),
    Figure("duplicates", _("Duplicates"), duplicates, rate_of="received"),
    Figure("referrals", _("Referred to another agency"), referrals, rate_of="received"),
    Figure("skewed", _("Closed before they were received (clock skew)"), skewed),
    Figure("no_closure_time", _("Closed with no closure time"), no_closure_time),
    *[
        Figure(f"channel-{value}", label, by_channel(value), rate_of="received")
        for value, label in Channel.choices
    ],
]
BY_NAME = {figure.name: figure for figure in FIGURES}


def counts(requests: QuerySet[ServiceRequest], w: Window) -> dict[str, int]:
    """Every figure's count in one query."""
    window = received(w) | closed(w) | backlog(w)
    aggregates = {f.name: Count("id", filter=f.q(w)) for f in FIGURES}
    return requests.filter(window).aggregate(**aggregates)


def counts_by(requests: QuerySet[ServiceRequest], w: Window, key: str) -> dict[Any, dict[str, int]]:
    """The same counts for each value of `key`, in one query, keyed by that value (for
    "service", the service type's id)."""
    window = received(w) | closed(w) | backlog(w)
    aggregates = {f.name: Count("id", filter=f.q(w)) for f in FIGURES}
    rows = requests.filter(window).values(key).annotate(**aggregates).order_by(key)
    return {row.pop(key): row for row in rows}


def compliance(found: dict[str, int]) -> float | None:
    """The share of closures with a target that met it, or None when none had one."""
    judged = found["sla_met"] + found["sla_missed"]
    return found["sla_met"] / judged if judged else None


def share(found: dict[str, int], figure: Figure) -> float | None:
    whole = found.get(figure.rate_of, 0) if figure.rate_of else 0
    return found[figure.name] / whole if whole else None
