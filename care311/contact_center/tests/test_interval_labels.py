"""Interval labels made for a whole period at once read as the one-at-a-time labels do,
across both clock changes of the city's zone (America/Chicago)."""

from datetime import date
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from care311.contact_center.metrics.grouping import Grouping, Period, time_label, time_labels

CHICAGO = ZoneInfo("America/Chicago")


@pytest.mark.parametrize(
    ("first", "last"),
    [(date(2025, 3, 8), date(2025, 3, 10)), (date(2025, 11, 1), date(2025, 11, 3))],
)
def test_it_labels_every_quarter_of_a_clock_change_the_same_way(first, last):
    period = Period(first, last, CHICAGO)
    grouping = Grouping.parse("interval:15,queue")
    codes = np.arange(period.stop - period.start)

    labels = time_labels("interval", codes, grouping, period)

    assert labels == [time_label("interval", int(code), grouping, period)[0] for code in codes]


def test_it_names_the_repeated_hour_of_the_fall_change_by_its_zone():
    period = Period(date(2025, 11, 2), date(2025, 11, 2), CHICAGO)
    grouping = Grouping.parse("interval:15,queue")

    labels = time_labels("interval", np.arange(period.stop - period.start), grouping, period)

    assert len(labels) == 100  # a 25-hour day
    assert labels[4:9] == [
        "2025-11-02 01:00 CDT",
        "2025-11-02 01:15 CDT",
        "2025-11-02 01:30 CDT",
        "2025-11-02 01:45 CDT",
        "2025-11-02 01:00 CST",
    ]
