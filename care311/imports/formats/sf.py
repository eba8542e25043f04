"""San Francisco SF311 cases from DataSF, as the pre-2017 CSV export written out by R.

R adds its row index as a first column with an empty header and turns the spaces in column
names into dots ("Status.Notes"); the row index is ignored, CaseID is the source id.
"""

from datetime import tzinfo
from typing import Any

from care311.imports import parsing
from care311.imports.formats.base import CsvFormat, SourceRequest, required
from care311.service_requests.models import Channel, Status

STATUSES = {"Open": Status.NEW, "Closed": Status.CLOSED}
CHANNELS = {
    "Voice In": Channel.PHONE,
    "Web Self Service": Channel.WEB,
    "Open311": Channel.OPEN311,
    "e-mail In": Channel.EMAIL,
    # care311 has no social-media channel; a tweet to @SF311 is closest to a web contact.
    "Twitter": Channel.WEB,
}


def _zipcode(address: str) -> str:
    # Street addresses end "..., SAN FRANCISCO, CA, 94107"; intersections carry no zip.
    last = address.rsplit(", ", 1)[-1]
    return last if len(last) == 5 and last.isdigit() else ""


def _description(request_type: str, details: str) -> str:
    # Request.Details often repeats Request.Type word for word.
    if not details or details == request_type:
        return request_type
    return f"{request_type}: {details}"


class SfCsv(CsvFormat):
    name = "sf-csv"
    source = "sf"
    label = "San Francisco SF311 (DataSF CSV)"
    default_zone = "America/Los_Angeles"
    required_columns = frozenset(
        {"CaseID", "Opened", "Closed", "Status", "Category", "Request.Type", "Point"}
    )

    def translate(self, fields: dict[str, Any], zone: tzinfo) -> SourceRequest:
        latitude, longitude = parsing.point_pair(fields["Point"], "Point")
        address = fields.get("Address", "")
        status = fields["Status"]
        notes = fields.get("Status.Notes", "")
        return SourceRequest(
            source_id=required(fields, "CaseID"),
            # Category (28 in the sample) is the service type; Request.Type (324, many of
            # them one agency's internal queue names) would bury the catalog, so it goes
            # into the description with the details.
            category=required(fields, "Category"),
            agency_code=fields.get("Responsible.Agency", ""),
            agency_name="",
            status=STATUSES.get(status, Status.NEW),
            closure_reason=notes if status == "Closed" else "",
            description=_description(fields["Request.Type"], fields.get("Request.Details", "")),
            latitude=latitude,
            longitude=longitude,
            address=address,
            zipcode=_zipcode(address),
            channel=CHANNELS.get(fields.get("Source", ""), Channel.IMPORT),
            requested_at=parsing.us_datetime(fields["Opened"], zone, "Opened"),
            closed_at=parsing.us_datetime(fields["Closed"], zone, "Closed"),
            updated_at=parsing.us_datetime(fields.get("Updated", ""), zone, "Updated"),
            expected_at=None,
            status_notes=notes,
            media_url=fields.get("Media.URL", ""),
        )
