"""Admin pages: response texts supervisors edit; messages and bounces to read (addresses
masked), with a retry action."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from care311.accounts.readonly_admin import ReadOnlyAdmin
from care311.notifications.addresses import masked
from care311.notifications.models import BouncingAddress, Notification, ResponseTemplate
from care311.notifications.responses import PLACEHOLDERS
from care311.notifications.tasks import retry_now


@admin.register(ResponseTemplate)
class ResponseTemplateAdmin(admin.ModelAdmin):
    list_display = ("kind", "language", "service", "subject")
    list_filter = ("kind", "language")
    search_fields = ("subject", "body", "service__name")
    autocomplete_fields = ("service",)

    def get_form(self, request, obj=None, change=False, **kwargs):
        names = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
        kwargs["help_texts"] = {"body": f"Placeholders: {names}. The stop-updates link is added."}
        return super().get_form(request, obj, change, **kwargs)


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "template", "channel", "to", "state", "attempts", "error")
    list_filter = ("state", "channel", "template")
    exclude = ("address", "address_key", "key", "context")
    readonly_fields = ("to",)
    list_select_related = ("request",)
    actions = ["retry"]

    @admin.display(description="to")
    def to(self, notification: Notification) -> str:
        return masked(notification.channel, notification.address)

    @admin.action(description="Send the selected messages again")
    def retry(self, request: HttpRequest, queryset: QuerySet[Notification]) -> None:
        for notification in queryset:
            try:
                retry_now(notification)
            except ValueError as error:
                self.message_user(request, f"{notification.pk}: {error}", messages.WARNING)


@admin.register(BouncingAddress)
class BouncingAddressAdmin(ReadOnlyAdmin):
    list_display = ("since", "channel", "to", "reason", "source")
    list_filter = ("channel", "source")
    exclude = ("address_key",)
    readonly_fields = ("to",)

    @admin.display(description="address")
    def to(self, bounce: BouncingAddress) -> str:
        return masked(bounce.channel, bounce.address_key)
