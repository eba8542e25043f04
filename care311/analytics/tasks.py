"""Background work of the analytics app, through the Django Tasks API: publishing the open
data files, on demand and every night.

Both tasks only rewrite the files whole (see opendata.publishing), so a retry or a second
worker running one at the same time leaves the same files behind.
"""

import logging
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from care311.analytics.opendata.publishing import publish_all

logger = logging.getLogger(__name__)


@task()
def publish_open_data() -> dict[str, Any]:
    """Regenerate every open-data file now (the staff's "regenerate" button)."""
    return _counts(publish_all())


@task()
def publish_open_data_nightly() -> dict[str, Any]:
    """Regenerate the files, then queue the next night's run."""
    counts = _counts(publish_all())
    schedule_nightly()
    return counts


def _counts(manifest: dict[str, Any]) -> dict[str, Any]:
    return {name: entry["requests"] for name, entry in manifest["files"].items()}


def next_run(now: datetime) -> datetime:
    """The next settings.OPEN_DATA_HOUR o'clock in the city's zone after `now`."""
    local = timezone.localtime(now)
    at = datetime.combine(local.date(), time(settings.OPEN_DATA_HOUR), tzinfo=local.tzinfo)
    if at <= local:
        at = datetime.combine(
            local.date() + timedelta(days=1), time(settings.OPEN_DATA_HOUR), tzinfo=local.tzinfo
        )
    return at


def schedule_nightly(backend: str = "database") -> datetime | None:
    """Queue the nightly run for the next publication hour unless one is queued already;
    when it will run (None when the backend cannot run work later, e.g. "immediate")."""
    nightly = publish_open_data_nightly.using(backend=backend)
    if not nightly.get_backend().supports_defer:
        logger.warning("open data: task backend %s cannot schedule the nightly run", backend)
        return None
    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=nightly.module_path
    )
    found = waiting.order_by("run_after").values_list("run_after", flat=True).first()
    if found is not None:
        return found
    at = next_run(timezone.now())
    nightly.using(run_after=at).enqueue()
    return at


@task()
def send_weekly_summaries_task() -> int:
    """Send last week's summaries to every department, then queue next Monday's run."""
    from care311.analytics.weekly import send_weekly_summaries

    sent = send_weekly_summaries()
    schedule_weekly()
    return sent


def schedule_weekly(backend: str = "database") -> datetime | None:
    """Queue the weekly run for next Monday at the publication hour unless one is queued."""
    weekly = send_weekly_summaries_task.using(backend=backend)
    if not weekly.get_backend().supports_defer:
        logger.warning("weekly summaries: task backend %s cannot schedule", backend)
        return None
    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=weekly.module_path
    )
    found = waiting.order_by("run_after").values_list("run_after", flat=True).first()
    if found is not None:
        return found
    at = next_run(timezone.now())
    while at.weekday() != 0:
        at += timedelta(days=1)
    weekly.using(run_after=at).enqueue()
    return at
