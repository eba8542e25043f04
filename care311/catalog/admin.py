from django.contrib import admin

from care311.catalog.models import (
    AttributeValue,
    CategoryMapping,
    ClosureReason,
    Department,
    District,
    Holiday,
    RoutingRule,
    ServiceAttribute,
    ServiceGroup,
    ServiceType,
    WorkQueue,
)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "contact_email", "imported")
    list_filter = ("imported",)
    search_fields = ("name", "code")


@admin.register(ServiceGroup)
class ServiceGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "order")
    search_fields = ("name",)


class ServiceAttributeInline(admin.TabularInline):
    model = ServiceAttribute
    fields = ("order", "code", "datatype", "description", "required", "variable")
    extra = 0
    # Choices of list questions are edited on the question's own page.
    show_change_link = True


@admin.register(ServiceType)
class ServiceTypeAdmin(admin.ModelAdmin):
    list_display = (
        "service_code",
        "name",
        "group",
        "department",
        "sla_hours",
        "sla_clock",
        "active",
        "hidden",
    )
    list_filter = ("active", "hidden", "imported", "sla_clock", "group")
    list_select_related = ("group", "department")
    search_fields = ("service_code", "name", "keywords")
    autocomplete_fields = ("department",)
    inlines = [ServiceAttributeInline]


class AttributeValueInline(admin.TabularInline):
    model = AttributeValue
    fields = ("order", "key", "name")
    extra = 0


@admin.register(ServiceAttribute)
class ServiceAttributeAdmin(admin.ModelAdmin):
    list_display = ("__str__", "datatype", "description", "required", "order")
    list_filter = ("datatype", "required")
    list_select_related = ("service",)
    search_fields = ("code", "description", "service__service_code", "service__name")
    autocomplete_fields = ("service",)
    inlines = [AttributeValueInline]


@admin.register(CategoryMapping)
class CategoryMappingAdmin(admin.ModelAdmin):
    list_display = ("source", "category", "service")
    list_filter = ("source",)
    list_select_related = ("service",)
    search_fields = ("category", "service__name")
    autocomplete_fields = ("service",)


@admin.register(WorkQueue)
class WorkQueueAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "department")
    list_filter = ("department",)
    list_select_related = ("department",)
    search_fields = ("name", "code", "department__name")
    autocomplete_fields = ("department",)


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    """Districts come from GeoJSON files (`care311 districts load`); a shape edited here is
    checked the same way when it is saved."""

    list_display = ("name", "code", "kind", "updated_at")
    list_filter = ("kind",)
    search_fields = ("name", "code")


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "service", "district", "department", "queue", "priority")
    list_filter = ("department", "district__kind")
    list_select_related = ("service", "district", "department", "queue__department")
    search_fields = ("service__service_code", "service__name", "district__name")
    autocomplete_fields = ("service", "department")


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name")
    date_hierarchy = "date"
    search_fields = ("name",)


@admin.register(ClosureReason)
class ClosureReasonAdmin(admin.ModelAdmin):
    list_display = ("label", "code", "service", "resolved", "order", "active")
    list_filter = ("active", "resolved")
    list_select_related = ("service",)
    search_fields = ("label", "code", "service__service_code", "service__name")
    autocomplete_fields = ("service",)
