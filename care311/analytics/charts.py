"""The analytics pages' tables: each chart is drawn from one, shown beside it, and downloadable
as CSV. The charts themselves are the contact center's server-side SVG (no script, no CDN,
series told apart by dash pattern as well as colour)."""

import csv
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.utils.safestring import SafeString

from care311.analytics.cells import inert
from care311.contact_center.charts import Series, bar_chart, line_chart


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    keys: list[Any] = field(default_factory=list)

    def add(self, *values: Any, key: Any = None) -> None:
        self.rows.append(list(values))
        self.keys.append(key)

    def column(self, index: int) -> list[Any]:
        return [row[index] for row in self.rows]

    def labels(self) -> list[str]:
        return [str(label) for label in self.column(0)]

    def line(self, *indexes: int, unit: str = "") -> SafeString:
        """A line per column named by index, over the first column's labels."""
        series = [Series(self.columns[i], [_number(v) for v in self.column(i)]) for i in indexes]
        return line_chart(self.title, self.labels(), series, unit)

    def bars(self, index: int, unit: str = "", title: str = "") -> SafeString:
        values = [_number(v) for v in self.column(index)]
        return bar_chart(title or self.columns[index], self.labels(), values, unit)

    def shown(self) -> list[list[str]]:
        """The rows as the page prints them."""
        return [[shown(value) for value in row] for row in self.rows]

    def csv_response(self, name: str) -> HttpResponse:
        """The table as a CSV download; text that could run as a formula (a service's,
        district's or knowledge article's name is somebody's typing) goes out as text."""
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        writer = csv.writer(response)
        writer.writerow([inert(str(column)) for column in self.columns])
        for row in self.rows:
            writer.writerow(["" if value is None else _plain(value) for value in row])
        return response


def percent(share: float | None) -> float | None:
    return None if share is None else share * 100


def shown(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, int):
        return value
    return inert(str(value))


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None
