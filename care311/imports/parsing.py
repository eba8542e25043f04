"""Small, fast parsers for the values other cities' exports carry.

They run once per field of every record of a million-row file, so they slice strings
instead of calling strptime; each raises RowError naming the field and the value.
"""

from datetime import UTC, datetime, timedelta, tzinfo

from care311.imports.errors import RowError


def _localize(naive: datetime, zone: tzinfo) -> datetime:
    # fold=0: an ambiguous time in the repeated autumn hour is read as the first of the two,
    # and a time in the skipped spring hour as if the clock had not yet jumped.
    return naive.replace(tzinfo=zone).astimezone(UTC)


def us_datetime(value: str, zone: tzinfo, column: str) -> datetime | None:
    """`MM/DD/YYYY hh:mm:ss AM` in local time (NYC, LA and SF exports); '' is None."""
    if not value:
        return None
    # Most records of an export fall in an hour already seen: add the minutes and seconds to
    # that hour's start in UTC instead of converting between zones again.
    if len(value) == 22:
        start = _HOUR_STARTS.get(zone, _NO_HOURS).get(value[:13] + value[20:])
        into_hour = _INTO_HOUR.get(value[13:19])
        if start is not None and into_hour is not None:
            return start + into_hour
    try:
        if (
            len(value) != 22
            or value[2] != "/"
            or value[5] != "/"
            or value[10] != " "
            or value[13] != ":"
            or value[16] != ":"
            or value[19] != " "
        ):
            raise ValueError
        hour = int(value[11:13])
        meridiem = value[20:22]
        if not 1 <= hour <= 12 or meridiem not in ("AM", "PM"):
            raise ValueError
        hour = hour % 12 + (12 if meridiem == "PM" else 0)
        naive = datetime(  # noqa: DTZ001 (local wall time, made aware on the next line)
            int(value[6:10]),
            int(value[0:2]),
            int(value[3:5]),
            hour,
            int(value[14:16]),
            int(value[17:19]),
        )
        _remember_hour(zone, value[:13] + value[20:], naive)
        return _localize(naive, zone)
    except (ValueError, OverflowError):
        raise RowError(f"unparseable date in {column}: {value!r}") from None


# ":MM:SS" -> the time since the start of the hour; anything else is not in the table.
_INTO_HOUR = {
    f":{minute:02d}:{second:02d}": timedelta(minutes=minute, seconds=second)
    for minute in range(60)
    for second in range(60)
}
_HOUR_STARTS: dict[tzinfo, dict[str, datetime]] = {}
_NO_HOURS: dict[str, datetime] = {}
_MAX_HOURS = 100_000  # about eleven years of hours per zone; then start again
_LAST_SECOND = timedelta(minutes=59, seconds=59)


def _remember_hour(zone: tzinfo, key: str, naive: datetime) -> None:
    """Keep the UTC start of `naive`'s local hour, unless the zone's offset changes in it."""
    start = naive.replace(minute=0, second=0)
    if (
        _localize(start.replace(minute=59, second=59), zone) - _localize(start, zone)
        != _LAST_SECOND
    ):
        return
    hours = _HOUR_STARTS.setdefault(zone, {})
    if len(hours) >= _MAX_HOURS:
        hours.clear()
    hours[key] = _localize(start, zone)


def iso_datetime(value: str, zone: tzinfo, column: str) -> datetime | None:
    """ISO-8601 with `T` or a space; an offset or `Z` is honoured, a naive time is local."""
    if not value:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
        if parsed.tzinfo is None:
            return _localize(parsed, zone)
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        raise RowError(f"unparseable date in {column}: {value!r}") from None


def coordinate(value: object, column: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise RowError(f"unparseable coordinate in {column}: {value!r}") from None
    if number != number:  # NaN
        raise RowError(f"unparseable coordinate in {column}: {value!r}")
    return number


def point_pair(value: str, column: str) -> tuple[float | None, float | None]:
    """A "(lat, lon)" string, as NYC's Location and SF's Point columns carry."""
    text = value.strip()
    if not text:
        return None, None
    if not (text.startswith("(") and text.endswith(")")) or text.count(",") != 1:
        raise RowError(f"unparseable point in {column}: {value!r}")
    latitude, longitude = text[1:-1].split(",")
    return coordinate(latitude.strip(), column), coordinate(longitude.strip(), column)


def text(value: object) -> str:
    """Trimmed text; None and whitespace-only values (Boston writes " ") become ''."""
    if value is None:
        return ""
    return str(value).strip()


def ymd_datetime(value: str, zone: tzinfo, column: str) -> datetime | None:
    """`YYYY-MM-DD hh:mm:ss` in local time (Boston's exports); '' is None."""
    if not value:
        return None
    try:
        if len(value) != 19 or value[4] != "-" or value[7] != "-" or value[10] != " ":
            raise ValueError
        day = int(value[0:4]), int(value[5:7]), int(value[8:10])
        clock = int(value[11:13]), int(value[14:16]), int(value[17:19])
        naive = datetime(*day, *clock)  # noqa: DTZ001 (local wall time, made aware below)
        return _localize(naive, zone)
    except (ValueError, OverflowError):
        raise RowError(f"unparseable date in {column}: {value!r}") from None
