"""`care311 calls replay`: the bank's records of one day fed into the live pipeline, sped up.

Each record becomes its events (offered, answered, ended or abandoned) and the agent's
states (on a call from service start, available after), stamped with the wall-clock time
they are fed at: the day's first event now, the rest `speed` times closer together. Waits
and talk times stay the records' own, so the day's figures are the bank's; the numbers of
calls waiting and agents busy at any moment are the bank's too (arrivals and durations are
sped up alike), while "longest wait now" on the wallboard runs at the replay's speed.

Each pass of the day gets its own call keys (source "replay"), so a looping replay adds
calls rather than rewriting them. At the end of a pass every agent is logged out.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from django.core.management.base import CommandError, OutputWrapper
from django.db import connection
from django.utils import timezone

from care311.contact_center.adapters import bank
from care311.contact_center.adapters.events import AgentAction, AgentEvent, CallEvent, CallKind
from care311.contact_center.models import Source
from care311.contact_center.pipeline import Pipeline
from care311.contact_center.quality import Quality
from care311.imports.errors import RowError

logger = logging.getLogger(__name__)

TICK = 0.25  # seconds between writes: the wallboard polls every second


@dataclass
class Day:
    day: date
    events: list[CallEvent | AgentEvent]  # sorted by time

    @property
    def agents(self) -> set[str]:
        return {event.agent for event in self.events if event.agent}


def read_day(
    paths: Iterable[Path], zone: tzinfo, day: date | None, start: str = "", until: str = ""
) -> Day:
    """The events of the calls of `day` (the files' first day if None) that arrive from
    `start` (HH:MM) and before `until` (HH:MM, or the day's end)."""
    quality = Quality("replay", bank.FORMAT)
    translator = bank.BankTranslator(quality, zone)
    wanted = day.strftime("%y%m%d") if day else None
    calls: list[CallEvent] = []
    for path in paths:
        with path.open(encoding="utf-8-sig") as handle:
            for _, fields, _ in bank.rows(handle):
                if len(fields) > 5:
                    wanted = wanted or fields[5]
                if len(fields) <= 5 or fields[5] != wanted:
                    continue
                try:
                    calls.extend(translator.translate(fields)[0])
                except RowError:
                    continue  # phantoms and broken rows: the importer counts them
    if wanted is None or not calls:
        raise CommandError("no records for that day in the files given", returncode=2)
    first = bank.day_of(wanted)
    calls = [*_calls_between(calls, _at(first, start, zone), _at(first, until, zone))]
    events: list[CallEvent | AgentEvent] = [*calls, *_agent_states(calls)]
    events.sort(key=lambda event: event.at)
    return Day(first, events)


def _at(day: date, clock: str, zone: tzinfo) -> datetime | None:
    if not clock:
        return None
    hours, _, minutes = clock.partition(":")
    try:
        return datetime(day.year, day.month, day.day, int(hours), int(minutes or 0), tzinfo=zone)
    except ValueError:
        raise CommandError(f"not a time of day: {clock!r} (HH:MM)", returncode=2) from None


def _calls_between(
    calls: list[CallEvent], since: datetime | None, until: datetime | None
) -> Iterable[CallEvent]:
    arrivals: dict[str, datetime] = {}
    for event in calls:
        arrivals[event.call_key] = min(event.at, arrivals.get(event.call_key, event.at))
    for event in calls:
        arrived = arrivals[event.call_key]
        if (since is None or arrived >= since) and (until is None or arrived < until):
            yield event


def _agent_states(calls: list[CallEvent]) -> list[AgentEvent]:
    states = []
    for event in calls:
        if event.agent and event.kind == CallKind.ANSWERED:
            states.append(AgentEvent(event.agent, AgentAction.SWITCH, event.at, state="on_call"))
        elif event.agent and event.kind == CallKind.COMPLETED:
            states.append(AgentEvent(event.agent, AgentAction.SWITCH, event.at, state="available"))
    return states


def replay_day(
    day: Day,
    speed: float,
    *,
    quality: Quality,
    stop: Callable[[], bool] = lambda: False,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Feed one pass of the day, writing every TICK what has come due."""
    pipeline = Pipeline(Source.REPLAY, quality)
    started, wall = clock(), timezone.now()
    first = day.events[0].at
    prefix = f"{wall:%Y%m%dT%H%M%S}:"
    pending = list(day.events)
    while pending and not stop():
        due = first + timedelta(seconds=(clock() - started) * speed)
        count = next((i for i, event in enumerate(pending) if event.at > due), len(pending))
        batch, pending = pending[:count], pending[count:]
        if batch:
            _write(pipeline, batch, prefix, wall, first, speed)
        sleep(TICK)
    end = timezone.now()
    pipeline.record_events([], [AgentEvent(agent, AgentAction.LOGOUT, end) for agent in day.agents])


def _write(pipeline, batch, prefix: str, wall: datetime, first: datetime, speed: float) -> None:
    def when(moment: datetime) -> datetime:
        return wall + (moment - first) / speed

    calls = [
        replace(e, call_key=prefix + e.call_key, at=when(e.at))
        for e in batch
        if isinstance(e, CallEvent)
    ]
    agents = [replace(e, at=when(e.at)) for e in batch if isinstance(e, AgentEvent)]
    pipeline.record_events(calls, agents)


def replay_files(options: dict, zone: tzinfo, out: OutputWrapper) -> None:
    """The command: replay the day until it ends (or for ever with --loop), or Ctrl-C."""
    if options["speed"] <= 0:
        raise CommandError("--speed must be more than 0", returncode=2)
    try:
        day_wanted = date.fromisoformat(options["date"]) if options["date"] else None
    except ValueError:
        raise CommandError("--date is YYYY-MM-DD", returncode=2) from None
    day = read_day(options["files"], zone, day_wanted, options["start"])
    quality = Quality(f"replay of {day.day}", bank.FORMAT)
    out.write(
        f"Replaying {len(day.events):,} events of {day.day} at {options['speed']:g}x "
        "(Ctrl-C stops) ..."
    )
    try:
        while True:
            replay_day(day, options["speed"], quality=quality)
            if not options["loop"]:
                break
    except KeyboardInterrupt:
        pass
    for line in quality.lines():
        out.write(line)


def start_in_background(paths: list[Path], zone: tzinfo, day: date, start: str, speed: float):
    """Replay the day over and over in a daemon thread (the demo); returns the thread."""
    events = read_day(paths, zone, day, start)

    def run() -> None:
        try:
            while True:
                replay_day(events, speed, quality=Quality("demo replay", bank.FORMAT))
        except Exception:
            logger.exception("the demo's replay stopped")
        finally:
            connection.close()

    thread = threading.Thread(target=run, name="calls-replay", daemon=True)
    thread.start()
    return thread
