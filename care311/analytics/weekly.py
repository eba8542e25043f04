"""The weekly summary each department's staff receive by email: last week's figures against
the week before, with the trend charts attached as SVG and the numbers as CSV.

Sent once per department and week (WeeklySummary), so a retried or doubled task sends
nothing twice. Staff of the department with an email address receive it.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from care311.analytics.models import WeeklySummary
from care311.analytics.performance.dashboard import dashboard
from care311.analytics.performance.periods import WEEK, choose
from care311.analytics.scope import Scope, city_zone
from care311.catalog.models import Department
from care311.service_requests.models import ServiceRequest

logger = logging.getLogger(__name__)


def last_week(today: date | None = None) -> date:
    """The Monday of the last full week before `today` (city time)."""
    today = today or timezone.localdate(timezone.now(), city_zone())
    return today - timedelta(days=today.weekday() + 7)


def recipients(department: Department) -> list[str]:
    users = (
        get_user_model()
        .objects.filter(staff_profile__department=department, is_active=True)
        .exclude(email="")
    )
    return sorted(users.values_list("email", flat=True))


def message(department: Department, monday: date, to: list[str]) -> EmailMultiAlternatives:
    choice = choose(WEEK, monday, city_zone())
    scope = Scope(ServiceRequest.objects.filter(department=department), department, None, choice)
    board = dashboard(scope)
    context = {
        "department": department,
        "scope": scope,
        "board": board,
        "previous": choice.previous(),
        "site": settings.CITY_NAME,
    }
    subject = f"{department.name}: 311 week of {monday.isoformat()}"
    text = render_to_string("analytics/weekly_summary.txt", context)
    email = EmailMultiAlternatives(subject, text, to=to)
    email.attach_alternative(
        render_to_string("analytics/weekly_summary.html", context), "text/html"
    )
    email.attach("received-and-closed.svg", str(board.trend.line(1, 2)), "image/svg+xml")
    email.attach("hours-to-close.svg", str(board.trend.line(3, unit=" h")), "image/svg+xml")
    email.attach("trend.csv", board.trend.csv_response("trend").content.decode(), "text/csv")
    email.attach("by-service.csv", board.services.csv_response("s").content.decode(), "text/csv")
    return email


def send_weekly_summaries(monday: date | None = None, *, resend: bool = False) -> int:
    """Send last week's summary (or the week of `monday`) to every department's staff that
    has not had it; how many departments were sent one."""
    monday = monday or last_week()
    monday -= timedelta(days=monday.weekday())
    sent = 0
    for department in Department.objects.order_by("code"):
        to = recipients(department)
        if not to:
            continue
        if resend:
            WeeklySummary.objects.filter(department=department, week_start=monday).delete()
        try:
            with transaction.atomic():
                WeeklySummary.objects.create(
                    department=department,
                    week_start=monday,
                    sent_at=timezone.now(),
                    recipients=len(to),
                )
                message(department, monday, to).send()
        except IntegrityError:
            continue  # sent already
        sent += 1
        logger.info(
            "weekly summary: department %s, week %s, %d recipients", department.pk, monday, len(to)
        )
    return sent
