"""`care311 staff`: add staff, create the roles, unlock a sign-in, remove a lost TOTP device."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from care311.accounts import roles, staff


class Command(BaseCommand):
    help = (
        "Staff accounts. `roles` creates the role groups (run once after migrate, and after an "
        "upgrade); `add USERNAME --role ROLE` creates an account and prints its password once; "
        "`unlock USERNAME` ends a sign-in pause; `remove-device USERNAME` removes a lost "
        "authenticator app; `totp-code USERNAME` prints the code its app shows now (for the "
        "demo)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        verbs.add_parser("roles", help="create the role groups, or update their permissions")
        add = verbs.add_parser("add", help="add a member of staff with a new random password")
        add.add_argument("username")
        add.add_argument("--role", required=True, choices=roles.ROLES)
        add.add_argument("--department", default="", help="department code, for department staff")
        add.add_argument("--email", default="")
        unlock = verbs.add_parser("unlock", help="end a throttled sign-in pause for a username")
        unlock.add_argument("username")
        remove = verbs.add_parser("remove-device", help="remove a user's TOTP devices")
        remove.add_argument("username")
        code = verbs.add_parser("totp-code", help="print a user's current TOTP code (demo)")
        code.add_argument("username")

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        try:
            getattr(self, f"do_{verb.replace('-', '_')}")(**options)
        except staff.StaffError as refused:
            raise CommandError(str(refused)) from refused

    def do_roles(self, **options: Any) -> None:
        made = roles.ensure_roles()
        self.stdout.write(f"Roles ready: {', '.join(made)}.")

    def do_add(self, *, username: str, role: str, **options: Any) -> None:
        user, password = staff.add_staff(
            username, role=role, department=options["department"], email=options["email"]
        )
        self.stdout.write(f"Added {user.get_username()} ({role}). Password, shown once: {password}")

    def do_unlock(self, *, username: str, **options: Any) -> None:
        ended = staff.unlock(username)
        self.stdout.write(f"{username}: {ended} sign-in pause(s) ended.")

    def do_remove_device(self, *, username: str, **options: Any) -> None:
        removed = staff.remove_devices(username)
        self.stdout.write(f"{username}: {removed} device(s) removed.")

    def do_totp_code(self, *, username: str, **options: Any) -> None:
        self.stdout.write(staff.current_code(username))
