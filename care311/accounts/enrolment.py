"""/staff/two-factor/: a member of staff adds a TOTP device (an authenticator app).

The page shows the secret as text and as a QR code of its otpauth:// address, drawn as an
inline SVG here (no outside service sees the secret), and the device counts once a code
from it is accepted. One unconfirmed device is kept per person, so reloading the page shows
the same secret that may already have been scanned.
"""

import base64

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from care311.accounts import second_factor
from care311.accounts.forms import WRONG_CODE, CodeForm
from care311.accounts.signin import next_url, step_url

DEVICE_NAME = "authenticator app"


def secret_text(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it typed in: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(address: str, label: str) -> SafeString:
    """The address as a QR code, an SVG element to put straight into the page."""
    image = qrcode.make(address, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    # The SVG is qrcode's own drawing of our address: paths only, nothing from outside.
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))  # noqa: S308


def _draft(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("accounts:sign_in"))
    if not request.user.is_staff:
        raise PermissionDenied(_("This page is for city staff."))
    going_to = next_url(request)

    confirmed = second_factor.confirmed_device(request.user)
    if confirmed is not None:
        if second_factor.owed(request):
            return HttpResponseRedirect(step_url(second_factor.VERIFY, going_to))
        return render(request, "accounts/two_factor_on.html", {"device": confirmed})

    device = _draft(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            second_factor.mark_verified(request, device)
            messages.success(request, _("Two-factor sign-in is on for your account."))
            return HttpResponseRedirect(going_to)
        form.add_error("code", WRONG_CODE)

    context = {
        "form": form,
        "next": going_to,
        "required": second_factor.must_use_totp(request.user),
        "secret": secret_text(device),
        "qr": qr_svg(device.config_url, _("QR code of your two-factor secret")),
    }
    return render(request, "accounts/two_factor.html", context, status=400 if form.errors else 200)
