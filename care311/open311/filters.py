"""GET requests' query parameters, turned into criteria for the request queries.

The standard's filters (service_request_id, service_code, start_date, end_date, status) and
the common extensions (page, page_size, updated_after, updated_before, lat/long/radius, bbox).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from care311.catalog.queries import services_by_code
from care311.open311.errors import Open311Error
from care311.open311.params import Params
from care311.service_requests.listings import Box, Circle, RequestCriteria

# GeoReport v2: at most 1,000 requests in one answer; the last 90 days unless dates are given.
PAGE_SIZE_MAX = 1000
# Far past the end of any city's history, and small enough that the offset fits a database
# integer: a larger page was a 500 from the database.
PAGE_MAX = 1_000_000
DEFAULT_WINDOW = timedelta(days=90)
RADIUS_MAX = 100_000  # metres
DATE_PARAMS = ("start_date", "end_date", "updated_after", "updated_before")


@dataclass(frozen=True)
class Page:
    number: int
    size: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


def page_of(params: Params) -> Page:
    return Page(
        number=params.whole("page", default=1, low=1, high=PAGE_MAX),
        size=params.whole("page_size", default=PAGE_SIZE_MAX, low=1, high=PAGE_SIZE_MAX),
    )


def request_criteria(params: Params) -> RequestCriteria:
    requested_from = params.datetime("start_date")
    requested_to = params.datetime("end_date")
    if requested_from and requested_to and requested_from > requested_to:
        raise Open311Error(400, "start_date is later than end_date")
    if not any(name in params for name in DATE_PARAMS):
        requested_from = timezone.now() - DEFAULT_WINDOW
    return RequestCriteria(
        service_ids=_service_ids(params),
        closed=_closed(params),
        requested_from=requested_from,
        requested_to=requested_to,
        updated_after=params.datetime("updated_after"),
        updated_before=params.datetime("updated_before"),
        box=_box(params),
        circle=_circle(params),
    )


def _service_ids(params: Params) -> tuple[int, ...]:
    # A code may itself hold a comma, so each value is first tried whole, then as a list.
    values = [value for value in params.data.getlist("service_code") if value != ""]
    if not values:
        return ()
    parts = {value: [part for part in value.split(",") if part != ""] for value in values}
    known = services_by_code([*values, *(part for split in parts.values() for part in split)])
    ids: list[int] = []
    for value in values:
        for code in [value] if value in known else parts[value]:
            if code not in known:
                raise Open311Error(400, f"no service has service_code {code!r}")
            ids.append(known[code].pk)
    return tuple(dict.fromkeys(ids))


def _closed(params: Params) -> bool | None:
    statuses = {status.strip().lower() for status in params.items("status")}
    unknown = statuses - {"open", "closed"}
    if unknown:
        raise Open311Error(400, f"status must be open or closed, not {sorted(unknown)[0]!r}")
    if len(statuses) == 1:
        return statuses == {"closed"}
    return None


def _circle(params: Params) -> Circle | None:
    given = [name for name in ("lat", "long", "radius") if name in params]
    if not given:
        return None
    if len(given) < 3:
        raise Open311Error(400, "lat, long and radius (in metres) go together")
    return Circle(
        latitude=params.required_number("lat", -90, 90),
        longitude=params.required_number("long", -180, 180),
        radius=params.required_number("radius", 1, RADIUS_MAX),
    )


def _box(params: Params) -> Box | None:
    raw = params.text("bbox")
    if not raw:
        return None
    problem = Open311Error(
        400, f"bbox must be min_long,min_lat,max_long,max_lat in degrees, not {raw!r}"
    )
    try:
        west, south, east, north = (float(part) for part in raw.split(","))
    except ValueError:
        raise problem from None
    in_range = -180 <= west <= east <= 180 and -90 <= south <= north <= 90
    if not in_range:
        raise problem
    return Box(min_latitude=south, min_longitude=west, max_latitude=north, max_longitude=east)
