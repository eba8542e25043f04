"""Staff sessions end after STAFF_IDLE_MINUTES without a request or STAFF_SESSION_HOURS in
all, and a browser whose staff session has ended is told so on the sign-in page.

A staff sign-in leaves a small cookie (no secret in it: "1") beside the session. A later
request that carries it but no signed-in user means the session ended without a sign-out:
it expired, was removed on the server, or no longer matches the account (password changed,
account deactivated). Signing out removes the cookie, so that page says "signed out" instead.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

SIGNED_IN_AT = "staff_signed_in_at"
SEEN_AT = "staff_seen_at"
MARKER = "care311_staff"
# The last-seen time is written at most this often, so a busy desk does not save its
# session on every request.
SEEN_RESOLUTION = timedelta(minutes=1)


@receiver(user_logged_in)
def _start(sender, request: HttpRequest, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session") and user.is_staff:
        now = timezone.now().isoformat()
        request.session[SIGNED_IN_AT] = now
        request.session[SEEN_AT] = now


def session_ended(request: HttpRequest) -> bool:
    """Whether this browser had a staff session that ended without signing out."""
    # Compared with its value: a client that keeps a deleted cookie sends it back empty.
    return request.COOKIES.get(MARKER) == "1" and not request.user.is_authenticated


def _moment(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _expired(request: HttpRequest, now: datetime) -> bool:
    signed_in = _moment(request.session.get(SIGNED_IN_AT))
    seen = _moment(request.session.get(SEEN_AT))
    if signed_in is None or seen is None:
        return False
    too_old = now - signed_in > timedelta(hours=settings.STAFF_SESSION_HOURS)
    idle = now - seen > timedelta(minutes=settings.STAFF_IDLE_MINUTES)
    return too_old or idle


class StaffSessionMiddleware:
    """After AuthenticationMiddleware (and OTPMiddleware): ends a staff session that is too
    old or idle, and keeps the marker cookie in step with signing in and out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        staff_before = self._check(request)

        response = self.get_response(request)

        user = getattr(request, "user", None)
        staff_after = user is not None and user.is_authenticated and user.is_staff
        if staff_after and not staff_before:
            response.set_cookie(
                MARKER,
                "1",
                max_age=settings.STAFF_SESSION_HOURS * 3600,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        elif staff_before and not staff_after:
            response.delete_cookie(MARKER, samesite="Lax")
        return response

    def _check(self, request: HttpRequest) -> bool:
        """Whether a staff member is signed in once expiry has been applied."""
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        user = request.user
        if not user.is_authenticated and SESSION_KEY in request.session:
            # The account was switched off (or removed): end the session for good, or it
            # would come back to life if the account were switched on again.
            request.session.flush()
            return False
        if not (user.is_authenticated and user.is_staff):
            return False

        now = timezone.now()
        # A session from before these limits existed starts its clock now.
        request.session.setdefault(SIGNED_IN_AT, now.isoformat())
        request.session.setdefault(SEEN_AT, now.isoformat())
        if _expired(request, now):
            logout(request)
            return False

        seen = _moment(request.session.get(SEEN_AT))
        if seen is None or now - seen >= SEEN_RESOLUTION:
            request.session[SEEN_AT] = now.isoformat()
        return True
