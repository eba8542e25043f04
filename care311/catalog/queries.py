"""Reads of the catalog for the public faces: the services residents may request."""

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from care311.catalog.models import ClosureReason, ServiceAttribute, ServiceType


def listed_services() -> QuerySet[ServiceType]:
    """Services open to new requests and not hidden, by group (ungrouped last), each with
    `has_attributes`."""
    return (
        ServiceType.objects.filter(hidden=False, active=True)
        .select_related("group")
        .annotate(has_attributes=Exists(ServiceAttribute.objects.filter(service=OuterRef("pk"))))
        .order_by(F("group__order").asc(nulls_last=True), "group__name", "name", "service_code")
    )


def service_definition(service_code: str) -> ServiceType | None:
    """A service that is not hidden, with its questions and their choices, or None."""
    return (
        ServiceType.objects.filter(service_code=service_code, hidden=False)
        .prefetch_related("attributes__values")
        .first()
    )


def services_by_code(service_codes: list[str]) -> dict[str, ServiceType]:
    """The services with these codes that are not hidden, by code (unknown codes are absent)."""
    services = ServiceType.objects.filter(service_code__in=service_codes, hidden=False)
    return {service.service_code: service for service in services}


def closure_reasons_for(service: ServiceType) -> list[ClosureReason]:
    """The active closure reasons a request of `service` may be closed with: its own first,
    then those for all services (an own reason hides an all-services one with its code)."""
    reasons = ClosureReason.objects.filter(
        Q(service=service) | Q(service__isnull=True), active=True
    ).order_by(F("service").asc(nulls_last=True), "order", "label")
    chosen: dict[str, ClosureReason] = {}
    for reason in reasons:
        chosen.setdefault(reason.code, reason)
    return sorted(
        chosen.values(),
        key=lambda reason: (reason.service_id is None, reason.order, reason.label),
    )
