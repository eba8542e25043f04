import pytest

from care311.catalog.models import AttributeValue, ServiceAttribute, ServiceGroup, ServiceType
from care311.demo.catalog import load_catalog

pytestmark = pytest.mark.django_db


def test_it_gives_every_text_of_the_demo_catalog_in_spanish():
    load_catalog()

    missing = [
        str(record)
        for model, fields in (
            (ServiceGroup, ("name",)),
            (ServiceType, ("name", "description")),
            (ServiceAttribute, ("description",)),
            (AttributeValue, ("name",)),
        )
        for record in model.objects.all()
        for field in fields
        if not record.translations.get("es", {}).get(field)
    ]

    assert missing == []
    pothole = ServiceType.objects.get(service_code="STR-POTHOLE")
    assert pothole.translations["es"]["name"] == "Bache"
