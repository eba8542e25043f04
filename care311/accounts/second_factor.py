"""The second factor: who must use a TOTP code, and what a signed-in user still owes.

Supervisors and administrators (settings.STAFF_TOTP_ROLES) must enrol a TOTP device; anyone
else may. Whoever has a confirmed device gives a code at every sign-in, so a session counts
only once django-otp has marked it verified.
"""

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from care311.accounts import roles

ENROL = "enrol"
VERIFY = "verify"


def must_use_totp(user) -> bool:
    """Whether the user's role requires a TOTP device (superusers count as administrators)."""
    return bool(settings.STAFF_TOTP_ROLES) and roles.has_role(user, *settings.STAFF_TOTP_ROLES)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("pk").first()


def owed(request: HttpRequest) -> str | None:
    """What the signed-in user must do before any staff page: ENROL, VERIFY or nothing."""
    user = request.user
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return None
    if confirmed_device(user) is not None:
        return VERIFY
    if must_use_totp(user):
        return ENROL
    return None


def check_code(user, code: str) -> TOTPDevice | None:
    """The user's confirmed device if `code` is its current code, else None.

    The row is locked while checking, so one code cannot be used twice at the same moment;
    django-otp refuses a code already used and slows down repeated wrong ones.
    """
    code = code.strip().replace(" ", "")
    with transaction.atomic():
        devices = TOTPDevice.objects.select_for_update().filter(user_id=user.pk, confirmed=True)
        for device in devices:
            if device.verify_token(code):
                return device
    return None


def mark_verified(request: HttpRequest, device: TOTPDevice) -> None:
    """This session has passed the second factor with `device`."""
    otp_login(request, device)
