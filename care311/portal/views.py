"""The resident pages: home, the request list, and one request: its timeline, what to expect,
its closure, and what a resident can do about it."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from care311.knowledge.search import published
from care311.knowledge.views import current_language
from care311.portal.forms import MeTooForm, NotFixedForm, SubscribeForm, TrackForm
from care311.portal.residents import filed_here, signed_in_resident
from care311.portal.timeline import timeline
from care311.service_requests.actions import NOT_FIXED_WINDOW
from care311.service_requests.models import Photo, PhotoKind, ServiceRequest, Status
from care311.service_requests.queries import (
    listed_public_requests,
    photos_of,
    public_request,
    public_timeline,
    typical_close_days,
)

PAGE_SIZE = 50
# The list counts at most this many requests: counting a million rows on every visit costs
# more than the page itself, and nobody pages past the newest ten thousand.
LIST_CAP = 10_000


class CappedPaginator(Paginator):
    def __init__(self, requests: QuerySet[ServiceRequest], per_page: int):
        super().__init__(requests, per_page)
        self.requests = requests

    @cached_property
    def count(self) -> int:
        return self.requests[:LIST_CAP].count()


POPULAR = ("missed-trash-pickup", "bulky-waste-pickup", "pothole-repair-times", "noise-complaints")


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    popular = published(current_language()).filter(slug__in=POPULAR).order_by("title")
    return render(request, "portal/home.html", {"popular": popular})


@require_safe
def request_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""

    paginator = CappedPaginator(listed_public_requests(status), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))

    return render(
        request,
        "portal/request_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Status.choices,
            "capped": paginator.count >= LIST_CAP,
        },
    )


@require_safe
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    if form.is_valid():
        found = public_request(form.cleaned_data["number"])
        if found is not None:
            return HttpResponseRedirect(reverse("portal:request_detail", args=[found.public_id]))
        form.add_error(
            "number",
            _("No request has the number %(number)s. Check it and try again.")
            % {"number": form.cleaned_data["number"].strip()},
        )
    return render(request, "portal/track.html", {"form": form}, status=400 if form.errors else 200)


def can_answer_not_fixed(request: HttpRequest, service_request: ServiceRequest) -> bool:
    """The reporter may: the browser that filed it, or the signed-in resident who reported."""
    if service_request.status != Status.CLOSED or service_request.closed_at is None:
        return False
    if timezone.now() - service_request.closed_at > NOT_FIXED_WINDOW:
        return False
    if service_request.public_id in filed_here(request):
        return True
    resident = signed_in_resident(request)
    if resident is None or not resident.email:
        return False
    reporter = (
        ServiceRequest.objects.filter(pk=service_request.pk)
        .values_list("reporter_email", flat=True)
        .first()
    )
    return bool(reporter) and (reporter or "").lower() == resident.email.lower()


@require_safe
def request_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    service_request = public_request(public_id)
    if service_request is None:
        raise Http404("no such request")

    entries = timeline(list(public_timeline(service_request)))
    photos = photos_of(service_request)
    closed = service_request.is_closed
    return render(
        request,
        "portal/request_detail.html",
        {
            "service_request": service_request,
            "timeline": entries,
            "report_photos": [photo for photo in photos if photo.kind == PhotoKind.REPORT],
            "closing_photos": [photo for photo in photos if photo.kind == PhotoKind.CLOSING],
            "typical_days": None if closed else typical_close_days(service_request.service),
            "not_fixed_form": NotFixedForm()
            if can_answer_not_fixed(request, service_request)
            else None,
            "subscribe_form": SubscribeForm() if not closed else None,
            "me_too_form": MeTooForm() if not closed else None,
            "message": request.GET.get("done", ""),
        },
    )


@require_safe
def photo(request: HttpRequest, pk: int) -> FileResponse:
    found = Photo.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("no such photo")
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response
