"""The contact-center pages for staff: wallboard, reports, agents and their scorecards."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from care311.accounts import roles
from care311.contact_center import wallboard as board
from care311.contact_center.access import SUPERVISORS, staff_data, staff_page
from care311.contact_center.models import Agent


def staff_context(request: HttpRequest, **context) -> dict:
    """What the staff pages' navigation needs, with the page's own context."""
    return {
        "is_supervisor": roles.has_role(request.user, *SUPERVISORS),
        "own_agent": own_agent(request),
        **context,
    }


def own_agent(request: HttpRequest) -> Agent | None:
    if not request.user.is_authenticated:
        return None
    return Agent.objects.filter(user=request.user).first()


@require_safe
@staff_page(*SUPERVISORS)
def wallboard(request: HttpRequest) -> HttpResponse:
    context = staff_context(request, board=board.snapshot())
    return render(request, "contact_center/wallboard.html", context)


@require_safe
@never_cache
@staff_data(*SUPERVISORS)
def wallboard_data(request: HttpRequest) -> JsonResponse:
    return JsonResponse(board.snapshot())
