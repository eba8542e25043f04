"""What the wallboard shows, as plain data: now (calls waiting, agents by state) and today
(service level and abandonment per queue), each figure with its definition and, where a
queue has a target, a state: "ok", "amber" or "red" with words saying which.

"Now" looks back LIVE_HOURS at most, so calls left waiting at the end of an old imported
log do not sit on today's board.
"""

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Min
from django.utils import timezone

from care311.contact_center.metrics.definitions import BY_NAME, format_value
from care311.contact_center.metrics.grouping import Grouping, Period
from care311.contact_center.metrics.report import call_report
from care311.contact_center.models import (
    AgentState,
    AgentStateInterval,
    CallRecord,
    Outcome,
    Queue,
)

LIVE_HOURS = 12
STATE_ORDER = ("on_call", "wrap_up", "paused", "available")
STATE_LABELS = {
    "on_call": "On a call",
    "wrap_up": "Wrap-up",
    "paused": "Paused",
    "available": "Available",
}
TODAY = ("offered", "answered", "abandoned", "asa", "abandonment_rate")


@dataclass
class Cell:
    text: str
    state: str = ""  # "", "ok", "amber" or "red"
    note: str = ""  # says in words what the colour says


@dataclass
class QueueRow:
    name: str
    waiting: Cell
    longest_wait: Cell
    talking: Cell
    offered: Cell
    answered: Cell
    abandoned: Cell
    asa: Cell
    service_level: Cell
    abandonment: Cell


def snapshot(now: datetime | None = None) -> dict:
    """The board as JSON-ready data."""
    now = now or timezone.now()
    zone = timezone.get_current_timezone()
    service_level = BY_NAME[settings.CONTACT_CENTER_WALLBOARD_SERVICE_LEVEL]
    today = now.astimezone(zone).date()
    report = call_report(
        Period(today, today, zone), Grouping(("queue",)), (service_level.name, *TODAY)
    )
    figures = {row.labels[0]: report.figures(*row.labels) for row in report.rows}
    live = _live(now)
    queues = {queue.name: queue for queue in Queue.objects.all()}
    names = sorted(set(figures) | set(live), key=lambda name: str(queues.get(name, name)))

    rows = [
        _row(queues.get(name), str(queues.get(name, name)), figures.get(name, {}), live.get(name))
        for name in names
    ]
    total = _row(None, "All queues", report.figures(), _sum_live(live.values()))
    agents = agent_states(now)
    return {
        "updated": now.isoformat(),
        "updated_label": now.astimezone(zone).strftime("%H:%M:%S"),
        "day": today.isoformat(),
        "definitions": [
            {"name": d.name, "label": d.label, "formula": d.formula}
            for d in (service_level, *map(BY_NAME.get, ("abandonment_rate", "asa")))
            if d is not None
        ],
        "queues": [asdict(row) for row in rows],
        "total": asdict(total),
        "agents": [
            {"state": state, "label": STATE_LABELS[state], "count": agents[state]}
            for state in STATE_ORDER
        ],
    }


@dataclass
class Live:
    waiting: int = 0
    longest: float | None = None  # seconds the longest-waiting call has waited
    talking: int = 0


def _live(now: datetime) -> dict[str, Live]:
    since = now - timedelta(hours=LIVE_HOURS)
    open_calls = CallRecord.objects.filter(complete=False, arrived_at__gte=since)
    live: dict[str, Live] = {}
    for name, outcome, count, oldest in (
        open_calls.values_list("queue__name", "outcome")
        .annotate(count=Count("id"), oldest=Min("arrived_at"))
        .order_by()
    ):
        entry = live.setdefault(name, Live())
        if outcome == Outcome.WAITING:
            entry.waiting = count
            entry.longest = max(0.0, (now - oldest).total_seconds())
        else:
            entry.talking += count
    return live


def _sum_live(entries) -> Live:
    total = Live()
    for entry in entries:
        total.waiting += entry.waiting
        total.talking += entry.talking
        if entry.longest is not None:
            total.longest = max(total.longest or 0.0, entry.longest)
    return total


def _row(queue: Queue | None, name: str, figures: dict, live: Live | None) -> QueueRow:
    queue = queue or Queue(name="")  # the default targets, for the totals
    live = live or Live()
    level_name = settings.CONTACT_CENTER_WALLBOARD_SERVICE_LEVEL
    return QueueRow(
        name=name,
        waiting=Cell(f"{live.waiting:,}"),
        longest_wait=_wait_cell(live.longest, queue.service_level_seconds),
        talking=Cell(f"{live.talking:,}"),
        offered=_plain("offered", figures),
        answered=_plain("answered", figures),
        abandoned=_plain("abandoned", figures),
        asa=_plain("asa", figures),
        service_level=_level_cell(figures.get(level_name), queue.service_level_target),
        abandonment=_abandon_cell(figures.get("abandonment_rate"), queue.abandon_target),
    )


def _plain(name: str, figures: dict) -> Cell:
    return Cell(format_value(BY_NAME[name], figures.get(name)))


def _level_cell(value: float | None, target: int) -> Cell:
    text = format_value(BY_NAME["service_level_offered"], value)
    if value is None:
        return Cell(text)
    if value >= target:
        return Cell(text, "ok", f"meets the {target}% target")
    if value >= target - 10:
        return Cell(text, "amber", f"below the {target}% target")
    return Cell(text, "red", f"far below the {target}% target")


def _abandon_cell(value: float | None, target: int) -> Cell:
    text = format_value(BY_NAME["abandonment_rate"], value)
    if value is None:
        return Cell(text)
    if value <= target:
        return Cell(text, "ok", f"within the {target}% limit")
    if value <= 2 * target:
        return Cell(text, "amber", f"over the {target}% limit")
    return Cell(text, "red", f"over twice the {target}% limit")


def _wait_cell(seconds: float | None, threshold: int) -> Cell:
    if seconds is None:
        return Cell("—")
    text = duration(seconds)
    if seconds <= threshold:
        return Cell(text, "ok", f"within {threshold} s")
    if seconds <= 2 * threshold:
        return Cell(text, "amber", f"over {threshold} s")
    return Cell(text, "red", f"over {2 * threshold} s")


def duration(seconds: float) -> str:
    whole = int(seconds)
    if whole < 60:
        return f"{whole} s"
    return f"{whole // 60}:{whole % 60:02d}"


def agent_states(now: datetime) -> Counter:
    """How many agents are in each state now, from the intervals still open.

    An agent logged in with nothing else open is available; on a call beats wrap-up beats
    paused. Agents whose open intervals began more than LIVE_HOURS ago are not counted.
    """
    since = now - timedelta(hours=LIVE_HOURS)
    open_states: dict[int, set[str]] = {}
    for agent_id, state in AgentStateInterval.objects.filter(
        ended_at__isnull=True, started_at__gte=since
    ).values_list("agent_id", "state"):
        open_states.setdefault(agent_id, set()).add(state)
    counts: Counter = Counter(dict.fromkeys(STATE_ORDER, 0))
    for states in open_states.values():
        current = next((s for s in STATE_ORDER if s in states), None)
        if current is None and AgentState.LOGGED_IN in states:
            current = "available"
        if current is not None:
            counts[current] += 1
    return counts
