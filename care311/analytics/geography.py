"""Requests and times to close by district, the open requests on a map, their density, and
the points many requests share exactly (a geocoder's default or a district's centroid).

Districts are the catalog's GeoJSON polygons; a request belongs to the first district of the
chosen kind whose polygon holds its point (shapely, vectorised over the period's requests).
Requests at a default point are reported, and kept out of the map, the density grid and the
district figures, since their true place is unknown.
"""

from dataclasses import dataclass, field

import numpy as np
import shapely
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from care311.analytics.charts import Table, percent
from care311.analytics.performance import figures as f
from care311.analytics.performance.percentiles import HoursBetween
from care311.catalog.geometry import GeometryError, parse_area
from care311.catalog.models import District

# A point is a default when at least this many requests, and this share of those located,
# sit on it to the 5th decimal (about a metre).
DEFAULT_POINT_MIN = 20
DEFAULT_POINT_SHARE = 0.01
PRECISION = 5
# A district is flagged when its median time to close is this many times the city's, or its
# compliance this many points below, over at least MIN_CLOSED closures.
SLOWER = 1.5
COMPLIANCE_GAP = 15.0
MIN_CLOSED = 5
MAP_LIMIT = 2000
CELL = 0.01  # degrees of the density grid (about 1 km)


@dataclass
class Place:
    """The period's received requests as arrays, one entry per request."""

    ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    hours: np.ndarray  # to close, NaN when open, not closed in time or skewed
    met: np.ndarray  # 1 met, 0 missed, NaN no target or not closed
    open_: np.ndarray

    @property
    def located(self) -> np.ndarray:
        return ~np.isnan(self.lat) & ~np.isnan(self.lon)


@dataclass
class Geography:
    kind: str
    table: Table
    received: int
    no_location: int
    outside: int
    default_points: list[dict]
    at_default: int
    bad_districts: list[str]
    flagged: list[str]
    density: list[dict] = field(default_factory=list)


def district_kinds() -> list[str]:
    return list(District.objects.order_by("kind").values_list("kind", flat=True).distinct())


def read_places(requests: QuerySet) -> Place:
    """The requests' numbers, worked out in the database (no datetimes cross into Python)."""
    timed = f.CLOSED & Q(closed_at__gte=F("requested_at"))
    columns = requests.order_by().annotate(
        hours=Case(When(timed, then=HoursBetween("closed_at", "requested_at")), default=None),
        met=Case(
            When(timed & Q(closed_at__lte=F("expected_at")), then=Value(1.0)),
            When(timed & Q(closed_at__gt=F("expected_at")), then=Value(0.0)),
            default=None,
            output_field=FloatField(),
        ),
        is_open=Case(
            When(f.CLOSED, then=Value(0.0)), default=Value(1.0), output_field=FloatField()
        ),
    )
    rows = list(columns.values_list("id", "latitude", "longitude", "hours", "met", "is_open"))
    table = np.array(rows, dtype=float).reshape(-1, 6)
    return Place(
        ids=table[:, 0].astype(np.int64),
        lat=table[:, 1],
        lon=table[:, 2],
        hours=table[:, 3],
        met=table[:, 4],
        open_=table[:, 5] == 1.0,
    )


def default_points(place: Place) -> tuple[list[dict], np.ndarray]:
    """The points shared by suspiciously many requests, and a mask of the requests on them."""
    located = place.located
    mask = np.zeros(len(place.ids), dtype=bool)
    if not located.any():
        return [], mask
    pairs = np.stack([np.round(place.lat, PRECISION), np.round(place.lon, PRECISION)], axis=1)
    values, inverse, counts = np.unique(
        pairs[located], axis=0, return_inverse=True, return_counts=True
    )
    threshold = max(DEFAULT_POINT_MIN, DEFAULT_POINT_SHARE * located.sum())
    found = []
    for index in np.flatnonzero(counts >= threshold):
        found.append(
            {
                "latitude": float(values[index][0]),
                "longitude": float(values[index][1]),
                "count": int(counts[index]),
            }
        )
        mask[np.flatnonzero(located)[inverse.reshape(-1) == index]] = True
    found.sort(key=lambda point: -point["count"])
    return found, mask


def assign(
    place: Place, districts: list[District], usable: np.ndarray
) -> tuple[np.ndarray, list[str]]:
    """Each request's district index (-1 outside all, or unusable), and the districts whose
    stored shape cannot be read (skipped, named on the page)."""
    which = np.full(len(place.ids), -1)
    bad = []
    for index, district in enumerate(districts):
        try:
            area = parse_area(district.geometry)
        except GeometryError:
            bad.append(district.name)
            continue
        shapely.prepare(area)
        inside = usable & (which < 0)
        inside[inside] = shapely.contains_xy(area, place.lon[inside], place.lat[inside])
        which[inside] = index
    return which, bad


def geography(requests: QuerySet, window: f.Window, kind: str) -> Geography:
    place = read_places(requests.filter(f.received(window)))
    points, at_default = default_points(place)
    usable = place.located & ~at_default
    districts = list(District.objects.filter(kind=kind)) if kind else []
    which, bad = assign(place, districts, usable)
    table = Table(
        _("By district"),
        [
            _("District"),
            _("Received"),
            _("Closed in the period"),
            _("Median hours to close"),
            _("90th percentile hours"),
            _("Service target met (%)"),
            _("Open now"),
        ],
    )
    city = _row(place, usable)
    flagged = []
    for index, district in enumerate(districts):
        row = _row(place, which == index)
        flag = _flag(row, city)
        if flag:
            flagged.append(district.name)
        table.add(district.name, *row, key=district.pk)
    table.add(_("Whole city (located)"), *city, key=None)
    return Geography(
        kind=kind,
        table=table,
        received=len(place.ids),
        no_location=int((~place.located).sum()),
        outside=int((usable & (which < 0)).sum()) if districts else 0,
        default_points=points,
        at_default=int(at_default.sum()),
        bad_districts=bad,
        flagged=flagged,
        density=density(place, usable),
    )


def _row(place: Place, mask: np.ndarray) -> list:
    hours = place.hours[mask]
    hours = hours[~np.isnan(hours)]
    met = place.met[mask]
    met = met[~np.isnan(met)]
    median = float(np.percentile(hours, 50)) if len(hours) else None
    p90 = float(np.percentile(hours, 90)) if len(hours) else None
    compliance = percent(float(met.mean())) if len(met) else None
    return [int(mask.sum()), len(hours), median, p90, compliance, int((place.open_ & mask).sum())]


def _flag(row: list, city: list) -> str:
    closed, median, compliance = row[1], row[2], row[4]
    if closed < MIN_CLOSED:
        return ""
    if median is not None and city[2] and median >= SLOWER * city[2]:
        return "slower"
    if compliance is not None and city[4] is not None and city[4] - compliance >= COMPLIANCE_GAP:
        return "compliance"
    return ""


def flags(table: Table) -> list[str]:
    """The flag of each district row (the city's last row has none)."""
    city = table.rows[-1][1:]
    return [_flag(row[1:], city) for row in table.rows[:-1]] + [""]


def density(place: Place, usable: np.ndarray, top: int = 400) -> list[dict]:
    """The grid cells with most requests, densest first: south-west corner and count."""
    if not usable.any():
        return []
    cells = np.stack(
        [np.floor(place.lat[usable] / CELL), np.floor(place.lon[usable] / CELL)], axis=1
    )
    values, counts = np.unique(cells, axis=0, return_counts=True)
    order = np.argsort(-counts, kind="stable")[:top]
    return [
        {
            "south": round(float(values[i][0]) * CELL, 4),
            "west": round(float(values[i][1]) * CELL, 4),
            "count": int(counts[i]),
        }
        for i in order
    ]


def open_markers(requests: QuerySet, points: list[dict]) -> tuple[list[list], int]:
    """Open requests with a location, not at a default point, for the map (at most
    MAP_LIMIT, newest first), and how many there are."""
    located = requests.filter(~f.CLOSED, latitude__isnull=False, longitude__isnull=False)
    for point in points:
        located = located.exclude(_near(point["latitude"], point["longitude"]))
    total = located.count()
    rows = located.order_by("-requested_at").values_list(
        "latitude", "longitude", "public_id", "service__name"
    )[:MAP_LIMIT]
    return [list(row) for row in rows], total


def _near(latitude: float, longitude: float) -> Q:
    half = 0.5 * 10**-PRECISION
    return Q(
        latitude__gte=latitude - half,
        latitude__lt=latitude + half,
        longitude__gte=longitude - half,
        longitude__lt=longitude + half,
    )


def requests_in(requests: QuerySet, window: f.Window, district: District) -> QuerySet:
    """The period's received requests inside `district` (not at a default point)."""
    received = requests.filter(f.received(window))
    place = read_places(received)
    _points, at_default = default_points(place)
    which, _bad = assign(place, [district], place.located & ~at_default)
    return received.filter(pk__in=place.ids[which == 0].tolist())


def requests_at(
    requests: QuerySet, window: f.Window, latitude: float, longitude: float
) -> QuerySet:
    return requests.filter(f.received(window)).filter(_near(latitude, longitude))
