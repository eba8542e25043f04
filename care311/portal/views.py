"""The resident pages: recent requests and one request's timeline. Read-only and public."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from care311.portal.timeline import timeline
from care311.service_requests.models import ServiceRequest, Status
from care311.service_requests.queries import public_requests, public_timeline

PAGE_SIZE = 50


@require_safe
def request_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""

    page = Paginator(public_requests(status), PAGE_SIZE).get_page(request.GET.get("page"))

    return render(
        request,
        "portal/request_list.html",
        {"page": page, "status": status, "statuses": Status.choices},
    )


@require_safe
def request_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    try:
        service_request = public_requests().get(public_id=public_id.strip().upper())
    except ServiceRequest.DoesNotExist:
        raise Http404("no such request") from None

    entries = timeline(list(public_timeline(service_request)))

    return render(
        request,
        "portal/request_detail.html",
        {"service_request": service_request, "timeline": entries},
    )
