"""The same data as GeoReport v2 JSON or XML.

Views build plain data: dicts with the same keys for every record (an absent value is None),
lists only for collections. JSON drops the root name, as the standard's examples do; XML names
each list item after its list, with the standard's element names.
"""

import json
import re
from typing import Any
from xml.etree.ElementTree import Element, tostring

from django.http import HttpResponse

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "xml": "text/xml; charset=utf-8",
}
MEDIA_TYPES = {"json": "application/json", "xml": "text/xml"}

# The element of each item of a list, by the list's own element.
ITEM_NAMES = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "service_requests": "request",
    "service_requests_updates": "request_update",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "notes": "note",
    "duplicates": "service_request_id",
    "value": "key",
}

# Characters XML 1.0 cannot carry at all; an imported description may hold them.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class Open311Response(HttpResponse):
    """A response of the API itself, so the error middleware leaves it as it is."""


def format_of_path(path: str) -> str:
    """The format a path asks for: its last segment's suffix, JSON when it has none."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return "xml" if last.rsplit(".", 1)[-1].lower() == "xml" else "json"


def render(fmt: str, root: str, data: Any, status: int = 200) -> Open311Response:
    body = to_xml(root, data) if fmt == "xml" else to_json(data)
    return Open311Response(body.encode("utf-8"), content_type=CONTENT_TYPES[fmt], status=status)


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, allow_nan=False)


def to_xml(root: str, data: Any) -> str:
    document = tostring(_element(root, data), encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{document}'


def _element(name: str, value: Any) -> Element:
    element = Element(name)
    if isinstance(value, dict):
        for key, child in value.items():
            element.append(_element(key, child))
    elif isinstance(value, list):
        item = ITEM_NAMES[name]
        for child in value:
            element.append(_element(item, child))
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = NOT_XML.sub("\ufffd", str(value))
    return element
