"""Answers to a service's questions, checked against its definition, for every channel.

The Open311 API and the resident portal each read answers their own way, then hand this
module one list of raw values per question code. It returns the answers to store and every
problem found, each naming the question and what was wrong, so each channel can word it for
its own readers.
"""

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from care311.catalog.models import Datatype, ServiceAttribute

MAX_LENGTHS = {Datatype.STRING: 1_000, Datatype.TEXT: 10_000}
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# Integers past 2**53 would not survive a trip through a JSON client as numbers.
LARGEST_EXACT = 2**53
# A '+' sent unencoded in a query string arrives as a space: "...T10:00:00 05:00".
SPACE_FOR_PLUS = re.compile(r"(T?\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?) (\d{2}(?::?\d{2})?)$")

# What can be wrong with an answer.
REQUIRED = "required"
ONE_VALUE = "one_value"
TOO_LONG = "too_long"
NOT_NUMBER = "not_number"
NOT_DATETIME = "not_datetime"
NOT_KEY = "not_key"
NESTED = "nested"


@dataclass(frozen=True)
class Problem:
    code: str  # the question's code
    kind: str  # one of the kinds above
    value: str = ""
    count: int = 0
    limit: int = 0
    keys: tuple[str, ...] = field(default=())


class AnswerProblem(ValueError):
    def __init__(self, problem: Problem):
        super().__init__(problem.kind)
        self.problem = problem


def city_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def parse_local_datetime(raw: str) -> datetime | None:
    """An ISO-8601 date or date and time, a time without an offset being the city's local
    time; None when it is not one."""
    text = SPACE_FOR_PLUS.sub(r"\1+\2", raw.strip())
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=city_zone())
    try:
        # Year 9999 at -14:00 parses, but falls off the calendar in UTC or the city's zone.
        value.astimezone(UTC)
        value.astimezone(city_zone())
    except OverflowError:
        return None
    return value


def w3c(value: datetime | None, zone: ZoneInfo | None = None) -> str | None:
    """A W3C datetime in the city's zone with an explicit offset, to the second. A caller
    writing many may look the zone up once and pass it."""
    if value is None:
        return None
    return value.astimezone(zone or city_zone()).isoformat(timespec="seconds")


def check_answers(
    attributes: Iterable[ServiceAttribute], given: Mapping[str, list[str]]
) -> tuple[dict[str, Any], list[Problem]]:
    """The answers to store by question code, and the problems found, in question order.

    `given` holds the raw values sent for each code; blank values count as not given.
    """
    result: dict[str, Any] = {}
    problems: list[Problem] = []
    for attribute in attributes:
        values = [value for value in given.get(attribute.code, []) if value.strip()]
        try:
            answer = _answer(attribute, values)
        except AnswerProblem as error:
            problems.append(error.problem)
            continue
        if answer is not None:
            result[attribute.code] = answer
    return result, problems


def _answer(attribute: ServiceAttribute, given: list[str]) -> Any:
    if not attribute.variable:
        return None  # an informational note takes no answer; anything sent is ignored
    if not given:
        if attribute.required:
            raise AnswerProblem(Problem(attribute.code, REQUIRED))
        return None
    if attribute.datatype == Datatype.MULTIVALUELIST:
        return list(dict.fromkeys(_key(attribute, value) for value in given))
    if len(given) > 1:
        raise AnswerProblem(Problem(attribute.code, ONE_VALUE, count=len(given)))
    return _single(attribute, given[0])


def _single(attribute: ServiceAttribute, value: str) -> Any:
    if attribute.datatype == Datatype.NUMBER:
        return _number(attribute, value)
    if attribute.datatype == Datatype.DATETIME:
        parsed = parse_local_datetime(value)
        if parsed is None:
            raise AnswerProblem(Problem(attribute.code, NOT_DATETIME, value=value))
        return w3c(parsed)
    if attribute.datatype == Datatype.SINGLEVALUELIST:
        return _key(attribute, value)
    limit = MAX_LENGTHS.get(Datatype(attribute.datatype), MAX_LENGTHS[Datatype.TEXT])
    if len(value) > limit:
        raise AnswerProblem(Problem(attribute.code, TOO_LONG, limit=limit))
    return value


def _number(attribute: ServiceAttribute, value: str) -> int | float:
    text = value.strip()
    not_number = AnswerProblem(Problem(attribute.code, NOT_NUMBER, value=value))
    if not NUMBER.fullmatch(text):
        raise not_number
    number = float(text)
    if number != number or number in (float("inf"), float("-inf")):
        raise not_number
    if number.is_integer() and abs(number) < LARGEST_EXACT:
        return int(number)
    return number


def _key(attribute: ServiceAttribute, value: str) -> str:
    keys = tuple(choice.key for choice in attribute.values.all())
    if value in keys:
        return value
    if _is_nested_list(value):
        raise AnswerProblem(Problem(attribute.code, NESTED))
    raise AnswerProblem(Problem(attribute.code, NOT_KEY, value=value, keys=keys))


def _is_nested_list(value: str) -> bool:
    # Some clients JSON-encode a list into the form field; a list of lists is never an answer.
    if not value.lstrip().startswith("["):
        return False
    try:
        decoded = json.loads(value)
    except ValueError:
        return False
    return isinstance(decoded, list) and any(isinstance(item, list) for item in decoded)
