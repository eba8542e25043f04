"""Dates in and out of the API: ISO-8601 query parameters in, W3C datetimes with an offset out."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from care311.open311.errors import Open311Error

# A '+' sent unencoded in a query string arrives as a space: "...T10:00:00 05:00".
SPACE_FOR_PLUS = re.compile(r"(T?\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?) (\d{2}(?::?\d{2})?)$")


def city_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def parse_datetime(name: str, raw: str) -> datetime:
    """An ISO-8601 date or date and time; a time without an offset is the city's local time.

    Raises a 400 naming the parameter when it is not one.
    """
    text = SPACE_FOR_PLUS.sub(r"\1+\2", raw.strip())
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise Open311Error(
            400,
            f"{name} must be an ISO-8601 date and time such as 2026-03-02T15:00:00Z, not {raw!r}",
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=city_zone())
    return value


def w3c(value: datetime | None) -> str | None:
    """A W3C datetime in the city's zone with an explicit offset, to the second."""
    if value is None:
        return None
    return value.astimezone(city_zone()).isoformat(timespec="seconds")
