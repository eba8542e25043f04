import pytest

from care311.catalog.models import ServiceAttribute, ServiceType
from care311.demo.catalog import load_catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def pothole(admin_client):
    load_catalog()
    return ServiceType.objects.get(service_code="STR-POTHOLE")


def test_it_edits_a_service_with_its_questions_inline(admin_client, pothole):
    html = admin_client.get(f"/admin/catalog/servicetype/{pothole.pk}/change/").content.decode()

    assert 'name="attributes-0-code"' in html
    assert "About how big is the pothole?" in html


def test_it_edits_a_question_with_its_list_choices_inline(admin_client, pothole):
    size = ServiceAttribute.objects.get(service=pothole, code="size")

    html = admin_client.get(f"/admin/catalog/serviceattribute/{size.pk}/change/").content.decode()

    assert 'name="values-0-key" value="S"' in html
    assert "Smaller than a dinner plate" in html


@pytest.mark.parametrize(
    "url",
    [
        "/admin/catalog/department/",
        "/admin/catalog/servicegroup/",
        "/admin/catalog/servicetype/",
        "/admin/catalog/serviceattribute/",
        "/admin/catalog/categorymapping/",
    ],
)
def test_it_lists_each_part_of_the_catalog(admin_client, pothole, url):
    assert admin_client.get(url).status_code == 200
