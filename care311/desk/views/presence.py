"""Setting one's presence, and the heartbeat that says the desk is still open."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from care311.contact_center.access import AGENTS, StaffRequest, staff_data
from care311.desk import actions
from care311.desk.network import client_ip
from care311.desk.views.common import agent_page
from care311.service_requests.actions import ActionError


@require_POST
@agent_page
def presence(request: StaffRequest) -> HttpResponse:
    try:
        actions.choose_presence(
            request.user, request.POST.get("state", ""), reason=request.POST.get("reason", "")
        )
    except ActionError as refused:
        messages.error(request, f"Presence not changed: {refused}.")
    return HttpResponseRedirect(_back(request))


def _back(request: StaffRequest) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("desk:home")


@require_POST
@staff_data(*AGENTS)
def heartbeat(request: StaffRequest) -> HttpResponse:
    if not request.session.session_key:
        return JsonResponse({"error": "no session"}, status=400)
    session = actions.heartbeat(
        user=request.user,
        session_key=request.session.session_key,
        ip=client_ip(request),
        user_agent=request.headers.get("user-agent", ""),
    )
    return JsonResponse({"at": session.last_heartbeat_at.isoformat(), "location": session.location})
