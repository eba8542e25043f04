"""A filing form sent again (double click, back button, retry) never makes a second request."""

import pytest

from care311.portal.models import FormSubmission
from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db


def test_it_files_once_when_the_same_form_is_sent_twice(client, portal_form):
    data = portal_form(description="Deep hole")

    first = client.post("/report/details/", data)
    second = client.post("/report/details/", data)

    filed = ServiceRequest.objects.get()
    assert first["Location"] == second["Location"] == f"/report/filed/{filed.public_id}/"
    assert FormSubmission.objects.count() == 1
    assert filed.events.count() == 1


def test_it_files_again_from_a_fresh_form(client, portal_form):
    client.post("/report/details/", portal_form())
    client.post("/report/details/", portal_form())

    assert ServiceRequest.objects.count() == 2


def test_it_refuses_a_form_without_its_token(client, portal_form):
    data = portal_form()
    del data["form_token"]

    response = client.post("/report/details/", data)

    assert response.status_code == 400
    assert not ServiceRequest.objects.exists()


def test_it_checks_csrf_on_the_filing_form(portal_form, client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)

    response = strict.post("/report/details/", portal_form())

    assert response.status_code == 403
    assert not ServiceRequest.objects.exists()
