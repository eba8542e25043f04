"""Permission-checked reads of service requests for staff.

Every staff page that shows requests starts from these, so department staff only ever see
their own department's work: another department's request is "not found", not forbidden, so
its existence is not disclosed either.
"""

from django.db.models import QuerySet
from django.http import Http404

from care311.accounts import roles
from care311.service_requests.models import ServiceRequest

# Roles that work across departments.
CITYWIDE = (roles.AGENT, roles.SUPERVISOR, roles.ADMIN)


def staff_department_id(user) -> int | None:
    """The department a member of department staff works for, or None."""
    profile = getattr(user, "staff_profile", None)
    return profile.department_id if profile is not None else None


def visible_requests(user) -> QuerySet[ServiceRequest]:
    """The requests `user` may open: all for agents, supervisors and admins; their
    department's for department staff (none when they have no department); none otherwise."""
    return within_reach(user, ServiceRequest.objects.all())


def within_reach(user, rows: QuerySet, *, via: str = "") -> QuerySet:
    """`rows` cut to what `user` may open, by the rule of visible_requests: requests, or rows
    that reach a request through the lookup `via` (for history events, "request__")."""
    if roles.has_role(user, *CITYWIDE):
        return rows
    if roles.has_role(user, roles.DEPARTMENT_STAFF):
        department_id = staff_department_id(user)
        if department_id is not None:
            return rows.filter(**{f"{via}department_id": department_id})
    return rows.none()


def request_for(user, public_id: str) -> ServiceRequest:
    """The request with `public_id` if `user` may open it; Http404 naming it otherwise."""
    found = visible_requests(user).filter(public_id=public_id).first()
    if found is None:
        raise Http404(f"No request {public_id} is open to you.")
    return found
