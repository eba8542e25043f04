"""The presence control in every desk page's header."""

from django.contrib.auth.models import User

from care311.accounts import roles
from care311.contact_center.access import AGENTS
from care311.desk.actions import CHOSEN_STATES
from care311.desk.models import Presence
from care311.desk.queries import presence_now


def control_for(user: User) -> dict:
    """What the control shows: the agent's state now and the states they may choose; nothing
    for staff who take no contacts."""
    if not roles.has_role(user, *AGENTS):
        return {}
    interval = presence_now(user)
    current = interval.state if interval is not None else Presence.OFFLINE
    return {
        "current": current,
        "current_label": Presence(current).label,
        "since": interval.started_at if interval is not None else None,
        "reason": interval.reason if interval is not None else "",
        "states": [(state.value, state.label) for state in CHOSEN_STATES],
        "automatic": current not in CHOSEN_STATES,
    }
