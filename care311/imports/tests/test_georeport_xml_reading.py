"""GeoReport XML dumps are streamed in constant memory, and unsafe or broken XML is refused."""

import json
import re
import tracemalloc
from pathlib import Path

import pytest
from django.core.management.base import CommandError

from care311.imports.formats.georeport import GeoReportXml, xml_columns
from care311.imports.models import ImportRun, QuarantinedRecord
from care311.imports.tests.support import run_import
from care311.service_requests.models import ServiceRequest

GEOREPORT_XML = Path(__file__).resolve().parent / "data" / "georeport_requests.xml"

REQUEST = (
    "<request><service_request_id>{id}</service_request_id><status>open</status>"
    "<service_code>pothole</service_code><service_name>Pothole</service_name>"
    "<requested_datetime>2024-03-08T09:14:22-05:00</requested_datetime>"
    "<lat>39.1697</lat><long>-86.5349</long></request>"
)


def dump(path: Path, *requests: str, prefix: str = "") -> Path:
    path.write_text(f'<?xml version="1.0"?>\n{prefix}<service_requests>\n')
    with path.open("a") as handle:
        handle.writelines(requests)
        handle.write("</service_requests>\n")
    return path


def test_it_reads_a_large_dump_in_constant_memory(tmp_path):
    # The fixture's ten requests 500 times over: 5,000 requests, about 3.9 MB of XML.
    body = GEOREPORT_XML.read_text().split("<service_requests>")[1].split("</service_requests>")[0]
    big = dump(tmp_path / "big.xml", *[body] * 500)

    tracemalloc.start()
    try:
        count = sum(1 for _ in GeoReportXml().records(big))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == 5000
    # Kept whole, the tree would take tens of megabytes; cleared, one request at a time.
    assert peak < 1_000_000


def test_it_names_the_first_requests_elements_for_detection():
    # Every GeoReport v2 request field: the keys of the same first request in the JSON form.
    first = json.loads(GEOREPORT_XML.with_suffix(".json").read_text())[0]
    assert xml_columns(GEOREPORT_XML) == sorted(first)


def test_it_reads_namespaced_elements(tmp_path):
    path = tmp_path / "namespaced.xml"
    path.write_text(
        '<o:service_requests xmlns:o="http://open311.org/georeport/v2">'
        + REQUEST.format(id="77").replace("<", "<o:").replace("<o:/", "</o:")
        + "</o:service_requests>"
    )
    assert xml_columns(path) == sorted(set(re.findall(r"<(\w+)>", REQUEST)) - {"request"})


@pytest.mark.django_db
def test_it_refuses_entity_declarations_before_writing(tmp_path):
    laughs = (
        '<!DOCTYPE service_requests [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
    )
    path = dump(tmp_path / "laughs.xml", REQUEST.format(id="&lol2;"), prefix=laughs)

    with pytest.raises(CommandError) as caught:
        run_import(path)

    assert str(caught.value) == (
        f"{path}: XML with entity declarations or external references is refused "
        "(EntitiesForbidden)"
    )
    assert caught.value.returncode == 2
    assert (ServiceRequest.objects.count(), ImportRun.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_it_stops_at_broken_xml_keeping_the_records_before_the_break(tmp_path):
    path = tmp_path / "cut.xml"
    path.write_text(
        "<service_requests>"
        + "".join(REQUEST.format(id=n) for n in range(1, 4))
        + "<request><service_request_id>4</service_req"
    )

    with pytest.raises(CommandError) as caught:
        run_import(path, "--batch-size", "2")

    assert str(caught.value).startswith(f"{path}: not well-formed XML (unclosed token: line 1")
    assert ImportRun.objects.get().state == ImportRun.State.FAILED
    assert sorted(ServiceRequest.objects.values_list("source_id", flat=True)) == ["1", "2", "3"]


@pytest.mark.django_db
def test_it_quarantines_a_request_as_xml(tmp_path):
    undated = REQUEST.format(id="9").replace(
        "<requested_datetime>2024-03-08T09:14:22-05:00</requested_datetime>", ""
    )
    path = dump(tmp_path / "undated.xml", REQUEST.format(id="8"), undated)

    output = run_import(path)

    assert "read 2, imported 1, updated 0, unchanged 0, quarantined 1" in output
    record = QuarantinedRecord.objects.get()
    assert (record.record_no, record.reason) == (2, "missing creation date")
    assert record.raw == undated
