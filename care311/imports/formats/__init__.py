"""The import formats care311 reads, and recognising which one a file is in."""

import csv
import io
import json
from pathlib import Path

import ijson

from care311.imports.errors import ImportFileError
from care311.imports.files import head
from care311.imports.formats.base import Format
from care311.imports.formats.boston import BostonCsv, BostonJsonl
from care311.imports.formats.georeport import GeoReportJson, GeoReportXml
from care311.imports.formats.la import LaCsv
from care311.imports.formats.nyc import NycCsv, NycSodaJson
from care311.imports.formats.sf import SfCsv

FORMATS: list[type[Format]] = [
    NycCsv,
    NycSodaJson,
    SfCsv,
    LaCsv,
    BostonCsv,
    BostonJsonl,
    GeoReportJson,
    GeoReportXml,
]
BY_NAME = {fmt.name: fmt for fmt in FORMATS}


def columns_seen(path: Path) -> tuple[str, list[str]]:
    """The file's kind (csv, json, xml) and the column or key names of its first record."""
    start = head(path)
    first = start.lstrip()[:1]
    if first == "[":
        with path.open("rb") as handle:
            try:
                item = next(ijson.items(handle, "item"), None)
            except ijson.JSONError as error:
                raise ImportFileError(f"{path}: not valid JSON ({error})") from None
        return "json", sorted(item) if isinstance(item, dict) else []
    if first == "{":
        line = start.lstrip().split("\n", 1)[0]
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise ImportFileError(f"{path}: not valid JSON Lines ({error.msg})") from None
        return "json", sorted(item) if isinstance(item, dict) else []
    if first == "<":
        from care311.imports.formats.georeport import xml_columns

        return "xml", xml_columns(path)
    header = next(csv.reader(io.StringIO(start)), [])
    return "csv", [column.strip() for column in header]


def detect(path: Path) -> type[Format]:
    kind, columns = columns_seen(path)
    for fmt in FORMATS:
        if fmt.kind == kind and fmt.accepts(columns):
            return fmt
    shown = ", ".join(repr(column) for column in columns[:40]) or "none"
    more = f" and {len(columns) - 40} more" if len(columns) > 40 else ""
    raise ImportFileError(
        f"{path}: unknown format ({kind}); columns seen: {shown}{more}. "
        f"Known formats: {', '.join(sorted(BY_NAME))}"
    )
