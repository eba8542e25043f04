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

    def per_call(self, queue: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        where = np.searchsorted(self.queue_ids, queue)
        return self.service_level[where], self.short_abandon[where]


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
    outcome = calls.outcome
    answered = (outcome == CODE[Outcome.ANSWERED]) | (outcome == CODE[Outcome.TRANSFERRED])
    abandoned = outcome == CODE[Outcome.ABANDONED]
    exited = (outcome == CODE[Outcome.EXITED_KEY]) | (outcome == CODE[Outcome.EXITED_EMPTY])
    ivr = outcome == CODE[Outcome.IVR]
    # An unknown wait counts as no wait (the pipeline counts such calls as a caveat).
    wait = np.nan_to_num(calls.wait)
    service_level, short_abandon = thresholds.per_call(calls.queue)
    handled = answered & calls.complete

    values = {
        "entered": ~ivr,
        "waiting": outcome == CODE[Outcome.WAITING],
        "answered": answered,
        "answered_in_threshold": answered & (wait <= service_level),
        "abandoned": abandoned,
        "abandoned_in_threshold": abandoned & (wait <= service_level),
        "short_abandoned": abandoned & (wait < short_abandon),
        "timed_out": outcome == CODE[Outcome.TIMED_OUT],
        "exited": exited,
        "transferred": outcome == CODE[Outcome.TRANSFERRED],
        "incomplete": answered & ~calls.complete,
        "handled": handled,
        "ivr": ivr,
        "wait_answered": np.where(answered, wait, 0.0),
        "wait_abandoned": np.where(abandoned, wait, 0.0),
        "talk": np.where(handled, np.nan_to_num(calls.talk), 0.0),
        "hold": np.where(handled, np.nan_to_num(calls.hold), 0.0),
        "wrap": np.where(handled, np.nan_to_num(calls.wrap), 0.0),
    }
    sums = {}
    for name, value in values.items():
        weight = value if weights is None else value * weights
        sums[name] = np.rint(np.bincount(group, weights=weight, minlength=groups)).astype(np.int64)
    return sums


def sum_rows(rows: dict[str, np.ndarray], group: np.ndarray, groups: int) -> dict[str, np.ndarray]:
    """Sums already summed per row (interval summaries), summed again per group."""
    return {
        name: np.rint(np.bincount(group, weights=rows[name], minlength=groups)).astype(np.int64)
        for name in MEASURES
    }
