"""A handful of requests in the demo city's own catalog, filed and worked through the actions
as staff would, so the timeline pages show the events real work leaves behind.

The requests are data in data/requests.json: each is what a resident reported, plus `then`,
the steps staff took on it afterwards.
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from care311.catalog.models import Department, ServiceType
from care311.service_requests import actions
from care311.service_requests.models import ServiceRequest

REQUESTS_FILE = Path(__file__).resolve().parent / "data" / "requests.json"


def has_demo_requests(service_codes: list[str]) -> bool:
    return ServiceRequest.objects.filter(
        source="", service__service_code__in=service_codes
    ).exists()


@transaction.atomic
def file_demo_requests(path: Path = REQUESTS_FILE) -> list[ServiceRequest]:
    """File and work the demo's requests; call once, on the first load."""
    staff = {user.get_username(): user for user in get_user_model().objects.all()}
    filed = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        steps = item.pop("then", [])
        service = ServiceType.objects.get(service_code=item.pop("service"))
        request = actions.create_request(service=service, by=staff[item.pop("by")], **item)
        for step in steps:
            _take_step(request, step, staff[step["by"]])
        filed.append(request)
    return filed


def _take_step(request: ServiceRequest, step: dict, by: AbstractBaseUser) -> None:
    match step["action"]:
        case "update_status":
            actions.update_status(request, step["status"], by=by, note=step["note"])
        case "close":
            actions.close_request(request, reason=step["reason"], by=by, note=step["note"])
        case "assign":
            department = Department.objects.get(code=step["department"])
            actions.assign_request(request, department=department, by=by, note=step["note"])
        case "note":
            actions.add_note(request, note=step["note"], by=by, public=step.get("public", False))
        case other:
            raise ValueError(f"unknown demo step {other!r}")
