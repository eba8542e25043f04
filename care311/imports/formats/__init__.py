"""The import formats care311 reads, and recognising which one a file is in."""

import csv
import io
import json
from pathlib import Path

import ijson

from care311.imports.errors import ImportFileError
from care311.imports.files import head
from care311.imports.formats.base import Format, json_array_start
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
        return "json", _first_item_keys(path)
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


MAX_DEPTH = 32  # deeper than any real export: nesting past it is refused, not parsed


def _first_item_keys(path: Path) -> list[str]:
    """The keys of the first object in a JSON array, read event by event so that a
    pathologically nested file is refused instead of built up in memory.

    basic_parse, not parse: parse names each event by its full path, and the path of an
    event 100,000 levels down is itself a long string made for every event.
    """
    keys: list[str] = []
    depth = 0
    with path.open("rb") as handle:
        json_array_start(handle)
        try:
            for event, value in ijson.basic_parse(handle, buf_size=4096):
                if event in ("start_map", "start_array"):
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise ImportFileError(f"{path}: JSON nested deeper than {MAX_DEPTH} levels")
                elif event in ("end_map", "end_array"):
                    depth -= 1
                    if depth <= 1:
                        break
                elif event == "map_key" and depth == 2:
                    keys.append(value)
        except ijson.JSONError as error:
            raise ImportFileError(f"{path}: not valid JSON ({error})") from None
    if depth == 0 and not keys:
        raise ImportFileError(f"{path}: an empty JSON array: no records to import")
    return sorted(keys)


def check_format(path: Path, fmt: type[Format]) -> None:
    """Refuse a --format the file's columns do not fit, naming what the file has."""
    kind, columns = columns_seen(path)
    if fmt.kind != kind or not fmt.accepts(columns):
        raise ImportFileError(f"{path}: not {fmt.name}; {_seen(kind, columns)}")


def _seen(kind: str, columns: list[str]) -> str:
    shown = ", ".join(repr(column) for column in columns[:40]) or "none"
    more = f" and {len(columns) - 40} more" if len(columns) > 40 else ""
    return f"a {kind} file with columns {shown}{more}"


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
