"""GeoReport v2 endpoints under /open311/v2/, each in .json and .xml.

A view reads its parameters, calls one query or action, and renders records; errors are
raised as Open311Error and rendered by the middleware in the client's format.
"""

from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from care311.catalog.queries import listed_services, service_definition
from care311.open311 import records
from care311.open311.errors import Open311Error
from care311.open311.filters import PAGE_SIZE_MAX, page_of, request_criteria
from care311.open311.formats import CONTENT_TYPES, MEDIA_TYPES, Open311Response, render
from care311.open311.models import Submission
from care311.open311.params import Params, check_text
from care311.open311.submissions import submit
from care311.service_requests.listings import (
    listed_requests,
    public_events,
    requests_by_public_id,
)

View = Callable[..., HttpResponse]
# When this API's shape last changed, for discovery's changeset.
CHANGESET = "2026-12-03T00:00:00Z"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
OPENAPI_FILE = Path(__file__).resolve().parent / "openapi.json"


def endpoint(*methods: str) -> Callable[[View], View]:
    """An API view: CSRF-exempt (clients hold no session), limited to `methods`, refusing a
    jurisdiction_id this server does not serve and answering in the `locale` asked for."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, fmt: str, **kwargs: str) -> HttpResponse:
            for name, value in kwargs.items():
                check_text(name, value)
            params = Params(request)
            _check_jurisdiction(params)
            with translation.override(_language(params)):
                return view(request, fmt, params, **kwargs)

        return csrf_exempt(require_http_methods(methods)(wrapped))

    return decorate


def _check_jurisdiction(params: Params) -> None:
    served = settings.OPEN311_JURISDICTION_ID
    asked = params.text("jurisdiction_id")
    if served and asked and asked != served:
        raise Open311Error(400, f"jurisdiction_id {asked!r} is not served here; use {served!r}")


def _language(params: Params) -> str:
    asked = params.text("locale").strip()
    if not asked:
        return settings.LANGUAGE_CODE
    language = asked.replace("_", "-").split("-")[0].lower()
    codes = [code for code, _ in settings.LANGUAGES]
    if language not in codes:
        raise Open311Error(400, f"locale {asked!r} is not offered; use one of {', '.join(codes)}")
    return language


@cache
def _openapi_document() -> bytes:
    return OPENAPI_FILE.read_bytes()


@endpoint("GET", "HEAD")
def openapi(request: HttpRequest, fmt: str, params: Params) -> HttpResponse:
    """The OpenAPI 3.1 description of these endpoints, kept as data in openapi.json."""
    return Open311Response(_openapi_document(), content_type=CONTENT_TYPES["json"])


@endpoint("GET", "HEAD")
def discovery(request: HttpRequest, fmt: str, params: Params) -> HttpResponse:
    base = reverse("open311:discovery", kwargs={"fmt": fmt}).rsplit("/", 1)[0] + "/"
    document = {
        "changeset": CHANGESET,
        "contact": settings.OPEN311_CONTACT or None,
        "key_service": settings.OPEN311_KEY_SERVICE or None,
        "max_requests": PAGE_SIZE_MAX,
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": request.build_absolute_uri(base).rstrip("/"),
                "changeset": CHANGESET,
                "type": "production",
                "formats": [MEDIA_TYPES["xml"], MEDIA_TYPES["json"]],
            }
        ],
    }
    return render(fmt, "discovery", document)


@endpoint("GET", "HEAD")
def service_list(request: HttpRequest, fmt: str, params: Params) -> HttpResponse:
    return render(fmt, "services", [records.service(entry) for entry in listed_services()])


@endpoint("GET", "HEAD")
def service_detail(
    request: HttpRequest, fmt: str, params: Params, service_code: str
) -> HttpResponse:
    entry = service_definition(service_code)
    if entry is None:
        raise Open311Error(404, f"no service has service_code {service_code!r}")
    return render(fmt, "service_definition", records.definition(entry))


@endpoint("GET", "HEAD", "POST")
def service_requests(request: HttpRequest, fmt: str, params: Params) -> HttpResponse:
    if request.method == "POST":
        outcome = submit(request, params)
        status = 201 if outcome.created else 200
        return render(fmt, "service_requests", [records.submitted(outcome.submission)], status)

    extensions = params.boolean("extensions")
    public_ids = params.items("service_request_id")
    if len(public_ids) > PAGE_SIZE_MAX:
        raise Open311Error(400, f"service_request_id lists more than {PAGE_SIZE_MAX} ids")
    if public_ids:
        # The standard: a list of ids overrides every other filter.
        found = requests_by_public_id(public_ids, with_history=extensions)
    else:
        page = page_of(params)
        found = listed_requests(
            request_criteria(params), offset=page.offset, limit=page.size, with_history=extensions
        )
    return render(fmt, "service_requests", records.requests(found, extensions=extensions))


@endpoint("GET", "HEAD")
def request_detail(
    request: HttpRequest, fmt: str, params: Params, service_request_id: str
) -> HttpResponse:
    extensions = params.boolean("extensions")
    found = requests_by_public_id([service_request_id], with_history=extensions)
    if not found:
        raise Open311Error(404, f"no request has service_request_id {service_request_id!r}")
    return render(fmt, "service_requests", records.requests(found, extensions=extensions))


@endpoint("GET", "HEAD")
def token_detail(request: HttpRequest, fmt: str, params: Params, token: str) -> HttpResponse:
    submission = Submission.objects.select_related("request").filter(token=token).first()
    if submission is None:
        raise Open311Error(404, f"no request has token {token!r}")
    return render(fmt, "service_requests", [records.token(submission)])


@endpoint("GET", "HEAD")
def updates(request: HttpRequest, fmt: str, params: Params) -> HttpResponse:
    start, end = params.datetime("start_date"), params.datetime("end_date")
    if start and end and start > end:
        raise Open311Error(400, "start_date is later than end_date")
    page = page_of(params)
    events = public_events(start=start, end=end, offset=page.offset, limit=page.size)
    return render(fmt, "service_requests_updates", [records.update(event) for event in events])
