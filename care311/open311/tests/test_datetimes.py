"""Every datetime goes out in W3C form with an explicit offset, in the city's time zone."""

from datetime import UTC, datetime

import pytest

pytestmark = pytest.mark.django_db


def test_it_writes_times_in_the_city_zone_across_daylight_saving(api, file_request):
    winter = file_request(requested_at=datetime(2026, 1, 15, 18, 0, tzinfo=UTC))
    summer = file_request(requested_at=datetime(2026, 7, 15, 18, 0, tzinfo=UTC))

    _, records = api.get(
        "requests.json", service_request_id=f"{winter.public_id},{summer.public_id}"
    )

    assert [record["requested_datetime"] for record in records] == [
        "2026-01-15T12:00:00-06:00",
        "2026-07-15T13:00:00-05:00",
    ]


def test_it_follows_the_configured_zone(api, file_request, settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    request = file_request(requested_at=datetime(2026, 1, 15, 18, 0, 59, 999999, tzinfo=UTC))

    _, [record] = api.get(f"requests/{request.public_id}.json")

    assert record["requested_datetime"] == "2026-01-15T23:30:59+05:30"
    assert record["expected_datetime"] == "2026-01-18T23:30:59+05:30"
