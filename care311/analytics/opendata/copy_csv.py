"""The CSV export on PostgreSQL: COPY streams the rows already formatted (times in the city's
zone, to the second, with their offset), and Python only scrubs the free text and rewrites
each record, so the file is the same byte for byte as the row-by-row writer's, several times
faster.

Times: to_char with TZH:TZM under the city's TimeZone (set for this transaction only) gives
exactly what datetime.isoformat(timespec="seconds") gives. NULL and '' both come out of COPY
as an empty field, as the row-by-row writer writes them.
"""

import csv
import io
from collections.abc import Iterator
from typing import IO

import psycopg
from django.db import connection, transaction
from django.db.models import F, Func, QuerySet, TextField

from care311.analytics.opendata.columns import COLUMNS, NAMES, TIME
from care311.analytics.scrubbing import scrub
from care311.catalog.answers import city_zone


class W3CText(Func):
    template = "to_char(%(expressions)s, 'YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM')"
    output_field = TextField()


def copy_csv(queryset: QuerySet, out: IO[str]) -> int:
    """Write `queryset`'s requests as the export's CSV to `out`; how many were written."""
    columns = {
        f"c{index}": W3CText(F(column.field)) if column.kind == TIME else F(column.field)
        for index, column in enumerate(COLUMNS)
    }
    sql, params = queryset.order_by("id").values(**columns).query.sql_with_params()
    scrubbed = [index for index, column in enumerate(COLUMNS) if column.scrubbed]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(NAMES)
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('TimeZone', %s, true)", [str(city_zone())])
        raw = cursor.cursor
        statement = psycopg.ClientCursor(raw.connection).mogrify(sql, params)
        with raw.copy(f"COPY ({statement}) TO STDOUT (FORMAT csv)") as copy:
            for record in csv.reader(_lines(copy)):
                for index in scrubbed:
                    record[index] = scrub(record[index])
                writer.writerow(record)
                count += 1
    return count


def _lines(copy: psycopg.Copy) -> Iterator[str]:
    """COPY's blocks as text lines (a quoted field's own newlines are kept for csv.reader)."""
    text = io.TextIOWrapper(_Blocks(copy), encoding="utf-8", newline="")
    yield from text


class _Blocks(io.RawIOBase):
    def __init__(self, copy: psycopg.Copy) -> None:
        self.blocks = iter(copy)
        self.left = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.left:
            block = next(self.blocks, None)
            if block is None:
                return 0
            self.left = bytes(block)
        size = min(len(buffer), len(self.left))
        buffer[:size] = self.left[:size]
        self.left = self.left[size:]
        return size
