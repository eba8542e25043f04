from django.contrib import admin

from care311.accounts.readonly_admin import ReadOnlyAdmin
from care311.imports.models import ImportRun, QuarantinedRecord


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = ("file_name", "format", "state", "started_at", "finished_at")
    list_filter = ("state", "format")
    search_fields = ("file_name", "file_key")


@admin.register(QuarantinedRecord)
class QuarantinedRecordAdmin(ReadOnlyAdmin):
    list_display = ("file_name", "record_no", "source", "source_id", "reason")
    list_filter = ("source",)
    search_fields = ("source_id", "file_name", "reason")
