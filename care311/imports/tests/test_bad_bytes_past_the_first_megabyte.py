"""A request file whose bad bytes come after its first megabyte is refused before any write
(the check used to decode only the chunks up to the first one holding text)."""

import pytest
from django.core.management.base import CommandError

from care311.imports.models import ImportRun
from care311.imports.tests.support import NYC_CSV, run_import
from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db


def test_it_refuses_a_file_with_bad_bytes_past_the_first_megabyte(tmp_path):
    path = tmp_path / "nyc.csv"
    text = NYC_CSV.read_bytes()
    good = text + text.split(b"\n", 1)[1] * (1_200_000 // len(text) + 1)
    assert len(good) > 1_200_000
    path.write_bytes(good + b"\xff\xfe junk\n")

    with pytest.raises(CommandError) as caught:
        run_import(path)

    assert caught.value.returncode == 2
    assert str(caught.value) == (
        f"{path}: not UTF-8 text (byte 0xff at offset {len(good)}); convert it to UTF-8 first"
    )
    assert (ServiceRequest.objects.count(), ImportRun.objects.count()) == (0, 0)
