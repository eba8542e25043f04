import pytest
from django.db.models import F

from care311.catalog.models import (
    AttributeValue,
    Datatype,
    Department,
    ServiceAttribute,
    ServiceGroup,
    ServiceType,
)
from care311.demo.catalog import load_catalog

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Department.objects.count(),
        ServiceGroup.objects.count(),
        ServiceType.objects.count(),
        ServiceAttribute.objects.count(),
        AttributeValue.objects.count(),
    )


def test_it_loads_the_same_catalog_twice_without_duplicates():
    first = load_catalog()
    after_first = _counts()
    second = load_catalog()

    assert first == second
    assert (first.departments, first.groups, first.services) == (8, 8, 32)
    assert (first.attributes, first.values) == (60, 136)
    assert after_first == _counts() == (8, 8, 32, 60, 136)


def test_it_updates_a_service_changed_since_the_last_load():
    load_catalog()
    ServiceType.objects.filter(service_code="STR-POTHOLE").update(name="Renamed", sla_hours=1)
    ServiceAttribute.objects.filter(service__service_code="STR-POTHOLE", code="size").delete()

    load_catalog()

    pothole = ServiceType.objects.get(service_code="STR-POTHOLE")
    assert (pothole.name, pothole.sla_hours, pothole.sla_clock) == ("Pothole", 72, "business")
    assert list(pothole.attributes.values_list("code", flat=True)) == [
        "size",
        "lane",
        "depth_inches",
    ]


def test_it_asks_questions_of_all_six_datatypes():
    load_catalog()

    used = set(ServiceAttribute.objects.values_list("datatype", flat=True))

    assert used == set(Datatype.values)


def test_it_gives_list_choices_keys_that_differ_from_their_names():
    load_catalog()
    size = ServiceAttribute.objects.get(service__service_code="STR-POTHOLE", code="size")

    choices = list(size.values.values_list("key", "name", "order"))

    assert choices == [
        ("S", "Smaller than a dinner plate", 1),
        ("M", "About the size of a tire", 2),
        ("L", "Larger than a tire", 3),
    ]
    assert size.required
    assert not AttributeValue.objects.filter(key=F("name")).exists()


def test_it_gives_every_department_a_contact_email():
    load_catalog()

    assert not Department.objects.filter(contact_email="").exists()


def test_it_uses_both_sla_clocks():
    load_catalog()

    clocks = set(ServiceType.objects.values_list("sla_clock", flat=True))

    assert clocks == {"business", "calendar"}
