from datetime import UTC, datetime

import pytest

pytestmark = pytest.mark.django_db


def test_it_lists_a_full_page_in_two_queries(client, file_request, django_assert_num_queries):
    for minute in range(60):
        file_request(requested_at=datetime(2025, 1, 1, 0, minute, tzinfo=UTC))

    # One to count the requests for the pager, one for the page with each service joined.
    with django_assert_num_queries(2):
        response = client.get("/requests/")

    assert response.status_code == 200


def test_it_shows_a_closed_request_in_three_queries(
    client, worked_request, django_assert_num_queries
):
    # One for the request with its service, one for its public events, one for its photos.
    with django_assert_num_queries(3):
        response = client.get(f"/requests/{worked_request.public_id}/")

    assert response.status_code == 200
