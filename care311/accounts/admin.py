from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from care311.accounts.models import ContactDetailView, StaffProfile
from care311.accounts.readonly_admin import ReadOnlyAdmin


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    fields = ("department",)
    verbose_name_plural = "staff profile"


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class StaffUserAdmin(UserAdmin):
    inlines = [StaffProfileInline]
    list_display = ("username", "first_name", "last_name", "is_staff", "is_superuser")


@admin.register(ContactDetailView)
class ContactDetailViewAdmin(ReadOnlyAdmin):
    """The audit log of residents' contact details shown to staff, for supervisors to read."""

    list_display = ("at", "username", "public_id", "fields", "where")
    list_filter = ("where",)
    search_fields = ("=username", "=public_id")
