"""A request's public history, as the lines a resident reads."""

from dataclasses import dataclass
from datetime import datetime

from care311.service_requests.models import EventKind, HistoryEvent, Status


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    label: str
    status: str  # the status the event moved the request to, if it did
    note: str


def timeline(events: list[HistoryEvent]) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            at=event.at,
            label=str(EventKind(event.kind).label),
            status="" if event.kind == EventKind.CLOSED else _new_status(event.changes),
            note=event.note,
        )
        for event in events
    ]


def _new_status(changes: dict) -> str:
    # Actions record a change as [old, new]; imports record the status they found.
    value = changes.get("status")
    if isinstance(value, list):
        value = value[-1]
    if value not in Status.values:
        return ""
    return str(Status(value).label)
