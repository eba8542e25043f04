"""Public endpoints of notifications: the reporter's stop-updates link, and the SMS
provider's status callback."""

import base64
import hashlib
import hmac
import logging

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from care311.notifications.models import Channel, Notification, ReporterPreference
from care311.notifications.sms_twilio import UNDELIVERED, undelivered
from care311.notifications.tasks import failed_after_sending

logger = logging.getLogger(__name__)


@require_http_methods(["GET", "POST"])
def stop_updates(request: HttpRequest, token: str) -> HttpResponse:
    """The reporter's link in each update: asks, then stops (the portal's pages say it)."""
    preference = ReporterPreference.objects.select_related("request").filter(token=token).first()
    if preference is None:
        raise Http404("no such subscription")
    if request.method == "POST":
        if preference.notify:
            preference.notify = False
            preference.stopped_at = timezone.now()
            preference.save(update_fields=["notify", "stopped_at"])
        return render(request, "portal/unsubscribed.html", {"follower": preference})
    return render(request, "portal/unsubscribe.html", {"follower": preference})


@csrf_exempt  # the provider posts here; its signature stands in for the CSRF token
@require_POST
def sms_status(request: HttpRequest) -> HttpResponse:
    """Twilio's status callback: a text delivered is marked so; one undelivered or failed
    is retried, fails, or marks its number as bouncing, by Twilio's error code."""
    if not _signed_by_twilio(request):
        return HttpResponse("bad signature", status=403, content_type="text/plain")
    state = request.POST.get("MessageStatus", "")
    sid = request.POST.get("MessageSid", "")
    notification = (
        Notification.objects.filter(channel=Channel.SMS, provider_id=sid).only("pk").first()
        if sid
        else None
    )
    if notification is None:
        logger.info("status callback for a message we did not send (%s)", sid[:40])
    elif state == "delivered":
        Notification.objects.filter(pk=notification.pk, delivered_at__isnull=True).update(
            delivered_at=timezone.now()
        )
    elif state in UNDELIVERED:
        code = request.POST.get("ErrorCode", "")[:10]
        failed_after_sending(notification.pk, undelivered(state, code))
    return HttpResponse(status=204)


def _signed_by_twilio(request: HttpRequest) -> bool:
    """X-Twilio-Signature: base64 HMAC-SHA1, keyed with the auth token, of the callback URL
    followed by each posted name and value, sorted by name."""
    token = settings.TWILIO_AUTH_TOKEN
    given = request.headers.get("X-Twilio-Signature", "")
    if not token or not given:
        return False
    url = settings.SITE_URL + reverse("notifications:sms_status")
    signed = url + "".join(f"{name}{request.POST[name]}" for name in sorted(request.POST))
    digest = hmac.new(token.encode(), signed.encode(), hashlib.sha1).digest()
    return hmac.compare_digest(base64.b64encode(digest).decode("ascii"), given)
