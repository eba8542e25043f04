"""A file that cannot be imported stops the command with one line, exit 2, nothing written."""

import subprocess
import sys

import pytest
from django.core.management.base import CommandError

from care311.imports.models import ImportRun
from care311.imports.tests.support import NYC_CSV, run_import
from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db


def refused(*args):
    with pytest.raises(CommandError) as caught:
        run_import(*args)
    assert caught.value.returncode == 2
    assert ServiceRequest.objects.count() == 0
    assert ImportRun.objects.count() == 0
    return str(caught.value)


def test_it_names_the_columns_of_an_unknown_format(tmp_path):
    path = tmp_path / "mystery.csv"
    path.write_text("ticket,opened,what\n1,2020-01-01,pothole\n")
    message = refused(path)
    assert message == (
        f"{path}: unknown format (csv); columns seen: 'ticket', 'opened', 'what'. Known "
        "formats: " + message.split("Known formats: ")[1]
    )
    assert "nyc-csv" in message


def test_it_refuses_a_missing_file(tmp_path):
    assert refused(tmp_path / "nope.csv") == f"{tmp_path / 'nope.csv'}: no such file"


def test_it_refuses_an_empty_file(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("  \n")
    assert refused(empty) == f"{empty}: the file is empty"


def test_it_refuses_a_file_that_is_not_utf8(tmp_path):
    latin = tmp_path / "latin1.csv"
    latin.write_bytes(NYC_CSV.read_bytes()[:2000] + "Peñalosa".encode("latin-1") + b"\n")
    message = refused(latin)
    assert message.startswith(f"{latin}: not UTF-8 text (byte 0xf1 at offset 2002)")


def test_it_writes_nothing_when_any_file_of_several_is_bad(tmp_path):
    assert refused(NYC_CSV, tmp_path / "missing.csv").endswith("missing.csv: no such file")


def test_it_refuses_a_bad_time_zone():
    with pytest.raises(CommandError, match="'Mars/Olympus' is not an IANA time zone"):
        run_import(NYC_CSV, "--source-tz", "Mars/Olympus")


def test_the_command_line_exits_2_with_a_single_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "care311", "import", str(tmp_path / "gone.csv")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"CommandError: {tmp_path / 'gone.csv'}: no such file"
