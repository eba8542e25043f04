"""The interval summaries: sums per UTC quarter-hour, queue, agent and channel.

The pipeline adds a batch's changes with `add_calls` in the batch's transaction; `rebuild`
sums everything again from the call records (after a queue's thresholds change, or to
check that the running sums are right).
"""

from collections.abc import Iterable, Sequence
from datetime import datetime

import numpy as np
from django.db import connection, transaction

from care311.contact_center.metrics.sums import (
    CODE,
    MEASURES,
    CallColumns,
    Thresholds,
    sum_calls,
)
from care311.contact_center.models import CallRecord, IntervalSummary, Queue

QUARTER = 900
CALL_FIELDS = (
    "arrived_at",
    "queue_id",
    "agent_id",
    "channel",
    "outcome",
    "complete",
    "wait_seconds",
    "talk_seconds",
    "hold_seconds",
    "wrap_seconds",
)
# A call as the summaries see it: the values of CALL_FIELDS.
CallRow = tuple


def queue_thresholds() -> Thresholds:
    return Thresholds.of(
        {
            queue_id: (seconds, short)
            for queue_id, seconds, short in Queue.objects.values_list(
                "id", "service_level_seconds", "short_abandon_seconds"
            )
        }
    )


def columns(rows: Sequence[CallRow]) -> tuple[CallColumns, list[str]]:
    """Call rows as columns, and the channel names the channel codes index."""
    channels = sorted({row[3] for row in rows})
    code = {name: index for index, name in enumerate(channels)}

    def durations(index: int) -> np.ndarray:
        return np.array(
            [np.nan if row[index] is None else row[index] for row in rows], dtype=np.float64
        )

    calls = CallColumns(
        arrived=np.array([int(row[0].timestamp()) for row in rows], dtype=np.int64),
        queue=np.array([row[1] for row in rows], dtype=np.int64),
        agent=np.array([row[2] or 0 for row in rows], dtype=np.int64),
        channel=np.array([code[row[3]] for row in rows], dtype=np.int64),
        outcome=np.array([CODE[row[4]] for row in rows], dtype=np.int64),
        complete=np.array([row[5] for row in rows], dtype=bool),
        wait=durations(6),
        talk=durations(7),
        hold=durations(8),
        wrap=durations(9),
    )
    return calls, channels


def add_calls(rows: Sequence[CallRow], weights: Sequence[int], thresholds: Thresholds) -> None:
    """Add each call's sums, times its weight (+1 new values, -1 old ones), to its cell."""
    if not rows:
        return
    calls, channels = columns(rows)
    cells = np.stack([calls.arrived // QUARTER, calls.queue, calls.agent, calls.channel], axis=1)
    keys, group = np.unique(cells, axis=0, return_inverse=True)
    group = group.reshape(-1)
    sums = sum_calls(calls, thresholds, group, len(keys), np.asarray(weights, dtype=np.float64))
    table = np.stack([sums[name] for name in MEASURES], axis=1)
    changed = np.any(table != 0, axis=1)
    values = [
        (int(q), int(queue), int(agent), channels[channel], *map(int, row))
        for (q, queue, agent, channel), row in zip(keys[changed], table[changed], strict=True)
    ]
    _upsert(values)
    if min(weights) < 0:
        # A call that moved (to its true arrival, queue or agent) can leave a cell empty:
        # every call counts as entered or as left before queueing, so that cell has neither.
        quarters = sorted({row[0] for row in values})
        IntervalSummary.objects.filter(quarter__in=quarters, entered=0, ivr=0).delete()


def _upsert(values: list[tuple]) -> None:
    # Table and column names come from the model and MEASURES; the values are parameters.
    table = IntervalSummary._meta.db_table
    names = ", ".join(("quarter", "queue_id", "agent_key", "channel", *MEASURES))
    slots = ", ".join(["%s"] * (4 + len(MEASURES)))
    sets = ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in MEASURES)
    keys = "quarter, queue_id, agent_key, channel"
    insert = f"INSERT INTO {table} ({names}) VALUES ({slots})"  # noqa: S608
    sql = f"{insert} ON CONFLICT ({keys}) DO UPDATE SET {sets}"
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


@transaction.atomic
def rebuild(queues: Iterable[Queue] | None = None, chunk: int = 50_000) -> int:
    """Sum the summaries again from the call records (all, or those of `queues`)."""
    calls = CallRecord.objects.order_by("id")
    summaries = IntervalSummary.objects.all()
    if queues is not None:
        ids = [queue.pk for queue in queues]
        calls, summaries = calls.filter(queue_id__in=ids), summaries.filter(queue_id__in=ids)
    summaries.delete()

    thresholds = queue_thresholds()
    count, last = 0, 0
    while rows := list(calls.filter(id__gt=last).values_list("id", *CALL_FIELDS)[:chunk]):
        last = rows[-1][0]
        add_calls([row[1:] for row in rows], [1] * len(rows), thresholds)
        count += len(rows)
    return count


def quarter_of(moment: datetime) -> int:
    return int(moment.timestamp()) // QUARTER
