"""Dumps of another city's Open311 GeoReport v2 server: GET /requests as JSON or XML.

GeoReport knows only open and closed, and no closing time: a closed request's
updated_datetime is when it was closed. The dump's address_id and service_notice have no
place in an imported record yet and are not kept.
"""

from contextlib import closing
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from care311.imports import parsing
from care311.imports.formats.base import (
    Format,
    JsonFormat,
    SourceRequest,
    XmlFormat,
    required,
    xml_records,
)
from care311.service_requests.models import Channel, Status

STATUSES = {"open": Status.NEW, "closed": Status.CLOSED}
REQUEST_TAG = "request"


def xml_columns(path: Path) -> list[str]:
    """The child element names of the file's first <request>, for format detection."""
    with closing(xml_records(path, REQUEST_TAG)) as records:
        first = next(records, None)
    return sorted(first) if first else []


class GeoReportFormat(Format):
    source = "georeport"
    label = "Open311 GeoReport v2"
    default_zone = "UTC"

    @classmethod
    def accepts(cls, columns: list[str]) -> bool:
        return {"service_request_id", "status", "requested_datetime"} <= set(columns)

    def translate(self, fields: dict[str, Any], zone: tzinfo) -> SourceRequest:
        def get(key: str) -> str:
            return parsing.text(fields.get(key))

        def moment(key: str) -> datetime | None:
            return parsing.iso_datetime(get(key), zone, key)

        status = STATUSES.get(get("status").lower(), Status.NEW)
        closed = status == Status.CLOSED
        updated = moment("updated_datetime")
        notes = get("status_notes")
        return SourceRequest(
            source_id=required(fields, "service_request_id"),
            # The name reads better in the catalog than the code; a dump without names still
            # has the codes, which the standard requires.
            category=get("service_name") or required(fields, "service_code"),
            agency_code="",
            agency_name=get("agency_responsible"),
            status=status,
            closure_reason=notes if closed else "",
            description=get("description"),
            latitude=parsing.coordinate(get("lat"), "lat"),
            longitude=parsing.coordinate(get("long"), "long"),
            address=get("address"),
            zipcode=get("zipcode"),
            channel=Channel.IMPORT,
            requested_at=moment("requested_datetime"),
            closed_at=updated if closed else None,
            updated_at=updated,
            expected_at=moment("expected_datetime"),
            status_notes=notes,
            media_url=get("media_url"),
        )


class GeoReportJson(GeoReportFormat, JsonFormat):
    name = "georeport-json"


class GeoReportXml(GeoReportFormat, XmlFormat):
    name = "georeport-xml"
    record_tag = REQUEST_TAG
