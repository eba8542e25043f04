"""The desk's home: presence, the contact in hand, and the agent's recent contacts."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from care311.contact_center.access import StaffRequest
from care311.desk import actions, queries
from care311.desk.forms import StartContactForm
from care311.desk.network import client_ip
from care311.desk.views.common import agent_page


@require_safe
@agent_page
def home(request: StaffRequest) -> HttpResponse:
    if request.session.session_key:
        actions.heartbeat(
            user=request.user,
            session_key=request.session.session_key,
            ip=client_ip(request),
            user_agent=request.headers.get("user-agent", ""),
        )
    context = {
        "desk_section": "desk",
        "open_contact": queries.open_contact(request.user),
        "recent": queries.recent_contacts(request.user),
        "start_form": StartContactForm(),
    }
    return render(request, "desk/home.html", context)
