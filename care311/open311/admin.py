from django.contrib import admin
from django.http import HttpRequest

from care311.open311.models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are issued with `care311 open311 apikey create NAME`; here they are seen and
    switched off, never shown."""

    list_display = ["name", "prefix", "active", "created_at"]
    list_filter = ["active"]
    fields = ["name", "prefix", "active", "created_at"]
    readonly_fields = ["name", "prefix", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
