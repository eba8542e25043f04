"""Residents' accounts: sign-in by a link sent to their email, and "my requests".

A resident is a Django user with no password and no staff flag, named by their email. The
link carries the email and the account's last sign-in, signed and valid for LINK_MAX_AGE;
signing in changes the last sign-in, so each link works once.
"""

import logging

from django.contrib.auth import login, logout
from django.contrib.auth.models import User
from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from care311.knowledge.views import current_language
from care311.notifications.messages import send_sign_in_link
from care311.portal.forms import SignInForm
from care311.service_requests.queries import resident_requests

logger = logging.getLogger(__name__)
LINK_SALT = "care311.portal.sign-in"
LINK_MAX_AGE = 30 * 60
SESSION_FILED = "portal_filed"
FILED_REMEMBERED = 20


def remember_filed(request: HttpRequest, public_id: str) -> None:
    """This browser filed the request: it may see its confirmation and answer "not fixed"."""
    filed = [item for item in filed_here(request) if item != public_id]
    request.session[SESSION_FILED] = [public_id, *filed][:FILED_REMEMBERED]


def filed_here(request: HttpRequest) -> list[str]:
    value = request.session.get(SESSION_FILED, [])
    return value if isinstance(value, list) else []


def signed_in_resident(request: HttpRequest) -> User | None:
    user = getattr(request, "user", None)
    if not isinstance(user, User) or user.is_staff:
        return None
    return user


def _last_login(user: User | None) -> str:
    return user.last_login.isoformat() if user is not None and user.last_login else ""


def _resident(email: str) -> User | None:
    return User.objects.filter(username=email, is_staff=False).first()


def sign_in_token(email: str) -> str:
    return signing.dumps({"e": email, "l": _last_login(_resident(email))}, salt=LINK_SALT)


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        link = request.build_absolute_uri(
            reverse("portal:sign_in_link", args=[sign_in_token(email)])
        )
        send_sign_in_link(email=email, link=link, language=current_language())
        return render(request, "portal/sign_in_sent.html", {})
    return render(
        request, "portal/sign_in.html", {"form": form}, status=400 if form.errors else 200
    )


@require_safe
def sign_in_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        payload = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return render(request, "portal/sign_in.html", {"form": SignInForm(), "expired": True})
    email = payload["e"]
    user = _resident(email)
    if payload["l"] != _last_login(user):
        return render(request, "portal/sign_in.html", {"form": SignInForm(), "expired": True})
    if user is None:
        user = User.objects.create_user(username=email, email=email)
        user.set_unusable_password()
        user.save()
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return HttpResponseRedirect(reverse("portal:my_requests"))


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return HttpResponseRedirect(reverse("portal:home"))


@require_safe
def my_requests(request: HttpRequest) -> HttpResponse:
    resident = signed_in_resident(request)
    if resident is None:
        return HttpResponseRedirect(reverse("portal:sign_in"))
    requests = resident_requests(resident.email, resident.pk)
    return render(request, "portal/my_requests.html", {"requests": requests})
