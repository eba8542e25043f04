"""Who may see the contact-center pages: signed-in staff in the right role.

Supervisors (and administrators) see everything; an agent sees only their own scorecard.
Staff sign in at /staff/sign-in/; whoever owes a second factor (a TOTP code, or enrolling a
device when their role requires one) is sent to that step before any staff page.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse

from care311.accounts import roles, second_factor
from care311.accounts.signin import step_url

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
                raise PermissionDenied("this page is for other roles")
            return view(request, *args, **kwargs)

        return checked

    return decorate


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
