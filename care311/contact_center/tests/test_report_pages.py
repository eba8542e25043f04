"""Reports for supervisors: figures beside their definitions, charts drawn by the app, and
the same numbers as CSV. Expected values are the hand-worked queue_log figures
(test_queue_log_metrics.py) for 2010-02-22."""

import csv
import io

import pytest

from care311.contact_center.models import Queue
from care311.contact_center.tests.conftest import import_calls

pytestmark = pytest.mark.django_db

DAY = "start=2010-02-22&end=2010-02-22"


@pytest.fixture
def supervisor_client(client, cast, queue_log):
    import_calls(queue_log)
    client.force_login(cast["supervisor"])
    return client


@pytest.mark.parametrize(
    ("username", "status"),
    [("supervisor", 200), ("admin", 200), ("ana", 403), ("streets", 403), ("resident", 403)],
)
def test_it_is_for_supervisors(client, cast, username, status):
    client.force_login(cast[username])

    assert client.get("/contact-center/reports/").status_code == status


def test_it_shows_each_figure_beside_its_definitions_name(supervisor_client):
    page = supervisor_client.get(f"/contact-center/reports/?{DAY}&by=day").content.decode()

    assert "Service level, offered basis<code>service_level_offered</code>" in page
    assert "<dt>Average speed of answer <code>asa</code></dt>" in page
    assert "<dd>answered within T ÷ offered</dd>" in page
    assert "<td>30.0%</td>" in page and "<td>17.9 s</td>" in page


def test_it_exports_the_same_figures_as_csv(supervisor_client):
    response = supervisor_client.get(f"/contact-center/reports/?{DAY}&by=day&format=csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:6] == [
        "day",
        "offered",
        "answered",
        "abandoned",
        "short_abandons",
        "service_level_offered",
    ]
    figures = dict(zip(rows[0], rows[1], strict=True))
    assert figures == {
        "day": "2010-02-22",
        "offered": "20",
        "answered": "8",
        "abandoned": "12",
        "short_abandons": "2",
        "service_level_offered": "30.0",
        "service_level_answered": "75.0",
        "service_level_abandons_met": "70.0",
        "service_level_short_excluded": "33.3333",
        "asa": "17.875",
        "average_time_to_abandon": "17.9167",
        "abandonment_rate": "60.0",
        "abandonment_rate_short_excluded": "55.5556",
        "aht": "6.4286",
        "transfers": "0",
        "incomplete": "1",
        "waiting": "1",
        "occupancy": "",
        "utilization": "",
        "calls_per_agent_hour": "",
        "fcr": "",
    }
    assert rows[2][0] == "All"


def test_it_draws_the_trend_and_the_abandonment_curve_as_svg(supervisor_client):
    page = supervisor_client.get(f"/contact-center/reports/?{DAY}&by=interval:60").content.decode()

    assert page.count('<svg class="chart"') == 3
    assert "<title" in page and "Share of offered calls abandoned, by time waited</title>" in page
    # Of 20 offered: abandoned within 10 s: waits 2, 3, 10 (15 %); within 20 s: also 13,
    # 15, 17, 17, 17 (40 %); by 50 s all twelve (60 %).
    assert '<th scope="row">10 s</th><td>15.0%</td>' in page
    assert '<th scope="row">20 s</th><td>40.0%</td>' in page
    assert '<th scope="row">50 s</th><td>60.0%</td>' in page


def test_it_says_what_is_wrong_with_a_period(supervisor_client):
    page = supervisor_client.get(
        "/contact-center/reports/?start=2010-02-22&end=2010-01-01&by=day"
    ).content.decode()

    assert "The period ends before it starts." in page
    assert '<svg class="chart"' not in page


def test_a_queue_named_like_a_formula_is_text_in_the_csv(supervisor_client):
    assert Queue.objects.update(name='=HYPERLINK("http://evil.example")') == 1

    response = supervisor_client.get(
        f"/contact-center/reports/?{DAY}&by=day&split=queue&format=csv"
    )

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [row[1] for row in rows[1:-1]] == ['\'=HYPERLINK("http://evil.example")']
