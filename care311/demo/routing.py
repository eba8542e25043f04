"""The demo city's routing: sanitation zones, work queues, routing rules, holidays and
closure reasons, from data/sanitation_zones.geojson and data/routing.json. Idempotent."""

import json
from pathlib import Path

from django.db import transaction

from care311.catalog.districts import load_districts
from care311.catalog.models import (
    ClosureReason,
    Department,
    District,
    Holiday,
    RoutingRule,
    ServiceType,
    WorkQueue,
)

DATA = Path(__file__).resolve().parent / "data"
ZONES_FILE = DATA / "sanitation_zones.geojson"
ROUTING_FILE = DATA / "routing.json"
ZONE_KIND = "sanitation zone"


@transaction.atomic
def load_routing() -> str:
    """Create or update the demo's routing; returns a line saying what it holds."""
    zones = load_districts(ZONES_FILE, kind=ZONE_KIND, name_property="name", code_property="zone")
    data = json.loads(ROUTING_FILE.read_text(encoding="utf-8"))
    for day, name in data["holidays"]:
        Holiday.objects.update_or_create(date=day, defaults={"name": name})
    queues = {}
    for item in data["queues"]:
        queues[item["code"]], _ = WorkQueue.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "department": Department.objects.get(code=item["department"]),
            },
        )
    RoutingRule.objects.filter(service__service_code__in=_services(data["rules"])).delete()
    for order, item in enumerate(data["rules"], start=1):
        queue = queues[item["queue"]]
        RoutingRule.objects.create(
            service=ServiceType.objects.get(service_code=item["service"]),
            district=_zone(item.get("district")),
            department=queue.department,
            queue=queue,
            priority=order,
        )
    for order, item in enumerate(data["closure_reasons"], start=1):
        service = item.get("service")
        ClosureReason.objects.update_or_create(
            service=ServiceType.objects.get(service_code=service) if service else None,
            code=item["code"],
            defaults={
                "label": item["label"],
                "translations": {"es": {"label": item["es"]}},
                "resolved": item["resolved"],
                "order": order,
            },
        )
    return (
        f"Routing: {zones.created + zones.updated} sanitation zones, {len(queues)} queues, "
        f"{len(data['rules'])} rules, {len(data['holidays'])} holidays, "
        f"{len(data['closure_reasons'])} closure reasons"
    )


def _services(rules: list[dict]) -> set[str]:
    return {rule["service"] for rule in rules}


def _zone(code: str | None) -> District | None:
    return District.objects.get(kind=ZONE_KIND, code=code) if code else None
