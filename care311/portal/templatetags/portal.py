"""Template helpers for the resident pages."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

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
