"""Agents' time by state, cut at quarter-hours, from their state intervals.

An interval still open counts up to `now` (or the period's end, if sooner).
"""

import numpy as np
from django.db.models import Q
from django.utils import timezone

from care311.contact_center.metrics.grouping import QUARTER, Period
from care311.contact_center.models import AgentState, AgentStateInterval

STATES: dict[str, str] = {
    AgentState.LOGGED_IN: "logged_in",
    AgentState.PAUSED: "paused",
    AgentState.ON_CALL: "on_call",
    AgentState.WRAP_UP: "wrap_up",
}
MEASURES = tuple(STATES.values())


def agent_time(period: Period, agents: list[int] | None = None) -> dict[str, np.ndarray]:
    """Rows of (quarter, agent) with the seconds spent in each state in that quarter."""
    start, stop = period.bounds()
    now = min(timezone.now(), stop)
    intervals = AgentStateInterval.objects.filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=start),
        started_at__lt=stop,
        state__in=list(STATES),
    )
    if agents is not None:
        intervals = intervals.filter(agent_id__in=agents)

    seconds: dict[tuple[int, int, str], float] = {}
    for agent_id, state, began, ended in intervals.values_list(
        "agent_id", "state", "started_at", "ended_at"
    ):
        first = max(began, start).timestamp()
        last = min(ended or now, stop).timestamp()
        while first < last:
            quarter = int(first // QUARTER)
            piece_end = min(last, (quarter + 1) * QUARTER)
            key = (quarter, agent_id, STATES[state])
            seconds[key] = seconds.get(key, 0.0) + piece_end - first
            first = piece_end

    cells = sorted({(quarter, agent) for quarter, agent, _ in seconds})
    where = {cell: index for index, cell in enumerate(cells)}
    rows = {name: np.zeros(len(cells)) for name in MEASURES}
    for (quarter, agent, name), value in seconds.items():
        rows[name][where[(quarter, agent)]] += value
    rows["quarter"] = np.array([cell[0] for cell in cells], dtype=np.int64)
    rows["agent"] = np.array([cell[1] for cell in cells], dtype=np.int64)
    return rows
