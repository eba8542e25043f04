"""The weekly summary email: each department's staff get last week's figures against the
week before, with the charts as SVG attachments and the numbers as CSV, once per week."""

from datetime import UTC, date, datetime

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command

from care311.analytics.models import WeeklySummary
from care311.analytics.weekly import last_week, send_weekly_summaries
from care311.service_requests import actions

from .conftest import BY

pytestmark = pytest.mark.django_db
MONDAY = date(2025, 3, 3)


@pytest.fixture
def week(cast, pothole, graffiti):
    for user, email in ((cast["streets"], "streets@city.example"), (cast["parks"], "")):
        user.email = email
        user.save()
    for day in (3, 4, 5):
        actions.create_request(
            service=pothole,
            channel="phone",
            by=BY,
            description="hole",
            requested_at=datetime(2025, 3, day, 15, tzinfo=UTC),
        )
    actions.create_request(
        service=graffiti,
        channel="web",
        by=BY,
        description="tag",
        requested_at=datetime(2025, 3, 4, 15, tzinfo=UTC),
    )


def test_it_mails_each_department_its_week_with_charts(week):
    assert send_weekly_summaries(MONDAY) == 1  # Parks' staff have no email address

    [email] = mail.outbox
    assert isinstance(email, EmailMultiAlternatives)
    assert email.to == ["streets@city.example"]
    assert email.subject == "Streets: 311 week of 2025-03-03"
    assert "Received: 3 (0)" in email.body
    names = [attachment[0] for attachment in email.attachments]
    assert names == ["received-and-closed.svg", "hours-to-close.svg", "trend.csv", "by-service.csv"]
    svg = email.attachments[0][1]
    assert svg.startswith('<svg class="chart"') and 'stroke-dasharray="6 4"' in svg
    assert email.attachments[2][1].splitlines()[-1] == "2025-03-03/2025-03-09,3,0,"
    html = email.alternatives[0][0]
    assert isinstance(html, str)
    assert '<th scope="row">Received</th><td>3</td><td>0</td>' in html


def test_it_sends_a_week_once_even_when_run_twice(week):
    send_weekly_summaries(MONDAY)
    assert send_weekly_summaries(date(2025, 3, 6)) == 0

    assert len(mail.outbox) == 1
    assert WeeklySummary.objects.get().recipients == 1
    assert send_weekly_summaries(MONDAY, resend=True) == 1
    assert len(mail.outbox) == 2


def test_last_week_is_the_full_week_before():
    assert last_week(date(2025, 3, 12)) == MONDAY
    assert last_week(date(2025, 3, 10)) == MONDAY


def test_the_command_sends_a_chosen_week(week, capsys):
    call_command("summaries", "send", "--week", "2025-03-05")

    assert (
        "Weekly summaries for the week of 2025-03-05: sent to 1 departments."
        in capsys.readouterr().out
    )
    assert len(mail.outbox) == 1
