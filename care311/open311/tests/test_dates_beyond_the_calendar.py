"""A date that parses but falls off the calendar once moved to UTC or the city's zone (year
9999 at -14:00, year 1 at +14:00) is a 400 naming the parameter, not a 500."""

import pytest

from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db

PAST_THE_END = "9999-12-31T23:59:59-14:00"
BEFORE_THE_START = "0001-01-01T00:00:00+14:00"


@pytest.mark.parametrize("raw", [PAST_THE_END, BEFORE_THE_START, "9999-12-31T23:00:00"])
@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("requests.json", "start_date"),
        ("requests.json", "end_date"),
        ("requests.json", "updated_after"),
        ("requests.json", "updated_before"),
        ("servicerequestupdates.json", "start_date"),
    ],
)
def test_it_refuses_a_date_beyond_the_calendar(api, path, name, raw):
    status, body = api.get(path, **{name: raw})

    assert status == 400
    assert body == [
        {
            "code": 400,
            "description": f"{name} must be an ISO-8601 date and time such as "
            f"2026-03-02T15:00:00Z, not {raw!r}",
        }
    ]


def test_it_refuses_a_datetime_answer_beyond_the_calendar(api, api_key, pothole, pothole_answers):
    report = {
        "api_key": api_key,
        "service_code": "0042 pothole",
        "lat": "36.15",
        "long": "-95.99",
        "attribute[seen_at]": PAST_THE_END,
    }

    status, body = api.post("requests.json", report | pothole_answers)

    assert status == 400
    assert body == [
        {
            "code": 400,
            "description": "attribute[seen_at] must be an ISO-8601 date and time such as "
            f"2026-03-02T15:00:00Z, not {PAST_THE_END!r}",
        }
    ]
    assert ServiceRequest.objects.count() == 0
