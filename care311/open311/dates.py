"""Dates in and out of the API: ISO-8601 query parameters in, W3C datetimes with an offset out."""

from datetime import datetime

from care311.catalog.answers import city_zone, parse_local_datetime, w3c
from care311.open311.errors import Open311Error

__all__ = ["city_zone", "not_a_datetime", "parse_datetime", "w3c"]


def parse_datetime(name: str, raw: str) -> datetime:
    """An ISO-8601 date or date and time; a time without an offset is the city's local time.

    Raises a 400 naming the parameter when it is not one.
    """
    value = parse_local_datetime(raw)
    if value is None:
        raise Open311Error(400, not_a_datetime(name, raw))
    return value


def not_a_datetime(name: str, raw: str) -> str:
    return f"{name} must be an ISO-8601 date and time such as 2026-03-02T15:00:00Z, not {raw!r}"
