"""Admin pages that show records without offering to change them.

Requests and their history change only through the actions in service_requests/actions.py,
and import records only through the importers, so their admin pages are for reading.
"""

from django.contrib import admin
from django.http import HttpRequest


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    # Counting a large table on every list page is slow; the pager says "more" instead.
    show_full_result_count = False


class ReadOnlyTabularInline(ReadOnlyMixin, admin.TabularInline):
    extra = 0
