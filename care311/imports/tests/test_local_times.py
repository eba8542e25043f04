"""Local times read the same whether their hour was seen before or not, across clock changes."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from care311.imports import parsing
from care311.imports.errors import RowError

ZONES = ["America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "America/St_Johns"]


def strptime_us_datetime(value: str, zone: ZoneInfo) -> datetime:
    naive = datetime.strptime(value, "%m/%d/%Y %I:%M:%S %p")  # noqa: DTZ007 (local wall time)
    return naive.replace(tzinfo=zone).astimezone(UTC)


@pytest.mark.parametrize("zone_name", ZONES)
@pytest.mark.parametrize("day", [(2018, 3, 11), (2018, 11, 4), (2018, 10, 7)])
def test_it_reads_every_second_around_a_clock_change_like_the_zone_does(zone_name, day):
    zone = ZoneInfo(zone_name)
    start = datetime(day[0], day[1], day[2], tzinfo=UTC)  # only counts wall-clock seconds
    values = [
        (start + timedelta(seconds=second)).strftime("%m/%d/%Y %I:%M:%S %p")
        for second in range(0, 2 * 86400, 13)
    ]
    for _ in range(2):  # the second pass reads hours already seen
        for value in values:
            assert parsing.us_datetime(value, zone, "Created Date") == strptime_us_datetime(
                value, zone
            ), value


@pytest.mark.parametrize(
    "value",
    [
        "13/01/2018 01:00:00 AM",
        "02/30/2018 01:00:00 AM",
        "02/03/2018 01:60:00 AM",
        "02/03/2018 00:10:00 AM",
        "02/03/2018 01:10:00 XM",
        "2018-02-03 01:10:00",
    ],
)
def test_it_refuses_a_bad_time_even_in_an_hour_already_seen(value):
    zone = ZoneInfo("America/New_York")
    parsing.us_datetime("02/03/2018 01:00:00 AM", zone, "Created Date")
    with pytest.raises(RowError, match="unparseable date in Created Date"):
        parsing.us_datetime(value, zone, "Created Date")
