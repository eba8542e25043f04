"""The service list shows the catalog's open services, never hidden or retired ones."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_lists_listed_services_in_group_order(api, pothole, graffiti, hidden, retired):
    status, services = api.get("services.json")

    assert status == 200
    assert services == [
        {
            "service_code": "0042 pothole",
            "service_name": "Pothole",
            "description": "A hole in the street",
            "metadata": True,
            "type": "realtime",
            "keywords": "pothole,street,hole",
            "group": "Streets and sidewalks",
        },
        {
            "service_code": "GR-001.v2 graffiti",
            "service_name": "Graffiti",
            "description": None,
            "metadata": False,
            "type": "realtime",
            "keywords": None,
            "group": None,
        },
    ]


def test_it_lists_the_same_in_xml(api, pothole, graffiti, hidden):
    status, root = api.xml("services.xml")

    assert status == 200
    assert root.tag == "services"
    assert [node.findtext("service_code") for node in root.findall("service")] == [
        "0042 pothole",
        "GR-001.v2 graffiti",
    ]
    graffiti_node = root.findall("service")[1]
    assert [child.tag for child in graffiti_node] == [
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    ]
    assert graffiti_node.findtext("metadata") == "false"
    assert graffiti_node.findtext("description") == ""


def test_it_lists_in_one_query(api, pothole, graffiti, django_assert_num_queries):
    with django_assert_num_queries(1):
        api.get("services.json")
