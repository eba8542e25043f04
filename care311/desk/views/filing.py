"""Filing a request on the caller's behalf, with the portal's service definitions and
questions: first the service and the place, then the nearby open requests of that service
(the caller may be one more resident affected) and the service's questions."""

import logging

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from care311.catalog.models import ServiceType
from care311.catalog.queries import service_definition
from care311.contact_center.access import StaffRequest
from care311.desk import actions
from care311.desk.forms import FileDetailsForm, WhereForm
from care311.desk.models import Contact
from care311.desk.views.common import agent_page, own_contact
from care311.portal.questions import check, questions_of
from care311.service_requests.actions import ActionError
from care311.service_requests.queries import nearby_open_requests

logger = logging.getLogger(__name__)


@require_http_methods(["GET"])
@agent_page
def where(request: StaffRequest, pk: int) -> HttpResponse:
    contact = own_contact(request, pk)
    form = WhereForm(request.GET or None)
    if form.is_bound and form.is_valid():
        query = request.GET.urlencode()
        return HttpResponseRedirect(reverse("desk:file_details", args=[contact.pk]) + f"?{query}")
    context = {"contact": contact, "form": form, "desk_section": "desk"}
    return render(request, "desk/file_where.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@agent_page
def details(request: StaffRequest, pk: int) -> HttpResponse:
    contact = own_contact(request, pk)
    where_form = WhereForm(request.GET)
    if not where_form.is_valid():
        return HttpResponseRedirect(reverse("desk:file_where", args=[contact.pk]))
    place = where_form.cleaned_data
    service = _service(place["service"])
    language = contact.language

    if request.method == "POST":
        form = FileDetailsForm(request.POST)
        questions = questions_of(service, language, request.POST)
        answers = check(service, questions)
        if form.is_valid() and not any(question.error for question in questions):
            return _file(request, contact, service, place, form.cleaned_data, answers)
    else:
        form = FileDetailsForm(initial={"name": contact.caller_name})
        questions = questions_of(service, language)

    nearby = nearby_open_requests(
        service, latitude=place["latitude"], longitude=place["longitude"], address=place["address"]
    )
    context = {
        "contact": contact,
        "service": service,
        "place": place,
        "form": form,
        "questions": questions,
        "nearby": nearby,
        "has_errors": bool(form.errors) or any(question.error for question in questions),
        "desk_section": "desk",
    }
    status = 400 if context["has_errors"] else 200
    return render(request, "desk/file_details.html", context, status=status)


def _service(code: str) -> ServiceType:
    service = service_definition(code)
    if service is None or not service.active:
        raise Http404(f"No service {code} takes requests.")
    return service


def _file(
    request: StaffRequest,
    contact: Contact,
    service: ServiceType,
    place: dict,
    data: dict,
    answers: dict,
) -> HttpResponse:
    try:
        filed = actions.file_request_for_contact(
            contact,
            service=service,
            by=request.user,
            description=data["description"],
            latitude=place["latitude"],
            longitude=place["longitude"],
            address=place["address"],
            answers=answers,
            reporter_name=data["name"].strip(),
            send_updates=data["updates"],
        )
    except ActionError as refused:
        messages.error(request, f"Not filed: {refused}.")
        return HttpResponseRedirect(reverse("desk:contact", args=[contact.pk]))
    logger.info("desk filed request %s for contact %s", filed.public_id, contact.pk)
    messages.success(request, f"Request {filed.public_id} filed for the caller.")
    return HttpResponseRedirect(reverse("desk:contact", args=[contact.pk]) + "#wrap-up-title")
