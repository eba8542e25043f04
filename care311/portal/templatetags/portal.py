"""Template helpers for the resident pages."""

from datetime import datetime

from django import template
from django.db.models import Model
from django.forms import BoundField
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language

from care311.catalog.models import localized as catalog_localized
from care311.service_requests.scrubbing import public_text

register = template.Library()


@register.simple_tag
def local_time(value: datetime | None) -> str:
    """A <time> element: the city's local time for people, ISO 8601 with offset for machines.

    The current time zone is the city's (settings.TIME_ZONE); the format follows the language.
    """
    if value is None:
        return ""
    local = timezone.localtime(value)
    return format_html(
        '<time datetime="{}">{}</time>',
        local.isoformat(timespec="seconds"),
        f"{date_format(local, 'DATETIME_FORMAT')} {local.tzname()}",
    )


@register.filter
def localized(record: Model | None, name: str) -> str:
    """A catalog record's text in the current language: {{ service|localized:"name" }}."""
    if record is None:
        return ""
    return catalog_localized(record, name, (get_language() or "en").split("-")[0])


@register.filter
def scrubbed(text: str | None) -> str:
    """Free text a resident or staff member wrote, without email addresses and phone numbers:
    {{ sr.description|scrubbed|linebreaksbr }}. Scrub before truncating, or a cut number
    escapes the patterns."""
    return public_text(text or "")


@register.inclusion_tag("portal/field.html")
def field(bound: BoundField, hint_visible: bool = True) -> dict:
    """A form field with its label, hint and error, tied together for screen readers."""
    described = []
    if bound.help_text and hint_visible:
        described.append(f"{bound.auto_id}-hint")
    if bound.errors:
        described.append(f"{bound.auto_id}-error")
    attrs: dict[str, str | bool] = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if bound.errors:
        attrs["aria-invalid"] = "true"
    if bound.field.required:
        attrs["aria-required"] = "true"
    return {
        "bound": bound,
        "widget": bound.as_widget(attrs=attrs),
        "is_checkbox": bound.widget_type == "checkbox",
        "hint_visible": hint_visible,
    }
