"""SLA clocks: when a request is due, when to warn, and how much of its target is left.

A service's target counts calendar hours (elapsed time: 24 hours across a DST change is 24
real hours) or business hours (settings.BUSINESS_HOURS in the city's zone, skipping the
city's holidays). Business days are laid out in local time and converted to UTC day by day,
so a working day is 9 hours on both sides of a DST change.

While a request is on hold its clock stops: `remaining` is frozen at the moment the hold
began, and resuming sets a new due moment that far ahead of the resumption.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from care311.catalog.models import Holiday, ServiceType, SlaClock

# A guard against a calendar with no working day left (every day a holiday): give up after
# this many days rather than loop for ever.
MAX_DAYS = 3660
# Spans longer than this many days count their inner days instead of laying each one out.
LONG_SPAN_DAYS = 7


@dataclass(frozen=True)
class BusinessCalendar:
    opens: time
    closes: time
    weekdays: frozenset[int]
    holidays: frozenset[date]
    zone: ZoneInfo

    def window(self, day: date) -> tuple[datetime, datetime] | None:
        """The day's working hours in UTC, or None on a weekend or holiday."""
        if day.weekday() not in self.weekdays or day in self.holidays:
            return None
        opens = datetime.combine(day, self.opens, tzinfo=self.zone).astimezone(UTC)
        closes = datetime.combine(day, self.closes, tzinfo=self.zone).astimezone(UTC)
        return opens, closes

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The moment `duration` of working time after `start` (start itself for none)."""
        if duration <= timedelta(0):
            return start
        left = duration
        cursor = start.astimezone(UTC)
        day = cursor.astimezone(self.zone).date()
        for _ in range(MAX_DAYS):
            hours = self.window(day)
            if hours is not None and cursor < hours[1]:
                begin = max(cursor, hours[0])
                if left <= hours[1] - begin:
                    return begin + left
                left -= hours[1] - begin
            day += timedelta(days=1)
        raise ValueError(f"no working time within {MAX_DAYS} days of {start.isoformat()}")

    def between(self, start: datetime, end: datetime) -> timedelta:
        """Working time from `start` to `end`; negative when `end` comes first."""
        if end < start:
            return -self.between(end, start)
        first = start.astimezone(self.zone).date()
        last = end.astimezone(self.zone).date()
        if (last - first).days <= LONG_SPAN_DAYS:
            return self._worked(start, end, first, last)
        # A queue's oldest requests are months overdue: laying out every day cost ~3 ms a
        # row per year. The days strictly inside the span are whole working days, so they
        # are counted; only its first and last day are laid out. A day whose clocks change
        # during working hours would count its wall-clock hours (US zones change at 2 a.m.).
        inside = self._working_days(first + timedelta(days=1), last - timedelta(days=1))
        return (
            self._worked(start, end, first, first)
            + inside * self.day_length
            + self._worked(start, end, last, last)
        )

    @property
    def day_length(self) -> timedelta:
        return datetime.combine(date.min, self.closes) - datetime.combine(date.min, self.opens)

    def _working_days(self, first: date, last: date) -> int:
        """How many days from `first` to `last` (both included) are working days."""
        if last < first:
            return 0
        weeks, rest = divmod((last - first).days + 1, 7)
        count = weeks * len(self.weekdays)
        count += sum((first.weekday() + n) % 7 in self.weekdays for n in range(rest))
        return count - sum(
            first <= day <= last and day.weekday() in self.weekdays for day in self.holidays
        )

    def _worked(self, start: datetime, end: datetime, day: date, last: date) -> timedelta:
        """Working time from `start` to `end` within the local days `day` to `last`."""
        total = timedelta(0)
        while day <= last:
            hours = self.window(day)
            if hours is not None:
                overlap = min(end, hours[1]) - max(start, hours[0])
                total += max(overlap, timedelta(0))
            day += timedelta(days=1)
        return total


def business_calendar() -> BusinessCalendar:
    """The working hours from settings and the holidays from the catalog (one query)."""
    opens, closes, weekdays = settings.BUSINESS_HOURS
    return BusinessCalendar(
        opens=time.fromisoformat(opens),
        closes=time.fromisoformat(closes),
        weekdays=frozenset(weekdays),
        holidays=frozenset(Holiday.objects.values_list("date", flat=True)),
        zone=ZoneInfo(settings.TIME_ZONE),
    )


class Clock:
    """Time as a service's target counts it; a business clock reads the holidays once."""

    def __init__(self, kind: str, calendar: BusinessCalendar | None = None) -> None:
        self.business = kind == SlaClock.BUSINESS
        self._calendar = calendar

    @property
    def calendar(self) -> BusinessCalendar:
        if self._calendar is None:
            self._calendar = business_calendar()
        return self._calendar

    def add(self, start: datetime, duration: timedelta) -> datetime:
        return self.calendar.add(start, duration) if self.business else start + duration

    def between(self, start: datetime, end: datetime) -> timedelta:
        return self.calendar.between(start, end) if self.business else end - start


def clock_for(service: ServiceType, calendar: BusinessCalendar | None = None) -> Clock:
    return Clock(service.sla_clock, calendar)


def due_at(
    service: ServiceType, start: datetime, calendar: BusinessCalendar | None = None
) -> datetime | None:
    """The moment a request filed at `start` breaches its service's target, or None."""
    if service.sla_hours is None:
        return None
    return clock_for(service, calendar).add(start, timedelta(hours=service.sla_hours))


def warning_lead(service: ServiceType) -> timedelta | None:
    """How much of the target is left when the sweep warns: the larger of the share and the
    hours in settings (whichever rule is met first), None when both are off or no target."""
    if service.sla_hours is None:
        return None
    leads = []
    if settings.SLA_WARN_PERCENT:
        leads.append(timedelta(hours=service.sla_hours) * (100 - settings.SLA_WARN_PERCENT) / 100)
    if settings.SLA_WARN_HOURS:
        leads.append(timedelta(hours=settings.SLA_WARN_HOURS))
    lead = max(leads, default=timedelta(0))
    return lead if lead > timedelta(0) else None


def sla_moments(
    service: ServiceType, start: datetime, left: timedelta | None = None
) -> tuple[datetime | None, datetime | None]:
    """(due, warn): when a clock running from `start` with `left` of the target to go (all
    of it by default) breaches, and when the sweep should warn (at once when less than the
    lead is left; None when warnings are off). (None, None) for a service with no target."""
    if service.sla_hours is None:
        return None, None
    clock = clock_for(service)
    left = timedelta(hours=service.sla_hours) if left is None else left
    lead = warning_lead(service)
    due = clock.add(start, left)
    return due, None if lead is None else clock.add(start, left - lead)


@dataclass(frozen=True)
class SlaState:
    """What a queue shows of a request's clock at a moment."""

    remaining: timedelta  # negative once breached
    paused: bool
    business: bool

    @property
    def breached(self) -> bool:
        return self.remaining <= timedelta(0)


def sla_remaining(
    service: ServiceType,
    expected_at: datetime | None,
    at: datetime,
    on_hold_since: datetime | None = None,
    calendar: BusinessCalendar | None = None,
) -> SlaState | None:
    """The target left at `at` (frozen at `on_hold_since` while on hold), or None when the
    request has no due moment."""
    if expected_at is None:
        return None
    clock = clock_for(service, calendar)
    moment = on_hold_since or at
    return SlaState(
        remaining=clock.between(moment, expected_at),
        paused=on_hold_since is not None,
        business=clock.business,
    )
