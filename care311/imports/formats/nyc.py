"""New York City 311 from NYC Open Data (Socrata): the portal's CSV export and SODA JSON."""

from datetime import tzinfo
from typing import Any

from care311.imports import parsing
from care311.imports.formats.base import CsvFormat, JsonFormat, SourceRequest, required
from care311.service_requests.models import Channel, Status

STATUSES = {
    "Open": Status.NEW,
    "Assigned": Status.ACKNOWLEDGED,
    "Pending": Status.ACKNOWLEDGED,
    "Started": Status.IN_PROGRESS,
    "In Progress": Status.IN_PROGRESS,
    "Email Sent": Status.IN_PROGRESS,
    "Closed": Status.CLOSED,
    "Draft": Status.NEW,
    "Unspecified": Status.NEW,
}
CHANNELS = {
    "PHONE": Channel.PHONE,
    "ONLINE": Channel.WEB,
    "MOBILE": Channel.APP,
}


def _status(value: str) -> str:
    return STATUSES.get(value, Status.NEW)


def _address(house: str, street: str, cross1: str, cross2: str) -> str:
    if house:
        return house
    if cross1 and cross2:
        return f"{cross1} & {cross2}"
    return street


class NycCsv(CsvFormat):
    name = "nyc-csv"
    source = "nyc"
    label = "NYC 311 (Socrata CSV export)"
    default_zone = "America/New_York"
    required_columns = frozenset(
        {"Unique Key", "Created Date", "Closed Date", "Agency", "Complaint Type", "Status"}
    )

    def translate(self, fields: dict[str, Any], zone: tzinfo) -> SourceRequest:
        latitude = parsing.coordinate(fields.get("Latitude", ""), "Latitude")
        longitude = parsing.coordinate(fields.get("Longitude", ""), "Longitude")
        status = fields["Status"]
        descriptor = fields.get("Descriptor", "")
        return SourceRequest(
            source_id=required(fields, "Unique Key"),
            category=required(fields, "Complaint Type"),
            agency_code=fields["Agency"],
            agency_name=fields.get("Agency Name", ""),
            status=_status(status),
            closure_reason=fields.get("Resolution Description", "") if status == "Closed" else "",
            description=descriptor,
            latitude=latitude,
            longitude=longitude,
            address=_address(
                fields.get("Incident Address", ""),
                fields.get("Street Name", ""),
                fields.get("Intersection Street 1", ""),
                fields.get("Intersection Street 2", ""),
            ),
            zipcode=fields.get("Incident Zip", ""),
            channel=CHANNELS.get(fields.get("Open Data Channel Type", ""), Channel.IMPORT),
            requested_at=parsing.us_datetime(fields["Created Date"], zone, "Created Date"),
            closed_at=parsing.us_datetime(fields["Closed Date"], zone, "Closed Date"),
            updated_at=parsing.us_datetime(
                fields.get("Resolution Action Updated Date", ""),
                zone,
                "Resolution Action Updated Date",
            ),
            expected_at=parsing.us_datetime(fields.get("Due Date", ""), zone, "Due Date"),
            status_notes=fields.get("Resolution Description", ""),
            media_url="",
        )


class NycSodaJson(JsonFormat):
    name = "nyc-json"
    source = "nyc"
    label = "NYC 311 (SODA JSON API)"
    default_zone = "America/New_York"

    @classmethod
    def accepts(cls, columns: list[str]) -> bool:
        return {"unique_key", "created_date", "complaint_type"} <= set(columns)

    def translate(self, fields: dict[str, Any], zone: tzinfo) -> SourceRequest:
        def get(key: str) -> str:
            return parsing.text(fields.get(key))

        latitude = parsing.coordinate(fields.get("latitude"), "latitude")
        longitude = parsing.coordinate(fields.get("longitude"), "longitude")
        status = get("status")
        return SourceRequest(
            source_id=required(fields, "unique_key"),
            category=required(fields, "complaint_type"),
            agency_code=get("agency"),
            agency_name=get("agency_name"),
            status=_status(status),
            closure_reason=get("resolution_description") if status == "Closed" else "",
            description=get("descriptor"),
            latitude=latitude,
            longitude=longitude,
            address=_address(
                get("incident_address"),
                get("street_name"),
                get("intersection_street_1"),
                get("intersection_street_2"),
            ),
            zipcode=get("incident_zip"),
            channel=CHANNELS.get(get("open_data_channel_type"), Channel.IMPORT),
            requested_at=parsing.iso_datetime(get("created_date"), zone, "created_date"),
            closed_at=parsing.iso_datetime(get("closed_date"), zone, "closed_date"),
            updated_at=parsing.iso_datetime(
                get("resolution_action_updated_date"), zone, "resolution_action_updated_date"
            ),
            expected_at=parsing.iso_datetime(get("due_date"), zone, "due_date"),
            status_notes=get("resolution_description"),
            media_url="",
        )
