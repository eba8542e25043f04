"""Filing a request: pick a service, say where, then answer its questions and send.

Every step works without JavaScript (plain forms and links); the map only fills in the
latitude and longitude fields. The details step shows open requests of the same service
nearby first, so a resident can follow one ("this is my problem too") instead.
"""

import logging
import secrets

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from care311.catalog.models import ServiceGroup, ServiceType
from care311.catalog.queries import listed_services, service_definition
from care311.knowledge import deflection
from care311.knowledge.views import SESSION_SEARCH, current_language, pending_search
from care311.notifications.messages import send_filed_confirmation
from care311.portal import once
from care311.portal.forms import DetailsForm, LocationForm
from care311.portal.questions import Question, check, questions_of
from care311.portal.residents import filed_here, remember_filed, signed_in_resident
from care311.service_requests import actions
from care311.service_requests.actors import System
from care311.service_requests.models import Channel, ServiceRequest
from care311.service_requests.photos import (
    HEIC_UNSUPPORTED,
    TOO_LARGE,
    CleanPhoto,
    PhotoRefused,
    clean_photo,
)
from care311.service_requests.queries import nearby_open_requests

logger = logging.getLogger(__name__)
PORTAL = System("portal")


@require_safe
def pick_service(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    services = listed_services()
    if query:
        words = query.split()
        matching = Q()
        for word in words:
            matching &= Q(name__icontains=word) | Q(keywords__icontains=word)
        services = services.filter(matching | Q(translations__icontains=query))
    groups: dict[ServiceGroup | None, list[ServiceType]] = {}
    for service in services:
        groups.setdefault(service.group, []).append(service)
    return render(request, "portal/report_pick.html", {"query": query, "groups": groups.items()})


def _service_or_404(request: HttpRequest) -> ServiceType:
    code = request.GET.get("service") or request.POST.get("service") or ""
    service = service_definition(code)
    if service is None or not service.active:
        raise Http404("no such service")
    return service


def _map_context() -> dict:
    south, west, north, east = settings.SERVICE_AREA
    return {
        "map_tiles": settings.MAP_TILES_URL,
        "map_attribution": settings.MAP_ATTRIBUTION,
        "service_area": f"{south},{west},{north},{east}",
    }


@require_safe
def where(request: HttpRequest) -> HttpResponse:
    service = _service_or_404(request)
    form = LocationForm()
    return render(
        request, "portal/report_where.html", {"service": service, "form": form, **_map_context()}
    )


@require_http_methods(["GET", "POST"])
def details(request: HttpRequest) -> HttpResponse:
    service = _service_or_404(request)
    data = request.POST if request.method == "POST" else request.GET
    location = LocationForm(data)
    if not location.is_valid():
        return render(
            request,
            "portal/report_where.html",
            {"service": service, "form": location, **_map_context()},
        )
    if request.method == "POST":
        return _file(request, service, location)

    nearby = nearby_open_requests(
        service,
        latitude=location.cleaned_data["latitude"],
        longitude=location.cleaned_data["longitude"],
        address=location.cleaned_data["address"],
    )
    form = DetailsForm(initial={"form_token": secrets.token_urlsafe(32)})
    return _details_page(request, service, location, form, questions_of(service, _lang()), nearby)


def _lang() -> str:
    return current_language()


def _details_page(
    request: HttpRequest,
    service: ServiceType,
    location: LocationForm,
    form: DetailsForm,
    questions: list[Question],
    nearby: list[ServiceRequest],
    photo_error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "service": service,
        "location": location.cleaned_data,
        "form": form,
        "questions": questions,
        "nearby": nearby,
        "photo_error": photo_error,
        "has_errors": bool(form.errors)
        or bool(photo_error)
        or any(question.error for question in questions),
        "photo_max": settings.PHOTO_MAX_COUNT,
        "photo_max_mb": settings.PHOTO_MAX_BYTES // (1024 * 1024),
    }
    return render(request, "portal/report_details.html", context, status=status)


def _file(request: HttpRequest, service: ServiceType, location: LocationForm) -> HttpResponse:
    form = DetailsForm(request.POST)
    questions = questions_of(service, _lang(), request.POST)
    answers = check(service, questions)
    photos, photo_error = _photos(request.FILES.getlist("photos"))
    form_ok = form.is_valid()

    earlier = once.earlier_request(form.data.get("form_token", ""))
    if earlier is not None:
        return _filed_redirect(request, earlier)
    if not form_ok or photo_error or any(question.error for question in questions):
        return _details_page(
            request, service, location, form, questions, [], photo_error, status=400
        )

    service_request, made = once.file_once(
        form.cleaned_data["form_token"],
        lambda: _create(request, service, location, form, answers, photos),
    )
    if made:
        request.session.pop(SESSION_SEARCH, None)
        logger.info(
            "portal filed request %s with %d photos", service_request.public_id, len(photos)
        )
    return _filed_redirect(request, service_request)


def _photos(uploads: list[UploadedFile]) -> tuple[list[CleanPhoto], str]:
    uploads = [upload for upload in uploads if upload.size]
    if len(uploads) > settings.PHOTO_MAX_COUNT:
        return [], _("Choose at most %(count)s photos.") % {"count": settings.PHOTO_MAX_COUNT}
    photos = []
    for upload in uploads:
        try:
            photos.append(clean_photo(upload, upload.size or 0, max_bytes=settings.PHOTO_MAX_BYTES))
        except PhotoRefused as refused:
            return [], _photo_message(refused.reason, upload.name or "")
    return photos, ""


def _photo_message(reason: str, name: str) -> str:
    if reason == TOO_LARGE:
        return _("%(name)s is larger than %(size)s MB. Choose a smaller photo.") % {
            "name": name,
            "size": settings.PHOTO_MAX_BYTES // (1024 * 1024),
        }
    if reason == HEIC_UNSUPPORTED:
        return _("%(name)s is a HEIC photo, which we cannot read. Send it as JPEG or PNG.") % {
            "name": name
        }
    return _("%(name)s is not a JPEG, PNG or HEIC photo.") % {"name": name}


def _create(
    request: HttpRequest,
    service: ServiceType,
    location: LocationForm,
    form: DetailsForm,
    answers: dict,
    photos: list[CleanPhoto],
) -> ServiceRequest:
    data, place = form.cleaned_data, location.cleaned_data
    resident = signed_in_resident(request)
    email = (data["email"] or (resident.email if resident else "")).strip().lower()
    with transaction.atomic():
        service_request = actions.create_request(
            service=service,
            channel=Channel.WEB,
            by=PORTAL,
            description=data["description"],
            latitude=place["latitude"],
            longitude=place["longitude"],
            address=place["address"],
            answers=answers,
            reporter_name=data["name"].strip(),
            reporter_email=email,
            reporter_phone=data["phone"],
        )
        for photo in photos:
            actions.add_photo(service_request, photo=photo, by=PORTAL)
        if data["updates"] and (email or data["phone"]):
            actions.follow_request(
                service_request,
                by=PORTAL,
                me_too=False,
                notify=True,
                email=email,
                phone=data["phone"],
                user=resident,
                language=_lang(),
            )
        deflection.record_filed(pending_search(request), service_request)
        send_filed_confirmation(
            service_request,
            email=email,
            phone=data["phone"],
            language=_lang(),
            track_url=request.build_absolute_uri(
                reverse("portal:request_detail", args=[service_request.public_id])
            ),
        )
    return service_request


def _filed_redirect(request: HttpRequest, service_request: ServiceRequest) -> HttpResponse:
    remember_filed(request, service_request.public_id)
    return HttpResponseRedirect(reverse("portal:filed", args=[service_request.public_id]))


@require_safe
def filed(request: HttpRequest, public_id: str) -> HttpResponse:
    service_request = (
        ServiceRequest.objects.select_related("service")
        .only("public_id", "service__name", "service__translations", "reporter_email")
        .filter(public_id=public_id)
        .first()
    )
    if service_request is None:
        raise Http404("no such request")
    if public_id not in filed_here(request):
        return HttpResponseRedirect(reverse("portal:request_detail", args=[public_id]))
    return render(
        request,
        "portal/report_filed.html",
        {"service_request": service_request, "emailed": bool(service_request.reporter_email)},
    )
