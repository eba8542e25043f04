"""Staff roles as Django groups, each with the permissions the role needs.

Changes to requests go through actions, not the admin, so most roles only view; the admin
role is the one that edits the catalog and manages staff.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

AGENT = "agent"
SUPERVISOR = "supervisor"
DEPARTMENT_STAFF = "department staff"
ADMIN = "admin"
ROLES = (AGENT, SUPERVISOR, DEPARTMENT_STAFF, ADMIN)

CATALOG = ("department", "servicegroup", "servicetype", "serviceattribute", "attributevalue")
REQUESTS = ("servicerequest", "historyevent")
IMPORTS = ("importrun", "quarantinedrecord")


def _view(app_label: str, models: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(app_label, f"view_{model}") for model in models]


def _change(app_label: str, models: tuple[str, ...]) -> list[tuple[str, str]]:
    return [
        (app_label, f"{verb}_{model}") for model in models for verb in ("add", "change", "view")
    ]


# (app label, permission codename) pairs per role; the admin role gets every permission of
# the apps in ADMIN_APPS instead.
PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    # Agents answer from the same knowledge articles residents read.
    AGENT: (
        _view("catalog", CATALOG)
        + _view("service_requests", REQUESTS)
        + _view("knowledge", ("article",))
    ),
    DEPARTMENT_STAFF: _view("catalog", CATALOG) + _view("service_requests", REQUESTS),
    SUPERVISOR: (
        _change("catalog", CATALOG)
        + _view("catalog", ("categorymapping",))
        + _view("service_requests", REQUESTS)
        + _view("imports", IMPORTS)
        + _view("accounts", ("staffprofile", "contactdetailview"))
        + _change("contact_center", ("queue", "agent"))
        + _view("contact_center", ("callrecord", "agentstateinterval"))
        + _change("knowledge", ("article",))
        + _view("knowledge", ("searchrecord",))
        + _change("notifications", ("responsetemplate",))
        + _view("notifications", ("notification", "bouncingaddress"))
        # The lockout page sends staff to their supervisor, who can end a pause early.
        + [("axes", "view_accessattempt"), ("axes", "delete_accessattempt")]
    ),
}
ADMIN_APPS = (
    "auth",
    "accounts",
    "catalog",
    "service_requests",
    "imports",
    "contact_center",
    "knowledge",
    "notifications",
    # Throttled sign-ins to unlock, and TOTP devices to remove when a phone is lost.
    "axes",
    "otp_totp",
)


def has_role(user, *names: str) -> bool:
    """Whether a signed-in member of staff has one of the roles named (superusers have all)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return not roles_of(user).isdisjoint(names)


def roles_of(user) -> frozenset[str]:
    """The user's role names, read once per user object: a page asks several times, and the
    user is loaded afresh for every request, so a changed role counts from the next one."""
    known = getattr(user, "_care311_roles", None)
    if known is None:
        known = frozenset(user.groups.values_list("name", flat=True))
        user._care311_roles = known
    return known


@transaction.atomic
def ensure_roles() -> dict[str, Group]:
    """Create the role groups, or bring their permissions back to the list above.

    Call after migrate: Django creates permissions when the migrations have run.
    """
    groups = {}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(_permissions(role))
        groups[role] = group
    return groups


def _permissions(role: str) -> list[Permission]:
    if role == ADMIN:
        return list(Permission.objects.filter(content_type__app_label__in=ADMIN_APPS))
    wanted = Q(pk__in=[])
    for app_label, codename in PERMISSIONS[role]:
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(wanted))
    if len(found) != len(PERMISSIONS[role]):
        missing = set(PERMISSIONS[role]) - {(p.content_type.app_label, p.codename) for p in found}
        raise LookupError(f"role {role!r} names unknown permissions: {sorted(missing)}")
    return found
