"""Every error under /open311/ comes in the format the path asks for, never an HTML page."""

import json

import pytest
from defusedxml import ElementTree

from care311.open311 import views

pytestmark = pytest.mark.django_db


def as_json(response):
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def as_xml(response):
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)
    assert root.tag == "errors"
    return [(int(node.findtext("code") or 0), node.findtext("description")) for node in root]


def test_it_answers_400_in_json_and_xml(client):
    json_response = client.get("/open311/v2/requests.json", {"status": "pending"})
    xml_response = client.get("/open311/v2/requests.xml", {"status": "pending"})

    description = "status must be open or closed, not 'pending'"
    assert json_response.status_code == xml_response.status_code == 400
    assert as_json(json_response) == [{"code": 400, "description": description}]
    assert as_xml(xml_response) == [(400, description)]


def test_it_answers_403_in_json_and_xml(client, pothole):
    json_response = client.post("/open311/v2/requests.json", {"service_code": "0042 pothole"})
    xml_response = client.post("/open311/v2/requests.xml", {"api_key": "wrong"})

    assert as_json(json_response) == [
        {"code": 403, "description": "api_key is required to post a request"}
    ]
    assert as_xml(xml_response) == [(403, "api_key is not a valid key")]
    assert json_response.status_code == xml_response.status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/open311/v2/nothing.json",
        "/open311/v2/services.csv",
        "/open311/v2/services",
        "/open311/v2/",
        "/open311/v3/services.json",
    ],
)
def test_it_answers_404_for_an_unknown_path(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert as_json(response) == [
        {
            "code": 404,
            "description": f"there is nothing at {path}; see discovery.json for the endpoints",
        }
    ]


def test_it_answers_404_in_xml_for_an_xml_path(client):
    response = client.get("/open311/v2/nothing.xml")

    assert as_xml(response) == [
        (404, "there is nothing at /open311/v2/nothing.xml; see discovery.json for the endpoints")
    ]


@pytest.mark.parametrize(
    ("method", "path", "allowed", "description"),
    [
        (
            "put",
            "/open311/v2/services.json",
            "GET, HEAD",
            "PUT is not allowed here; use GET or HEAD",
        ),
        (
            "delete",
            "/open311/v2/requests.json",
            "GET, HEAD, POST",
            "DELETE is not allowed here; use GET, HEAD or POST",
        ),
        (
            "post",
            "/open311/v2/discovery.json",
            "GET, HEAD",
            "POST is not allowed here; use GET or HEAD",
        ),
    ],
)
def test_it_answers_405_with_the_allowed_methods(client, method, path, allowed, description):
    response = getattr(client, method)(path)

    assert response.status_code == 405
    assert response["Allow"] == allowed
    assert as_json(response) == [{"code": 405, "description": description}]


def test_it_answers_413_for_a_body_over_the_limit(client, settings):
    settings.OPEN311_MAX_BODY_BYTES = 100

    response = client.post("/open311/v2/requests.xml", {"description": "x" * 200})

    assert response.status_code == 413
    assert as_xml(response) == [(413, "the request body is larger than 100 bytes")]


def test_it_answers_413_when_django_refuses_the_form(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50

    response = client.post("/open311/v2/requests.json", {"description": "x" * 200})

    assert response.status_code == 413
    assert as_json(response) == [
        {"code": 413, "description": "the form fields are larger than 50 bytes"}
    ]


def test_it_answers_429_past_the_rate_limit(client, settings):
    settings.OPEN311_RATE_LIMIT = 2

    first, second, third = (client.get("/open311/v2/discovery.xml") for _ in range(3))

    assert (first.status_code, second.status_code, third.status_code) == (200, 200, 429)
    assert 1 <= int(third["Retry-After"]) <= 60
    [(code, description)] = as_xml(third)
    assert code == 429
    assert description.startswith("more than 2 requests a minute from this client; try again in")


def test_it_answers_500_without_a_traceback(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views, "listed_services", broken)

    response = client.get("/open311/v2/services.xml")

    assert response.status_code == 500
    assert as_xml(response) == [(500, "the server failed to answer this request")]
    assert b"secret internals" not in response.content


def test_it_leaves_other_paths_alone(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
