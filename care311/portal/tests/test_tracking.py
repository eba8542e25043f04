"""Tracking by number without an account: the request, its timeline, what to expect."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from care311.service_requests import actions
from care311.service_requests.actors import System
from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["{id}", "{lower}", " {id} ", "{bare}"])
def test_it_finds_a_request_by_its_tracking_number_however_typed(client, file_request, typed):
    request = file_request()
    number = typed.format(
        id=request.public_id,
        lower=request.public_id.lower(),
        bare=request.public_id.replace("-", ""),
    )

    response = client.get("/track/", {"number": number})

    assert response.status_code == 302
    assert response["Location"] == f"/requests/{request.public_id}/"


def test_it_says_beside_the_field_when_no_request_has_the_number(client, file_request):
    response = client.get("/track/", {"number": "0000-0000-0000"})

    html = response.content.decode()
    assert response.status_code == 400
    assert (
        '<p class="error" id="id_number-error">No request has the number 0000-0000-0000. '
        "Check it and try again.</p>"
    ) in html
    assert 'aria-describedby="id_number-hint id_number-error" aria-invalid="true"' in html


def test_it_shows_the_sla_due_date_and_the_services_recent_history(client, service, file_request):
    cache.clear()
    service.sla_hours = 72
    service.save()
    now = timezone.now()
    for days in (1, 2, 2, 3, 6):
        done = file_request(requested_at=now - timedelta(days=10))
        actions.close_request(done, reason="Repaired", by=System("test"))
        ServiceRequest.objects.filter(pk=done.pk).update(
            closed_at=now - timedelta(days=10) + timedelta(days=days, hours=-1)
        )
    waiting = file_request()

    html = client.get(f"/requests/{waiting.public_id}/").content.decode()

    assert "Expected by" in html
    assert "Most requests like this close within 3 days." in html


def test_it_says_nothing_of_history_it_does_not_have(client, file_request):
    cache.clear()
    html = client.get(f"/requests/{file_request().public_id}/").content.decode()

    assert "Most requests like this" not in html
