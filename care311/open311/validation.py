"""Answers to a service's questions as GeoReport v2 clients send them.

Clients send `attribute[code]=value`, and `attribute[code][]=value` once per choice of a
multivaluelist. The checking itself is care311.catalog.answers, shared with the portal; here
the form's names are read and the first problem becomes a 400 naming the field as sent.
"""

import re
from typing import Any

from django.http import QueryDict

from care311.catalog import answers as checks
from care311.catalog.models import ServiceAttribute, ServiceType
from care311.open311.dates import not_a_datetime
from care311.open311.errors import Open311Error

FLAT_SUFFIX = re.compile(r"\[\d*\]")


def answers(service: ServiceType, data: QueryDict) -> dict[str, Any]:
    """The answers to store, by attribute code; raises Open311Error on the first problem."""
    attributes = {attribute.code: attribute for attribute in service.attributes.all()}
    given = _given(service, attributes, data)
    result, problems = checks.check_answers(attributes.values(), given)
    if problems:
        raise Open311Error(400, describe(problems[0]))
    return result


def describe(problem: checks.Problem) -> str:
    field = f"attribute[{problem.code}]"
    match problem.kind:
        case checks.REQUIRED:
            return f"{field} is required"
        case checks.ONE_VALUE:
            return f"{field} takes one value, not {problem.count}"
        case checks.TOO_LONG:
            return f"{field} is longer than {problem.limit} characters"
        case checks.NOT_NUMBER:
            return f"{field} must be a number, not {problem.value!r}"
        case checks.NOT_DATETIME:
            return not_a_datetime(field, problem.value)
        case checks.NESTED:
            return f"{field} must be a flat list of keys, not a nested list"
        case _:
            keys = ", ".join(problem.keys)
            return f"{field}: {problem.value!r} is not one of its keys ({keys})"


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
