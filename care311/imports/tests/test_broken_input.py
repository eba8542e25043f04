"""Regressions from trying to break the importer: each defect found gets its test."""

import json

import pytest
from django.core.management.base import CommandError

from care311.imports.files import file_key
from care311.imports.models import QuarantinedRecord
from care311.imports.tests.support import NYC_CSV, nyc_rows, run_import, write_csv
from care311.service_requests.models import EventKind, HistoryEvent, ServiceRequest

pytestmark = pytest.mark.django_db

NYC_SODA = NYC_CSV.parent / "nyc311_soda_api_1000.json"


def one_row(**changes):
    header, [row] = nyc_rows("39573567")
    for column, value in changes.items():
        row[header.index(column.replace("_", " "))] = value
    return header, row


def refused(*args) -> str:
    with pytest.raises(CommandError) as caught:
        run_import(*args)
    assert caught.value.returncode == 2
    return str(caught.value)


def test_it_quarantines_a_date_that_overflows_once_in_utc(tmp_path):
    header, row = one_row(Created_Date="12/31/9999 11:00:00 PM")
    output = run_import(write_csv(tmp_path / "far.csv", header, [row]), "--source-tz", "UTC")
    assert "quarantined 0" in output
    header, row = one_row(Created_Date="12/31/9999 11:00:00 PM")
    output = run_import(write_csv(tmp_path / "far2.csv", header, [row]))
    assert "quarantined 1: unparseable date in Created Date" in output


def test_it_reads_a_header_with_stray_spaces(tmp_path):
    header, row = one_row()
    spaced = [f" {column} " for column in header]
    run_import(write_csv(tmp_path / "spaced.csv", spaced, [row]))
    request = ServiceRequest.objects.get()
    assert (request.source_id, request.description) == ("39573567", "Other (complaint details)")


def test_it_stops_at_a_quote_left_open(tmp_path):
    header, row = one_row()
    path = write_csv(tmp_path / "open.csv", header, [row])
    with path.open("a") as handle:
        handle.write('39573999,06/26/2018 10:58:54 AM,,NYPD,"never closed\n')
        handle.write(",".join(row) + "\n")
    message = refused(path)
    assert message.startswith(f"{path}: broken CSV at record 2 (unexpected end of data)")
    assert ServiceRequest.objects.count() == 1


def test_it_refuses_an_id_longer_than_the_column(tmp_path):
    header, row = one_row(Unique_Key="A" * 101)
    output = run_import(write_csv(tmp_path / "long.csv", header, [row]))
    assert "quarantined 1: source id longer than 100 characters" in output
    assert ServiceRequest.objects.count() == 0


def test_it_quarantines_a_nul_character(tmp_path):
    header, row = one_row(Descriptor="a\x00b")
    output = run_import(write_csv(tmp_path / "nul.csv", header, [row]))
    assert "quarantined 1: a NUL character in a field" in output


def test_it_catches_a_duplicate_whose_first_copy_came_unchanged_from_an_earlier_file(
    tmp_path,
):
    header, row = one_row()
    run_import(write_csv(tmp_path / "a.csv", header, [row]))
    _, [other] = nyc_rows("39573572")
    second = list(row)
    second[header.index("Descriptor")] = "DIFFERENT"
    output = run_import(write_csv(tmp_path / "b.csv", header, [row, other, second]))
    assert "imported 1, updated 0, unchanged 1, quarantined 1" in output
    assert ServiceRequest.objects.get(source_id="39573567").description == (
        "Other (complaint details)"
    )
    assert QuarantinedRecord.objects.get().record_no == 3


def test_an_older_export_does_not_undo_a_newer_one(tmp_path):
    header, row = one_row(Status="Open", Closed_Date="")
    row[header.index("Resolution Action Updated Date")] = "06/26/2018 11:00:00 AM"
    january = write_csv(tmp_path / "january.csv", header, [row])
    header, closed = one_row()
    february = write_csv(tmp_path / "february.csv", header, [closed])

    run_import(january, february)
    output = run_import(january, february)

    assert "skipped 1: older than the version already imported" in output
    assert ServiceRequest.objects.get().status == "closed"
    assert HistoryEvent.objects.filter(kind=EventKind.REIMPORTED).count() == 1


def test_it_clears_a_quarantine_the_record_no_longer_deserves():
    QuarantinedRecord.objects.create(
        source="nyc",
        file_key=file_key(NYC_CSV),
        file_name=NYC_CSV.name,
        record_no=1,
        reason="missing case_enquiry_id",
        raw="...",
        first_seen_at="2026-01-01T00:00Z",
    )
    run_import(NYC_CSV)
    assert QuarantinedRecord.objects.count() == 0


def test_it_refuses_a_format_the_columns_do_not_fit():
    message = refused(NYC_CSV, "--format", "sf-csv")
    assert message.startswith(f"{NYC_CSV}: not sf-csv; a csv file with columns 'Unique Key',")
    assert refused(NYC_SODA, "--format", "nyc-csv").startswith(
        f"{NYC_SODA}: not nyc-csv; a json file with columns"
    )


def test_it_refuses_json_nested_too_deep(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert refused(deep) == f"{deep}: JSON nested deeper than 32 levels"


def test_it_refuses_an_empty_json_array(tmp_path):
    empty = tmp_path / "empty.json"
    empty.write_text("[]\n")
    assert refused(empty) == f"{empty}: an empty JSON array: no records to import"


def test_it_reads_a_json_array_with_a_byte_order_mark(tmp_path):
    records = json.loads(NYC_SODA.read_text())[:3]
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(records).encode())
    assert "read 3, imported 3" in run_import(path)


def test_it_stops_cleanly_at_json_cut_off_halfway(tmp_path):
    text = NYC_SODA.read_text()
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) // 2])
    message = refused(path, "--batch-size", "100")
    assert message.startswith(f"{path}: broken JSON after record 498 (")
    # The records before the break are kept; a re-run of the mended file finishes the job.
    assert ServiceRequest.objects.count() == HistoryEvent.objects.count() == 498
