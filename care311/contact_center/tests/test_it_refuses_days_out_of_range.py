"""Report, agent and scorecard pages and `calls report` refuse days no phone system recorded
(year 9999 or year 1 overflowed the time arithmetic) with a message, never a 500."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from care311.contact_center.models import Agent

pytestmark = pytest.mark.django_db

MESSAGE = "Choose dates from 1970-01-01 to 2100-12-31."
PERIODS = [
    ("9999-12-31", "9999-12-31"),
    ("0001-01-01", "0001-01-01"),
    ("2025-03-01", "2101-01-01"),
    ("1969-12-31", "1970-01-01"),
]


@pytest.mark.parametrize(("start", "end"), PERIODS)
@pytest.mark.parametrize("page", ["reports/", "agents/", "agents/{ana}/"])
def test_a_page_says_the_dates_are_out_of_range(client, cast, page, start, end):
    client.force_login(cast["supervisor"])
    url = "/contact-center/" + page.format(ana=Agent.objects.get(name="ana").pk)

    response = client.get(url, {"start": start, "end": end, "by": "day"})

    assert response.status_code == 200
    assert f'<div role="alert"><ul class="errorlist nonfield"><li>{MESSAGE}</li>' in (
        response.content.decode()
    )


def test_a_page_takes_the_first_and_last_days_in_range(client, cast):
    client.force_login(cast["supervisor"])

    response = client.get("/contact-center/agents/", {"start": "2100-12-31", "end": "2100-12-31"})

    assert response.status_code == 200
    assert MESSAGE not in response.content.decode()


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_the_report_command_says_the_dates_are_out_of_range(start, end):
    with pytest.raises(CommandError) as raised:
        call_command("calls", "report", "--from", start, "--to", end, stdout=StringIO())

    assert (str(raised.value), raised.value.returncode) == (MESSAGE, 2)
