"""Reports: the chosen definitions' figures for each group of a period, and the total.

`call_report` reads the interval summaries (plus agent state intervals and contact links
when a definition needs them); `report_from_calls` computes the same figures from calls
held in memory as columns (the benchmark's "computation alone", and a check on the
summaries). Both group and divide with the same code.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from django.conf import settings
from django.db import connection

from care311.contact_center.metrics import agent_time, contacts
from care311.contact_center.metrics.definitions import REPORT, Definition, chosen
from care311.contact_center.metrics.grouping import (
    QUARTER,
    TIME_DIMENSIONS,
    Grouping,
    Period,
    code_groups,
    time_labels,
)
from care311.contact_center.metrics.sums import (
    MEASURES,
    CallColumns,
    Thresholds,
    sum_calls,
    sum_rows,
)
from care311.contact_center.models import Agent, IntervalSummary, Queue

Sums = dict[str, np.ndarray]
ALL_MEASURES = MEASURES + agent_time.MEASURES + contacts.MEASURES
NO_AGENT = "(no agent)"


@dataclass
class Part:
    """Rows of one kind (calls or summaries, agent time, contacts) to group and sum."""

    quarter: np.ndarray
    queue: np.ndarray
    agent: np.ndarray
    channel: np.ndarray
    summed: Callable[[np.ndarray, int], Sums]


@dataclass
class Row:
    labels: tuple[str, ...]
    values: list[float | None]
    # Per definition, why its value is unknown where the definition says ("" otherwise).
    reasons: list[str] = field(default_factory=list)


@dataclass
class LabelColumn:
    """One dimension's labels for the groups in order: `texts[codes[i]]` is group i's."""

    texts: np.ndarray  # of str objects, one per value present
    codes: np.ndarray


@dataclass
class Report:
    """Figures for each group: `table` has a row per group (in the order of `labels`) and a
    column per definition, NaN where there is nothing to divide by; `rows` gives the same
    as Python values, None for NaN, when a page or a test wants them. Labels are kept as
    codes into each dimension's texts and spelled out when first read, as `rows` is."""

    period: Period
    grouping: Grouping
    definitions: list[Definition]
    label_columns: list[LabelColumn]
    table: np.ndarray
    total: Row
    notes: list[str] = field(default_factory=list)
    # definition name -> why each group's figure is unknown, in the order of `labels`; only
    # for the definitions that give reasons.
    reasons: dict[str, list[str]] = field(default_factory=dict)

    @cached_property
    def labels(self) -> list[tuple[str, ...]]:
        if not self.label_columns:
            return [("All",)] * len(self.table)
        spelled = [column.texts[column.codes].tolist() for column in self.label_columns]
        return list(zip(*spelled, strict=True))

    @cached_property
    def rows(self) -> list[Row]:
        blank = [""] * len(self.table)
        why = [self.reasons.get(d.name, blank) for d in self.definitions]
        return [
            Row(key, [None if value != value else value for value in values], [w[i] for w in why])
            for i, (key, values) in enumerate(zip(self.labels, self.table.tolist(), strict=True))
        ]

    @property
    def all_notes(self) -> list[str]:
        """The notes, then a line for each reason an unknown figure has in a row or the total
        (of the rows the report has now: a page may leave some out)."""
        lines = list(self.notes)
        for index, definition in enumerate(self.definitions):
            found = {row.reasons[index] for row in [*self.rows, self.total]} - {""}
            lines += [f"{definition.label} is unknown (—) where {why}." for why in sorted(found)]
        return lines

    def figures(self, *labels: str) -> dict[str, float | None]:
        """name -> value for the row with these labels (no labels: the total)."""
        row = self.total if not labels else next(r for r in self.rows if r.labels == labels)
        return {d.name: value for d, value in zip(self.definitions, row.values, strict=True)}

    @property
    def headers(self) -> list[str]:
        return [*self.grouping.dimensions]


@dataclass
class Names:
    queues: dict[int, str]
    agents: dict[int, str]
    channels: list[str]


def call_report(
    period: Period,
    grouping: Grouping,
    names: Sequence[str] = REPORT,
    *,
    queues: list[int] | None = None,
    agents: list[int] | None = None,
    fcr_days: int | None = None,
) -> Report:
    """The figures of the definitions `names` for `period`, grouped by `grouping`."""
    definitions = chosen(names)
    channels: dict[str, int] = {}
    parts = [_summary_part(period, queues, agents, channels)]
    notes = []
    sources = {definition.source for definition in definitions}
    explained: set[str] = set()
    if "agent time" in sources:
        if {"queue", "channel"} & set(grouping.dimensions) or queues is not None:
            notes.append(
                "Occupancy, utilization and calls per agent hour are not split by "
                "queue or channel: agents' time is not spent in one queue."
            )
        else:
            parts.append(_agent_time_part(period, agents))
            explained.add("agent time")
    if "contacts" in sources:
        days = fcr_days if fcr_days is not None else settings.CONTACT_CENTER_FCR_DAYS
        parts.append(_contacts_part(period, days, channels, queues, agents))
    names_of = Names(
        dict(Queue.objects.values_list("id", "name")),
        dict(Agent.objects.values_list("id", "name")),
        sorted(channels, key=channels.__getitem__),
    )
    return assemble(parts, period, grouping, definitions, names_of, notes, frozenset(explained))


def report_from_calls(
    calls: CallColumns,
    thresholds: Thresholds,
    period: Period,
    grouping: Grouping,
    names: Sequence[str],
    labels: Names,
) -> Report:
    """The same figures from calls in memory (only definitions computed from calls)."""
    quarter = calls.arrived // QUARTER
    inside = (quarter >= period.start) & (quarter < period.stop)
    if not inside.all():
        calls = CallColumns(**{k: v[inside] for k, v in vars(calls).items()})
        quarter = quarter[inside]

    def summed(group: np.ndarray, count: int) -> Sums:
        return sum_calls(calls, thresholds, group, count)

    part = Part(quarter, calls.queue, calls.agent, calls.channel, summed)
    return assemble([part], period, grouping, chosen(names), labels, [])


def assemble(
    parts: list[Part],
    period: Period,
    grouping: Grouping,
    definitions: list[Definition],
    names: Names,
    notes: list[str],
    explained: frozenset[str] = frozenset(),
) -> Report:
    """The parts' sums per group, divided as the definitions say. Unknown figures of the
    definitions whose source is in `explained` carry their reasons."""

    def joined(name: str) -> np.ndarray:
        arrays = [getattr(part, name) for part in parts]
        return arrays[0] if len(arrays) == 1 else np.concatenate(arrays)

    quarter = joined("quarter")
    columns = {name: _dense(joined(name)) for name in ("queue", "agent", "channel")}
    coded = code_groups(grouping, period, quarter, {k: v[0] for k, v in columns.items()})

    sums: Sums = {}
    start = 0
    for part in parts:
        stop = start + len(part.quarter)
        for name, values in part.summed(coded.group[start:stop], coded.count).items():
            sums[name] = sums[name] + values if name in sums else values
        start = stop
    for name in ALL_MEASURES:  # what no part sums is 0 for every group
        sums.setdefault(name, np.zeros(coded.count, dtype=np.int64))

    order, labels = _ordered_labels(coded.codes, coded.count, grouping, period, columns, names)
    # Stacked as rows, then ordered and turned: column_stack writes across rows, slower.
    columns_of = [definition.array(sums) for definition in definitions] or [np.zeros(coded.count)]
    table = np.ascontiguousarray(np.stack(columns_of)[:, order].T)
    explain = [d for d in definitions if d.source in explained and d.why_unknown is not None]
    ordered_sums = {name: values[order] for name, values in sums.items()} if explain else {}
    reasons = {d.name: d.reasons(ordered_sums, d.array(ordered_sums)) for d in explain}
    total_sums = {name: values.sum(keepdims=True) for name, values in sums.items()}
    total_values = [definition.array(total_sums) for definition in definitions]
    total = Row(
        ("All",),
        [None if value[0] != value[0] else float(value[0]) for value in total_values],
        [
            d.reasons(total_sums, value)[0] if d in explain else ""
            for d, value in zip(definitions, total_values, strict=True)
        ],
    )
    return Report(period, grouping, definitions, labels, table, total, notes, reasons)


def _dense(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Small ids 0..n-1 for the ids present, and the id of each small one."""
    if not len(ids):
        return ids, ids
    present = np.flatnonzero(np.bincount(ids))
    lookup = np.zeros(int(ids.max()) + 1, dtype=np.int64)
    lookup[present] = np.arange(len(present))
    return lookup[ids], present


def _ordered_labels(
    codes, count, grouping, period, columns, names
) -> tuple[np.ndarray, list[LabelColumn]]:
    """The groups in order (time first, then names, "(no agent)" last) and their labels, as
    each dimension's texts and the groups' codes into them, in that order."""
    keys, texts = [], []
    for name in grouping.dimensions:
        code = codes[name]
        if name in TIME_DIMENSIONS:
            present, where = np.unique(code, return_inverse=True)
            keys.append(code)
            texts.append((time_labels(name, present, grouping, period), where))
            continue
        ids = columns[name][1]
        if name == "channel":
            label = [names.channels[i] for i in ids.tolist()]
        else:
            known = names.queues if name == "queue" else names.agents
            label = [known.get(i, NO_AGENT) for i in ids.tolist()]
        rank = np.empty(len(label), dtype=np.int64)
        rank[sorted(range(len(label)), key=lambda i: (label[i] == NO_AGENT, label[i]))] = np.arange(
            len(label)
        )
        keys.append(rank[code])
        texts.append((label, code))
    if not grouping.dimensions:
        return np.arange(count), []
    order = np.lexsort(keys[::-1])
    return order, [LabelColumn(np.array(label, dtype=object), code[order]) for label, code in texts]


def _summary_part(period: Period, queues, agents, channels: dict[str, int]) -> Part:
    summaries = IntervalSummary.objects.filter(quarter__gte=period.start, quarter__lt=period.stop)
    if queues is not None:
        summaries = summaries.filter(queue_id__in=queues)
    if agents is not None:
        summaries = summaries.filter(agent_key__in=agents)
    # The raw cursor skips building a model or tuple per row through the ORM: a month is tens
    # of thousands of rows and this is most of a report's time.
    sql, params = summaries.values_list(
        "quarter", "queue_id", "agent_key", "channel", *MEASURES
    ).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    for row in fetched:
        channels.setdefault(row[3], len(channels))
    table = np.array(
        [
            (q, queue, agent, channels[channel], *rest)
            for q, queue, agent, channel, *rest in fetched
        ],
        dtype=np.int64,
    ).reshape(-1, 4 + len(MEASURES))
    measures = {name: table[:, 4 + index].astype(np.float64) for index, name in enumerate(MEASURES)}

    def summed(group: np.ndarray, count: int) -> Sums:
        return sum_rows(measures, group, count)

    return Part(table[:, 0], table[:, 1], table[:, 2], table[:, 3], summed)


def _agent_time_part(period: Period, agents) -> Part:
    rows = agent_time.agent_time(period, agents)
    size = len(rows["quarter"])
    zeros = np.zeros(size, dtype=np.int64)

    def summed(group: np.ndarray, count: int) -> Sums:
        return {
            name: np.rint(np.bincount(group, weights=rows[name], minlength=count)).astype(np.int64)
            for name in agent_time.MEASURES
        }

    return Part(rows["quarter"], zeros, rows["agent"], zeros, summed)


def _contacts_part(period: Period, days: int, channels, queues, agents) -> Part:
    rows = contacts.contact_sums(period, days, channels)
    keep = np.ones(len(rows["quarter"]), dtype=bool)
    if queues is not None:
        keep &= np.isin(rows["queue"], queues)
    if agents is not None:
        keep &= np.isin(rows["agent"], agents)
    rows = {name: values[keep] for name, values in rows.items()}

    def summed(group: np.ndarray, count: int) -> Sums:
        return {
            name: np.rint(np.bincount(group, weights=rows[name], minlength=count)).astype(np.int64)
            for name in contacts.MEASURES
        }

    return Part(rows["quarter"], rows["queue"], rows["agent"], rows["channel"], summed)
