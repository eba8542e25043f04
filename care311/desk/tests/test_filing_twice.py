"""The filing form sent twice (a double click, a retry) files one request for the contact,
with the portal's form-once mechanism: the repeat answers with the request already filed."""

import threading

import pytest
from django.db import connection
from django.test import Client

from care311.desk import actions
from care311.desk.models import ContactRequest
from care311.portal.models import FormSubmission
from care311.service_requests.models import EventKind, HistoryEvent, ServiceRequest

DETAILS = (
    "/desk/contact/{pk}/file/details/?service=STR-POTHOLE&address=2+Double+St&latitude=&longitude="
)
BODY = {"description": "double submit test", "name": "Rosa"}


def test_it_files_once_when_the_form_is_sent_twice(as_ana, service, contact):
    url = DETAILS.format(pk=contact.pk)

    first = as_ana.post(url, BODY)
    second = as_ana.post(url, BODY, follow=True)

    filed = ServiceRequest.objects.get()
    assert first.status_code == 302
    assert second.redirect_chain == [(f"/desk/contact/{contact.pk}/#wrap-up-title", 302)]
    assert f"Request {filed.public_id} filed for the caller." in second.content.decode()
    assert ContactRequest.objects.filter(contact=contact).count() == 1
    assert list(filed.events.values_list("kind", flat=True)) == [EventKind.CREATED]
    assert FormSubmission.objects.get().request == filed


def test_it_files_a_different_problem_for_the_same_contact(as_ana, service, contact):
    url = DETAILS.format(pk=contact.pk)

    as_ana.post(url, BODY)
    as_ana.post(url, {**BODY, "description": "a second hole, across the street"})

    assert ServiceRequest.objects.count() == 2
    assert ContactRequest.objects.filter(contact=contact).count() == 2


def test_the_action_returns_the_first_request_for_the_same_filing(cast, service, contact):
    fields = {"service": service, "by": cast["ana"], "description": "Hole", "address": "1 Main"}

    first = actions.file_request_for_contact(contact, **fields)
    again = actions.file_request_for_contact(contact, **fields, reporter_name="Rosa")

    assert again == first
    assert ServiceRequest.objects.count() == 1
    assert HistoryEvent.objects.count() == 1


def test_the_same_filing_for_another_contact_is_another_request(cast, service, contact):
    fields = {"service": service, "by": cast["ana"], "description": "Hole", "address": "1 Main"}
    actions.file_request_for_contact(contact, **fields)
    actions.wrap_up_contact(contact, outcome="request_created", by=cast["ana"])
    later = actions.start_contact(agent=cast["ana"], channel="phone", caller_number="9185551234")

    actions.file_request_for_contact(later, **fields)

    assert ServiceRequest.objects.count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one writer at a time; the race needs concurrent transactions",
)
def test_it_files_once_from_simultaneous_copies(cast, service, contact):
    url = DETAILS.format(pk=contact.pk)
    start = threading.Barrier(4)
    answers: list[tuple[int, str]] = []

    def post() -> None:
        try:
            client = Client()
            client.force_login(cast["ana"])
            start.wait()
            response = client.post(url, BODY)
            answers.append((response.status_code, response["Location"]))
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers == [(302, f"/desk/contact/{contact.pk}/#wrap-up-title")] * 4
    assert ServiceRequest.objects.count() == 1
    assert ContactRequest.objects.filter(contact=contact).count() == 1
    assert FormSubmission.objects.count() == 1
