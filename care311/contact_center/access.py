"""Who may see the contact-center pages: signed-in staff in the right role.

Supervisors (and administrators) see everything; an agent sees only their own scorecard.
Staff sign in at /staff/sign-in/; whoever owes a second factor (a TOTP code, or enrolling a
device when their role requires one) is sent to that step before any staff page. A
signed-in user refused a page gets a 403 page that says why and links to what they may open.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from care311.accounts import roles, second_factor
from care311.accounts.signin import step_url
from care311.contact_center.models import Agent

SUPERVISORS = (roles.SUPERVISOR, roles.ADMIN)
AGENTS = (roles.AGENT, *SUPERVISORS)


class StaffRequest(HttpRequest):
    """The request a staff page receives: `staff_page` lets in only a signed-in user."""

    user: User


def staff_page(*allowed: str) -> Callable:
    """A page for signed-in staff in one of the `allowed` roles; others sign in or get 403."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("accounts:sign_in"))
            step = second_factor.owed(request)
            if step:
                return HttpResponseRedirect(step_url(step, request.get_full_path()))
            if not roles.has_role(request.user, *allowed):
                return refused(request, _("This page is for staff in other roles than yours."))
            return view(request, *args, **kwargs)

        return checked

    return decorate


def own_agent(request: HttpRequest) -> Agent | None:
    """The call-center agent the signed-in user answers as, if their account is linked."""
    if not request.user.is_authenticated:
        return None
    return Agent.objects.filter(user=request.user).first()


def staff_context(request: HttpRequest, **context) -> dict:
    """What the staff pages' navigation needs, with the page's own context."""
    return {
        "is_supervisor": roles.has_role(request.user, *SUPERVISORS),
        "is_agent": roles.has_role(request.user, *AGENTS),
        "own_agent": own_agent(request),
        **context,
    }


def refused(request: HttpRequest, reason: str) -> HttpResponse:
    """The 403 page for a signed-in user: why not, and the pages their role opens."""
    context = staff_context(
        request,
        reason=reason,
        is_department_staff=roles.has_role(request.user, roles.DEPARTMENT_STAFF),
    )
    return render(request, "contact_center/refused.html", context, status=403)


def staff_data(*allowed: str) -> Callable:
    """The same check for a JSON endpoint: 401 or 403 with a JSON body, never a redirect."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return JsonResponse({"error": "sign in first"}, status=401)
            if second_factor.owed(request):
                return JsonResponse({"error": "finish two-factor sign-in first"}, status=401)
            if not roles.has_role(request.user, *allowed):
                return JsonResponse({"error": "not for this role"}, status=403)
            return view(request, *args, **kwargs)

        return checked

    return decorate
