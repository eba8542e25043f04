"""Sign-in throttling with django-axes: too many failures lock a username from one address.

Failed passwords and failed TOTP codes both count. The lockout answers with a page that says
what happened and when to try again, not axes' bare text.
"""

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class SignInThrottle(AxesStandaloneBackend):
    """Axes' check before the password is tried, for sign-ins made over HTTP.

    A call without a request (a management command, the test client's login) has no address
    to throttle, so it is left to the next backend instead of failing as axes would.
    """

    def authenticate(self, request: HttpRequest | None, *args, **kwargs):  # type: ignore[override]
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def is_locked(request: HttpRequest, username: str) -> bool:
    return not AxesProxyHandler.is_allowed(request, {"username": username})


def count_failure(request: HttpRequest, username: str) -> None:
    """Count a wrong TOTP code as a failed sign-in, as a wrong password is."""
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The page a locked-out sign-in gets (axes' AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"minutes": minutes, "failures": settings.AXES_FAILURE_LIMIT}
    return render(request, "accounts/locked_out.html", context, status=429)


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or with STAFF_PROXY_COUNT trusted proxies in front,
    the address the outermost of them saw (from the right of X-Forwarded-For)."""
    count = settings.STAFF_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if count and len(hops) >= count:
        return hops[-count]
    return request.META.get("REMOTE_ADDR", "")
