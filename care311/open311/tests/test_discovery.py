"""Discovery names the real endpoint, its formats, changeset, contact and page limit."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_describes_this_server_in_json(api, settings):
    settings.OPEN311_CONTACT = "311 Open Data <opendata@city.test>"
    settings.OPEN311_KEY_SERVICE = "https://city.test/open311-keys"

    status, document = api.get("discovery.json")

    assert status == 200
    assert document == {
        "changeset": "2026-12-03T00:00:00Z",
        "contact": "311 Open Data <opendata@city.test>",
        "key_service": "https://city.test/open311-keys",
        "max_requests": 1000,
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": "http://testserver/open311/v2",
                "changeset": "2026-12-03T00:00:00Z",
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }


def test_it_describes_this_server_in_xml(api):
    status, root = api.xml("discovery.xml")

    assert status == 200
    assert root.tag == "discovery"
    assert root.findtext("contact") == ""
    assert root.findtext("max_requests") == "1000"
    endpoint = root.find("endpoints/endpoint")
    assert endpoint.findtext("url") == "http://testserver/open311/v2"
    assert [node.text for node in endpoint.findall("formats/format")] == [
        "text/xml",
        "application/json",
    ]


def test_it_lists_an_endpoint_that_answers(api, client, pothole):
    _, document = api.get("discovery.json")
    url = document["endpoints"][0]["url"].removeprefix("http://testserver")

    assert client.get(f"{url}/services.json").status_code == 200
