"""What every import format provides, and the record it hands the runner."""

import codecs
import csv
import json
from collections.abc import Generator
from dataclasses import dataclass
from datetime import datetime, tzinfo
from io import StringIO
from pathlib import Path
from typing import Any, BinaryIO, ClassVar
from xml.sax.saxutils import escape

import ijson
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, iterparse

from care311.imports.errors import ImportFileError, RowError

# The csv module refuses fields over 128 KiB; real exports carry long notes, so allow 64 MiB
# (a field past that stops the file with a clear error rather than a traceback).
csv.field_size_limit(64 * 1024 * 1024)


@dataclass(slots=True)
class SourceRequest:
    """A source record translated into care311's terms, before validation."""

    source_id: str
    category: str
    agency_code: str
    agency_name: str
    status: str
    closure_reason: str
    description: str
    latitude: float | None
    longitude: float | None
    address: str
    zipcode: str
    channel: str
    requested_at: datetime | None
    closed_at: datetime | None
    updated_at: datetime | None
    expected_at: datetime | None
    status_notes: str
    media_url: str


@dataclass(slots=True)
class RawRecord:
    """One record as read: its number in the file and its fields (or a reason it is bad)."""

    number: int
    fields: dict[str, Any] | None
    raw: str
    problem: str = ""


class Format:
    """One source format. Subclasses say how to recognise, read and translate it."""

    name: ClassVar[str]  # the --format value, e.g. "nyc-csv"
    source: ClassVar[str]  # the source system, e.g. "nyc": ids are unique within it
    label: ClassVar[str]
    default_zone: ClassVar[str]  # where naive local times in this source were written
    kind: ClassVar[str]  # "csv", "json" or "xml"

    @classmethod
    def accepts(cls, columns: list[str]) -> bool:
        raise NotImplementedError

    def records(self, path: Path) -> Generator[RawRecord]:
        raise NotImplementedError

    def translate(self, fields: dict[str, Any], zone: tzinfo) -> SourceRequest:
        raise NotImplementedError

    def raw_text(self, fields: dict[str, Any]) -> str:
        """The record as it stood in the file, for the quarantine."""
        return json.dumps(fields, default=str, ensure_ascii=False)


class CsvFormat(Format):
    kind = "csv"
    required_columns: ClassVar[frozenset[str]]

    def raw_text(self, fields: dict[str, Any]) -> str:
        return _csv_line([str(value) for value in fields.values()])

    @classmethod
    def accepts(cls, columns: list[str]) -> bool:
        return cls.required_columns <= set(columns)

    def records(self, path: Path) -> Generator[RawRecord]:
        number = 0
        with path.open(newline="", encoding="utf-8-sig") as handle:
            # strict: a quote left open is an error, not a field that swallows the records
            # after it.
            reader = csv.reader(handle, strict=True)
            try:
                header = [column.strip() for column in next(reader)]
                width = len(header)
                for number, row in enumerate(reader, start=1):
                    if len(row) == width:
                        yield RawRecord(number, dict(zip(header, row, strict=True)), "")
                    elif row:
                        yield RawRecord(
                            number,
                            None,
                            _csv_line(row),
                            f"ragged row: {len(row)} fields, expected {width}",
                        )
            except csv.Error as error:
                raise ImportFileError(
                    f"{path}: broken CSV at record {number + 1} ({error}); the records before "
                    "it are imported, and importing the mended file again finishes the job"
                ) from None


class JsonFormat(Format):
    """A JSON array of objects, or JSON Lines; streamed, never loaded whole."""

    kind = "json"

    def records(self, path: Path) -> Generator[RawRecord]:
        with path.open("rb") as handle:
            if json_array_start(handle):
                number = 0
                try:
                    items = ijson.items(handle, "item", use_float=True)
                    for number, item in enumerate(items, start=1):
                        yield _json_record(number, item)
                except (ijson.JSONError, ValueError, OverflowError) as error:
                    raise ImportFileError(
                        f"{path}: broken JSON after record {number} ({error}); the records "
                        "before it are imported, and importing the mended file again "
                        "finishes the job"
                    ) from None
                return
        with path.open(encoding="utf-8-sig") as lines:
            number = 0
            for line in lines:
                if not line.strip():
                    continue
                number += 1
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as error:
                    yield RawRecord(number, None, line.rstrip("\n"), f"not JSON: {error.msg}")
                    continue
                yield _json_record(number, item)


def json_array_start(handle: BinaryIO) -> bool:
    """Whether the file is a JSON array; leaves `handle` at its start, past any BOM."""
    start = 3 if handle.read(3) == codecs.BOM_UTF8 else 0
    handle.seek(start)
    first = handle.read(1)
    while first.isspace():
        first = handle.read(1)
    handle.seek(start)
    return first == b"["


def _json_record(number: int, item: Any) -> RawRecord:
    if not isinstance(item, dict):
        return RawRecord(number, None, json.dumps(item, default=str), "not a JSON object")
    return RawRecord(number, item, "")


def _csv_line(row: list[str]) -> str:
    buffer = StringIO()
    csv.writer(buffer).writerow(row)
    return buffer.getvalue().rstrip("\r\n")


def required(fields: dict[str, Any], column: str) -> str:
    value = fields.get(column)
    text = "" if value is None else str(value).strip()
    if not text:
        raise RowError(f"missing {column}")
    return text


class XmlFormat(Format):
    """Repeated record elements, each a flat set of child elements holding text.

    Streamed with defusedxml's iterparse and cleared behind the reader, so a file of any
    size is read in constant memory; entity declarations are refused.
    """

    kind = "xml"
    record_tag: ClassVar[str]

    def records(self, path: Path) -> Generator[RawRecord]:
        for number, fields in enumerate(xml_records(path, self.record_tag), start=1):
            yield RawRecord(number, fields, "")

    def raw_text(self, fields: dict[str, Any]) -> str:
        children = "".join(f"<{key}>{escape(str(value))}</{key}>" for key, value in fields.items())
        return f"<{self.record_tag}>{children}</{self.record_tag}>"


def xml_records(path: Path, tag: str) -> Generator[dict[str, str]]:
    """Each `tag` element's children by name (namespaces dropped) with their text."""
    root = None
    try:
        for event, element in iterparse(path, events=("start", "end")):
            if root is None:
                root = element
            if event == "end" and _local_name(element.tag) == tag:
                yield {_local_name(child.tag): child.text or "" for child in element}
                # Drop the finished record (and any text between records) from the tree.
                root.clear()
    except ParseError as error:
        raise ImportFileError(f"{path}: not well-formed XML ({error})") from None
    except DefusedXmlException as error:
        raise ImportFileError(
            f"{path}: XML with entity declarations or external references is refused "
            f"({type(error).__name__})"
        ) from None


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
