"""The service catalog: departments and the service types residents can request."""

from django.db import models
from django.utils.translation import gettext_lazy as _

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
