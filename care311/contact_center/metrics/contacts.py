"""First-contact resolution and requests filed, from the calls linked to service requests.

The first call about a request is resolved at first contact when no other call about the
same request arrives within `days` days after it. It counts in the quarter, queue, agent and
channel of that first call. (ContactLink is a minimal stand-in until the desk records
contacts of its own.)
"""

from collections import defaultdict
from datetime import datetime, timedelta

import numpy as np

from care311.contact_center.metrics.grouping import QUARTER, Period
from care311.contact_center.models import ContactLink

MEASURES = ("first_contacts", "resolved_first", "filed")


def contact_sums(period: Period, days: int, channels: dict[str, int]) -> dict[str, np.ndarray]:
    """Rows of (quarter, queue, agent, channel code) with the three measures."""
    start, stop = period.bounds()
    requests = ContactLink.objects.filter(
        call__arrived_at__gte=start, call__arrived_at__lt=stop
    ).values("request_id")
    links = ContactLink.objects.filter(request_id__in=requests).values_list(
        "request_id",
        "filed",
        "call__arrived_at",
        "call__queue_id",
        "call__agent_id",
        "call__channel",
    )
    by_request: dict[int, list[tuple[bool, datetime, tuple]]] = defaultdict(list)
    for request_id, filed, arrived, queue, agent, channel in links:
        by_request[request_id].append((filed, arrived, (queue, agent, channel)))

    counts: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])
    window = timedelta(days=days)
    for calls in by_request.values():
        calls.sort(key=lambda call: call[1])
        for filed, arrived, where in calls:
            if filed and start <= arrived < stop:
                counts[_cell(arrived, where, channels)][2] += 1
        _, first, where = calls[0]
        if not start <= first < stop:
            continue
        cell = _cell(first, where, channels)
        counts[cell][0] += 1
        repeated = len(calls) > 1 and calls[1][1] - first <= window
        counts[cell][1] += 0 if repeated else 1

    cells = list(counts)
    rows = {
        name: np.array([counts[cell][index] for cell in cells], dtype=np.float64)
        for index, name in enumerate(MEASURES)
    }
    for index, name in enumerate(("quarter", "queue", "agent", "channel")):
        rows[name] = np.array([cell[index] for cell in cells], dtype=np.int64)
    return rows


def _cell(arrived: datetime, where: tuple, channels: dict[str, int]) -> tuple:
    queue, agent, channel = where
    return (
        int(arrived.timestamp()) // QUARTER,
        queue,
        agent or 0,
        channels.setdefault(channel, len(channels)),
    )
