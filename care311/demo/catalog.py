"""The demo city's service catalog, kept as data in data/catalog.json.

Loading is idempotent: records are matched on their natural keys (department code, group
name, service code, question code, choice key) and updated in place, and questions or choices
no longer in the file are removed from the demo's services.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from care311.catalog.models import (
    AttributeValue,
    Department,
    ServiceAttribute,
    ServiceGroup,
    ServiceType,
)

CATALOG_FILE = Path(__file__).resolve().parent / "data" / "catalog.json"
# The catalog's Spanish: service names and descriptions by code; groups, questions, hints and
# choices by their English text (each is written once however many services share it).
SPANISH_FILE = CATALOG_FILE.with_name("catalog_es.json")


@dataclass
class CatalogCounts:
    departments: int
    groups: int
    services: int
    attributes: int
    values: int


def read_catalog(path: Path = CATALOG_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@transaction.atomic
def load_catalog(path: Path = CATALOG_FILE) -> CatalogCounts:
    """Create or update the demo catalog; returns how many of each record the file holds."""
    data = read_catalog(path)
    spanish = read_catalog(SPANISH_FILE)

    departments = {}
    for item in data["departments"]:
        departments[item["code"]], _ = Department.objects.update_or_create(
            code=item["code"],
            defaults={"name": item["name"], "contact_email": item["contact_email"]},
        )

    groups = {}
    for order, name in enumerate(data["groups"], start=1):
        groups[name], _ = ServiceGroup.objects.update_or_create(
            name=name,
            defaults={"order": order * 10, "translations": _es(name=spanish["groups"].get(name))},
        )

    attributes = values = 0
    for item in data["services"]:
        service, _ = ServiceType.objects.update_or_create(
            service_code=item["service_code"],
            defaults={
                "name": item["name"],
                "description": item["description"],
                "keywords": item["keywords"],
                "group": groups[item["group"]],
                "department": departments[item["department"]],
                "sla_hours": item["sla_hours"],
                "sla_clock": item["sla_clock"],
                "active": True,
                "hidden": False,
                "translations": _es(*spanish["services"].get(item["service_code"], [])),
            },
        )
        questions = item.get("attributes", [])
        attributes += len(questions)
        values += sum(_load_attributes(service, questions, spanish))

    return CatalogCounts(
        departments=len(departments),
        groups=len(groups),
        services=len(data["services"]),
        attributes=attributes,
        values=values,
    )


def _es(name: str | None = None, description: str | None = None, **more: str | None) -> dict:
    """Translations in the catalog's form: {"es": {field: text}} for the texts given."""
    texts = {"name": name, "description": description, **more}
    given = {field: text for field, text in texts.items() if text}
    return {"es": given} if given else {}


def _load_attributes(service: ServiceType, questions: list[dict], spanish: dict) -> list[int]:
    """Bring the service's questions in line with `questions`; returns each one's choice count."""
    counts = []
    for order, question in enumerate(questions, start=1):
        attribute, _ = ServiceAttribute.objects.update_or_create(
            service=service,
            code=question["code"],
            defaults={
                "datatype": question["datatype"],
                "description": question["description"],
                "datatype_description": question.get("datatype_description", ""),
                "required": question["required"],
                "variable": True,
                "order": order,
                "translations": _es(
                    description=spanish["questions"].get(question["description"]),
                    datatype_description=spanish["hints"].get(
                        question.get("datatype_description", "")
                    ),
                ),
            },
        )
        choices = question.get("values", [])
        for position, (key, name) in enumerate(choices, start=1):
            AttributeValue.objects.update_or_create(
                attribute=attribute,
                key=key,
                defaults={
                    "name": name,
                    "order": position,
                    "translations": _es(name=spanish["values"].get(name)),
                },
            )
        attribute.values.exclude(key__in=[key for key, _ in choices]).delete()
        counts.append(len(choices))
    service.attributes.exclude(code__in=[question["code"] for question in questions]).delete()
    return counts
