"""Running the export command in the tests, and what a published export must never hold."""

import io
from pathlib import Path

from django.core.management import call_command

from care311.service_requests.models import Follower, ServiceRequest


def exported(fmt: str, tmp_path: Path) -> str:
    """The whole text of an export in `fmt`, written by `care311 export` to a file."""
    path = tmp_path / f"export.{fmt}"
    call_command("export", "--format", fmt, "--output", str(path), stdout=io.StringIO())
    return path.read_text(encoding="utf-8")


def contact_details() -> set[str]:
    """Every reporter's and follower's name, email and phone in the database."""
    found: set[str] = set()
    for name, email, phone in ServiceRequest.objects.values_list(
        "reporter_name", "reporter_email", "reporter_phone"
    ):
        found.update((name, email, phone))
    for email, phone in Follower.objects.values_list("email", "phone"):
        found.update((email, phone))
    found.discard("")
    return found
