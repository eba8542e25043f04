"""The demo's staff: one of each role, with passwords kept in the data folder.

Passwords are random on first creation and written to demo-accounts.txt (readable by the
owner only), so every start can print them without storing them anywhere else.
"""

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from care311.accounts import roles
from care311.accounts.models import StaffProfile
from care311.catalog.models import Department

FILE_HEADER = "# care311 demo accounts: username, password, role. Keep this file private.\n"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    department: str | None = None  # department code, for department staff
    superuser: bool = False


ACCOUNTS = (
    DemoAccount("admin", roles.ADMIN, superuser=True),
    DemoAccount("supervisor", roles.SUPERVISOR),
    DemoAccount("agent1", roles.AGENT),
    DemoAccount("agent2", roles.AGENT),
    DemoAccount("streets", roles.DEPARTMENT_STAFF, department="streets"),
    DemoAccount("sanitation", roles.DEPARTMENT_STAFF, department="sanitation"),
)


def accounts_file() -> Path:
    return Path(settings.DATA_DIR) / "demo-accounts.txt"


def read_passwords(path: Path) -> dict[str, tuple[str, str]]:
    """username -> (password, role description), as the file holds them."""
    if not path.exists():
        return {}
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            username, password, role = line.split(maxsplit=2)
            found[username] = (password, role)
    return found


@transaction.atomic
def ensure_accounts(path: Path | None = None) -> dict[str, tuple[str, str]]:
    """Create the demo staff and their roles; returns username -> (password, role).

    An account that already exists keeps its password, unless the file has lost it, in which
    case it gets a new one (the file is the only place the demo's passwords are kept).
    """
    path = path or accounts_file()
    groups = roles.ensure_roles()
    known = read_passwords(path)
    User = get_user_model()

    passwords = {}
    for account in ACCOUNTS:
        user, created = User.objects.get_or_create(username=account.username)
        password = known.get(account.username, (None, ""))[0]
        if created or password is None:
            password = password or secrets.token_urlsafe(12)
            user.set_password(password)
        user.is_staff = True
        user.is_superuser = account.superuser
        user.save()
        user.groups.set([groups[account.role]])
        _set_department(user, account.department)
        passwords[account.username] = (password, _describe(account))

    _write(path, passwords)
    return passwords


def _set_department(user, code: str | None) -> None:
    department = Department.objects.get(code=code) if code else None
    StaffProfile.objects.update_or_create(user=user, defaults={"department": department})


def _describe(account: DemoAccount) -> str:
    if account.department:
        return f"{account.role} ({account.department})"
    return account.role


def _write(path: Path, passwords: dict[str, tuple[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    lines = [f"{name} {password} {role}\n" for name, (password, role) in passwords.items()]
    path.write_text(FILE_HEADER + "".join(lines), encoding="utf-8")
