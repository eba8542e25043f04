"""The geography and equity page: requests and times to close per district computed as the
NYC export gives them, default points reported instead of shown as a hotspot, large gaps
flagged in words, and broken districts or missing locations counted instead of crashing."""

import csv
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from care311.analytics import geography as geo
from care311.analytics.performance.figures import Window
from care311.analytics.performance.periods import MONTH, choose
from care311.catalog.districts import load_districts
from care311.catalog.models import District
from care311.imports.tests.support import NYC_CSV
from care311.service_requests import actions
from care311.service_requests.models import ServiceRequest

from .conftest import BY

pytestmark = pytest.mark.django_db
SQUARES = Path(geo.__file__).parent / "data" / "nyc_squares.geojson"
NEW_YORK = ZoneInfo("America/New_York")
MARCH = "kind=month&day=2025-03-01"


def when(text: str) -> datetime:
    return datetime.strptime(text, "%m/%d/%Y %I:%M:%S %p").replace(tzinfo=NEW_YORK)


def when_or_none(text: str) -> datetime | None:
    """A time the export may leave blank (the closure)."""
    return when(text) if text else None


def square_of(latitude: float, longitude: float, squares: list[dict]) -> str | None:
    for square in squares:
        ring = square["geometry"]["coordinates"][0]
        west, south = ring[0]
        east, north = ring[2]
        if west < longitude < east and south < latitude < north:
            return square["properties"]["name"]
    return None


def test_it_counts_nyc_by_district_as_the_source_file_does(nyc):
    load_districts(SQUARES, kind="square", name_property="name", code_property="code")
    squares = json.loads(SQUARES.read_text())["features"]
    start, stop = choose(MONTH, date(2019, 3, 1), NEW_YORK).period.bounds()
    received: dict[str | None, int] = {}  # None: outside every square
    hours: dict[str | None, list[float]] = {}
    no_location = 0
    with NYC_CSV.open(newline="") as handle:
        for row in csv.DictReader(handle):
            created, closed = when(row["Created Date"]), when_or_none(row["Closed Date"])
            if not start <= created < stop:
                continue
            if not row["Latitude"]:
                no_location += 1
                continue
            name = square_of(float(row["Latitude"]), float(row["Longitude"]), squares)
            received[name] = received.get(name, 0) + 1
            if row["Status"] == "Closed" and closed is not None and closed >= created:
                hours.setdefault(name, []).append((closed - created).total_seconds() / 3600)

    found = geo.geography(ServiceRequest.objects.all(), Window(start, stop), "square")

    assert found.no_location == no_location > 0
    assert found.default_points == []
    rows = {row[0]: row for row in found.table.rows}
    for name, count in received.items():
        assert rows[name][1] == count
        assert rows[name][2] == len(hours.get(name, []))
        if hours.get(name):
            assert rows[name][3] == pytest.approx(float(np.percentile(hours[name], 50)))
    assert found.outside == received.get(None, 0)
    assert rows["Whole city (located)"][1] == sum(received.values())


def file_at(service, latitude, longitude, day=3, closed_hours=None):
    made = actions.create_request(
        service=service,
        channel="web",
        by=BY,
        description="x",
        latitude=latitude,
        longitude=longitude,
        requested_at=datetime(2025, 3, day, 15, tzinfo=UTC),
    )
    if closed_hours is not None:
        actions.close_request(made, reason="Done", by=BY)
        ServiceRequest.objects.filter(pk=made.pk).update(
            closed_at=made.requested_at + timedelta(hours=closed_hours)
        )
    return made


@pytest.fixture
def zones(db):
    west = {
        "type": "Polygon",
        "coordinates": [
            [[-96.0, 36.0], [-95.9, 36.0], [-95.9, 36.1], [-96.0, 36.1], [-96.0, 36.0]]
        ],
    }
    east = {
        "type": "Polygon",
        "coordinates": [
            [[-95.9, 36.0], [-95.8, 36.0], [-95.8, 36.1], [-95.9, 36.1], [-95.9, 36.0]]
        ],
    }
    return [
        District.objects.create(kind="zone", code="west", name="West", geometry=west),
        District.objects.create(kind="zone", code="east", name="East", geometry=east),
    ]


@pytest.fixture
def city(pothole, zones):
    """Five quick closures in the west, five slow ones in the east, 25 requests on one exact
    point in the west (a geocoder's default), and two with no location."""
    for n in range(5):
        file_at(pothole, 36.05, -95.95 + n * 0.001, closed_hours=10)
        file_at(pothole, 36.05, -95.85 + n * 0.001, closed_hours=100)
    for _ in range(25):
        file_at(pothole, 36.01, -95.99)
    for _ in range(2):
        file_at(pothole, None, None)


def test_it_reports_a_default_point_instead_of_a_hotspot(client, cast, city):
    client.force_login(cast["sue"])
    html = client.get(f"/analytics/geography/?{MARCH}").content.decode()

    points = html.split('id="default-points"')[1].split("</table>")[0]
    assert "36.01, -95.99" in points
    assert ">25</a>" in points
    assert "25 sit on a default point (left out, listed below)." in html
    assert "2 have no location" in html
    equity = html.split('id="equity"')[1].split("</table>")[0]
    assert '<th scope="row">West</th><td><a href="' in equity
    assert ">5</a></td><td>5</td><td>10.0</td>" in equity
    link = points.split('<a href="')[1].split('"')[0].replace("&amp;", "&")
    listed = client.get(link).content.decode()
    assert listed.count('<th scope="row"><a href="/desk/queues/requests/') == 25


def test_it_flags_a_district_much_slower_than_the_city_in_words(client, cast, city):
    client.force_login(cast["sue"])
    html = client.get(f"/analytics/geography/?{MARCH}").content.decode()

    assert "⚠ A large gap from the whole city: East." in html
    equity = html.split('id="equity"')[1].split("</table>")[0]
    east = equity.split('<th scope="row">East</th>')[1].split("</tr>")[0]
    assert "⚠ slower" in east
    assert "⚠" not in equity.split('<th scope="row">West</th>')[1].split("</tr>")[0]
    assert html.count('<svg class="chart"') == 2


def test_a_district_whose_stored_shape_is_broken_is_named_not_fatal(client, cast, city, zones):
    District.objects.filter(pk=zones[1].pk).update(
        geometry={"type": "Polygon", "coordinates": [[1, 2]]}
    )
    client.force_login(cast["sue"])
    response = client.get(f"/analytics/geography/?{MARCH}")

    html = response.content.decode()
    assert response.status_code == 200
    assert "The district East has a shape that cannot be read; it is left out." in html
    assert "5 lie outside every district." in html


def test_it_works_with_no_districts_and_no_requests(client, cast):
    client.force_login(cast["streets"])
    html = client.get("/analytics/geography/?kind=week&day=2030-01-07").content.decode()

    assert "No districts are loaded" in html
    assert "0 requests received in the period." in html


def test_department_staff_see_their_department_on_the_map(client, cast, city, graffiti):
    file_at(graffiti, 36.05, -95.95)
    client.force_login(cast["parks"])
    html = client.get(f"/analytics/geography/?{MARCH}").content.decode()

    assert "1 requests received in the period." in html
    assert "1 open requests with a location" in html


def test_the_district_table_downloads_as_csv(client, cast, city):
    client.force_login(cast["sue"])
    text = client.get(
        f"/analytics/geography/?{MARCH}&csv=districts&district_kind=zone"
    ).content.decode()

    lines = text.splitlines()
    assert lines[0].startswith("District,Received,Closed in the period,Median hours to close")
    assert lines[1] == "East,5,5,100.0,100.0,0.0,0"  # by code: east, west
    assert lines[2] == "West,5,5,10.0,10.0,100.0,0"
    assert lines[3].startswith("Whole city (located),10,10,55.0,")
