"""Median and 90th percentile times to close, the same on PostgreSQL and SQLite.

PostgreSQL computes them in the query (percentile_cont); SQLite has no such aggregate, so
the durations are read and numpy interpolates them the same way (linearly between the two
nearest values), so both give identical figures.
"""

from collections import defaultdict
from typing import Any

import numpy as np
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    QuerySet,
)
from django.db.models.sql.compiler import SQLCompiler

FRACTIONS = (0.5, 0.9)


class HoursBetween(Func):
    """Hours from the `start` to the `end` datetime, as a float, in the database."""

    output_field = FloatField()

    def __init__(self, end: str, start: str) -> None:
        super().__init__(F(end), F(start))

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, tuple[str | int, ...]]:
        template = "EXTRACT(EPOCH FROM (%(expressions)s)) / 3600.0"
        return self.as_sql(compiler, connection, template=template, arg_joiner=" - ", **extra)

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra: Any,
    ) -> tuple[str, tuple[str | int, ...]]:
        template = template or "(julianday(%(expressions)s) * 24.0)"
        arg_joiner = arg_joiner or ") * 24.0 - julianday("
        return super().as_sql(compiler, connection, function, template, arg_joiner, **extra)


class PercentileHours(Aggregate):
    """percentile_cont of closed_at - requested_at, in hours (PostgreSQL only)."""

    function = "percentile_cont"
    template = (
        "percentile_cont(%(fraction)s) WITHIN GROUP "
        "(ORDER BY EXTRACT(EPOCH FROM %(expressions)s) / 3600.0)"
    )
    output_field = FloatField()

    def __init__(self, fraction: float) -> None:
        duration = ExpressionWrapper(F("closed_at") - F("requested_at"), DurationField())
        super().__init__(duration, fraction=float(fraction))


def hours_to_close(requests: QuerySet, key: Any = None) -> dict[Any, tuple[float, float, int]]:
    """(median, p90, how many) hours from request to closure of `requests` (already limited
    to closures with a time), per value of `key` (an expression or field name), or under None
    for all of them."""
    if isinstance(key, str):
        key = F(key)
    if connection.vendor == "postgresql":
        return _in_sql(requests, key)
    return _in_python(requests, key)


def _in_sql(requests: QuerySet, key: Any) -> dict[Any, tuple[float, float, int]]:
    aggregates = {
        "p50": PercentileHours(FRACTIONS[0]),
        "p90": PercentileHours(FRACTIONS[1]),
        "n": Count("id"),
    }
    if key is None:
        row = requests.order_by().aggregate(**aggregates)
        return {None: (row["p50"], row["p90"], row["n"])} if row["n"] else {}
    rows = requests.order_by().annotate(key=key).values("key").annotate(**aggregates)
    return {row["key"]: (row["p50"], row["p90"], row["n"]) for row in rows}


def _in_python(requests: QuerySet, key: Any) -> dict[Any, tuple[float, float, int]]:
    duration = ExpressionWrapper(F("closed_at") - F("requested_at"), DurationField())
    grouped: dict[Any, list[float]] = defaultdict(list)
    if key is None:
        for (spent,) in requests.order_by().annotate(spent=duration).values_list("spent"):
            grouped[None].append(spent.total_seconds() / 3600)
    else:
        rows = requests.order_by().annotate(key=key, spent=duration).values_list("key", "spent")
        for group, spent in rows:
            grouped[group].append(spent.total_seconds() / 3600)
    found = {}
    for group, hours in grouped.items():
        p50, p90 = np.percentile(np.array(hours), [f * 100 for f in FRACTIONS])
        found[group] = (float(p50), float(p90), len(hours))
    return found
