"""A POST body Django cannot read (a multipart without a boundary, a form in another charset,
too many fields, JSON) is a 400 in the client's format that names the problem."""

import json

import pytest
from django.test import override_settings

from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db


def errors(response):
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def test_it_refuses_a_multipart_body_without_a_boundary(client):
    response = client.post(
        "/open311/v2/requests.json", b"api_key=x", content_type="multipart/form-data"
    )

    assert response.status_code == 400
    assert errors(response) == [
        {
            "code": 400,
            "description": "the multipart body cannot be read: Invalid boundary in multipart: None",
        }
    ]


def test_it_refuses_a_form_that_is_not_utf8(client):
    # Django reads a form only in UTF-8, whatever charset the client declares.
    response = client.generic(
        "POST",
        "/open311/v2/requests.xml",
        b"api_key=x",
        content_type="application/x-www-form-urlencoded; charset=utf-16",
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert b"must be UTF-8 encoded" in response.content


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=10)
def test_it_names_too_many_fields(client):
    query = "&".join(f"field{number}=1" for number in range(11))

    response = client.get(f"/open311/v2/services.json?{query}")

    assert response.status_code == 400
    assert errors(response) == [
        {
            "code": 400,
            "description": "more than 10 parameters were sent "
            "(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)",
        }
    ]


def test_it_refuses_a_json_body(client, api_key, graffiti):
    body = {"api_key": api_key, "service_code": "GR-001.v2 graffiti", "lat": 36.1, "long": -95.9}

    response = client.post("/open311/v2/requests.json", body, content_type="application/json")

    assert response.status_code == 400
    assert errors(response) == [
        {
            "code": 400,
            "description": "send a POST as application/x-www-form-urlencoded or "
            "multipart/form-data, not application/json",
        }
    ]
    assert ServiceRequest.objects.count() == 0
