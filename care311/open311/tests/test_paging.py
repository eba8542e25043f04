"""page and page_size walk a list; past its end is an empty list; a page costs fixed queries."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from care311.service_requests import actions

from .conftest import SYSTEM

pytestmark = pytest.mark.django_db


@pytest.fixture
def five(file_request):
    """Five requests, newest first."""
    now = timezone.now()
    made = [file_request(requested_at=now - timedelta(hours=hour)) for hour in range(5)]
    return [request.public_id for request in made]


def ids(body):
    return [record["service_request_id"] for record in body]


def test_it_walks_pages_newest_first(api, five):
    pages = [ids(api.get("requests.json", page=page, page_size=2)[1]) for page in (1, 2, 3)]

    assert pages == [five[0:2], five[2:4], five[4:5]]


def test_it_answers_an_empty_list_past_the_end(api, five):
    assert api.get("requests.json", page=4, page_size=2) == (200, [])
    assert api.get("requests.json", page=99) == (200, [])


def test_it_orders_requests_filed_at_the_same_moment_stably(api, file_request):
    moment = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    made = [file_request(requested_at=moment) for _ in range(4)]

    pages = [
        ids(api.get("requests.json", page=page, page_size=2, start_date="2026-03-01")[1])
        for page in (1, 2)
    ]

    assert sorted(pages[0] + pages[1]) == sorted(request.public_id for request in made)


def test_it_gives_up_to_1000_a_page_by_default(api, five):
    assert len(api.get("requests.json")[1]) == 5


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"page_size": "1001"}, "page_size must be a whole number from 1 to 1000, not '1001'"),
        ({"page_size": "0"}, "page_size must be a whole number from 1 to 1000, not '0'"),
        ({"page": "0"}, "page must be a whole number from 1 to 1000000, not '0'"),
        ({"page": "-1"}, "page must be a whole number from 1 to 1000000, not '-1'"),
        ({"page": "two"}, "page must be a whole number from 1 to 1000000, not 'two'"),
    ],
)
def test_it_refuses_a_bad_page(api, params, description):
    assert api.get("requests.json", **params) == (
        400,
        [{"code": 400, "description": description}],
    )


@pytest.mark.parametrize("path", ["requests.json", "servicerequestupdates.json"])
def test_it_refuses_a_page_too_far_to_count(api, five, path):
    # Found by schemathesis: an offset past 64 bits was a 500 from the database.
    page = "1278681709151610328833851392"

    assert api.get(path, page=page) == (
        400,
        [
            {
                "code": 400,
                "description": f"page must be a whole number from 1 to 1000000, not {page!r}",
            }
        ],
    )
    assert api.get(path, page="1000000") == (200, [])


@pytest.mark.parametrize("count", [3, 30])
def test_it_lists_a_page_in_fixed_queries(api, file_request, count, django_assert_num_queries):
    made = [file_request() for _ in range(count)]
    actions.add_note(made[0], note="Crew sent", by=SYSTEM, public=True)
    actions.merge_request(made[1], into=made[0], by=SYSTEM)

    with django_assert_num_queries(1):
        api.get("requests.json")
    # One more to look up the service codes.
    with django_assert_num_queries(2):
        api.get("requests.json", service_code="0042 pothole", status="open")
    # Two more for the public history and the duplicates of the whole page.
    with django_assert_num_queries(3):
        _, body = api.get("requests.json", extensions="true")
    assert len(body) == count
