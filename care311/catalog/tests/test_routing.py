"""Routing picks a department and queue by service and district, with the nearest district
for a point outside them all, and the service's own department when no rule applies."""

import pytest

from care311.catalog.models import Department, District, RoutingRule, ServiceType, WorkQueue
from care311.catalog.routing import route_request
from care311.service_requests import actions
from care311.service_requests.actors import System

pytestmark = pytest.mark.django_db

NORTH_POINT = (36.25, -96.0)  # latitude, longitude
SOUTH_POINT = (36.05, -96.0)
FAR_SOUTH = (35.96, -96.0)  # below every zone, nearest to South
FAR_NORTH = (36.34, -96.0)  # above every zone, nearest to North


def box(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def city(db):
    sanitation = Department.objects.create(code="sanitation", name="Sanitation")
    streets = Department.objects.create(code="streets", name="Streets")
    zones = {
        code: District.objects.create(kind="sanitation zone", code=code, name=code, geometry=g)
        for code, g in (
            ("north", box(-96.1, 36.2, -95.8, 36.3)),
            ("south", box(-96.1, 36.0, -95.8, 36.1)),
        )
    }
    queues = {
        code: WorkQueue.objects.create(code=code, name=code, department=department)
        for code, department in (
            ("north-crews", sanitation),
            ("south-crews", sanitation),
            ("potholes", streets),
        )
    }
    trash = ServiceType.objects.create(service_code="TRASH", name="Trash", department=sanitation)
    pothole = ServiceType.objects.create(service_code="HOLE", name="Pothole", department=streets)
    for zone, queue in (("north", "north-crews"), ("south", "south-crews")):
        RoutingRule.objects.create(
            service=trash, district=zones[zone], department=sanitation, queue=queues[queue]
        )
    return {"trash": trash, "pothole": pothole, "zones": zones, "queues": queues}


def test_it_routes_by_the_district_containing_the_point(city):
    north = route_request(city["trash"], *NORTH_POINT)
    south = route_request(city["trash"], *SOUTH_POINT)

    assert (north.queue.code, north.how, north.district) == ("north-crews", "district", "north")
    assert (south.queue.code, south.department.code) == ("south-crews", "sanitation")


def test_it_routes_a_point_outside_every_district_to_the_nearest(city):
    assert route_request(city["trash"], *FAR_SOUTH).describe() == {
        "department": "sanitation",
        "queue": "south-crews",
        "how": "nearest district",
        "rule": RoutingRule.objects.get(district__code="south").pk,
        "district": "south",
    }
    assert route_request(city["trash"], *FAR_NORTH).queue.code == "north-crews"


def test_it_prefers_a_service_only_rule_to_the_nearest_district(city):
    streets = city["pothole"].department
    rule = RoutingRule.objects.create(
        service=city["trash"], department=streets, queue=city["queues"]["potholes"], priority=5
    )

    outside = route_request(city["trash"], *FAR_SOUTH)
    inside = route_request(city["trash"], *SOUTH_POINT)

    assert (outside.queue.code, outside.how, outside.rule_id) == ("potholes", "service", rule.pk)
    assert (inside.queue.code, inside.how) == ("south-crews", "district")


def test_it_falls_back_to_the_services_department(city):
    route = route_request(city["pothole"], *NORTH_POINT)
    unplaced = route_request(city["trash"])

    assert (route.department.code, route.queue, route.how) == (
        "streets",
        None,
        "service department",
    )
    assert (unplaced.department.code, unplaced.queue) == ("sanitation", None)


def test_it_takes_a_catch_all_rule_before_the_services_department(city):
    streets = city["pothole"].department
    RoutingRule.objects.create(department=streets, queue=city["queues"]["potholes"])

    assert route_request(city["pothole"]).how == "catch-all"
    assert route_request(city["trash"], *NORTH_POINT).queue.code == "north-crews"


def test_it_sees_a_redrawn_district_at_once(city):
    assert route_request(city["trash"], *NORTH_POINT).queue.code == "north-crews"
    south = city["zones"]["south"]
    south.geometry = box(-96.1, 36.0, -95.8, 36.3)  # now covers the north point too
    south.save()
    city["zones"]["north"].delete()

    assert route_request(city["trash"], *NORTH_POINT).queue.code == "south-crews"


def test_it_files_a_request_where_routing_says_and_records_why(city):
    filed = actions.create_request(
        service=city["trash"],
        channel="web",
        by=System("test"),
        latitude=FAR_SOUTH[0],
        longitude=FAR_SOUTH[1],
    )

    assert (filed.department.code, filed.queue.code) == ("sanitation", "south-crews")
    assert filed.events.get().changes["routed"]["how"] == "nearest district"
