"""The department performance page: who sees what, every figure's drill-down list, the CSV of
each table, and bad data (clock skew, no closure time, empty periods, an idle department)
counted on the page instead of breaking it."""

import csv
import io
import re
from datetime import UTC, datetime

import pytest

from care311.analytics.performance.figures import BY_NAME
from care311.catalog.models import Department
from care311.service_requests import actions
from care311.service_requests.models import ServiceRequest

from .conftest import BY

pytestmark = pytest.mark.django_db
MARCH = "kind=month&day=2025-03-01"


def at(day: int, hour: int = 15, month: int = 3) -> datetime:
    return datetime(2025, month, day, hour, 0, tzinfo=UTC)


@pytest.fixture
def march(pothole, graffiti):
    """Streets: four potholes in March 2025 (one closed in a day, one closed before it was
    received, one closed with no closure time, one open) and one from February still open;
    Parks: one graffiti report."""
    made = {}
    for name, service, day, month in (
        ("quick", pothole, 3, 3),
        ("skewed", pothole, 4, 3),
        ("untimed", pothole, 5, 3),
        ("open", pothole, 6, 3),
        ("old", pothole, 10, 2),
        ("parks", graffiti, 7, 3),
    ):
        made[name] = actions.create_request(
            service=service,
            channel="phone" if name != "open" else "web",
            by=BY,
            description=name,
            requested_at=at(day, month=month),
        )
    for name in ("quick", "skewed", "untimed"):
        actions.close_request(made[name], reason="Done", by=BY)
    ServiceRequest.objects.filter(pk=made["quick"].pk).update(closed_at=at(4))
    ServiceRequest.objects.filter(pk=made["skewed"].pk).update(closed_at=at(2))
    ServiceRequest.objects.filter(pk=made["untimed"].pk).update(closed_at=None)
    return made


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("sue", 200),
        ("admin", 200),
        ("streets", 200),
        ("parks", 200),
        ("ana", 403),
        ("resident", 403),
    ],
)
def test_it_is_for_department_staff_supervisors_and_admins(client, cast, who, status):
    client.force_login(cast[who])

    assert client.get("/analytics/").status_code == status


def test_it_sends_strangers_to_sign_in(client, cast):
    assert client.get("/analytics/").status_code == 302


def figures(html: str) -> dict[str, str]:
    table = html.split('id="figures"')[1].split("</table>")[0]
    return dict(
        re.findall(r'<th scope="row">([^<]+)</th>\s*<td>(?:<a href="[^"]+">)?([^<]*)<', table)
    )


def test_it_counts_the_month_and_shows_what_was_left_out(client, cast, march):
    client.force_login(cast["sue"])
    html = client.get(
        f"/analytics/?{MARCH}&department={march['quick'].department_id}"
    ).content.decode()

    found = figures(html)
    assert found["Received"] == "4"
    assert found["Closed"] == "2"  # quick and skewed; untimed has no closure time
    assert found["Backlog at the period&#x27;s end"] == "2"  # open, and February's
    assert found["Closed before they were received (clock skew)"] == "1"
    assert found["Closed with no closure time"] == "1"
    assert found["Median hours to close"] == "24.0"
    assert "1 closed before they were received (clock skew); 1 closed with no closure time" in html


def test_department_staff_see_only_their_department(client, cast, march):
    client.force_login(cast["parks"])
    html = client.get(f"/analytics/?{MARCH}").content.decode()

    assert figures(html)["Received"] == "1"
    streets = Department.objects.get(code="streets")
    asked = client.get(f"/analytics/?{MARCH}&department={streets.pk}").content.decode()
    assert "Select a valid choice" in asked
    listed = client.get(f"/analytics/requests/?{MARCH}&department={streets.pk}&figure=received")
    assert listed.status_code == 400
    assert "Select a valid choice" in listed.content.decode()
    assert march["quick"].public_id not in listed.content.decode()


def test_every_figure_lists_the_requests_it_counts(client, cast, march):
    client.force_login(cast["sue"])
    html = client.get(f"/analytics/?{MARCH}").content.decode()
    links = re.findall(r'<td><a href="(/analytics/requests/\?[^"]+)">(\d+)</a></td>', html)

    assert len(links) > 10
    for href, count in links:
        listed = client.get(href.replace("&amp;", "&")).content.decode()
        ids = re.findall(r'<th scope="row"><a href="/desk/queues/requests/([^/]+)/">', listed)
        assert len(ids) == int(count), href


def test_it_lists_the_skewed_request_by_name(client, cast, march):
    client.force_login(cast["sue"])
    html = client.get(f"/analytics/requests/?{MARCH}&figure=skewed").content.decode()

    assert march["skewed"].public_id in html
    assert march["quick"].public_id not in html
    assert str(BY_NAME["skewed"].label) in html


def test_an_empty_period_and_an_idle_department_show_zeros(client, cast, march):
    idle = Department.objects.create(code="idle", name="Idle")
    client.force_login(cast["sue"])

    for query in ("kind=week&day=2030-01-07", f"{MARCH}&department={idle.pk}"):
        html = client.get(f"/analytics/?{query}").content.decode()
        assert figures(html)["Received"] == "0"
        assert figures(html)["Median hours to close"] == ""


def test_a_bad_period_is_refused_politely(client, cast):
    client.force_login(cast["sue"])
    response = client.get("/analytics/?kind=custom&day=2025-03-10&last=2025-03-01")

    assert response.status_code == 400
    assert "The last day comes after the first." in response.content.decode()


def test_every_table_downloads_as_csv(client, cast, march):
    client.force_login(cast["sue"])

    trend = list(
        csv.reader(io.StringIO(client.get(f"/analytics/?{MARCH}&csv=trend").content.decode()))
    )
    assert trend[0] == ["Period", "Received", "Closed", "Median hours to close"]
    assert trend[-1] == ["2025-03", "5", "2", "24.0"]
    assert len(trend) == 13
    services = list(
        csv.reader(io.StringIO(client.get(f"/analytics/?{MARCH}&csv=services").content.decode()))
    )
    assert services[1][:4] == ["Pothole", "4", "2", "2"]
    figures_csv = client.get(f"/analytics/?{MARCH}&csv=figures").content.decode()
    assert "skewed,Closed before they were received (clock skew),1,0," in figures_csv


def test_charts_are_svg_with_their_numbers_beside_them(client, cast, march):
    client.force_login(cast["sue"])
    html = client.get(f"/analytics/?{MARCH}").content.decode()

    assert html.count('<svg class="chart"') == 2
    assert 'stroke-dasharray="6 4"' in html  # closed is dashed, not only another colour
    assert "The numbers: Trend" in html
    assert "cdn" not in html.lower()
