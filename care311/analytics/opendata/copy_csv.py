"""The CSV export on PostgreSQL: COPY streams the rows already formatted (times in the city's
zone, to the second, with their offset); Python scrubs the free text of the rows that might
hold contact details and passes the rest through as they came, so the file reads back the
same as the row-by-row writer's, several times faster.

Times: to_char with TZH:TZM under the city's TimeZone (set for this transaction only) gives
exactly what datetime.isoformat(timespec="seconds") gives. NULL and '' both come out of COPY
as an empty field, as the row-by-row writer writes them.
"""

import csv
from typing import IO, Any

import psycopg
from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, F, Func, QuerySet, TextField, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import NullIf
from django.db.models.sql.compiler import SQLCompiler

from care311.analytics.cells import FORMULA_SQL, inert, lf_writer
from care311.analytics.opendata.columns import CODE, COLUMNS, NAMES, NUMBER, TEXT, TIME
from care311.catalog.answers import city_zone
from care311.service_requests.scrubbing import scrub


class W3CText(Func):
    template = "to_char(%(expressions)s, 'YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM')"
    output_field = TextField()


# A superset of scrubbing.MAYBE, so a row it passes has nothing to scrub: an @, "(at)",
# "[at]", three digits, a + before a digit, or any character outside ASCII (a digit of
# another script).
MAYBE_SQL = r"@|\(at\)|\[at\]|[0-9]{3}|\+[0-9]|[^\x01-\x7f]"


class MayHoldContacts(Func):
    """True when any of the free-text fields might hold an email or a phone number."""

    output_field = BooleanField()
    pattern = MAYBE_SQL

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra: Any,
    ) -> tuple[str, tuple[str | int, ...]]:
        parts: list[str] = []
        params: list[str | int] = []
        for expression in self.get_source_expressions():
            sql, more = compiler.compile(expression)
            parts.append(f"COALESCE({sql}, '') ~* %s")
            params.extend([*more, self.pattern])
        return "(" + " OR ".join(parts) + ")", tuple(params)


class MayRunAsFormula(MayHoldContacts):
    """True when any of the text fields begins as a formula would (care311.analytics.cells)."""

    pattern = FORMULA_SQL


def copy_csv(queryset: QuerySet, out: IO[str]) -> int:
    """Write `queryset`'s requests as the export's CSV to `out`; how many were written.

    A row whose free text cannot hold contact details, and none of whose text begins as a
    formula, goes out as COPY wrote it; the others are parsed, scrubbed, made inert and
    written again, as write_csv writes them: the same file byte for byte."""
    free_text = [F(column.field) for column in COLUMNS if column.scrubbed]
    # Times and numbers never begin as a formula; the rest may.
    words = [F(column.field) for column in COLUMNS if column.kind in (TEXT, CODE)]
    columns: dict[str, Combinable] = {
        "c": MayHoldContacts(*free_text),
        "f": MayRunAsFormula(*words),
    }
    for index, column in enumerate(COLUMNS):
        if column.kind == TIME:
            columns[f"c{index}"] = W3CText(F(column.field))
        elif column.kind == NUMBER:
            columns[f"c{index}"] = F(column.field)
        else:  # '' as NULL: COPY quotes an empty string, the csv module does not
            columns[f"c{index}"] = NullIf(F(column.field), Value(""), output_field=TextField())
    sql, params = queryset.order_by("id").values(**columns).query.sql_with_params()
    positions = [index for index, column in enumerate(COLUMNS) if column.scrubbed]
    # As write_csv: every value but a number is a string it makes inert.
    textual = [index for index, column in enumerate(COLUMNS) if column.kind != NUMBER]
    writer = lf_writer(out)
    writer.writerow(NAMES)
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('TimeZone', %s, true)", [str(city_zone())])
        raw = cursor.cursor
        statement = psycopg.ClientCursor(raw.connection).mogrify(sql, params)
        with raw.copy(f"COPY ({statement}) TO STDOUT (FORMAT csv)") as copy:
            # PostgreSQL sends each row as one message: a whole record, newlines and all.
            write = out.write
            for block in copy:
                text = str(block, "utf-8")
                count += 1
                if text.startswith("f,f,"):
                    write(text[4:])
                    continue
                record = next(csv.reader([text]))[2:]
                for index in positions:
                    record[index] = scrub(record[index])
                for index in textual:
                    record[index] = inert(record[index])
                writer.writerow(record)
    return count
