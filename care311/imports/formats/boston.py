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
# Boston files a request it could not place at City Hall (19 of the 100 sample rows, most of
# them intersections across the city), so these coordinates say nothing about where it is.
# A request really made at City Hall Plaza loses its point too; it keeps its address.
CITY_HALL = (42.3594, -71.0587)


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
        if (latitude, longitude) == CITY_HALL:
            latitude = longitude = None
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
