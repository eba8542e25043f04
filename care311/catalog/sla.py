"""When a request of a service is due, from the service's SLA target."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from care311.catalog.models import ServiceType, SlaClock

# The city's working day for business-hour targets. A holiday calendar arrives with the SLA
# clocks of the desk; until then every weekday counts.
BUSINESS_START = time(8, 0)
BUSINESS_END = time(17, 0)


def due_at(service: ServiceType, start: datetime) -> datetime | None:
    """The moment a request filed at `start` breaches its service's target, or None."""
    if service.sla_hours is None:
        return None
    if service.sla_clock == SlaClock.CALENDAR:
        return start + timedelta(hours=service.sla_hours)
    return add_business_hours(start, service.sla_hours)


def add_business_hours(start: datetime, hours: int) -> datetime:
    zone = ZoneInfo(settings.TIME_ZONE)
    local = start.astimezone(zone)
    remaining = timedelta(hours=hours)
    day = local.date()
    cursor = local.time()
    while True:
        if day.weekday() < 5:
            opens = max(cursor, BUSINESS_START)
            if opens < BUSINESS_END:
                available = datetime.combine(day, BUSINESS_END) - datetime.combine(day, opens)
                if remaining <= available:
                    end = datetime.combine(day, opens) + remaining
                    return end.replace(tzinfo=zone)
                remaining -= available
        day += timedelta(days=1)
        cursor = time(0, 0)
