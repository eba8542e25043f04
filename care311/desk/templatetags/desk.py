"""Pieces desk pages show: the agent's presence control, role checks, durations."""

from datetime import timedelta

from django import template
from django.urls import reverse

from care311.accounts import roles
from care311.contact_center.access import AGENTS, SUPERVISORS, own_agent

register = template.Library()


@register.filter
def is_supervisor(user) -> bool:
    return roles.has_role(user, *SUPERVISORS)


@register.filter
def is_agent(user) -> bool:
    """Whether the user takes contacts at the desk (agents, supervisors, administrators)."""
    return roles.has_role(user, *AGENTS)


@register.simple_tag(takes_context=True)
def own_scorecard_url(context: template.Context) -> str:
    """The signed-in user's scorecard, or "" when their account answers as no call-center
    agent (an account is linked to the phone system's agent in the admin)."""
    agent = own_agent(context["request"])
    return reverse("contact_center:scorecard", args=[agent.pk]) if agent else ""


@register.filter
def last_digits(number: str) -> str:
    """A caller's number in lists: only its last four digits."""
    return f"…{number[-4:]}" if number else ""


@register.filter
def duration(value: timedelta) -> str:
    """Time in a state: "2 h 05 min", "4 min", "35 s"."""
    seconds = max(int(value.total_seconds()), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min"
    return f"{seconds} s"


BROWSERS = ("Edg", "Firefox", "Chrome", "Safari")


@register.filter
def browser(user_agent: str) -> str:
    """The browser's family from its user agent, enough to tell one desk from another."""
    for name in BROWSERS:
        if f"{name}/" in user_agent:
            return "Edge" if name == "Edg" else name
    return user_agent[:40]


@register.inclusion_tag("desk/presence_control.html", takes_context=True)
def presence_control(context: template.Context) -> dict:
    """The signed-in agent's presence state now, with the form to change it."""
    from care311.desk import presence

    request = context["request"]
    return {
        "csrf_token": context.get("csrf_token"),
        "next": request.get_full_path(),
        **presence.control_for(request.user),
    }
