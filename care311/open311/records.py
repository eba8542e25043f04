"""Catalog entries and requests as GeoReport v2 records: plain data for formats.render.

Every record of a kind has the same keys; a blank value is None. Nothing here reads a
resident's contact details, and free text loses any written into it (public_text).
"""

from typing import Any
from zoneinfo import ZoneInfo

from care311.catalog.models import ServiceType
from care311.open311.dates import city_zone, w3c
from care311.open311.models import Submission
from care311.service_requests.models import (
    CLOSED_STATUSES,
    EventKind,
    HistoryEvent,
)
from care311.service_requests.scrubbing import public_text


def service(entry: ServiceType) -> dict[str, Any]:
    """One entry of the service list; `entry` carries the has_attributes annotation."""
    return {
        "service_code": entry.service_code,
        "service_name": entry.name,
        "description": entry.description or None,
        "metadata": bool(getattr(entry, "has_attributes", False)),
        "type": "realtime",
        "keywords": entry.keywords or None,
        "group": entry.group.name if entry.group else None,
    }


def definition(entry: ServiceType) -> dict[str, Any]:
    return {
        "service_code": entry.service_code,
        "attributes": [
            {
                "variable": attribute.variable,
                "code": attribute.code,
                "datatype": attribute.datatype,
                "required": attribute.required,
                "datatype_description": attribute.datatype_description or None,
                "order": attribute.order,
                "description": attribute.description,
                "values": [
                    {"key": value.key, "name": value.name} for value in attribute.values.all()
                ],
            }
            for attribute in entry.attributes.all()
        ],
    }


def requests(rows: list[dict[str, Any]], *, extensions: bool = False) -> list[dict[str, Any]]:
    """Requests from their rows as care311.service_requests.listings reads them."""
    zone = city_zone()  # once a page: a page of 100 writes 300 datetimes or more
    return [request(row, zone, extensions=extensions) for row in rows]


def request(row: dict[str, Any], zone: ZoneInfo, *, extensions: bool = False) -> dict[str, Any]:
    record = {
        "service_request_id": row["public_id"],
        "status": "closed" if row["status"] in CLOSED_STATUSES else "open",
        "status_notes": public_text(row["status_notes"]) or None,
        "service_name": row["service__name"],
        "service_code": row["service__service_code"],
        "description": public_text(row["description"]) or None,
        "agency_responsible": row["agency_responsible"] or None,
        "service_notice": None,
        "requested_datetime": w3c(row["requested_at"], zone),
        "updated_datetime": w3c(row["updated_at"], zone),
        "expected_datetime": w3c(row["expected_at"], zone),
        "address": row["address"] or None,
        "address_id": row["address_id"] or None,
        "zipcode": row["zipcode"] or None,
        "lat": row["latitude"],
        "long": row["longitude"],
        "media_url": row["media_url"] or None,
    }
    if extensions:
        record.update(_extended(row, zone))
    return record


def _extended(row: dict[str, Any], zone: ZoneInfo) -> dict[str, Any]:
    # Chicago's extensions=true shape: answers, extended_attributes and a public timeline.
    parent = row["duplicate_of__public_id"]
    return {
        "attributes": [
            {"code": code, "value": _public_answer(value)} for code, value in row["answers"].items()
        ],
        "extended_attributes": {
            "status": row["status"],
            "channel": row["channel"],
            "closed_datetime": w3c(row["closed_at"], zone),
            "duplicate": parent is not None,
            "parent_service_request_id": parent,
            "duplicates": row["duplicates"],
        },
        "notes": [note(event, zone) for event in row["public_events"]],
    }


def _public_answer(value: Any) -> Any:
    # Only text answers are written freely; the others are numbers, W3C datetimes and the
    # service's own keys, which the patterns leave alone, so every string goes through.
    return public_text(value) if isinstance(value, str) else value


def note(event: dict[str, Any], zone: ZoneInfo) -> dict[str, Any]:
    """A public history event from its row (at, kind, note)."""
    return {
        "datetime": w3c(event["at"], zone),
        "type": event["kind"],
        "summary": str(EventKind(event["kind"]).label),
        "description": public_text(event["note"]) or None,
    }


def submitted(submission: Submission) -> dict[str, Any]:
    """The answer to POST requests: the id at once, and a token that resolves to it."""
    return {
        "service_request_id": submission.request.public_id,
        "token": submission.token,
        "service_notice": None,
        "account_id": submission.account_id or None,
    }


def token(submission: Submission) -> dict[str, Any]:
    return {"service_request_id": submission.request.public_id, "token": submission.token}


def update(event: HistoryEvent) -> dict[str, Any]:
    """One entry of servicerequestupdates, in FixMyStreet's shape, with the request's status
    as it stood after the event."""
    status_then = getattr(event, "status_then", event.request.status)
    return {
        "update_id": str(event.pk),
        "service_request_id": event.request.public_id,
        "status": "closed" if status_then in CLOSED_STATUSES else "open",
        "updated_datetime": w3c(event.at),
        "description": public_text(event.note) or None,
        "media_url": None,
    }
