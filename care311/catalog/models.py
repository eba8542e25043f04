"""The service catalog: departments, the service types residents can request, and how
requests are routed, timed and closed (districts, queues, rules, holidays, closure reasons)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from care311.catalog.geometry import GeometryError, parse_area

TRANSLATIONS_HELP = 'Text in other languages, by language code: {"es": {"name": "..."}}.'


class Department(models.Model):
    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    contact_email = models.EmailField(blank=True)
    imported = models.BooleanField(
        default=False, help_text="Created by an importer from another city's agency names."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ServiceGroup(models.Model):
    name = models.CharField(max_length=200, unique=True)
    order = models.PositiveIntegerField(default=0)
    translations = models.JSONField(default=dict, blank=True, help_text=TRANSLATIONS_HELP)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class SlaClock(models.TextChoices):
    BUSINESS = "business", _("business hours")
    CALENDAR = "calendar", _("calendar hours")


class ServiceType(models.Model):
    """A kind of request ("Pothole", "Missed trash pickup"): GeoReport v2's service."""

    # Opaque to clients: may hold spaces, dashes or leading zeros, and is never parsed.
    service_code = models.CharField(max_length=200, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    keywords = models.CharField(max_length=500, blank=True)
    group = models.ForeignKey(
        ServiceGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="services"
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="services"
    )
    sla_hours = models.PositiveIntegerField(
        null=True, blank=True, help_text="Target time to close; blank means no target."
    )
    sla_clock = models.CharField(max_length=10, choices=SlaClock.choices, default=SlaClock.CALENDAR)
    active = models.BooleanField(default=True, help_text="Accepts new requests.")
    hidden = models.BooleanField(
        default=False, help_text="Kept out of public service lists (imported history, internal)."
    )
    imported = models.BooleanField(
        default=False, help_text="Created by an importer from another system's category."
    )
    translations = models.JSONField(default=dict, blank=True, help_text=TRANSLATIONS_HELP)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.service_code})"

    @property
    def metadata(self) -> bool:
        """GeoReport v2's flag: true when the service has questions to answer."""
        return self.attributes.exists()


class Datatype(models.TextChoices):
    STRING = "string", _("short text")
    NUMBER = "number", _("number")
    DATETIME = "datetime", _("date and time")
    TEXT = "text", _("long text")
    SINGLEVALUELIST = "singlevaluelist", _("one choice")
    MULTIVALUELIST = "multivaluelist", _("several choices")


class ServiceAttribute(models.Model):
    """A question a service asks when a request is filed (GeoReport v2's attribute)."""

    service = models.ForeignKey(ServiceType, on_delete=models.CASCADE, related_name="attributes")
    code = models.CharField(max_length=100)
    datatype = models.CharField(max_length=20, choices=Datatype.choices)
    description = models.CharField(max_length=500, help_text="The question as residents see it.")
    datatype_description = models.CharField(max_length=500, blank=True)
    required = models.BooleanField(default=False)
    variable = models.BooleanField(
        default=True, help_text="False for an informational note that takes no answer."
    )
    order = models.PositiveIntegerField(default=0)
    translations = models.JSONField(default=dict, blank=True, help_text=TRANSLATIONS_HELP)

    class Meta:
        ordering = ["service", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="attribute_code_per_service")
        ]

    def __str__(self) -> str:
        return f"{self.service.service_code}/{self.code}"

    @property
    def is_list(self) -> bool:
        return self.datatype in (Datatype.SINGLEVALUELIST, Datatype.MULTIVALUELIST)


class AttributeValue(models.Model):
    """One choice of a list question: `key` is what clients send, `name` what people read."""

    attribute = models.ForeignKey(ServiceAttribute, on_delete=models.CASCADE, related_name="values")
    key = models.CharField(max_length=100)
    name = models.CharField(max_length=200)
    order = models.PositiveIntegerField(default=0)
    translations = models.JSONField(default=dict, blank=True, help_text=TRANSLATIONS_HELP)

    class Meta:
        ordering = ["attribute", "order", "key"]
        constraints = [
            models.UniqueConstraint(fields=["attribute", "key"], name="value_key_per_attribute")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.name}"


class CategoryMapping(models.Model):
    """Which service type a category of an imported system becomes.

    Importers create a hidden service type for any category without a mapping; an
    administrator can point a mapping at one of the city's own services instead.
    """

    source = models.CharField(max_length=40)
    category = models.CharField(max_length=300)
    service = models.ForeignKey(ServiceType, on_delete=models.CASCADE, related_name="mappings")

    class Meta:
        ordering = ["source", "category"]
        constraints = [
            models.UniqueConstraint(fields=["source", "category"], name="one_mapping_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.category} -> {self.service.service_code}"


def localized(record: models.Model, name: str, language: str) -> str:
    """A catalog record's text in `language` when it has one, else as written."""
    translations = getattr(record, "translations", None) or {}
    text = translations.get(language, {}).get(name)
    return text if isinstance(text, str) and text else str(getattr(record, name))


class Holiday(models.Model):
    """A day the city is closed: business-hour SLA clocks do not count it."""

    date = models.DateField(unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"


class District(models.Model):
    """An area of the city (a council district, a sanitation zone) that routing rules name.

    `geometry` is a GeoJSON Polygon or MultiPolygon (longitude, latitude), checked with
    shapely whenever it is saved.
    """

    kind = models.CharField(max_length=100, help_text='e.g. "council district"')
    code = models.CharField(max_length=100)
    name = models.CharField(max_length=200)
    geometry = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="district_code_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.kind})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.clean()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        try:
            parse_area(self.geometry)
        except GeometryError as error:
            raise ValidationError({"geometry": str(error)}) from None


class WorkQueue(models.Model):
    """A department's list of work ("Potholes", "Bulky pickups") that requests route to."""

    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="queues")

    class Meta:
        ordering = ["department__name", "name"]

    def __str__(self) -> str:
        return f"{self.department.name}: {self.name}"


class RoutingRule(models.Model):
    """Where new requests go: a service (blank: any) in a district (blank: anywhere) goes to
    a department and, optionally, one of its queues. See care311/catalog/routing.py for the
    order rules are tried in; among equals, the lower `priority` wins."""

    service = models.ForeignKey(
        ServiceType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.CASCADE, related_name="rules"
    )
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    queue = models.ForeignKey(
        WorkQueue, null=True, blank=True, on_delete=models.PROTECT, related_name="rules"
    )
    priority = models.PositiveIntegerField(default=100)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["priority", "id"]

    def __str__(self) -> str:
        service = self.service.service_code if self.service else "any service"
        where = self.district.name if self.district else "anywhere"
        return f"{service} in {where} -> {self.queue or self.department}"

    def clean(self) -> None:
        if self.queue is not None and self.queue.department_id != self.department_id:
            raise ValidationError({"queue": "the queue belongs to another department"})


class ClosureReason(models.Model):
    """Why a request was closed, chosen from a list: for one service, or (blank) for all."""

    service = models.ForeignKey(
        ServiceType,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="closure_reasons",
    )
    code = models.SlugField(max_length=64)
    label = models.CharField(max_length=200, help_text="What residents read, in English.")
    translations = models.JSONField(default=dict, blank=True, help_text=TRANSLATIONS_HELP)
    resolved = models.BooleanField(
        default=True, help_text="Counts as the problem fixed (for service performance)."
    )
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "code"],
                condition=models.Q(service__isnull=False),
                name="closure_code_per_service",
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(service__isnull=True),
                name="closure_code_for_all",
            ),
        ]

    def __str__(self) -> str:
        return self.label
