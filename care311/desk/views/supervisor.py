"""The supervisor view: agents by presence now, queues, requests near or past their target."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from care311.contact_center.access import StaffRequest
from care311.desk import supervision
from care311.desk.views.common import supervisor_page


@require_safe
@supervisor_page
def supervisor(request: StaffRequest) -> HttpResponse:
    now = timezone.now()
    agents = supervision.agent_rows(now)
    context = {
        "desk_section": "supervisor",
        "now": now,
        "agents": agents,
        "counts": supervision.state_counts(agents),
        "queues": supervision.queue_rows(now),
        "late": supervision.sla_requests(now),
        "idle_minutes": settings.DESK_IDLE_MINUTES,
        "warn_hours": settings.SLA_WARN_HOURS,
        "disconnected_minutes": int(supervision.DISCONNECTED_AFTER.total_seconds() // 60),
    }
    return render(request, "desk/supervisor.html", context)
