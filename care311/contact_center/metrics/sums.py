"""The additive sums every call figure is a ratio of, summed per group with numpy.

A call adds to the sums once, by its outcome and durations, judged against its own queue's
thresholds; every figure of metrics/definitions.py divides one of these sums by another.
The same code sums a batch's changed calls into the interval summaries and a million calls
held in memory into a report.
"""

from dataclasses import dataclass

import numpy as np

from care311.contact_center.models import Outcome

COUNTS = (
    "entered",
    "waiting",
    "answered",
    "answered_in_threshold",
    "abandoned",
    "abandoned_in_threshold",
    "short_abandoned",
    "timed_out",
    "exited",
    "transferred",
    "incomplete",
    "handled",
    "ivr",
)
SECONDS = ("wait_answered", "wait_abandoned", "talk", "hold", "wrap")
MEASURES = COUNTS + SECONDS

OUTCOMES = tuple(Outcome.values)
CODE = {outcome: code for code, outcome in enumerate(OUTCOMES)}


@dataclass
class CallColumns:
    """Calls as columns: one array per field, one position per call.

    Durations are float seconds with NaN where unknown; `agent` is 0 for no agent.
    """

    arrived: np.ndarray  # seconds since 1970 UTC
    queue: np.ndarray
    agent: np.ndarray
    channel: np.ndarray  # an index into the report's list of channel names
    outcome: np.ndarray  # CODE of the outcome
    complete: np.ndarray  # bool
    wait: np.ndarray
    talk: np.ndarray
    hold: np.ndarray
    wrap: np.ndarray

    def __len__(self) -> int:
        return len(self.arrived)


@dataclass(frozen=True)
class Thresholds:
    """Each queue's service-level and short-abandon thresholds, looked up by queue id."""

    queue_ids: np.ndarray  # sorted
    service_level: np.ndarray
    short_abandon: np.ndarray

    @classmethod
    def of(cls, queues: dict[int, tuple[int, int]]) -> "Thresholds":
        """From queue id -> (service-level seconds, short-abandon seconds)."""
        ids = np.array(sorted(queues), dtype=np.int64)
        return cls(
            ids,
            np.array([queues[i][0] for i in ids], dtype=np.float64),
            np.array([queues[i][1] for i in ids], dtype=np.float64),
        )

    def to_compare(self, queue: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The thresholds to compare the calls' waits with: per call, or one pair when every
        queue has the same (the 80/20 default, most often), which needs no lookup per call."""
        levels, shorts = self.service_level, self.short_abandon
        if len(levels) and (levels == levels[0]).all() and (shorts == shorts[0]).all():
            return levels[:1], shorts[:1]
        return self.per_call(queue)

    def per_call(self, queue: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if len(self.queue_ids) and self.queue_ids[0] >= 0 and self.queue_ids[-1] < 1_000_000:
            # Queue ids are small: a table indexed by id beats a binary search per call.
            where = np.zeros(int(self.queue_ids[-1]) + 1, dtype=np.int64)
            where[self.queue_ids] = np.arange(len(self.queue_ids))
            found = where[queue]
        else:
            found = np.searchsorted(self.queue_ids, queue)
        return self.service_level[found], self.short_abandon[found]


def _known(seconds: np.ndarray) -> np.ndarray:
    """Seconds with an unknown (NaN) value as 0: fmax takes the number where one side is NaN,
    and a duration is never negative (np.nan_to_num also looks for infinities, at several
    times the cost)."""
    return np.fmax(seconds, 0.0)


def _counts(outcome: np.ndarray, in_level: np.ndarray, short: np.ndarray, complete: np.ndarray):
    """What a call counts in, from its outcome code, whether its wait was within its queue's
    service-level threshold and under its short-abandon threshold, and whether it completed."""
    answered = (outcome == CODE[Outcome.ANSWERED]) | (outcome == CODE[Outcome.TRANSFERRED])
    abandoned = outcome == CODE[Outcome.ABANDONED]
    ivr = outcome == CODE[Outcome.IVR]
    return {
        "entered": ~ivr,
        "waiting": outcome == CODE[Outcome.WAITING],
        "answered": answered,
        "answered_in_threshold": answered & in_level,
        "abandoned": abandoned,
        "abandoned_in_threshold": abandoned & in_level,
        "short_abandoned": abandoned & short,
        "timed_out": outcome == CODE[Outcome.TIMED_OUT],
        "exited": (outcome == CODE[Outcome.EXITED_KEY]) | (outcome == CODE[Outcome.EXITED_EMPTY]),
        "transferred": outcome == CODE[Outcome.TRANSFERRED],
        "incomplete": answered & ~complete,
        "handled": answered & complete,
        "ivr": ivr,
    }


# Every count depends only on a call's "kind": its outcome code and three flags, coded as
# outcome * 8 + in_level * 4 + short * 2 + complete. KIND_COUNTS[kind] holds the counts of
# COUNTS that a call of that kind adds 1 to.
KINDS = len(OUTCOMES) * 8
_kind = np.arange(KINDS)
KIND_COUNTS = np.column_stack(
    list(_counts(_kind // 8, (_kind & 4) > 0, (_kind & 2) > 0, (_kind & 1) > 0).values())
).astype(np.float64)
KIND_FLAGS = {name: KIND_COUNTS[:, index] > 0 for index, name in enumerate(COUNTS)}
# Which wait a call of each kind adds to: 0 answered, 1 abandoned, 2 neither.
WAIT_CLASS = np.where(KIND_FLAGS["answered"], 0, np.where(KIND_FLAGS["abandoned"], 1, 2))


def sum_calls(
    calls: CallColumns,
    thresholds: Thresholds,
    group: np.ndarray,
    groups: int,
    weights: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Each measure summed over the calls of each group (group[i] in 0..groups-1).

    `weights` (+1 or -1 per call) lets a batch take a changed call's old values out of the
    summaries and put its new ones in, in one pass.
    """
    # An unknown wait counts as no wait (the pipeline counts such calls as a caveat).
    wait = _known(calls.wait)
    service_level, short_abandon = thresholds.to_compare(calls.queue)
    kind = (
        calls.outcome.astype(np.int64) * 8
        + (wait <= service_level) * 4
        + (wait < short_abandon) * 2
        + calls.complete
    )

    # The counts: calls per group and kind in one bincount (over the kinds present only),
    # then each count per group as a product with KIND_COUNTS, instead of a bincount per count.
    present = np.flatnonzero(np.bincount(kind, minlength=KINDS))
    dense = np.zeros(KINDS, dtype=np.int64)
    dense[present] = np.arange(len(present))
    per_kind = np.bincount(
        group * len(present) + dense[kind], weights=weights, minlength=groups * len(present)
    ).reshape(groups, len(present))
    counted = np.rint(per_kind @ KIND_COUNTS[present]).astype(np.int64)
    sums = {name: counted[:, index] for index, name in enumerate(COUNTS)}

    # The durations: both waits in one bincount over (group, answered/abandoned/other), and
    # talk, hold and wrap-up over (group, handled or not), keeping the first columns.
    wait_sums = np.bincount(
        group * 3 + WAIT_CLASS[kind],
        weights=wait if weights is None else wait * weights,
        minlength=groups * 3,
    ).reshape(groups, 3)
    sums["wait_answered"] = np.rint(wait_sums[:, 0]).astype(np.int64)
    sums["wait_abandoned"] = np.rint(wait_sums[:, 1]).astype(np.int64)
    handled = group * 2 + ~KIND_FLAGS["handled"][kind]
    for name, column in (("talk", calls.talk), ("hold", calls.hold), ("wrap", calls.wrap)):
        value = _known(column)
        summed = np.bincount(
            handled, weights=value if weights is None else value * weights, minlength=groups * 2
        )
        sums[name] = np.rint(summed[0::2]).astype(np.int64)
    return sums


def sum_rows(rows: dict[str, np.ndarray], group: np.ndarray, groups: int) -> dict[str, np.ndarray]:
    """Sums already summed per row (interval summaries), summed again per group."""
    return {
        name: np.rint(np.bincount(group, weights=rows[name], minlength=groups)).astype(np.int64)
        for name in MEASURES
    }
