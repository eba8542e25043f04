"""Two copies of one POST arriving together still make one request (PostgreSQL: row locks)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from care311.service_requests.models import ServiceRequest

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite runs one writer at a time; the race needs concurrent transactions",
    ),
]


@pytest.mark.parametrize("headers", [{"HTTP_IDEMPOTENCY_KEY": "race-1"}, {}])
def test_it_makes_one_request_from_simultaneous_copies(api_key, graffiti, headers):
    report = {
        "api_key": api_key,
        "service_code": "GR-001.v2 graffiti",
        "address_id": "A-5",
        "description": "Tag",
    }
    start = threading.Barrier(4)
    statuses: list[int] = []

    def post() -> None:
        try:
            start.wait()
            statuses.append(
                Client().post("/open311/v2/requests.json", report, **headers).status_code
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [200, 200, 200, 201]
    assert ServiceRequest.objects.count() == 1
