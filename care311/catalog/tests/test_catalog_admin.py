import pytest

from care311.catalog.models import (
    Department,
    District,
    RoutingRule,
    ServiceAttribute,
    ServiceType,
    WorkQueue,
)
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
        "/admin/catalog/workqueue/",
        "/admin/catalog/district/",
        "/admin/catalog/routingrule/",
        "/admin/catalog/holiday/",
        "/admin/catalog/closurereason/",
    ],
)
def test_it_lists_each_part_of_the_catalog(admin_client, pothole, url):
    assert admin_client.get(url).status_code == 200


def test_a_rule_sending_work_to_another_departments_queue_is_refused(admin_client, pothole):
    streets = pothole.department
    parks = Department.objects.exclude(pk=streets.pk)[0]
    elsewhere = WorkQueue.objects.create(code="parks-trees", name="Trees", department=parks)

    response = admin_client.post(
        "/admin/catalog/routingrule/add/",
        {"service": pothole.pk, "department": streets.pk, "queue": elsewhere.pk, "priority": 100},
    )

    assert response.status_code == 200
    assert "the queue belongs to another department" in response.content.decode()
    assert RoutingRule.objects.count() == 0


def test_a_district_shape_that_cannot_be_read_is_refused_by_name(admin_client, pothole):
    response = admin_client.post(
        "/admin/catalog/district/add/",
        {"kind": "ward", "code": "1", "name": "Ward 1", "geometry": '{"type": "Point"}'},
    )

    assert response.status_code == 200
    assert District.objects.count() == 0
    assert "a district must be a Polygon or MultiPolygon, not Point" in response.content.decode()
