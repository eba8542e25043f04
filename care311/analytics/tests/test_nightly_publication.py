"""The nightly run is queued for the publication hour in the city's zone, once, and queues
the next night's when it has run."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from care311.analytics.tasks import next_run, schedule_nightly

pytestmark = pytest.mark.django_db

NIGHTLY = "care311.analytics.tasks.publish_open_data_nightly"


def test_it_picks_the_next_two_oclock_in_the_city_across_a_clock_change():
    # 8 March 2025 22:00 in Chicago is CST; the night after, clocks go forward at 02:00,
    # which does not exist: the run falls at 03:00 CDT (08:00 UTC).
    assert next_run(datetime(2025, 3, 9, 4, 0, tzinfo=UTC)).astimezone(UTC) == datetime(
        2025, 3, 9, 8, 0, tzinfo=UTC
    )
    # After 02:00 local, tomorrow's.
    assert next_run(datetime(2025, 6, 2, 9, 0, tzinfo=UTC)).astimezone(UTC) == datetime(
        2025, 6, 3, 7, 0, tzinfo=UTC
    )


# The worker closes its database connection when it is done, which on PostgreSQL ends the
# test's own transaction: this test commits for real and is flushed after.
@pytest.mark.django_db(transaction=True)
@time_machine.travel(datetime(2025, 6, 2, 9, 0, tzinfo=UTC), tick=False)
def test_it_queues_one_nightly_run_in_the_database(settings, tmp_path, residents_requests):
    settings.OPEN_DATA_DIR = tmp_path
    first = schedule_nightly()
    again = schedule_nightly()

    assert first == again == datetime(2025, 6, 3, 7, 0, tzinfo=UTC)
    queued = DBTaskResult.objects.get(task_path=NIGHTLY)
    assert queued.run_after == datetime(2025, 6, 3, 7, 0, tzinfo=UTC)

    with time_machine.travel(datetime(2025, 6, 3, 7, 1, tzinfo=UTC), tick=False):
        call_command("db_worker", "--batch", "--no-startup-delay", "--backend", "database")

    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert queued.return_value == dict.fromkeys(
        ("requests.csv", "requests.geojson", "requests.json", "requests.xml"), 3
    )
    following = DBTaskResult.objects.get(task_path=NIGHTLY, status=TaskResultStatus.READY)
    assert following.run_after == datetime(2025, 6, 4, 7, 0, tzinfo=UTC)
    assert (tmp_path / "requests.geojson").is_file()
