"""Pieces every desk page shows: the agent's presence control and the supervisor check."""

from django import template

from care311.accounts import roles
from care311.contact_center.access import SUPERVISORS

register = template.Library()


@register.filter
def is_supervisor(user) -> bool:
    return roles.has_role(user, *SUPERVISORS)


@register.inclusion_tag("desk/presence_control.html", takes_context=True)
def presence_control(context: template.Context) -> dict:
    """The signed-in agent's presence state now, with the form to change it."""
    from care311.desk import presence

    request = context["request"]
    return {"csrf_token": context.get("csrf_token"), **presence.control_for(request.user)}
