"""Response texts: what a resident reads for each kind of change, per service and language.

A supervisor's ResponseTemplate for the service wins, then one for every service, then the
built-in text below (translated with gettext). Placeholders are a small fixed set filled by
plain substitution: no template language, so a text cannot reach anything but these values.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from care311.catalog.models import ClosureReason, localized
from care311.notifications.models import Kind, ResponseTemplate
from care311.service_requests.models import ServiceRequest, Status

PLACEHOLDERS = (
    "request_id",
    "service",
    "status",
    "closure_reason",
    "public_note",
    "department",
    "referred_to",
    "duplicate_of",
    "track_url",
)
FIELD = re.compile(r"\{([^{}]*)\}")

# kind -> (subject, body); bodies end in the public note, left out when there is none.
DEFAULTS: dict[str, tuple[str | Promise, str | Promise]] = {
    Kind.ACKNOWLEDGED: (
        _("Request {request_id}: acknowledged"),
        _(
            "Your request {request_id} ({service}) has been acknowledged and passed to the "
            "team that will handle it.\n\n{public_note}"
        ),
    ),
    Kind.IN_PROGRESS: (
        _("Request {request_id}: work has started"),
        _("Work has started on your request {request_id} ({service}).\n\n{public_note}"),
    ),
    Kind.ON_HOLD: (
        _("Request {request_id}: on hold"),
        _("Your request {request_id} ({service}) is on hold.\n\n{public_note}"),
    ),
    Kind.REFERRED: (
        _("Request {request_id}: referred to another agency"),
        _(
            "Your request {request_id} ({service}) is handled by {referred_to}, and we have "
            "passed it on.\n\n{public_note}"
        ),
    ),
    Kind.ASSIGNED: (
        _("Request {request_id}: with {department}"),
        _("Your request {request_id} ({service}) is now with {department}.\n\n{public_note}"),
    ),
    Kind.CLOSED: (
        _("Request {request_id}: closed"),
        _(
            "Your request {request_id} ({service}) is closed.\n"
            "Reason: {closure_reason}\n\n{public_note}"
        ),
    ),
    Kind.DUPLICATE: (
        _("Request {request_id}: merged into {duplicate_of}"),
        _(
            "Your request {request_id} ({service}) reports the same problem as request "
            "{duplicate_of}, so we merged them. You will hear when {duplicate_of} is closed."
        ),
    ),
    Kind.REOPENED: (
        _("Request {request_id}: reopened"),
        _("Your request {request_id} ({service}) is open again.\n\n{public_note}"),
    ),
    Kind.STATUS: (
        _("Request {request_id}: {status}"),
        _("Your request {request_id} ({service}) is now: {status}.\n\n{public_note}"),
    ),
}


@dataclass(frozen=True)
class Response:
    subject: str
    body: str
    sms: str


def check_placeholders(**texts: str) -> None:
    """ValidationError naming each unknown placeholder and the field it is in."""
    errors = {}
    for field, text in texts.items():
        unknown = sorted({name for name in FIELD.findall(text) if name not in PLACEHOLDERS})
        if unknown:
            errors[field] = _("Unknown placeholder %(names)s: use %(known)s.") % {
                "names": ", ".join(f"{{{name}}}" for name in unknown),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            }
    if errors:
        raise ValidationError(errors)


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with each known placeholder replaced; blank lines a missing note leaves behind
    are folded away."""
    filled = FIELD.sub(lambda found: str(values.get(found[1], found[0])), str(text))
    lines = [line.rstrip() for line in filled.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def response_for(kind: str, *, service_id: int | None, language: str, values: dict) -> Response:
    """The response text of `kind` for the service in `language`, filled with `values`."""
    written = (
        ResponseTemplate.objects.filter(kind=kind, language=language)
        .filter(Q(service_id=service_id) | Q(service__isnull=True))
        .order_by(F("service_id").asc(nulls_last=True))  # the service's own first
        .first()
    )
    with translation.override(language):
        if written is not None:
            subject, body, sms = written.subject, written.body, written.sms
        else:
            subject, body = (str(text) for text in DEFAULTS.get(kind, DEFAULTS[Kind.STATUS]))
            sms = ""
    return Response(
        subject=fill(subject, values), body=fill(body, values), sms=fill(sms or subject, values)
    )


def closing_note_for(
    request: ServiceRequest, reason: ClosureReason | str, language: str = "en"
) -> str:
    """The public closing note the closure text (the service's, else every service's, else
    the built-in one) gives for `request` closed with `reason` (a ClosureReason, or its
    label), in `language`: what an agent's close form can offer to start from."""
    if isinstance(reason, ClosureReason):
        reason = localized(reason, "label", language)
    values = {
        "request_id": request.public_id,
        "service": localized(request.service, "name", language),
        "status": _label(Status.CLOSED, language),
        "closure_reason": reason,
        "referred_to": "",
        "public_note": "",
        "department": localized(request.department, "name", language) if request.department else "",
        "duplicate_of": "",
        "track_url": track_url(request.public_id),
    }
    return response_for(
        Kind.CLOSED, service_id=request.service_id, language=language, values=values
    ).body


def _label(status: str, language: str) -> str:
    with translation.override(language):
        return str(Status(status).label)


def track_url(public_id: str) -> str:
    """The request's public page, as a link from a message sent by the worker."""
    return settings.SITE_URL + reverse("portal:request_detail", args=[public_id])


def closure_reason(request: ServiceRequest, language: str) -> str:
    """The request's closure reason as residents read it in `language`."""
    chosen = request.closed_as
    return localized(chosen, "label", language) if chosen else request.closure_reason
