"""The named definitions every figure is shown with: what is divided by what.

Each definition is a ratio (or a count) of sums from sums.py, agent_time.py and
contacts.py, computed for many groups at once. A figure with nothing to divide by is None,
shown as a dash, never as 0. Thresholds come from each call's queue (service level T,
default 20 s; short abandon S, default 5 s); first-contact resolution counts repeat calls
within CARE311_FCR_DAYS days (default 7).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

Sums = dict[str, np.ndarray]

PERCENT = "%"
SECONDS = "s"
COUNT = ""
PER_HOUR = "/h"


@dataclass(frozen=True)
class Definition:
    name: str
    label: str
    formula: str
    unit: str
    compute: Callable[[Sums], np.ndarray]
    source: str = "calls"  # calls | agent time | contacts
    # Why the figure is unknown, for each group (read only where it is): a dash alone says
    # "nothing to divide by", which is enough for the figures of calls.
    why_unknown: Callable[[Sums], np.ndarray] | None = None

    def array(self, sums: Sums) -> np.ndarray:
        """The figure for every group; NaN where there is nothing to divide by."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.asarray(self.compute(sums), dtype=np.float64)

    def values(self, sums: Sums) -> list[float | None]:
        return [None if value != value else value for value in self.array(sums).tolist()]

    def reasons(self, sums: Sums, figures: np.ndarray) -> list[str]:
        """For each group, why its figure (from `array`) is unknown; "" where it is known
        or where the definition gives no reason."""
        if self.why_unknown is None:
            return [""] * len(figures)
        why = np.broadcast_to(self.why_unknown(sums), figures.shape)
        return [
            str(text) if figure != figure else "" for figure, text in zip(figures, why, strict=True)
        ]


def _ratio(top: np.ndarray, bottom: np.ndarray, scale: float = 1.0) -> np.ndarray:
    bottom = np.asarray(bottom, dtype=np.float64)
    return np.where(bottom > 0, top * scale / np.where(bottom > 0, bottom, 1), np.nan)


def offered(s: Sums) -> np.ndarray:
    return s["entered"] - s["waiting"]


def _handle_time(s: Sums) -> np.ndarray:
    return s["talk"] + s["hold"] + s["wrap"]


def _staffed(s: Sums) -> np.ndarray:
    return s["logged_in"] - s["paused"]


NO_AGENT_TIME = "no logged-in time is known from the agents' state intervals"
ALL_PAUSED = "the agents were paused for all their logged-in time"
CALLS_DO_NOT_FIT = (
    "the calls' handle time is longer than the logged-in time they were answered in: the "
    "state intervals and the call records disagree"
)


def _why_no_occupancy(s: Sums) -> np.ndarray:
    return np.where(s["logged_in"] > 0, ALL_PAUSED, NO_AGENT_TIME)


def _why_no_calls_per_hour(s: Sums) -> np.ndarray:
    return np.where(s["logged_in"] > 0, CALLS_DO_NOT_FIT, NO_AGENT_TIME)


OFFERED_TEXT = "calls that entered a queue and left it: answered, abandoned, timed out or exited"

DEFINITIONS = [
    Definition(
        "offered",
        "Offered",
        OFFERED_TEXT + " (calls still waiting are not counted)",
        COUNT,
        offered,
    ),
    Definition(
        "answered",
        "Answered",
        "calls connected to an agent, transferred ones included",
        COUNT,
        lambda s: s["answered"],
    ),
    Definition(
        "abandoned",
        "Abandoned",
        "callers who hung up while waiting in the queue",
        COUNT,
        lambda s: s["abandoned"],
    ),
    Definition(
        "short_abandons",
        "Short abandons",
        "abandoned calls that waited less than the queue's short-abandon threshold S",
        COUNT,
        lambda s: s["short_abandoned"],
    ),
    Definition(
        "timed_out_or_exited",
        "Timed out or exited",
        "calls the queue's time limit ended, or that left with a key or for want of agents",
        COUNT,
        lambda s: s["timed_out"] + s["exited"],
    ),
    Definition(
        "service_level_answered",
        "Service level, answered basis",
        "answered within the queue's threshold T ÷ answered",
        PERCENT,
        lambda s: _ratio(s["answered_in_threshold"], s["answered"], 100),
    ),
    Definition(
        "service_level_offered",
        "Service level, offered basis",
        "answered within T ÷ offered",
        PERCENT,
        lambda s: _ratio(s["answered_in_threshold"], offered(s), 100),
    ),
    Definition(
        "service_level_abandons_met",
        "Service level, abandons within T met",
        "(answered within T + abandoned within T) ÷ offered",
        PERCENT,
        lambda s: _ratio(s["answered_in_threshold"] + s["abandoned_in_threshold"], offered(s), 100),
    ),
    Definition(
        "service_level_short_excluded",
        "Service level, short abandons excluded",
        "answered within T ÷ (offered - short abandons)",
        PERCENT,
        lambda s: _ratio(s["answered_in_threshold"], offered(s) - s["short_abandoned"], 100),
    ),
    Definition(
        "asa",
        "Average speed of answer",
        "total wait of answered calls ÷ answered calls",
        SECONDS,
        lambda s: _ratio(s["wait_answered"], s["answered"]),
    ),
    Definition(
        "average_time_to_abandon",
        "Average time to abandon",
        "total wait of abandoned calls ÷ abandoned calls",
        SECONDS,
        lambda s: _ratio(s["wait_abandoned"], s["abandoned"]),
    ),
    Definition(
        "abandonment_rate",
        "Abandonment rate",
        "abandoned ÷ offered",
        PERCENT,
        lambda s: _ratio(s["abandoned"], offered(s), 100),
    ),
    Definition(
        "abandonment_rate_short_excluded",
        "Abandonment rate, short abandons excluded",
        "(abandoned - short abandons) ÷ (offered - short abandons)",
        PERCENT,
        lambda s: _ratio(
            s["abandoned"] - s["short_abandoned"], offered(s) - s["short_abandoned"], 100
        ),
    ),
    Definition(
        "aht",
        "Average handle time",
        "(talk + hold + wrap-up) ÷ handled calls (answered calls whose end was seen; "
        "hold and wrap-up count 0 where the phone system does not report them)",
        SECONDS,
        lambda s: _ratio(_handle_time(s), s["handled"]),
    ),
    Definition(
        "average_talk",
        "Average talk time",
        "talk ÷ handled calls",
        SECONDS,
        lambda s: _ratio(s["talk"], s["handled"]),
    ),
    Definition(
        "average_hold",
        "Average hold time",
        "hold ÷ handled calls",
        SECONDS,
        lambda s: _ratio(s["hold"], s["handled"]),
    ),
    Definition(
        "average_after_call_work",
        "Average after-call work",
        "wrap-up ÷ handled calls",
        SECONDS,
        lambda s: _ratio(s["wrap"], s["handled"]),
    ),
    Definition(
        "transfers",
        "Transfers",
        "answered calls passed on to another number",
        COUNT,
        lambda s: s["transferred"],
    ),
    Definition(
        "transfer_rate",
        "Transfer rate",
        "transfers ÷ answered",
        PERCENT,
        lambda s: _ratio(s["transferred"], s["answered"], 100),
    ),
    Definition(
        "incomplete",
        "Incomplete",
        "answered calls whose end was never reported (no talk time)",
        COUNT,
        lambda s: s["incomplete"],
    ),
    Definition(
        "waiting",
        "Still waiting",
        "calls in a queue with no result yet (live, or when a log ended)",
        COUNT,
        lambda s: s["waiting"],
    ),
    Definition(
        "occupancy",
        "Occupancy",
        "(on a call + wrap-up) ÷ (logged in - paused), from agent state intervals; only time "
        "within a logged-in session counts, each moment once (a call before wrap-up before "
        "a pause)",
        PERCENT,
        lambda s: _ratio(s["on_call"] + s["wrap_up"], _staffed(s), 100),
        source="agent time",
        why_unknown=_why_no_occupancy,
    ),
    Definition(
        "utilization",
        "Utilization",
        "(on a call + wrap-up) ÷ logged in, from agent state intervals, as for occupancy",
        PERCENT,
        lambda s: _ratio(s["on_call"] + s["wrap_up"], s["logged_in"], 100),
        source="agent time",
        why_unknown=lambda s: np.asarray(NO_AGENT_TIME),
    ),
    Definition(
        "calls_per_agent_hour",
        "Calls per agent hour",
        "handled calls answered while the agent was logged in ÷ those logged-in hours; a "
        "session whose calls' handle time is longer than the session is left out",
        PER_HOUR,
        lambda s: _ratio(s["session_calls"], s["session_time"], 3600),
        source="agent time",
        why_unknown=_why_no_calls_per_hour,
    ),
    Definition(
        "fcr",
        "First-contact resolution",
        "first calls about a request with no other call about it within N days ÷ "
        "first calls about a request",
        PERCENT,
        lambda s: _ratio(s["resolved_first"], s["first_contacts"], 100),
        source="contacts",
    ),
    Definition(
        "requests_filed",
        "Requests filed",
        "service requests filed during the calls",
        COUNT,
        lambda s: s["filed"],
        source="contacts",
    ),
]
BY_NAME = {definition.name: definition for definition in DEFINITIONS}

REPORT = (
    "offered",
    "answered",
    "abandoned",
    "short_abandons",
    "service_level_offered",
    "service_level_answered",
    "service_level_abandons_met",
    "service_level_short_excluded",
    "asa",
    "average_time_to_abandon",
    "abandonment_rate",
    "abandonment_rate_short_excluded",
    "aht",
    "transfers",
    "incomplete",
    "waiting",
    "occupancy",
    "utilization",
    "calls_per_agent_hour",
    "fcr",
)
SCORECARD = (
    "answered",
    "aht",
    "average_talk",
    "average_hold",
    "average_after_call_work",
    "occupancy",
    "utilization",
    "calls_per_agent_hour",
    "transfers",
    "transfer_rate",
    "fcr",
    "requests_filed",
    "incomplete",
)


def chosen(names: Sequence[str]) -> list[Definition]:
    """The definitions named, in that order; an unknown name raises KeyError."""
    return [BY_NAME[name] for name in names]


def format_value(definition: Definition, value: float | None) -> str:
    if value is None:
        return "—"
    if definition.unit == COUNT:
        return f"{value:,.0f}"
    if definition.unit == PERCENT:
        return f"{value:.1f}%"
    if definition.unit == PER_HOUR:
        return f"{value:.2f}/h"
    return f"{value:.1f} s"
