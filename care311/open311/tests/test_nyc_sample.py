"""The real NYC 311 sample (1,000 rows) read back through GET requests, with exact counts.

Figures checked against the CSV with the csv module: 969 closed and 31 not; 88 Illegal
Parking, all closed, 61 of them filed on 26 June 2018 (New York time).
"""

import io

import pytest
from django.core.management import call_command

from care311.catalog.models import ServiceType
from care311.service_requests.public_ids import public_id_for_source

from .conftest import NYC_CSV

pytestmark = pytest.mark.django_db

EVER = {"start_date": "2014-01-01T00:00:00Z"}


@pytest.fixture
def imported(db):
    call_command("import", str(NYC_CSV), "--no-progress", stdout=io.StringIO())


@pytest.fixture
def published(imported):
    """An administrator makes the imported categories public services."""
    ServiceType.objects.filter(imported=True).update(hidden=False)


def test_it_keeps_hidden_imports_out_of_lists_but_reads_them_by_id(api, imported):
    public_id = public_id_for_source("nyc", "39573567")

    _, listed = api.get("requests.json", **EVER)
    _, [record] = api.get(f"requests/{public_id}.json")

    assert listed == []
    assert record["service_name"] == "Non-Emergency Police Matter"
    assert record["requested_datetime"] == "2018-06-26T09:58:54-05:00"
    assert record["status"] == "closed"


def test_it_counts_open_and_closed(api, published):
    _, closed = api.get("requests.json", status="closed", **EVER)
    _, still_open = api.get("requests.json", status="open", **EVER)

    assert (len(closed), len(still_open)) == (969, 31)


def test_it_pages_through_all_of_it(api, published):
    pages = [api.get("requests.json", page=page, page_size=400, **EVER)[1] for page in range(1, 5)]

    assert [len(page) for page in pages] == [400, 400, 200, 0]
    assert len({record["service_request_id"] for page in pages for record in page}) == 1000


def test_it_filters_by_service_and_day(api, published):
    code = ServiceType.objects.get(name="Illegal Parking").service_code

    _, parking = api.get("requests.json", service_code=code, **EVER)
    _, one_day = api.get(
        "requests.json",
        service_code=code,
        start_date="2018-06-26T00:00:00-04:00",
        end_date="2018-06-26T23:59:59-04:00",
        status="closed",
    )

    assert (len(parking), len(one_day)) == (88, 61)
    assert {record["service_name"] for record in parking} == {"Illegal Parking"}
