"""The portal's home page and the list of services to report, in English and Spanish."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_opens_on_search_report_and_track(client):
    html = client.get("/").content.decode()

    assert '<h1 id="hero-title">How can we help?</h1>' in html
    assert '<form class="search" role="search" action="/help/" method="get">' in html
    assert 'href="/report/"' in html
    assert 'href="/track/"' in html


def test_it_filters_the_service_list_by_name_or_keyword(client, service):
    service.keywords = "hole, road"
    service.save()

    assert "Pothole" in client.get("/report/", {"q": "road"}).content.decode()
    assert "Pothole" not in client.get("/report/", {"q": "graffiti"}).content.decode()


def test_it_names_services_in_spanish_when_translated(client, service):
    service.translations = {"es": {"name": "Bache", "description": "Un hoyo en la calle."}}
    service.description = "A hole in the street."
    service.save()
    client.cookies["django_language"] = "es"

    html = client.get("/report/").content.decode()

    assert ">Bache</a>" in html
    assert "Un hoyo en la calle." in html
    assert "Reportar un problema" in html
    assert "Bache" in client.get("/report/", {"q": "bache"}).content.decode()
