"""Which department and queue a new request goes to, by its service and where it is.

Rules are tried from the most to the least specific; the first tier with a match wins, and
within a tier the lowest priority number (then the oldest rule):

1. this service, in a district containing the point
2. this service, anywhere (a service-only rule)
3. this service, in the district nearest the point, when no district contains it
4. any service, in a district containing the point
5. any service, in the nearest district, when no district contains it
6. any service, anywhere (a catch-all rule)
7. no rule: the service's own department, no queue

Distances are measured in degrees on the map, which is close enough to pick the nearest of
a city's districts but is not a distance in metres.
"""

import threading
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from shapely import STRtree
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from care311.catalog.geometry import parse_area
from care311.catalog.models import Department, District, RoutingRule, ServiceType, WorkQueue


@dataclass(frozen=True)
class Route:
    department: Department | None
    queue: WorkQueue | None
    how: str  # which tier chose it, for the history event
    rule_id: int | None = None
    district: str = ""  # the district's code, when a district decided

    def describe(self) -> dict:
        return {
            "department": self.department.code if self.department else None,
            "queue": self.queue.code if self.queue else None,
            "how": self.how,
            "rule": self.rule_id,
            "district": self.district or None,
        }


class _Areas:
    """Every district's shape, parsed once per change of the district table."""

    def __init__(self, districts: list[District]) -> None:
        self.ids = [district.pk for district in districts]
        self.codes = {district.pk: district.code for district in districts}
        self.shapes: list[BaseGeometry] = [parse_area(d.geometry) for d in districts]
        self.tree = STRtree(self.shapes) if self.shapes else None

    def containing(self, point: Point) -> set[int]:
        if self.tree is None:
            return set()
        found = self.tree.query(point, predicate="intersects")
        return {self.ids[index] for index in found}

    def distance(self, district_id: int, point: Point) -> float:
        return self.shapes[self.ids.index(district_id)].distance(point)


_cache: dict[tuple, _Areas] = {}
_cache_lock = threading.Lock()


def _areas() -> _Areas:
    """The districts' shapes, reloaded when a district is added, changed or removed (one
    small query tells, so every process sees another process's change)."""
    stamp = tuple(District.objects.aggregate(n=Count("id"), at=Max("updated_at")).values())
    with _cache_lock:
        areas = _cache.get(stamp)
        if areas is None:
            areas = _Areas(list(District.objects.only("id", "code", "geometry")))
            _cache.clear()
            _cache[stamp] = areas
    return areas


def route_request(
    service: ServiceType, latitude: float | None = None, longitude: float | None = None
) -> Route:
    """The department and queue for a new request of `service` at the point given."""
    rules = list(
        RoutingRule.objects.filter(Q(service=service) | Q(service__isnull=True))
        .select_related("department", "queue")
        .order_by("priority", "id")
    )
    containing: set[int] = set()
    nearest_to: Point | None = None
    areas = None
    if latitude is not None and longitude is not None and any(r.district_id for r in rules):
        areas = _areas()
        point = Point(longitude, latitude)
        containing = areas.containing(point)
        nearest_to = None if containing else point

    for for_service in (True, False):
        tier = [rule for rule in rules if (rule.service_id is not None) == for_service]
        inside = [rule for rule in tier if rule.district_id in containing]
        if inside:
            return _route(inside[0], "district", areas)
        if for_service:
            anywhere = [rule for rule in tier if rule.district_id is None]
            if anywhere:
                return _route(anywhere[0], "service")
        if nearest_to is not None and areas is not None:
            placed = [(rule, rule.district_id) for rule in tier if rule.district_id is not None]
            if placed:
                rule, _ = min(placed, key=lambda pair: areas.distance(pair[1], nearest_to))
                return _route(rule, "nearest district", areas)
    catch_all = [rule for rule in rules if rule.service_id is None and rule.district_id is None]
    if catch_all:
        return _route(catch_all[0], "catch-all")
    return Route(department=service.department, queue=None, how="service department")


def _route(rule: RoutingRule, how: str, areas: _Areas | None = None) -> Route:
    district = areas.codes.get(rule.district_id, "") if areas and rule.district_id else ""
    return Route(
        department=rule.department, queue=rule.queue, how=how, rule_id=rule.pk, district=district
    )
