"""POST requests: a client's report becomes a request, once.

The client is known by its api_key. A POST sent again (a retry after a lost answer) returns
the request the first one made instead of a second one: by the client's Idempotency-Key
header (or idempotency_key parameter) when it sends one, otherwise when the same client sends
the same service, location, description and reporter within DUPLICATE_WINDOW.
"""

import json
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from care311.catalog.models import ServiceType
from care311.catalog.queries import service_definition
from care311.open311 import validation
from care311.open311.errors import Open311Error
from care311.open311.media import Image
from care311.open311.models import ApiKey, Submission
from care311.open311.params import Params
from care311.open311.throttle import check_rate
from care311.service_requests.actions import ActionError, create_request
from care311.service_requests.actors import System
from care311.service_requests.models import ServiceRequest

DUPLICATE_WINDOW = timedelta(minutes=10)
DESCRIPTION_MAX = 4000  # the published request schema's maxLength
IDEMPOTENCY_HEADER = "Idempotency-Key"
# Parameters that say who reported: part of the fingerprint, never of a GET answer.
REPORTER_PARAMS = ("email", "phone", "first_name", "last_name", "device_id", "account_id")


@dataclass(frozen=True)
class Outcome:
    submission: Submission
    created: bool


@dataclass(frozen=True)
class Location:
    latitude: float | None
    longitude: float | None
    address: str
    address_id: str


@dataclass(frozen=True)
class Reporter:
    name: str
    email: str
    phone: str


@dataclass(frozen=True)
class Report:
    """A POST's content, every field checked, nothing yet written."""

    service: ServiceType
    location: Location
    description: str
    reporter: Reporter
    answers: dict
    media_url: str
    image: Image | None
    device_id: str
    account_id: str


def submit(request: HttpRequest, params: Params) -> Outcome:
    """Create the request a POST describes, or find the one an earlier copy of it created."""
    api_key = _client(params)
    check_rate(f"key:{api_key.pk}")

    report = _report(request, params)
    idempotency_key = _idempotency_key(request, params)
    fingerprint = _fingerprint(params, report)

    with transaction.atomic():
        # Lock the client's key row: two copies of one POST arriving together queue here,
        # and the second finds the first's submission.
        ApiKey.objects.select_for_update().filter(pk=api_key.pk).first()
        earlier = _earlier(api_key, idempotency_key, fingerprint)
        if earlier is not None:
            return Outcome(earlier, created=False)

        media_url = report.media_url
        if report.image is not None:
            media_url = request.build_absolute_uri(default_storage.url(report.image.save()))
        service_request = _create(api_key, report, media_url)
        submission = Submission.objects.create(
            api_key=api_key,
            request=service_request,
            idempotency_key=idempotency_key,
            fingerprint=fingerprint,
            device_id=report.device_id,
            account_id=report.account_id,
            created_at=service_request.requested_at,
        )
    return Outcome(submission, created=True)


def _report(request: HttpRequest, params: Params) -> Report:
    service = _service(params)
    upload = request.FILES.get("media")
    return Report(
        service=service,
        location=_location(params),
        description=params.text("description", max_length=DESCRIPTION_MAX),
        reporter=_reporter(params),
        answers=validation.answers(service, params.data),
        media_url=_media_url(params),
        image=Image.checked(upload) if upload is not None else None,
        device_id=params.text("device_id", max_length=200),
        account_id=params.text("account_id", max_length=200),
    )


def _create(api_key: ApiKey, report: Report, media_url: str) -> ServiceRequest:
    try:
        return create_request(
            service=report.service,
            channel="open311",
            by=System(f"open311:{api_key.name}"),
            description=report.description,
            latitude=report.location.latitude,
            longitude=report.location.longitude,
            address=report.location.address,
            address_id=report.location.address_id,
            answers=report.answers,
            media_url=media_url,
            reporter_name=report.reporter.name,
            reporter_email=report.reporter.email,
            reporter_phone=report.reporter.phone,
        )
    except ActionError as error:
        raise Open311Error(400, str(error)) from None


def _client(params: Params) -> ApiKey:
    raw = params.text("api_key")
    if not raw:
        raise Open311Error(403, "api_key is required to post a request")
    api_key = ApiKey.objects.active(raw)
    if api_key is None:
        raise Open311Error(403, "api_key is not a valid key")
    return api_key


def _service(params: Params) -> ServiceType:
    code = params.text("service_code")
    if not code:
        raise Open311Error(400, "service_code is required")
    service = service_definition(code)
    if service is None:
        raise Open311Error(400, f"no service has service_code {code!r}")
    if not service.active:
        raise Open311Error(400, f"service_code {code!r} does not take new requests")
    return service


def _location(params: Params) -> Location:
    latitude = params.number("lat", -90, 90)
    longitude = params.number("long", -180, 180)
    if (latitude is None) != (longitude is None):
        raise Open311Error(400, "lat and long go together")
    address = params.text("address_string", max_length=300)
    address_id = params.text("address_id", max_length=100)
    if latitude is None and not address.strip() and not address_id.strip():
        raise Open311Error(
            400, "a location is required: lat and long, address_string or address_id"
        )
    return Location(latitude, longitude, address, address_id)


def _reporter(params: Params) -> Reporter:
    email = params.text("email", max_length=254).strip()
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            raise Open311Error(400, f"email {email!r} is not an email address") from None
    name = " ".join(
        part
        for part in (params.text("first_name").strip(), params.text("last_name").strip())
        if part
    )
    if len(name) > 200:
        raise Open311Error(400, "first_name and last_name are longer than 200 characters")
    return Reporter(name, email, params.text("phone", max_length=40).strip())


def _media_url(params: Params) -> str:
    url = params.text("media_url", max_length=500).strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise Open311Error(400, f"media_url {url!r} is not an http or https URL") from None
    return url


def _idempotency_key(request: HttpRequest, params: Params) -> str:
    key = request.headers.get(IDEMPOTENCY_HEADER, "") or params.text("idempotency_key")
    if len(key) > 200:
        raise Open311Error(400, f"{IDEMPOTENCY_HEADER} is longer than 200 characters")
    return key


def _fingerprint(params: Params, report: Report) -> str:
    # A keyed hash, so the table of fingerprints reveals nothing about who reported. The
    # answers and the photo count too: a key reused with other answers is another report.
    parts = ("service_code", "lat", "long", "address_string", "address_id", "description")
    values = [params.text(name).strip() for name in (*parts, *REPORTER_PARAMS)]
    values.append(json.dumps(report.answers, sort_keys=True))
    values.append(report.media_url)
    values.append(report.image.digest() if report.image is not None else "")
    return salted_hmac("care311.open311.fingerprint", "\x00".join(values)).hexdigest()


def _earlier(api_key: ApiKey, idempotency_key: str, fingerprint: str) -> Submission | None:
    submissions = Submission.objects.select_related("request").filter(api_key=api_key)
    if idempotency_key:
        earlier = submissions.filter(idempotency_key=idempotency_key).first()
        if earlier is not None and earlier.fingerprint != fingerprint:
            raise Open311Error(
                409,
                f"{IDEMPOTENCY_HEADER} {idempotency_key!r} was already used for a different "
                f"request ({earlier.request.public_id})",
            )
        return earlier
    since = timezone.now() - DUPLICATE_WINDOW
    return (
        submissions.filter(fingerprint=fingerprint, created_at__gte=since)
        .order_by("-created_at")
        .first()
    )
