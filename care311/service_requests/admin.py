"""Requests and their history, for reading: every change goes through actions.py.

Residents' contact details appear only to superusers, and each time a superuser opens a
request it goes through accounts.contact.reveal_contact, which records the view. Department
staff see only their department's requests here too (accounts.access.within_reach).
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from care311.accounts.access import within_reach
from care311.accounts.contact import reveal_contact
from care311.accounts.readonly_admin import ReadOnlyAdmin, ReadOnlyTabularInline
from care311.service_requests.models import HistoryEvent, ServiceRequest

EVENT_FIELDS = ("at", "kind", "actor_name", "public", "note", "changes")
CONTACT = ("Resident contact", {"fields": ("reporter_name", "reporter_email", "reporter_phone")})


class HistoryEventInline(ReadOnlyTabularInline):
    model = HistoryEvent
    fields = EVENT_FIELDS


@admin.register(ServiceRequest)
class ServiceRequestAdmin(ReadOnlyAdmin):
    list_display = (
        "public_id",
        "service",
        "status",
        "department",
        "channel",
        "requested_at",
        "address",
    )
    list_filter = ("status", "channel", "service", "department")
    list_select_related = ("service", "department")
    search_fields = ("=public_id",)
    readonly_fields = ("public_id",)
    inlines = [HistoryEventInline]
    fieldsets = [
        (
            None,
            {
                "fields": (
                    "public_id",
                    "service",
                    "department",
                    "agency_responsible",
                    "status",
                    "closure_reason",
                    "duplicate_of",
                    "channel",
                )
            },
        ),
        ("Where", {"fields": ("address", "address_id", "zipcode", "latitude", "longitude")}),
        ("What", {"fields": ("description", "answers", "media_url", "status_notes")}),
        ("When", {"fields": ("requested_at", "updated_at", "expected_at", "closed_at")}),
        (
            "Source",
            {
                "fields": (
                    "source",
                    "source_id",
                    "source_file",
                    "source_record",
                    "source_hash",
                )
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ServiceRequest]:
        return within_reach(request.user, super().get_queryset(request))

    def get_fieldsets(self, request: HttpRequest, obj: ServiceRequest | None = None) -> list:
        if request.user.is_superuser:
            return [*self.fieldsets, CONTACT]
        return self.fieldsets

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None
    ) -> HttpResponse:
        shown = self.get_object(request, object_id)
        if shown is not None and request.user.is_superuser:
            reveal_contact(request.user, shown, where="admin: request page")
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(HistoryEvent)
class HistoryEventAdmin(ReadOnlyAdmin):
    list_display = ("request", "kind", "at", "actor_name", "public")
    list_filter = ("kind", "public")
    list_select_related = ("request",)
    search_fields = ("=request__public_id",)
    fields = ("request", *EVENT_FIELDS)

    def get_queryset(self, request: HttpRequest) -> QuerySet[HistoryEvent]:
        return within_reach(request.user, super().get_queryset(request), via="request__")
