"""Open311 clients published on PyPI drive a running care311 server over HTTP.

The server is waitress, as in a deployment, in its own process on a scratch database of the
kind the suite runs on, with the demo catalog and a key made by `care311 open311 apikey`.

- georeport (0.3) reads services, definitions and requests, in JSON and in XML.
- three (0.8, Code for America's client) reads discovery, services and requests and posts.
  It was written for Python 2: its core module imports `itertools.ifilter`, which Python 3
  renamed `filter`, so the test puts it back before the import (the shim below); every
  request still comes from three's own code. Its XML reader indexes `dict.keys()`, which
  Python 3 cannot, so three is used in JSON only.
"""

import io
import itertools
import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from georeport import GeoReport
from PIL import Image

from care311.imports.tests.test_kill_restart import Database

itertools.ifilter = filter  # type: ignore[attr-defined]  # the shim three needs (see above)
import three  # noqa: E402  - after the shim, which it needs at import

KEY_NAME = "published-clients"
JURISDICTION = "city.example"
POTHOLE = "STR-POTHOLE"
LOCATION = {"lat": 36.1540, "long": -95.9928}


class Server:
    """The running server, and clients of it set up as a city's app would set them up."""

    def __init__(self, base: str, api_key: str) -> None:
        self.base = base
        self.api_key = api_key

    def georeport(self, output_format: str = "json") -> GeoReport:
        return GeoReport(self.base, jurisdiction=JURISDICTION, output_format=output_format)

    def three(self, api_key: str = "") -> three.Three:
        return three.Three(self.base, jurisdiction=JURISDICTION, api_key=api_key)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, deadline: float, log: Path) -> None:
    while True:
        try:
            requests.get(url, timeout=2)
            return
        except requests.ConnectionError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                server.wait()
                raise AssertionError(f"the server did not start:\n{log.read_text()}") from None
            time.sleep(0.2)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("published-clients")
    database = Database(folder, "clients")
    env = {
        **os.environ,
        "DATABASE_URL": database.url,
        "CARE311_DATA_DIR": str(folder),
        "CARE311_OPEN311_JURISDICTION_ID": JURISDICTION,
    }
    care311 = [sys.executable, "-m", "care311"]
    catalog = "from care311.demo.catalog import load_catalog; load_catalog()"
    try:
        database.care311("migrate", "--verbosity", "0")
        subprocess.run([*care311, "shell", "-c", catalog], env=env, check=True, capture_output=True)
        issued = subprocess.run(
            [*care311, "open311", "apikey", "create", KEY_NAME],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )

        port = _free_port()
        waitress = [sys.executable, "-m", "waitress", f"--listen=127.0.0.1:{port}"]
        # The server's log goes to a file: a pipe nobody reads fills up and stalls the server.
        log_path = folder / "server.log"
        log = log_path.open("w")
        process = subprocess.Popen(
            [*waitress, "care311.wsgi:application"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            text=True,
        )
        base = f"http://127.0.0.1:{port}/open311/v2"
        try:
            _wait_until_up(f"{base}/discovery.json", process, time.monotonic() + 60, log_path)
            yield Server(base, issued.stdout.strip())
        finally:
            process.terminate()
            process.wait(timeout=30)
            log.close()
        err = log_path.read_text()
        assert "Traceback" not in err, err
    finally:
        database.drop()


@pytest.fixture(scope="module")
def posted(server):
    """A pothole report posted with three: its answer and the three client that sent it."""
    client = server.three(server.api_key)
    answer = client.post(
        POTHOLE,
        **LOCATION,
        description="Deep hole by the curb ✓",
        name="Ada Lovelace",
        email="ada@example.com",
        media=("hole.png", _png(), "image/png"),
        **{"attribute[size]": "L", "attribute[lane]": "PARK"},
    )
    assert client.post_response.status_code == 201, answer
    return answer[0]


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "gray").save(buffer, "PNG")
    return buffer.getvalue()


def test_it_tells_three_its_endpoint_by_discovery(server):
    document = server.three().discovery()

    assert document["max_requests"] == 1000
    (endpoint,) = document["endpoints"]
    assert endpoint["url"] == server.base
    assert "application/json" in endpoint["formats"]


def test_it_lists_services_and_definitions_to_georeport_in_json_and_xml(server):
    as_json, as_xml = server.georeport(), server.georeport("xml")

    services = {service["service_code"]: service for service in as_json.get_service_list()}
    assert services[POTHOLE]["metadata"] is True
    assert [service["service_code"] for service in as_xml.get_service_list()] == list(services)

    definition = as_json.get_service_definition(POTHOLE)
    size = definition["attributes"][0]
    assert (size["code"], size["datatype"], size["required"]) == ("size", "singlevaluelist", True)
    assert [value["key"] for value in size["values"]] == ["S", "M", "L"]
    xml_size = as_xml.get_service_definition(POTHOLE)["attributes"]["attribute"][0]
    assert [value["key"] for value in xml_size["values"]["value"]] == ["S", "M", "L"]


def test_it_shows_three_the_same_catalog(server):
    client = server.three()

    assert [service["service_code"] for service in client.services()][:1] == ["STR-DRAIN"]
    assert client.services(POTHOLE)["service_code"] == POTHOLE


def test_it_takes_a_post_from_three_with_answers_and_a_photo(server, posted):
    client = server.three()

    (found,) = client.request(posted["service_request_id"])

    assert found["service_code"] == POTHOLE
    assert found["description"] == "Deep hole by the curb ✓"
    assert (found["lat"], found["long"]) == (LOCATION["lat"], LOCATION["long"])
    assert found["media_url"].endswith(".png")
    assert "Ada" not in str(found) and "ada@example.com" not in str(found)
    assert client.token(posted["token"]) == [
        {"service_request_id": posted["service_request_id"], "token": posted["token"]}
    ]


def test_it_refuses_three_a_post_without_a_valid_key(server):
    client = server.three("not-a-key")

    answer = client.post(POTHOLE, **LOCATION, **{"attribute[size]": "S"})

    assert client.post_response.status_code == 403
    assert answer == [{"code": 403, "description": "api_key is not a valid key"}]


def test_it_finds_the_posted_request_by_filters_for_both_clients(server, posted):
    request_id = posted["service_request_id"]
    today = datetime.now(UTC).date()
    yesterday, tomorrow = today - timedelta(days=1), today + timedelta(days=1)

    by_three = server.three().requests(
        POTHOLE, status="open", count=10, between=[f"{yesterday:%m-%d-%Y}", f"{tomorrow:%m-%d-%Y}"]
    )
    by_georeport = server.georeport().get_service_requests(
        service_code=POTHOLE,
        status="open",
        start_date=f"{yesterday}T00:00:00Z",
        end_date=f"{tomorrow}T00:00:00Z",
    )
    closed = server.georeport().get_service_requests(service_code=POTHOLE, status="closed")
    earlier = server.three().requests(POTHOLE, end=f"{yesterday:%m-%d-%Y}", start="1-1-20")

    assert [found["service_request_id"] for found in by_three] == [request_id]
    assert [found["service_request_id"] for found in by_georeport] == [request_id]
    assert closed == []
    assert earlier == []


def test_it_answers_georeport_for_one_request_in_json_and_xml(server, posted):
    request_id = posted["service_request_id"]

    as_json = server.georeport().get_service_request(request_id)
    as_xml = server.georeport("xml").get_service_request(request_id)
    by_list = server.georeport().get_service_requests(service_request_id=request_id)

    assert as_json["service_request_id"] == as_xml["service_request_id"] == request_id
    assert as_xml["lat"] == str(as_json["lat"])
    assert as_xml["requested_datetime"] == as_json["requested_datetime"]
    assert by_list == [as_json]


def test_it_gives_georeport_a_404_for_an_unknown_request(server):
    with pytest.raises(requests.HTTPError) as raised:
        server.georeport().get_service_request("0000-0000-0000")

    response = raised.value.response
    assert response is not None
    assert response.status_code == 404
    assert response.json()[0]["code"] == 404
