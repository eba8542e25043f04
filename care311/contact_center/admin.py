"""Queues' targets and agents' staff accounts are edited here; calls and agent states are
only read (the phone system's adapters write them). Caller numbers show to superusers only.
"""

from django.contrib import admin
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

from care311.accounts.readonly_admin import ReadOnlyAdmin
from care311.contact_center import actions
from care311.contact_center.models import Agent, AgentStateInterval, CallRecord, Queue, WebhookKey
from care311.service_requests.actors import System


@admin.register(Queue)
class QueueAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "label",
        "service_level_seconds",
        "service_level_target",
        "short_abandon_seconds",
        "abandon_target",
    )
    search_fields = ("name", "label")

    def save_model(self, request: HttpRequest, obj: Queue, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and {"service_level_seconds", "short_abandon_seconds"} & set(form.changed_data):
            # The interval summaries hold counts against the old thresholds.
            actions.set_queue_targets(
                obj,
                service_level_seconds=obj.service_level_seconds,
                service_level_target=obj.service_level_target,
                short_abandon_seconds=obj.short_abandon_seconds,
                abandon_target=obj.abandon_target,
                by=request.user if isinstance(request.user, AbstractBaseUser) else System("admin"),
            )


@admin.register(Agent)
class AgentAdmin(admin.ModelAdmin):
    list_display = ("name", "label", "user")
    search_fields = ("name", "label", "user__username")
    autocomplete_fields = ("user",)


@admin.register(CallRecord)
class CallRecordAdmin(ReadOnlyAdmin):
    list_display = ("arrived_at", "queue", "outcome", "complete", "agent", "wait_seconds")
    list_filter = ("outcome", "complete", "source", "queue")
    list_select_related = ("queue", "agent")
    date_hierarchy = "arrived_at"

    def get_exclude(self, request: HttpRequest, obj: CallRecord | None = None):
        return () if request.user.is_superuser else ("caller_number",)


@admin.register(AgentStateInterval)
class AgentStateIntervalAdmin(ReadOnlyAdmin):
    list_display = ("agent", "state", "reason", "started_at", "ended_at")
    list_filter = ("state", "source")
    list_select_related = ("agent",)


@admin.register(WebhookKey)
class WebhookKeyAdmin(admin.ModelAdmin):
    """Keys are issued with `care311 calls webhook-key create`; here they can be revoked."""

    list_display = ("name", "prefix", "active", "created_at")
    fields = ("name", "prefix", "active")
    readonly_fields = ("name", "prefix")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
