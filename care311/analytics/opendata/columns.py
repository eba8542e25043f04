"""The columns of the open-data files: one list that the exports write and the public data
dictionary page describes, so the two cannot drift apart.

Nothing here names a resident's contact fields; free text columns are scrubbed of email
addresses and phone numbers before they are written (care311.service_requests.scrubbing).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXT, TIME, NUMBER, CODE = "text", "time", "number", "code"
KIND_LABELS = {
    TEXT: _("text"),
    TIME: _("date and time (ISO-8601 with offset)"),
    NUMBER: _("decimal number"),
    CODE: _("code"),
}


@dataclass(frozen=True)
class Column:
    name: str  # as written in the CSV header and the GeoJSON properties
    field: str  # the request's field it is read from
    kind: str
    description: Promise
    scrubbed: bool = False

    @property
    def kind_label(self) -> Promise:
        return KIND_LABELS[self.kind]


COLUMNS = (
    Column(
        "service_request_id",
        "public_id",
        CODE,
        _("The request's tracking number, the same as on the portal and in the Open311 API."),
    ),
    Column("service_code", "service__service_code", CODE, _("The service type's code.")),
    Column("service_name", "service__name", TEXT, _("The service type's name.")),
    Column(
        "agency_responsible",
        "agency_responsible",
        TEXT,
        _("The department responsible for the request."),
    ),
    Column(
        "status",
        "status",
        CODE,
        _(
            "Where the request stands: new, acknowledged, in_progress, on_hold, referred, "
            "closed or duplicate."
        ),
    ),
    Column(
        "channel",
        "channel",
        CODE,
        _("How the request came in: phone, web, app, open311, email, walk_in or import."),
    ),
    Column("requested_datetime", "requested_at", TIME, _("When the request was made.")),
    Column("updated_datetime", "updated_at", TIME, _("When the request last changed.")),
    Column(
        "expected_datetime",
        "expected_at",
        TIME,
        _("When the service target says it should be closed; empty without a target."),
    ),
    Column(
        "closed_datetime",
        "closed_at",
        TIME,
        _(
            "When it was closed; empty while open. Imported data may hold one before the "
            "request time (a clock error at the source)."
        ),
    ),
    Column(
        "closure_reason",
        "closure_reason",
        TEXT,
        _("Why it was closed, as the department wrote it."),
        scrubbed=True,
    ),
    Column(
        "status_notes",
        "status_notes",
        TEXT,
        _("The latest public note on the request."),
        scrubbed=True,
    ),
    Column(
        "description",
        "description",
        TEXT,
        _("The problem as reported."),
        scrubbed=True,
    ),
    Column("address", "address", TEXT, _("The address or intersection given, if any.")),
    Column("zipcode", "zipcode", CODE, _("The postal code, if known.")),
    Column(
        "latitude",
        "latitude",
        NUMBER,
        _("Latitude in degrees (WGS 84); empty when the request has no location."),
    ),
    Column(
        "longitude",
        "longitude",
        NUMBER,
        _("Longitude in degrees (WGS 84); empty when the request has no location."),
    ),
    Column(
        "duplicate_of",
        "duplicate_of__public_id",
        CODE,
        _("For a duplicate, the tracking number of the request it duplicates."),
    ),
    Column("media_url", "media_url", TEXT, _("A link to a photo of the problem, if any.")),
)
FIELDS = tuple(column.field for column in COLUMNS)
NAMES = tuple(column.name for column in COLUMNS)
SCRUBBED_FIELDS = tuple(column.field for column in COLUMNS if column.scrubbed)
TIME_FIELDS = tuple(column.field for column in COLUMNS if column.kind == TIME)
