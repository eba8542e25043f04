"""Copies of one filing form sent at the same moment (a double click) still make one request:
the one-time token's unique row decides, and the losers show the winner's request."""

import threading

import pytest
from django.db import connection
from django.test import Client

from care311.portal.models import FormSubmission
from care311.service_requests.models import ServiceRequest

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite runs one writer at a time; the race needs concurrent transactions",
    ),
]


def test_it_files_once_from_simultaneous_copies(portal_form):
    data = portal_form(description="Double click")
    start = threading.Barrier(4)
    locations: list[str] = []

    def post() -> None:
        try:
            start.wait()
            locations.append(Client().post("/report/details/", data)["Location"])
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    filed = ServiceRequest.objects.get()
    assert locations == [f"/report/filed/{filed.public_id}/"] * 4
    assert FormSubmission.objects.count() == 1
