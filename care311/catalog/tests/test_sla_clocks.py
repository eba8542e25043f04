"""SLA arithmetic: business hours across weekends, holidays and DST changes (America/Chicago),
calendar hours as elapsed time, the clock frozen while on hold."""

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import override_settings

from care311.catalog.models import Holiday, ServiceType, SlaClock
from care311.catalog.sla import business_calendar, due_at, sla_moments, sla_remaining

pytestmark = pytest.mark.django_db


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def service(hours: int, clock: str = SlaClock.BUSINESS) -> ServiceType:
    return ServiceType(service_code="x", name="X", sla_hours=hours, sla_clock=clock)


def test_it_skips_the_weekend():
    # Friday 13 March 2026 15:00 CDT: two hours on Friday, two on Monday.
    assert due_at(service(4), utc(2026, 3, 13, 20)) == utc(2026, 3, 16, 15)  # Mon 10:00 CDT


def test_it_starts_counting_at_opening_time_when_filed_at_night():
    # Saturday 7 March 2026 23:00 CST counts from Monday 08:00 CDT.
    assert due_at(service(1), utc(2026, 3, 8, 5)) == utc(2026, 3, 9, 14)  # Mon 09:00 CDT


def test_it_skips_the_citys_holidays():
    Holiday.objects.create(date=date(2026, 11, 26), name="Thanksgiving Day")
    Holiday.objects.create(date=date(2026, 11, 27), name="Day after Thanksgiving")
    # Wednesday 25 November 16:00 CST: one hour then, two on Monday 30 November.
    assert due_at(service(3), utc(2026, 11, 25, 22)) == utc(2026, 11, 30, 16)  # 10:00 CST


def test_it_keeps_working_days_whole_across_the_spring_dst_change():
    # Friday 6 March 16:00 CST; clocks go forward on Sunday 8 March 2026.
    start = utc(2026, 3, 6, 22)
    due = due_at(service(2), start)
    assert due == utc(2026, 3, 9, 14)  # Monday 09:00 CDT (UTC-5)
    assert business_calendar().between(start, due) == timedelta(hours=2)


def test_it_keeps_working_days_whole_across_the_autumn_dst_change():
    # Friday 30 October 16:00 CDT; clocks go back on Sunday 1 November 2026.
    start = utc(2026, 10, 30, 21)
    due = due_at(service(2), start)
    assert due == utc(2026, 11, 2, 15)  # Monday 09:00 CST (UTC-6)
    assert business_calendar().between(start, due) == timedelta(hours=2)


def test_it_counts_calendar_hours_as_elapsed_time_across_dst():
    calendar_day = service(24, SlaClock.CALENDAR)
    # Saturday 7 March 12:00 CST -> Sunday 8 March 13:00 CDT: 24 real hours.
    assert due_at(calendar_day, utc(2026, 3, 7, 18)) == utc(2026, 3, 8, 18)
    # Saturday 31 October 12:00 CDT -> Sunday 1 November 11:00 CST.
    assert due_at(calendar_day, utc(2026, 10, 31, 17)) == utc(2026, 11, 1, 17)


@override_settings(BUSINESS_HOURS=("07:00", "19:00", (0, 1, 2, 3, 4, 5)))
def test_it_takes_the_working_hours_from_settings():
    # Saturday 14 March 2026 18:00 CDT is working time when Saturdays are.
    assert due_at(service(2), utc(2026, 3, 14, 23)) == utc(2026, 3, 16, 13)  # Mon 08:00 CDT


@override_settings(SLA_WARN_PERCENT=80, SLA_WARN_HOURS=2)
def test_it_warns_when_most_of_the_target_is_used_or_two_hours_are_left():
    start = utc(2026, 3, 2, 14)  # Monday 08:00 CST
    # 8 working hours, due 16:00 CST: 20% is 1.6 h, less than 2 h, so warn at 14:00 CST.
    assert sla_moments(service(8), start) == (utc(2026, 3, 2, 22), utc(2026, 3, 2, 20))
    # 40 calendar hours: 20% is 8 h, more than 2 h, so warn after 32 hours.
    assert sla_moments(service(40, SlaClock.CALENDAR), start)[1] == utc(2026, 3, 3, 22)


def test_it_tells_the_target_left_and_freezes_it_on_hold():
    pothole = service(8)
    due = utc(2026, 3, 2, 23)  # Monday 17:00 CST
    at_noon = sla_remaining(pothole, due, utc(2026, 3, 2, 18))
    assert at_noon is not None
    assert (at_noon.remaining, at_noon.breached, at_noon.paused) == (
        timedelta(hours=5),
        False,
        False,
    )
    late = sla_remaining(pothole, due, utc(2026, 3, 3, 15))  # Tuesday 09:00: 1 h over
    assert late is not None
    assert (late.remaining, late.breached) == (timedelta(hours=-1), True)
    held = sla_remaining(pothole, due, utc(2026, 3, 5, 15), on_hold_since=utc(2026, 3, 2, 20))
    assert held is not None
    assert (held.remaining, held.paused) == (timedelta(hours=3), True)


def test_it_counts_a_year_overdue_as_its_working_days():
    for day, name in ((date(2026, 7, 4), "Saturday"), (date(2026, 11, 26), "Thanksgiving")):
        Holiday.objects.create(date=day, name=name)
    # Monday 5 January 2026 08:00 CST to Monday 4 January 2027 08:00 CST: 52 weeks across
    # both DST changes, 260 working days less one weekday holiday, 9 hours each.
    start, end = utc(2026, 1, 5, 14), utc(2027, 1, 4, 14)
    assert business_calendar().between(start, end) == timedelta(hours=259 * 9)
    assert business_calendar().between(end, start) == -timedelta(hours=259 * 9)


def test_a_long_span_counts_what_laying_out_each_day_counts():
    for day in (date(2026, 1, 1), date(2026, 11, 26), date(2026, 12, 25), date(2027, 7, 5)):
        Holiday.objects.create(date=day, name="Holiday")
    calendar = business_calendar()
    chooser = random.Random(311)
    for _ in range(300):
        start = utc(2025, 12, 1) + timedelta(minutes=chooser.randrange(400 * 24 * 60))
        end = start + timedelta(minutes=chooser.randrange(500 * 24 * 60))
        assert calendar.between(start, end) == _day_by_day(calendar, start, end)


def _day_by_day(calendar, start: datetime, end: datetime) -> timedelta:
    total = timedelta(0)
    day = start.astimezone(calendar.zone).date()
    while day <= end.astimezone(calendar.zone).date():
        hours = calendar.window(day)
        if hours is not None:
            total += max(min(end, hours[1]) - max(start, hours[0]), timedelta(0))
        day += timedelta(days=1)
    return total
