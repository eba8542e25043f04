"""A file whose bad bytes come after its first megabyte stops the import before any write."""

import pytest
from django.core.management.base import CommandError

from care311.contact_center.adapters.bank import HEADER
from care311.contact_center.models import CallRecord
from care311.contact_center.tests.conftest import import_calls
from care311.imports.models import ImportRun

pytestmark = pytest.mark.django_db

ROW = (
    "AA0101\t{}\t0\t1\tPS\t990101\t10:00:00\t10:00:10\t10\t10:00:10\t10:00:40\t30\tHANG\t"
    "0:00:00\t0:00:00\t0\tNO_SERVER\n"
)


def test_it_refuses_a_bank_file_with_bad_bytes_past_the_first_megabyte(tmp_path):
    path = tmp_path / "bank.txt"
    rows = "".join(ROW.format(number) for number in range(1, 13_000))
    good = ("\t".join(HEADER) + "\n" + rows).encode()
    assert len(good) > 1_200_000
    path.write_bytes(good + b"\xff\xfe junk\n" + ROW.format(99_999).encode())

    with pytest.raises(CommandError) as raised:
        import_calls(path)

    assert raised.value.returncode == 2
    assert str(raised.value) == (
        f"{path}: not UTF-8 text (byte 0xff at offset {len(good)}); convert it to UTF-8 first"
    )
    assert CallRecord.objects.count() == 0
    assert ImportRun.objects.count() == 0
