"""Boston 311 service requests from data.boston.gov, as CSV or as JSON Lines.

Both carry the same columns and must give the same requests, so they share one translation.
The CSV writes a single space where a value is empty; parsing.text trims it away, as it
turns the JSON's nulls into ''.
"""

from datetime import tzinfo
from typing import Any, ClassVar

from care311.imports import parsing
from care311.imports.formats.base import (
    CsvFormat,
    Format,
    JsonFormat,
    SourceRequest,
    required,
)
from care311.service_requests.models import Channel, Status

STATUSES = {"Open": Status.NEW, "Closed": Status.CLOSED}
CHANNELS = {
    "Citizens Connect App": Channel.APP,
    "City Worker App": Channel.APP,
    "Constituent Call": Channel.PHONE,
    "Self Service": Channel.WEB,
}
# Boston files a request it could not place at City Hall's point, 42.3594/-71.0587 (19 of the
# 100 sample rows, most of them intersections across the city). The point is kept as the city
# wrote it: dropping it would also drop real City Hall Plaza requests, and analytics detects
# such default points across every source instead of one city's special case here.


class BostonFormat(Format):
    source = "boston"
    label = "Boston 311 (data.boston.gov)"
    default_zone = "America/New_York"
    required_columns: ClassVar[frozenset[str]] = frozenset(
        {"case_enquiry_id", "open_dt", "closed_dt", "case_status", "type", "department"}
    )

    @classmethod
    def accepts(cls, columns: list[str]) -> bool:
        return cls.required_columns <= set(columns)

    def translate(self, fields: dict[str, Any], zone: tzinfo) -> SourceRequest:
        def get(key: str) -> str:
            return parsing.text(fields.get(key))

        latitude = parsing.coordinate(fields.get("latitude"), "latitude")
        longitude = parsing.coordinate(fields.get("longitude"), "longitude")
        status = get("case_status")
        return SourceRequest(
            source_id=required(fields, "case_enquiry_id"),
            category=required(fields, "type"),
            agency_code=get("department"),
            agency_name="",
            status=STATUSES.get(status, Status.NEW),
            closure_reason=get("closure_reason") if status == "Closed" else "",
            description=get("case_title"),
            latitude=latitude,
            longitude=longitude,
            address=get("location"),
            zipcode=get("location_zipcode"),
            channel=CHANNELS.get(get("source"), Channel.IMPORT),
            requested_at=parsing.ymd_datetime(get("open_dt"), zone, "open_dt"),
            closed_at=parsing.ymd_datetime(get("closed_dt"), zone, "closed_dt"),
            updated_at=None,
            expected_at=parsing.ymd_datetime(get("target_dt"), zone, "target_dt"),
            status_notes=get("closure_reason"),
            media_url=get("submittedphoto"),
        )


class BostonCsv(BostonFormat, CsvFormat):
    name = "boston-csv"


class BostonJsonl(BostonFormat, JsonFormat):
    name = "boston-jsonl"
