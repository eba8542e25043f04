"""Agents' time by state, cut at quarter-hours, from their state intervals.

Only time inside a session counts. An agent's logged-in intervals, merged where they
overlap, are their sessions; a pause, a call or a wrap-up outside every session is left out
(a queue_log whose agents never log in has calls but no sessions). Inside a session each
moment counts once, on a call before wrap-up before paused (an agent may pause while on a
call), so on_call + wrap_up + paused <= logged_in in every quarter and occupancy cannot pass
100 %.

Calls per agent hour counts the handled calls answered during a session, in the quarter
they were answered, against that session's time. A session whose calls' handle time (talk +
hold + wrap-up from the call records) is longer than the session cannot be right on both
sides (a replay sped up keeps the calls' own durations, say): its calls and its time are
both left out of that figure. An interval still open counts up to now.
"""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import UTC, datetime
from itertools import pairwise

import numpy as np
from django.db.models import Q
from django.utils import timezone

from care311.contact_center.metrics.grouping import QUARTER, Period
from care311.contact_center.models import (
    ANSWERED_OUTCOMES,
    AgentState,
    AgentStateInterval,
    CallRecord,
)

# Inside a session, the state a moment counts in: the first of these the agent is in.
OVERLAYS = {
    AgentState.ON_CALL: "on_call",
    AgentState.WRAP_UP: "wrap_up",
    AgentState.PAUSED: "paused",
}
# session_calls: handled calls answered in a session they fit in; session_time: the time of
# those sessions (calls per agent hour divides the one by the other).
MEASURES = ("logged_in", "paused", "on_call", "wrap_up", "session_calls", "session_time")

Span = tuple[float, float]  # seconds since 1970 UTC, [begin, end)


class Quarters:
    """Seconds (and calls) per (quarter, agent, measure), within [low, high)."""

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high
        self.sums: dict[tuple[int, int, str], float] = defaultdict(float)

    def add(self, agent: int, name: str, span: Span) -> None:
        first, last = max(span[0], self.low), min(span[1], self.high)
        while first < last:
            quarter = int(first // QUARTER)
            piece_end = min(last, (quarter + 1) * QUARTER)
            self.sums[(quarter, agent, name)] += piece_end - first
            first = piece_end

    def count(self, agent: int, name: str, moment: float) -> None:
        if self.low <= moment < self.high:
            self.sums[(int(moment // QUARTER), agent, name)] += 1

    def rows(self) -> dict[str, np.ndarray]:
        cells = sorted({(quarter, agent) for quarter, agent, _ in self.sums})
        where = {cell: index for index, cell in enumerate(cells)}
        rows = {name: np.zeros(len(cells)) for name in MEASURES}
        for (quarter, agent, name), value in self.sums.items():
            rows[name][where[(quarter, agent)]] += value
        rows["quarter"] = np.array([cell[0] for cell in cells], dtype=np.int64)
        rows["agent"] = np.array([cell[1] for cell in cells], dtype=np.int64)
        return rows


def agent_time(period: Period, agents: list[int] | None = None) -> dict[str, np.ndarray]:
    """Rows of (quarter, agent) with the seconds spent in each state in that quarter, and
    the calls and session time calls per agent hour is computed from."""
    start, stop = period.bounds()
    now = timezone.now()
    spans = _spans(start, stop, now.timestamp(), agents)
    sessions = {
        agent: _merged(states.pop(AgentState.LOGGED_IN, [])) for agent, states in spans.items()
    }
    handled = _handled_calls(sessions)

    out = Quarters(start.timestamp(), min(now, stop).timestamp())
    for agent, states in spans.items():
        overlays = {state: _merged(states.get(state, [])) for state in OVERLAYS}
        calls = handled.get(agent, [])
        for session in sessions[agent]:
            _split_session(out, agent, session, overlays)
            inside = calls[bisect_left(calls, (session[0],)) : bisect_left(calls, (session[1],))]
            if sum(handle for _, handle in inside) <= session[1] - session[0]:
                out.add(agent, "session_time", session)
                for answered, _ in inside:
                    out.count(agent, "session_calls", answered)
    return out.rows()


def _spans(start: datetime, stop: datetime, now: float, agents) -> dict[int, dict[str, list]]:
    """agent -> state -> its intervals that overlap the period, whole, open ones up to now."""
    intervals = AgentStateInterval.objects.filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=start),
        started_at__lt=stop,
        state__in=[AgentState.LOGGED_IN, *OVERLAYS],
    )
    if agents is not None:
        intervals = intervals.filter(agent_id__in=agents)
    spans: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for agent, state, began, ended in intervals.values_list(
        "agent_id", "state", "started_at", "ended_at"
    ):
        spans[agent][state].append((began.timestamp(), ended.timestamp() if ended else now))
    return spans


def _merged(spans: list[Span]) -> list[Span]:
    """The spans' union as sorted, disjoint spans."""
    merged: list[Span] = []
    for begin, end in sorted(spans):
        if end <= begin:
            continue
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((begin, end))
    return merged


def _covers(spans: list[Span], moment: float) -> bool:
    index = bisect_right(spans, (moment, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= moment < spans[index][1]


def _split_session(out: Quarters, agent: int, session: Span, overlays: dict) -> None:
    """The session's time as logged in, and each stretch of it in the state it counts in."""
    out.add(agent, "logged_in", session)
    edges = {session[0], session[1]}
    for spans in overlays.values():
        # Only the spans that can overlap the session: a month of calls has thousands.
        near = spans[
            max(bisect_left(spans, (session[0],)) - 1, 0) : bisect_left(spans, (session[1],))
        ]
        edges.update(edge for span in near for edge in span if session[0] < edge < session[1])
    for begin, end in pairwise(sorted(edges)):
        state = next((s for s, spans in overlays.items() if _covers(spans, begin)), None)
        if state is not None:
            out.add(agent, OVERLAYS[state], (begin, end))


def _handled_calls(sessions: dict[int, list[Span]]) -> dict[int, list[tuple[float, float]]]:
    """agent -> (answered at, handle seconds) of their handled calls answered from their
    first session's start to their last one's end, in order."""
    wanted = Q()
    for agent, spans in sessions.items():
        if spans:
            first, last = (datetime.fromtimestamp(s, UTC) for s in (spans[0][0], spans[-1][1]))
            wanted |= Q(agent_id=agent, answered_at__gte=first, answered_at__lt=last)
    if not wanted:
        return {}
    calls = CallRecord.objects.filter(
        wanted, outcome__in=list(ANSWERED_OUTCOMES), complete=True
    ).values_list("agent_id", "answered_at", "talk_seconds", "hold_seconds", "wrap_seconds")
    found: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for agent, answered, talk, hold, wrap in calls:
        if agent is not None and answered is not None:  # the filter says so; mypy cannot
            handle = (talk or 0) + (hold or 0) + (wrap or 0)
            found[agent].append((answered.timestamp(), float(handle)))
    for values in found.values():
        values.sort()
    return found
