"""Los Angeles MyLA311 service requests, as the city's open data portal exports them."""

from datetime import tzinfo
from typing import Any

from care311.imports import parsing
from care311.imports.formats.base import CsvFormat, SourceRequest, required
from care311.service_requests.models import Channel, Status

STATUSES = {
    "Open": Status.NEW,
    "Closed": Status.CLOSED,
    "Cancelled": Status.CLOSED,
    "Referred Out": Status.REFERRED,
}
CHANNELS = {
    "Call": Channel.PHONE,
    "Voicemail": Channel.PHONE,
    "Mobile App": Channel.APP,
    "Self Service": Channel.WEB,
    "Email": Channel.EMAIL,
    "Walk-in": Channel.WALK_IN,
}
# The Owner column carries only the agency's code.
AGENCIES = {
    "BOS": "Bureau of Sanitation",
    "BSL": "Bureau of Street Lighting",
    "ITA": "Information Technology Agency",
    "LADWP": "Los Angeles Department of Water and Power",
    "OCB": "Office of Community Beautification",
}


class LaCsv(CsvFormat):
    name = "la-csv"
    source = "la"
    label = "Los Angeles MyLA311 (portal CSV)"
    default_zone = "America/Los_Angeles"
    required_columns = frozenset(
        {"SRNumber", "CreatedDate", "ClosedDate", "Owner", "RequestType", "Status"}
    )

    def translate(self, fields: dict[str, Any], zone: tzinfo) -> SourceRequest:
        latitude = parsing.coordinate(fields.get("Latitude", ""), "Latitude")
        longitude = parsing.coordinate(fields.get("Longitude", ""), "Longitude")
        source_status = fields["Status"]
        status = STATUSES.get(source_status, Status.NEW)
        owner = fields["Owner"]
        # A referred request is not closed here, though LA fills ClosedDate when it hands
        # one on; UpdatedDate is at or after that moment, so nothing is lost.
        closed_date = fields["ClosedDate"] if status == Status.CLOSED else ""
        return SourceRequest(
            source_id=required(fields, "SRNumber"),
            category=required(fields, "RequestType"),
            agency_code=owner,
            agency_name=AGENCIES.get(owner, ""),
            status=status,
            closure_reason="Cancelled" if source_status == "Cancelled" else "",
            description="",
            latitude=latitude,
            longitude=longitude,
            address=fields.get("Address", ""),
            zipcode=fields.get("ZipCode", ""),
            channel=CHANNELS.get(fields.get("RequestSource", ""), Channel.IMPORT),
            requested_at=parsing.us_datetime(fields["CreatedDate"], zone, "CreatedDate"),
            closed_at=parsing.us_datetime(closed_date, zone, "ClosedDate"),
            updated_at=parsing.us_datetime(fields.get("UpdatedDate", ""), zone, "UpdatedDate"),
            # ServiceDate is the day crews are booked for (a bulky-item pickup) or did the
            # work: the nearest the export has to an expected date.
            expected_at=parsing.us_datetime(fields.get("ServiceDate", ""), zone, "ServiceDate"),
            status_notes="",
            media_url="",
        )
