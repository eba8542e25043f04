"""The periods a performance page compares: the one chosen (a month, a week or any run of
days in the city's zone), the one before it, and the trend's buckets leading up to it.

A period is care311.contact_center's Period: local days first to last, inclusive, whose
bounds() are the UTC instants of their midnights, so a day of a clock change has its true
23 or 25 hours.
"""

from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from math import ceil

from care311.contact_center.metrics.grouping import Period

MONTH, WEEK, CUSTOM = "month", "week", "custom"
TREND_LENGTH = 12
MAX_DAYS = 366
# The days a page may ask for. A period reaches a year back from its first day (the trend)
# and a day past its last (its bounds), so the calendar's own ends (years 1 and 9999) are
# out of reach; these leave room and cover any city's history and plans.
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)


def month_of(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


@dataclass(frozen=True)
class Choice:
    """The period a page asks for, and how to step back from it."""

    kind: str
    first: date
    last: date
    zone: tzinfo

    @property
    def period(self) -> Period:
        return Period(self.first, self.last, self.zone)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> "Choice":
        """The month or week before, or as many days just before a custom period."""
        day_before = self.first - timedelta(days=1)
        if self.kind == MONTH:
            first, last = month_of(day_before)
        elif self.kind == WEEK:
            first, last = week_of(day_before)
        else:
            first, last = self.first - timedelta(days=self.days), day_before
        return Choice(self.kind, first, last, self.zone)

    def trend(self) -> list[Period]:
        """The trend chart's buckets, oldest first, the last ending with this period: twelve
        months or weeks; a custom period cut into days, or into about twelve equal runs."""
        if self.kind in (MONTH, WEEK):
            choices = [self]
            while len(choices) < TREND_LENGTH:
                choices.insert(0, choices[0].previous())
            return [choice.period for choice in choices]
        step = 1 if self.days <= 31 else ceil(self.days / TREND_LENGTH)
        buckets = []
        first = self.first
        while first <= self.last:
            last = min(first + timedelta(days=step - 1), self.last)
            buckets.append(Period(first, last, self.zone))
            first = last + timedelta(days=1)
        return buckets

    def label(self, period: Period) -> str:
        """A bucket's short label on charts and in tables."""
        if self.kind == MONTH:
            return period.first.strftime("%Y-%m")
        if period.first == period.last:
            return period.first.isoformat()
        return f"{period.first.isoformat()}/{period.last.isoformat()}"


def choose(kind: str, day: date, zone: tzinfo, last: date | None = None) -> Choice:
    """The month or week holding `day`, or the custom days `day` to `last`."""
    if kind == MONTH:
        return Choice(MONTH, *month_of(day), zone)
    if kind == WEEK:
        return Choice(WEEK, *week_of(day), zone)
    return Choice(CUSTOM, day, last or day, zone)
