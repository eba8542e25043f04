"""A resident files a request with plain forms and links: no JavaScript, no map."""

import re

import pytest

from care311.portal.models import FormSubmission
from care311.service_requests.models import EventKind, ServiceRequest

pytestmark = pytest.mark.django_db


def test_it_walks_from_the_service_list_to_a_tracking_number(client, portal_form):
    listing = client.get("/report/").content.decode()
    assert 'href="/report/where/?service=STR-POTHOLE"' in listing
    where = client.get("/report/where/", {"service": "STR-POTHOLE"}).content.decode()
    assert '<form method="get" action="/report/details/" novalidate>' in where
    assert '<label for="id_address">' in where

    data = portal_form(
        {"address": "1200 S Peoria Ave"}, description="Deep hole", **{"attribute[depth]": "4"}
    )
    response = client.post("/report/details/", data)

    filed = ServiceRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/report/filed/{filed.public_id}/"
    assert (filed.channel, filed.address, filed.description) == (
        "web",
        "1200 S Peoria Ave",
        "Deep hole",
    )
    assert (filed.latitude, filed.longitude) == (None, None)
    assert filed.answers == {"size": "L", "details": "By the curb", "depth": 4}
    assert list(filed.events.values_list("kind", "actor_name")) == [(EventKind.CREATED, "portal")]
    assert FormSubmission.objects.get().request == filed

    page = client.get(response["Location"]).content.decode()
    assert re.search(
        rf'<p class="tracking-number" id="tracking-number">{filed.public_id}</p>', page
    )


def test_it_files_at_a_pin_given_as_coordinates(client, portal_form):
    response = client.post("/report/details/", portal_form())

    filed = ServiceRequest.objects.get()
    assert response.status_code == 302
    assert (filed.latitude, filed.longitude, filed.address) == (36.1446, -95.9754, "")


def test_it_shows_the_questions_of_the_service_in_order(client, questions):
    page = client.get(
        "/report/details/", {"service": "STR-POTHOLE", "address": "1 Main St"}
    ).content.decode()

    labels = re.findall(r"Question (\w+)\?", page)
    assert labels == ["size", "depth", "seen_at", "landmark", "details", "hazards"]
    assert 'type="radio" name="attribute[size]"' in page
    assert 'type="checkbox" name="attribute[hazards]"' in page
    assert 'type="datetime-local"' in page
    assert '<textarea name="attribute[details]"' in page


def test_it_shows_the_only_confirmation_to_the_browser_that_filed(client, portal_form):
    client.post("/report/details/", portal_form())
    filed = ServiceRequest.objects.get()

    other = client.__class__()
    response = other.get(f"/report/filed/{filed.public_id}/")

    assert response.status_code == 302
    assert response["Location"] == f"/requests/{filed.public_id}/"


def test_it_answers_404_for_an_unknown_or_hidden_service(client, service):
    assert client.get("/report/where/", {"service": "NOPE"}).status_code == 404
    service.hidden = True
    service.save()
    assert client.get("/report/where/", {"service": service.service_code}).status_code == 404
