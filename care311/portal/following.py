"""What a resident can do on a request's page: "this is my problem too", get or stop updates,
and say a closed request was not fixed. Each calls one action."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from care311.knowledge import deflection
from care311.knowledge.views import SESSION_SEARCH, current_language, pending_search
from care311.portal.forms import MeTooForm, NotFixedForm, SubscribeForm
from care311.portal.residents import signed_in_resident
from care311.portal.views import can_answer_not_fixed
from care311.service_requests import actions
from care311.service_requests.actors import System
from care311.service_requests.models import Follower, ServiceRequest
from care311.service_requests.queries import public_request

PORTAL = System("portal")


def _open_request(public_id: str) -> ServiceRequest:
    found = public_request(public_id)
    if found is None:
        raise Http404("no such request")
    return found


def _back(service_request: ServiceRequest, done: str) -> HttpResponse:
    url = reverse("portal:request_detail", args=[service_request.public_id])
    return HttpResponseRedirect(f"{url}?done={done}")


def _invalid(
    request: HttpRequest, service_request: ServiceRequest, **forms: object
) -> HttpResponse:
    return render(
        request,
        "portal/request_action_error.html",
        {"service_request": service_request, **forms},
        status=400,
    )


def _follow(
    request: HttpRequest, service_request: ServiceRequest, email: str, *, me_too: bool
) -> None:
    actions.follow_request(
        service_request,
        by=PORTAL,
        me_too=me_too,
        notify=bool(email),
        email=email,
        user=signed_in_resident(request),
        language=current_language(),
    )


@require_POST
def me_too(request: HttpRequest, public_id: str) -> HttpResponse:
    service_request = _open_request(public_id)
    form = MeTooForm(request.POST)
    if service_request.is_closed or not form.is_valid():
        return _invalid(request, service_request, me_too_form=form)
    _follow(request, service_request, form.cleaned_data["email"], me_too=True)
    deflection.record_filed(pending_search(request), service_request)
    request.session.pop(SESSION_SEARCH, None)
    return _back(service_request, "me-too")


@require_POST
def subscribe(request: HttpRequest, public_id: str) -> HttpResponse:
    service_request = _open_request(public_id)
    form = SubscribeForm(request.POST)
    if service_request.is_closed or not form.is_valid():
        return _invalid(request, service_request, subscribe_form=form)
    _follow(request, service_request, form.cleaned_data["email"], me_too=False)
    return _back(service_request, "subscribed")


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    follower = Follower.objects.select_related("request").filter(token=token).first()
    if follower is None:
        raise Http404("no such subscription")
    if request.method == "POST":
        actions.unfollow_request(follower, by=PORTAL)
        return render(request, "portal/unsubscribed.html", {"follower": follower})
    return render(request, "portal/unsubscribe.html", {"follower": follower})


@require_POST
def not_fixed(request: HttpRequest, public_id: str) -> HttpResponse:
    service_request = _open_request(public_id)
    form = NotFixedForm(request.POST)
    if not can_answer_not_fixed(request, service_request) or not form.is_valid():
        return _invalid(request, service_request, not_fixed_form=form)
    try:
        actions.reopen_as_not_fixed(service_request, by=PORTAL, note=form.cleaned_data["note"])
    except actions.ActionError:
        return _invalid(request, service_request, not_fixed_form=form)
    return _back(service_request, "reopened")
