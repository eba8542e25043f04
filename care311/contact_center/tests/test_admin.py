"""The admin: calls are read-only, caller numbers show to superusers only, and editing a
queue's threshold sums its figures again."""

import pytest
from django.contrib.auth import get_user_model

from care311.contact_center.models import CallRecord, IntervalSummary, Queue
from care311.contact_center.tests.conftest import import_calls

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(cast):
    return get_user_model().objects.create_superuser("root", password="not-used-here-1")


def test_it_shows_caller_numbers_to_superusers_only(client, cast, superuser, queue_log):
    import_calls(queue_log)
    call = CallRecord.objects.get(source_key="1266833905.2")
    url = f"/admin/contact_center/callrecord/{call.pk}/change/"

    client.force_login(cast["supervisor"])
    assert "01773597776" not in client.get(url).content.decode()
    client.force_login(superuser)
    assert "01773597776" in client.get(url).content.decode()


def test_it_rebuilds_a_queues_summaries_when_its_threshold_changes(client, superuser, queue_log):
    import_calls(queue_log)
    queue = Queue.objects.get(name="9000")
    client.force_login(superuser)

    client.post(
        f"/admin/contact_center/queue/{queue.pk}/change/",
        {
            "name": "9000",
            "label": "",
            "service_level_seconds": 40,
            "service_level_target": 80,
            "short_abandon_seconds": 5,
            "abandon_target": 5,
        },
    )

    # Waits of answered calls 1, 2, 36, 6, 84, 4, 5, 5: seven within 40 s.
    assert sum(IntervalSummary.objects.values_list("answered_in_threshold", flat=True)) == 7
