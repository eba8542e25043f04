"""Staff sign-in at /staff/sign-in/: a password, then a TOTP code for those with a device.

Someone whose password is right but who owes a code is not signed in yet: the session only
remembers who they are for PENDING_SECONDS, and the code step signs them in.
"""

from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from care311.accounts import roles, second_factor, sessions, throttle
from care311.accounts.access import CITYWIDE
from care311.accounts.forms import WRONG_CODE, CodeForm, SignInForm

PENDING = "staff_pending_sign_in"
PENDING_SECONDS = 5 * 60
DEFAULT_NEXT = "/desk/"
QUEUES = "/desk/queues/"


def next_url(request: HttpRequest) -> str:
    """Where to go after signing in: the `next` asked for, if it is on this site."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if wanted and allowed else DEFAULT_NEXT


def step_url(step: str, next_to: str) -> str:
    """The page that takes the second-factor step `step` (ENROL or VERIFY), then `next_to`."""
    name = "accounts:two_factor" if step == second_factor.ENROL else "accounts:code"
    return f"{reverse(name)}?{urlencode({'next': next_to})}"


@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    going_to = next_url(request)
    if request.method == "GET" and request.user.is_authenticated:
        step = second_factor.owed(request)
        if step:
            return HttpResponseRedirect(step_url(step, going_to))

    form = SignInForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _password_accepted(request, form.user, going_to)

    ended = sessions.session_ended(request)
    # Signed in already and sent here from a page: that account may not open it.
    refused = request.user.is_authenticated and "next" in request.GET
    context = {"form": form, "next": going_to, "ended": ended, "refused": refused}
    response = render(request, "accounts/sign_in.html", context, status=400 if form.errors else 200)
    if ended:
        response.delete_cookie(sessions.MARKER, samesite="Lax")
    return response


def landing(user, going_to: str) -> str:
    """Where `user` goes: `going_to`, but department staff, whom the desk's home page refuses,
    start at their work queues instead of it."""
    if going_to == DEFAULT_NEXT and not roles.has_role(user, *CITYWIDE):
        return QUEUES
    return going_to


def _password_accepted(request: HttpRequest, user, going_to: str) -> HttpResponse:
    going_to = landing(user, going_to)
    if second_factor.confirmed_device(user) is None:
        login(request, user)
        if second_factor.must_use_totp(user):
            return HttpResponseRedirect(step_url(second_factor.ENROL, going_to))
        return HttpResponseRedirect(going_to)

    # Whoever was signed in on this browser before is signed out: the code decides who is next.
    if request.user.is_authenticated:
        logout(request)
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "at": timezone.now().isoformat(),
    }
    return HttpResponseRedirect(step_url(second_factor.VERIFY, going_to))


def _pending_user(request: HttpRequest):
    """The user who gave the right password in this session and owes a code, or None."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict):
        return None
    started = datetime.fromisoformat(pending["at"])
    if timezone.now() - started > timedelta(seconds=PENDING_SECONDS):
        del request.session[PENDING]
        return None
    return get_user_model().objects.filter(pk=pending["user"], is_active=True).first()


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def code(request: HttpRequest) -> HttpResponse:
    """The code step, for a pending sign-in or a signed-in session not yet verified."""
    going_to = next_url(request)
    signed_in = request.user.is_authenticated
    pending = None if signed_in else _pending_user(request)
    user = request.user if signed_in else pending
    if user is None or second_factor.confirmed_device(user) is None:
        if not signed_in:
            messages.info(request, _("Sign in with your username and password first."))
        return HttpResponseRedirect(
            f"{reverse('accounts:sign_in')}?{urlencode({'next': going_to})}"
        )
    if throttle.is_locked(request, user.get_username()):
        return throttle.locked_out(request)

    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.check_code(user, form.cleaned_data["code"])
        if device is not None:
            if pending is not None:
                backend = request.session.pop(PENDING)["backend"]
                login(request, pending, backend=backend)
            second_factor.mark_verified(request, device)
            return HttpResponseRedirect(going_to)
        form.add_error("code", WRONG_CODE)
        # The last allowed failure makes axes' middleware answer with the lockout page.
        throttle.count_failure(request, user.get_username())

    context = {"form": form, "next": going_to, "username": user.get_username()}
    return render(request, "accounts/code.html", context, status=400 if form.errors else 200)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You have signed out."))
    return HttpResponseRedirect(reverse("accounts:sign_in"))


def sign_in_url(going_to: str) -> str:
    return f"{settings.LOGIN_URL}?{urlencode({'next': going_to})}"
