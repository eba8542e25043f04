"""A work queue's list counts its open requests, up to the cap a big backlog stops at."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from care311.service_requests import actions as request_actions
from care311.service_requests.actors import System


def _file(service, count: int) -> list:
    return [
        request_actions.create_request(service=service, channel="web", by=System("test"))
        for _ in range(count)
    ]


@pytest.fixture
def as_streets(client, cast):
    client.force_login(cast["streets"])
    return client


def test_it_counts_the_departments_open_requests(as_streets, service):
    done = _file(service, 4)[0]
    request_actions.close_request(done, reason="Repaired", by=System("test"))

    page = as_streets.get("/desk/queues/streets/").content.decode()

    assert "3 open requests" in page
    assert "or more open requests" not in page


def test_it_stops_counting_at_the_cap(as_streets, service, monkeypatch):
    monkeypatch.setattr("care311.portal.views.LIST_CAP", 2)
    monkeypatch.setattr("care311.desk.queues.LIST_CAP", 2)
    _file(service, 3)

    with CaptureQueriesContext(connection) as seen:
        page = as_streets.get("/desk/queues/streets/").content.decode()

    assert "2 or more open requests: the 2 most urgent are listed" in page
    assert page.count('href="/desk/queues/requests/') == 2
    counts = [query["sql"] for query in seen.captured_queries if "COUNT(" in query["sql"]]
    assert len(counts) == 1
    assert "LIMIT 2" in counts[0]
