"""Groups by interval, day, week, month, queue, agent and channel in the city's time zone.

Everything is keyed by UTC quarter-hour. Time zones differ from UTC by whole quarter-hours,
so each UTC quarter lies in exactly one local 15-, 30- or 60-minute interval and one local
day, also on the days clocks change: the repeated autumn hour is two intervals (labelled
with their zone abbreviations) and the skipped spring hour none.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

import numpy as np

QUARTER = 900
TIME_DIMENSIONS = ("interval", "day", "week", "month")
DIMENSIONS = (*TIME_DIMENSIONS, "queue", "agent", "channel")
INTERVALS = (15, 30, 60)
EPOCH_DAY = date(1970, 1, 1).toordinal()


@dataclass(frozen=True)
class Grouping:
    dimensions: tuple[str, ...] = ("day",)
    minutes: int = 15

    @classmethod
    def parse(cls, text: str) -> "Grouping":
        """ "interval:30,queue" -> Grouping(("interval", "queue"), 30); ValueError if wrong."""
        dimensions, minutes = [], 15
        for part in (part.strip() for part in text.split(",") if part.strip()):
            name, _, size = part.partition(":")
            if name not in DIMENSIONS or name in dimensions:
                raise ValueError(f"cannot group by {part!r}: use {', '.join(DIMENSIONS)}")
            if size:
                if name != "interval" or not size.isdigit() or int(size) not in INTERVALS:
                    raise ValueError(f"intervals are 15, 30 or 60 minutes, not {part!r}")
                minutes = int(size)
            dimensions.append(name)
        return cls(tuple(dimensions), minutes)

    @property
    def by_time(self) -> bool:
        return any(name in TIME_DIMENSIONS for name in self.dimensions)

    def describe(self) -> str:
        names = [
            f"{self.minutes}-minute interval" if name == "interval" else name
            for name in self.dimensions
        ]
        return ", ".join(names) or "the whole period"


@dataclass(frozen=True)
class Period:
    """Local days `first` to `last`, inclusive, as UTC quarters [start, stop)."""

    first: date
    last: date
    zone: tzinfo

    @property
    def start(self) -> int:
        return _local_midnight(self.first, self.zone) // QUARTER

    @property
    def stop(self) -> int:
        return _local_midnight(self.last + timedelta(days=1), self.zone) // QUARTER

    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    def bounds(self) -> tuple[datetime, datetime]:
        return (
            datetime.fromtimestamp(self.start * QUARTER, UTC),
            datetime.fromtimestamp(self.stop * QUARTER, UTC),
        )


def _local_midnight(day: date, zone: tzinfo) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=zone).timestamp())


def offsets(period: Period) -> np.ndarray:
    """The zone's UTC offset in seconds at each quarter of the period."""
    moments = (
        datetime.fromtimestamp(q * QUARTER, period.zone) for q in range(period.start, period.stop)
    )
    return np.array(
        [int((moment.utcoffset() or timedelta()).total_seconds()) for moment in moments],
        dtype=np.int64,
    )


@dataclass
class Coded:
    """Each row's group (0..count-1), and for each group its code in every dimension."""

    group: np.ndarray
    count: int
    codes: dict[str, np.ndarray]


def code_groups(
    grouping: Grouping,
    period: Period,
    quarter: np.ndarray,
    columns: dict[str, np.ndarray],
) -> Coded:
    """Number the groups the rows fall in. `columns` holds queue, agent and channel as small
    non-negative ints; `quarter` must lie in the period."""
    table = offsets(period)
    index = quarter - period.start
    local = quarter * QUARTER + table[index]
    codes, sizes = [], []
    for name in grouping.dimensions:
        code, size = _dimension(name, grouping.minutes, local, table, index, period, columns)
        codes.append(code)
        sizes.append(size)

    combined = np.zeros(len(quarter), dtype=np.int64)
    for code, size in zip(codes, sizes, strict=True):
        combined = combined * size + code
    total = int(np.prod(sizes, dtype=np.int64)) if sizes else 1
    if total <= 4 * len(quarter) + 1_000_000:
        present = np.flatnonzero(np.bincount(combined, minlength=total))
        lookup = np.zeros(total, dtype=np.int64)
        lookup[present] = np.arange(len(present))
        group = lookup[combined]
    else:
        present, group = np.unique(combined, return_inverse=True)
    decoded: dict[str, np.ndarray] = {}
    rest = present.astype(np.int64)
    for name, size in zip(reversed(grouping.dimensions), reversed(sizes), strict=True):
        decoded[name] = rest % size
        rest = rest // size
    return Coded(group.reshape(-1), len(present), decoded)


def _dimension(name, minutes, local, table, index, period, columns) -> tuple[np.ndarray, int]:
    quarters = period.stop - period.start
    first_day = (period.start * QUARTER + int(table[0])) // 86400
    days = (period.last - period.first).days + 1
    if name == "interval":
        step = minutes * 60
        start_utc = (local // step) * step - table[index]
        return np.clip(start_utc // QUARTER - period.start, 0, quarters - 1), quarters
    day = local // 86400 - first_day
    if name == "day":
        return day, days
    if name == "week":
        monday = (day + first_day) - (day + first_day + 3) % 7
        first_monday = first_day - (first_day + 3) % 7
        return (monday - first_monday) // 7, days // 7 + 2
    if name == "month":
        months = np.array([_month(first_day + offset) for offset in range(days)], dtype=np.int64)
        months -= months[0]
        return months[day], int(months[-1]) + 1
    values = columns[name]
    return values, int(values.max()) + 1 if len(values) else 1


def _month(day_number: int) -> int:
    day = date.fromordinal(EPOCH_DAY + day_number)
    return day.year * 12 + day.month - 1


def time_labels(name: str, codes: np.ndarray, grouping: Grouping, period: Period) -> list[str]:
    """time_label's labels for many codes; a month of quarter-hours at once for intervals."""
    if name != "interval" or not len(codes):
        return [time_label(name, code, grouping, period)[0] for code in codes.tolist()]
    utc = (period.start + codes) * QUARTER
    offset = offsets(period)[codes]
    # The zone's abbreviation (CST, CDT) by offset: a period has one or two of them.
    abbreviations = {}
    for value, first in zip(*np.unique(offset, return_index=True), strict=True):
        moment = datetime.fromtimestamp(int(utc[first]), period.zone)
        abbreviations[int(value)] = moment.strftime("%Z")
    texts = np.datetime_as_string((utc + offset).astype("datetime64[s]"), unit="m")
    return [
        f"{text[:10]} {text[11:]} {abbreviations[value]}"
        for text, value in zip(texts.tolist(), offset.tolist(), strict=True)
    ]


def time_label(name: str, code: int, grouping: Grouping, period: Period) -> tuple[str, int]:
    """A time group's label and sort key from its code."""
    zone = period.zone
    if name == "interval":
        moment = datetime.fromtimestamp((period.start + code) * QUARTER, zone)
        return moment.strftime("%Y-%m-%d %H:%M %Z"), code
    first = datetime.fromtimestamp(period.start * QUARTER, zone).date()
    if name == "day":
        return (first + timedelta(days=code)).isoformat(), code
    if name == "week":
        monday = first - timedelta(days=first.weekday()) + timedelta(weeks=code)
        return f"week of {monday.isoformat()}", code
    month = first.year * 12 + first.month - 1 + code
    return f"{month // 12:04d}-{month % 12 + 1:02d}", code
