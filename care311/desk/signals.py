"""Signing out ends the browser's desk session and takes the agent offline."""

from django.http import HttpRequest

from care311.desk import actions
from care311.desk.models import DeskSession, PresenceInterval


def signed_out(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if user is None or request is None:
        return
    session_key = getattr(request, "session", None) and request.session.session_key
    in_desk = PresenceInterval.objects.filter(user=user, ended_at__isnull=True).exists()
    if session_key:
        in_desk = (
            in_desk
            or DeskSession.objects.filter(
                session_key_hash=actions.session_key_hash(session_key)
            ).exists()
        )
    if in_desk:
        actions.end_desk_session(user=user, session_key=session_key or "")
