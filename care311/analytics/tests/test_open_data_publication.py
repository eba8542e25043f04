"""The open-data files are published by a task and served whole at stable URLs; running the
task again writes the same files."""

import csv
import io
import json

import pytest

from care311.analytics.opendata.publishing import folder, manifest
from care311.analytics.tasks import publish_open_data

pytestmark = pytest.mark.django_db

FILES = ("requests.csv", "requests.geojson", "requests.json", "requests.xml")


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_it_answers_404_naming_the_file_before_the_first_publication(client, settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path
    response = client.get("/open-data/requests.csv")
    assert response.status_code == 404
    assert manifest() is None


def test_it_serves_each_published_file_at_its_url(client, settings, tmp_path, residents_requests):
    settings.OPEN_DATA_DIR = tmp_path
    result = publish_open_data.enqueue()

    assert result.return_value == dict.fromkeys(FILES, 3)
    csv_response = client.get("/open-data/requests.csv")
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(list(csv.reader(io.StringIO(body(csv_response).decode())))) == 1 + 3
    geojson = client.get("/open-data/requests.geojson")
    assert geojson["Content-Type"] == "application/geo+json"
    assert len(json.loads(body(geojson))["features"]) == 3
    assert len(json.loads(body(client.get("/open-data/requests.json")))) == 3
    assert body(client.get("/open-data/requests.xml")).count(b"<request>") == 3
    assert client.get("/open-data/manifest.json").status_code == 404
    assert client.get("/open-data/../settings.py").status_code == 404


def test_it_writes_the_same_files_when_run_twice(settings, tmp_path, residents_requests):
    settings.OPEN_DATA_DIR = tmp_path
    publish_open_data.enqueue()
    first = {name: (folder() / name).read_bytes() for name in FILES}
    publish_open_data.enqueue()

    assert {name: (folder() / name).read_bytes() for name in FILES} == first
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*FILES, "manifest.json"])
