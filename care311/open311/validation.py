"""Answers to a service's questions, checked against its definition.

Clients send `attribute[code]=value`, and `attribute[code][]=value` once per choice of a
multivaluelist. Every problem is a 400 naming the field as the client sent it.
"""

import json
import re
from typing import Any

from django.http import QueryDict

from care311.catalog.models import Datatype, ServiceAttribute, ServiceType
from care311.open311.dates import parse_datetime, w3c
from care311.open311.errors import Open311Error

MAX_LENGTHS = {Datatype.STRING: 1_000, Datatype.TEXT: 10_000}
FLAT_SUFFIX = re.compile(r"\[\d*\]")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# Integers past 2**53 would not survive a trip through a JSON client as numbers.
LARGEST_EXACT = 2**53


def answers(service: ServiceType, data: QueryDict) -> dict[str, Any]:
    """The answers to store, by attribute code; raises Open311Error on the first problem."""
    attributes = {attribute.code: attribute for attribute in service.attributes.all()}
    given = _given(service, attributes, data)
    result: dict[str, Any] = {}
    for code, attribute in attributes.items():
        answer = _answer(attribute, [value for value in given[code] if value.strip()])
        if answer is not None:
            result[code] = answer
    return result


def _given(
    service: ServiceType, attributes: dict[str, ServiceAttribute], data: QueryDict
) -> dict[str, list[str]]:
    # attribute[code], attribute[code][] and attribute[code][0] are one flat list of values;
    # a further level of brackets is a nested list, which no datatype takes.
    given: dict[str, list[str]] = {code: [] for code in attributes}
    for name in data:
        if not name.startswith("attribute["):
            continue
        code = _code_of(name, attributes)
        if code is None:
            raise Open311Error(
                400, f"{name} is not a question of service_code {service.service_code!r}"
            )
        suffix = name[len(f"attribute[{code}]") :]
        if suffix and not FLAT_SUFFIX.fullmatch(suffix):
            raise Open311Error(
                400, f"attribute[{code}] must be a flat list of keys, not a nested list"
            )
        given[code].extend(data.getlist(name))
    return given


def _code_of(name: str, attributes: dict[str, ServiceAttribute]) -> str | None:
    matches = [code for code in attributes if name.startswith(f"attribute[{code}]")]
    if not matches:
        return None
    code = max(matches, key=len)
    suffix = name[len(f"attribute[{code}]") :]
    return code if not suffix or suffix.startswith("[") else None


def _answer(attribute: ServiceAttribute, given: list[str]) -> Any:
    field = f"attribute[{attribute.code}]"
    if not attribute.variable:
        return None  # an informational note takes no answer; anything sent is ignored
    if not given:
        if attribute.required:
            raise Open311Error(400, f"{field} is required")
        return None
    if attribute.datatype == Datatype.MULTIVALUELIST:
        return list(dict.fromkeys(_key(attribute, field, value) for value in given))
    if len(given) > 1:
        raise Open311Error(400, f"{field} takes one value, not {len(given)}")
    return _single(attribute, field, given[0])


def _single(attribute: ServiceAttribute, field: str, value: str) -> Any:
    if attribute.datatype == Datatype.NUMBER:
        return _number(field, value)
    if attribute.datatype == Datatype.DATETIME:
        return w3c(parse_datetime(field, value))
    if attribute.datatype == Datatype.SINGLEVALUELIST:
        return _key(attribute, field, value)
    limit = MAX_LENGTHS.get(Datatype(attribute.datatype), MAX_LENGTHS[Datatype.TEXT])
    if len(value) > limit:
        raise Open311Error(400, f"{field} is longer than {limit} characters")
    return value


def _number(field: str, value: str) -> int | float:
    text = value.strip()
    if not NUMBER.fullmatch(text):
        raise Open311Error(400, f"{field} must be a number, not {value!r}")
    number = float(text)
    if number != number or number in (float("inf"), float("-inf")):
        raise Open311Error(400, f"{field} must be a number, not {value!r}")
    if number.is_integer() and abs(number) < LARGEST_EXACT:
        return int(number)
    return number


def _key(attribute: ServiceAttribute, field: str, value: str) -> str:
    keys = [choice.key for choice in attribute.values.all()]
    if value in keys:
        return value
    if _is_nested_list(value):
        raise Open311Error(400, f"{field} must be a flat list of keys, not a nested list")
    raise Open311Error(400, f"{field}: {value!r} is not one of its keys ({', '.join(keys)})")


def _is_nested_list(value: str) -> bool:
    # Some clients JSON-encode a list into the form field; a list of lists is never an answer.
    if not value.lstrip().startswith("["):
        return False
    try:
        decoded = json.loads(value)
    except ValueError:
        return False
    return isinstance(decoded, list) and any(isinstance(item, list) for item in decoded)
