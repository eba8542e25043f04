"""The text a resident reads: a supervisor's text for the service wins over one for every
service, which wins over the built-in text; a placeholder the system does not know is
refused with a message naming it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError

from care311.accounts.roles import ensure_roles
from care311.catalog.models import ServiceType
from care311.notifications.audience import reporter_preference
from care311.notifications.models import Kind, ResponseTemplate
from care311.notifications.responses import response_for
from care311.service_requests import actions
from care311.service_requests.actors import System

pytestmark = pytest.mark.django_db

BY = System("test")
VALUES = {"request_id": "2026-00042", "service": "Pothole", "public_note": ""}


def written(service, language="en", **texts) -> ResponseTemplate:
    texts.setdefault("body", "Body for {request_id}.")
    return ResponseTemplate.objects.create(
        service=service, kind=Kind.CLOSED, language=language, **texts
    )


def closed_subject(service_id, language="en") -> str:
    return response_for(
        Kind.CLOSED, service_id=service_id, language=language, values=VALUES
    ).subject


def test_the_services_own_text_wins_then_every_services_then_the_built_in(service):
    other = ServiceType.objects.create(service_code="GRAFFITI", name="Graffiti")
    assert closed_subject(service.pk) == "Request 2026-00042: closed"

    written(None, subject="Every service: {request_id} is done")
    assert closed_subject(service.pk) == "Every service: 2026-00042 is done"

    written(service, subject="Pothole {request_id} filled")
    assert closed_subject(service.pk) == "Pothole 2026-00042 filled"
    assert closed_subject(other.pk) == "Every service: 2026-00042 is done"
    assert closed_subject(service.pk, "es") == "Solicitud 2026-00042: cerrada"


def test_a_spanish_reader_gets_the_spanish_text_the_supervisor_wrote(
    file_request, django_capture_on_commit_callbacks
):
    request = file_request(reporter_email="rae@example.com")
    reporter_preference(request, language="es")
    written(request.service, subject="Pothole {request_id} filled", body="English body")
    written(
        request.service,
        "es",
        subject="Bache {request_id} reparado",
        body="Motivo: {closure_reason}. {public_note}",
        sms="Bache {request_id} listo",
    )

    with django_capture_on_commit_callbacks(execute=True):
        actions.close_request(request, reason="Repaired", by=BY, note="Gracias.")

    assert [message.to for message in mail.outbox] == [["rae@example.com"]]
    assert mail.outbox[0].subject == f"Bache {request.public_id} reparado"
    assert mail.outbox[0].body.startswith("Motivo: Repaired. Gracias.\n\nVea su historial: ")


def test_the_text_message_is_the_subject_when_none_is_written(service):
    written(service, subject="Pothole {request_id} filled")

    response = response_for(Kind.CLOSED, service_id=service.pk, language="en", values=VALUES)

    assert response.sms == "Pothole 2026-00042 filled"


def test_it_refuses_unknown_placeholders_naming_each(service):
    template = ResponseTemplate(
        service=service,
        kind=Kind.CLOSED,
        language="en",
        subject="Request {request_id} for {street}",
        body="Dear {name}, {request_id} closed. {zip}",
        sms="ok {request_id}",
    )

    with pytest.raises(ValidationError) as refused:
        template.full_clean()

    errors = refused.value.message_dict
    assert sorted(errors) == ["body", "subject"]
    assert errors["subject"][0].startswith("Unknown placeholder {street}: use {request_id}, ")
    assert errors["body"][0].startswith("Unknown placeholder {name}, {zip}: use {request_id}, ")
    assert errors["body"][0].endswith(", {duplicate_of}, {track_url}.")


def test_the_admin_form_shows_the_unknown_placeholder_beside_the_field(client, service):
    ensure_roles()
    supervisor = get_user_model().objects.create_user("sue", is_staff=True)
    supervisor.groups.add(Group.objects.get(name="supervisor"))
    client.force_login(supervisor)

    response = client.post(
        "/admin/notifications/responsetemplate/add/",
        {
            "service": service.pk,
            "kind": Kind.CLOSED,
            "language": "en",
            "subject": "Closed {requestid}",
            "body": "Done.",
            "sms": "",
        },
    )

    assert response.status_code == 200
    assert "Unknown placeholder {requestid}: use {request_id}" in response.content.decode()
    assert not ResponseTemplate.objects.exists()
