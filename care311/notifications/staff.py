"""The supervisors' page of messages that did not go out: counts by state, the failed,
bounced and held messages with their last error (addresses masked), the addresses that
bounce, and a button to send a message again."""

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from care311.contact_center.access import SUPERVISORS, staff_page
from care311.notifications.addresses import masked
from care311.notifications.models import (
    TROUBLE,
    BouncingAddress,
    Notification,
    State,
)
from care311.notifications.tasks import retry_now

SHOWN = 200


@require_safe
@staff_page(*SUPERVISORS)
def failures(request: HttpRequest) -> HttpResponse:
    counts = dict(Notification.objects.values_list("state").annotate(n=Count("pk")).order_by())
    listed = list(
        Notification.objects.filter(state__in=[*TROUBLE, State.RETRYING])
        .select_related("request")
        .only(*ROW_FIELDS)
        .order_by("-created_at", "-pk")[:SHOWN]
    )
    bounces = list(BouncingAddress.objects.order_by("-since")[:SHOWN])
    context = {
        "desk_section": "notifications",
        "counts": [(state, label, counts.get(state, 0)) for state, label in State.choices],
        "rows": [(row, masked(row.channel, row.address)) for row in listed],
        "bounces": [(bounce, masked(bounce.channel, bounce.address_key)) for bounce in bounces],
        "shown": SHOWN,
    }
    return render(request, "notifications/failures.html", context)


ROW_FIELDS = (
    "pk",
    "template",
    "channel",
    "address",
    "context",
    "created_at",
    "state",
    "attempts",
    "next_attempt_at",
    "error",
    "request__public_id",
)


@require_POST
@staff_page(*SUPERVISORS)
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk)
    try:
        retry_now(notification)
    except ValueError as error:
        messages.error(request, _("Message %(id)s: %(why)s") % {"id": pk, "why": error})
    else:
        messages.success(request, _("Message %(id)s is queued to send again.") % {"id": pk})
    return redirect("desk:notifications:failures")
