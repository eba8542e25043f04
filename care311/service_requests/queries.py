"""Reads of service requests for the public pages: small query functions, one per shape."""

from django.db.models import QuerySet

from care311.service_requests.models import HistoryEvent, ServiceRequest

PRIVATE_FIELDS = ("reporter_name", "reporter_email", "reporter_phone")


def public_requests(status: str = "") -> QuerySet[ServiceRequest]:
    """Requests newest first with their service joined, contact fields left unloaded."""
    queryset = (
        ServiceRequest.objects.select_related("service")
        .defer(*PRIVATE_FIELDS)
        .order_by("-requested_at", "-id")
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def public_timeline(request: ServiceRequest) -> QuerySet[HistoryEvent]:
    """The request's public history events, oldest first."""
    return request.events.filter(public=True).order_by("at", "id")
