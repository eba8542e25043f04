"""The requests that go out as open data, read as plain rows in constant memory."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Q, QuerySet

from care311.analytics.opendata.columns import FIELDS, SCRUBBED_FIELDS
from care311.service_requests.models import ServiceRequest
from care311.service_requests.scrubbing import scrub

# Rows fetched from the database at a time: on PostgreSQL through a server-side cursor,
# on SQLite through the cursor's fetchmany, so memory stays flat whatever the table's size.
CHUNK = 2000


def published_requests() -> QuerySet[ServiceRequest]:
    """Requests of services residents see, and of imported history; not of internal ones."""
    return ServiceRequest.objects.filter(Q(service__hidden=False) | Q(service__imported=True))


def public_rows(queryset: QuerySet[ServiceRequest] | None = None) -> Iterator[dict[str, Any]]:
    """The COLUMNS of each published request, oldest record first, free text scrubbed.

    Reads only the named public columns, so a contact field cannot leak by accident.
    """
    queryset = published_requests() if queryset is None else queryset
    for row in queryset.order_by("id").values(*FIELDS).iterator(chunk_size=CHUNK):
        for field in SCRUBBED_FIELDS:
            row[field] = scrub(row[field])
        yield row
