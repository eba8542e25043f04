"""Benchmark: a month's call report on 1M calls, beside DuckDB; webhook ingest events/s.

    .venv/bin/python bench/callmetrics.py [--calls 1000000] [--database sqlite|postgres]
                                          [--rebuild] [--webhook-events 60000]

Resamples the bank's four months (shared/data/callcenter-anonymous-bank) into --calls calls
in March 2025 (a month with a clock change): each call keeps its record's queue, agent,
outcome, wait and talk time and its time of day, on a day of the month drawn with a fixed
seed. The calls go into a scratch database once (kept in bench/work/ or the PostgreSQL
database bench_callmetrics; --rebuild makes them again), with their interval summaries.

Then, in one run, the 15-minute interval report by queue and agent for the month, with the
call definitions (service level in four variants, ASA, abandonment, AHT, ...):

- care311 end to end: `call_report` from the database to finished figures (best of 5);
- care311 computation alone: `report_from_calls` on the same calls held in memory as
  numpy columns;
- DuckDB: the same figures by SQL from the same columns in an in-memory DuckDB table,
  with the zone's offsets given as a table (as care311's engine gets them); the two
  results are checked equal, figure by figure;
- the webhook: batches of 1,000 events (offered, answered, ended) POSTed over HTTP to
  care311 served by waitress, into a fresh database; events/s, one client.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "work"
BANK = ROOT.parent / "shared" / "data" / "callcenter-anonymous-bank"
MONTHS = ("01_January.txt", "02_February.txt", "03_March.txt", "04_April.txt")
ZONE = ZoneInfo("America/Chicago")
SEED = 311
NAMES = (
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
)
TARGET_END_TO_END = 1.0  # seconds
TARGET_VS_DUCKDB = 2.0
TARGET_WEBHOOK = 5000  # events/s
BENCH_KEY = "bench-only-secret-key-for-scratch-databases-0123456789"


def setup_django(database_url: str) -> None:
    os.environ.update(
        DATABASE_URL=database_url,
        SECRET_KEY=BENCH_KEY,
        CARE311_HTTPS="false",
        CARE311_DATA_DIR=str(WORK / "data"),
        DJANGO_SETTINGS_MODULE="care311.settings",
    )
    import django

    django.setup()


# --- the calls -------------------------------------------------------------------------------


def bank_calls():
    """(queue, agent, outcome, complete, wait, talk, seconds into the local day) per call."""
    from care311.contact_center.adapters.bank import BankTranslator
    from care311.contact_center.quality import Quality
    from care311.imports.errors import RowError

    translator = BankTranslator(Quality("bench", "bank"), ZONE)
    calls = []
    for month in MONTHS:
        with (BANK / month).open() as handle:
            next(handle)
            for line in handle:
                try:
                    events, _ = translator.translate(line.rstrip("\n").split("\t"))
                except RowError:
                    continue
                calls.append(_summarise(events))
    return calls


def _summarise(events):
    first = events[0]
    kinds = {event.kind.value: event for event in events}
    local = first.at.astimezone(ZONE)
    outcome, complete = "ivr", True
    if "abandoned" in kinds:
        outcome = "abandoned"
    elif "answered" in kinds:
        outcome, complete = "answered", "completed" in kinds
    wait = next((e.wait for e in events if e.wait is not None), None)
    talk = kinds["completed"].talk if "completed" in kinds else None
    agent = next((e.agent for e in events if e.agent), "")
    seconds = local.hour * 3600 + local.minute * 60 + local.second
    return first.queue, agent, outcome, complete, wait, talk, seconds


def resampled(count: int):
    import numpy as np

    source = bank_calls()
    rng = np.random.default_rng(SEED)
    picks = rng.integers(0, len(source), count)
    days = rng.integers(0, 31, count)
    return [source[i] for i in picks], days


def load(count: int) -> None:
    """Write the resampled calls and their summaries into the (migrated) database."""
    from django.core.management import call_command

    from care311.contact_center import store
    from care311.contact_center.metrics.summaries import rebuild
    from care311.contact_center.models import Agent, CallRecord, IntervalSummary, Queue

    call_command("migrate", verbosity=0)
    CallRecord.objects.all().delete()
    IntervalSummary.objects.all().delete()
    calls, days = resampled(count)
    queues = {name: Queue.objects.get_or_create(name=name)[0].pk for name in {c[0] for c in calls}}
    agents = {
        name: Agent.objects.get_or_create(name=name)[0].pk for name in {c[1] for c in calls if c[1]}
    }
    started = time.perf_counter()
    batch = []
    for index, ((queue, agent, outcome, complete, wait, talk, seconds), day) in enumerate(
        zip(calls, days, strict=True)
    ):
        local = datetime(
            2025, 3, int(day) + 1, seconds // 3600, seconds % 3600 // 60, seconds % 60, tzinfo=ZONE
        )
        batch.append(
            store.Call(
                id=None,
                source_key=f"bench-{index}",
                queue_id=queues[queue],
                agent_id=agents.get(agent),
                channel="phone",
                arrived_at=local.astimezone(UTC),
                outcome=outcome,
                complete=complete,
                wait_seconds=wait,
                talk_seconds=talk,
            )
        )
        if len(batch) == 50_000:
            store.insert("bank", batch)
            batch = []
            print(f"  {index + 1:,} calls written", file=sys.stderr, flush=True)
    store.insert("bank", batch)
    print(
        f"  summing the interval summaries ({time.perf_counter() - started:.0f} s so far)",
        file=sys.stderr,
        flush=True,
    )
    rebuild()
    print(f"  loaded in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)


# --- the measurements --------------------------------------------------------------------------


def best(runs: int, work):
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times), result


def measure_report() -> dict:
    from care311.contact_center.metrics import summaries
    from care311.contact_center.metrics.grouping import Grouping, Period
    from care311.contact_center.metrics.report import Names, call_report, report_from_calls
    from care311.contact_center.models import Agent, CallRecord, Queue

    period = Period(date(2025, 3, 1), date(2025, 3, 31), ZONE)
    grouping = Grouping.parse("interval:15,queue,agent")
    figures = {}
    figures["end_to_end"] = best(5, lambda: call_report(period, grouping, NAMES))

    started = time.perf_counter()
    rows = list(CallRecord.objects.values_list(*summaries.CALL_FIELDS).iterator(chunk_size=50_000))
    calls, channels = summaries.columns(rows)
    del rows
    loaded = time.perf_counter() - started
    names = Names(
        dict(Queue.objects.values_list("id", "name")),
        dict(Agent.objects.values_list("id", "name")),
        channels,
    )
    thresholds = summaries.queue_thresholds()
    figures["memory"] = best(
        5, lambda: report_from_calls(calls, thresholds, period, grouping, NAMES, names)
    )
    figures["duckdb"] = best(5, lambda: duckdb_report(calls, thresholds, period, names))
    figures["calls"] = len(calls)
    figures["load_columns"] = loaded
    check_same(figures["end_to_end"][2], figures["memory"][2], figures["duckdb"][2], names)
    figures["groups"] = len(figures["memory"][2].rows)
    return figures


DUCKDB_SQL = """
WITH c AS (
  SELECT calls.*, offsets.offset_seconds AS off,
         ((arrived + offsets.offset_seconds) // ($step) * ($step) - offsets.offset_seconds)
           AS bucket
  FROM calls JOIN offsets ON offsets.quarter = calls.arrived // 900
), s AS (
  SELECT bucket, queue, agent,
    count(*) FILTER (outcome <> 'ivr') - count(*) FILTER (outcome = 'waiting') AS offered,
    count(*) FILTER (answered) AS answered,
    count(*) FILTER (outcome = 'abandoned') AS abandoned,
    count(*) FILTER (outcome = 'abandoned' AND coalesce(wait, 0) < short_t) AS short_abandoned,
    count(*) FILTER (answered AND coalesce(wait, 0) <= sl_t) AS answered_in,
    count(*) FILTER (outcome = 'abandoned' AND coalesce(wait, 0) <= sl_t) AS abandoned_in,
    sum(coalesce(wait, 0)) FILTER (answered) AS wait_answered,
    sum(coalesce(wait, 0)) FILTER (outcome = 'abandoned') AS wait_abandoned,
    count(*) FILTER (answered AND complete) AS handled,
    sum(coalesce(talk, 0) + coalesce(hold, 0) + coalesce(wrap, 0))
      FILTER (answered AND complete) AS handle,
    count(*) FILTER (outcome = 'transferred') AS transferred,
    count(*) FILTER (answered AND NOT complete) AS incomplete,
    count(*) FILTER (outcome = 'waiting') AS waiting
  FROM c GROUP BY ALL
)
SELECT bucket, queue, agent, offered, answered, abandoned, short_abandoned,
  100.0 * answered_in / nullif(offered, 0),
  100.0 * answered_in / nullif(answered, 0),
  100.0 * (answered_in + abandoned_in) / nullif(offered, 0),
  100.0 * answered_in / nullif(offered - short_abandoned, 0),
  wait_answered / nullif(answered, 0),
  wait_abandoned / nullif(abandoned, 0),
  100.0 * abandoned / nullif(offered, 0),
  100.0 * (abandoned - short_abandoned) / nullif(offered - short_abandoned, 0),
  handle / nullif(handled, 0),
  transferred, incomplete, waiting
FROM s ORDER BY bucket, queue, agent
"""


def duckdb_connection(calls, thresholds, period):
    import duckdb
    import numpy as np
    import pandas as pd

    from care311.contact_center.metrics.grouping import offsets
    from care311.contact_center.metrics.sums import OUTCOMES

    if getattr(duckdb_connection, "cached", None) is not None:
        return duckdb_connection.cached
    sl, short = thresholds.per_call(calls.queue)
    outcome = np.array(OUTCOMES, dtype=object)[calls.outcome]
    frame = pd.DataFrame(
        {
            "arrived": calls.arrived,
            "queue": calls.queue,
            "agent": calls.agent,
            "outcome": outcome,
            "answered": np.isin(outcome, ["answered", "transferred"]),
            "complete": calls.complete,
            "wait": pd.array(calls.wait, dtype="Float64"),
            "talk": pd.array(calls.talk, dtype="Float64"),
            "hold": pd.array(calls.hold, dtype="Float64"),
            "wrap": pd.array(calls.wrap, dtype="Float64"),
            "sl_t": sl,
            "short_t": short,
        }
    )
    table = offsets(period)
    zone = pd.DataFrame({"quarter": np.arange(period.start, period.stop), "offset_seconds": table})
    db = duckdb.connect()
    db.register("calls_frame", frame)
    db.register("zone_frame", zone)
    db.execute("CREATE TABLE calls AS SELECT * FROM calls_frame")
    db.execute("CREATE TABLE offsets AS SELECT * FROM zone_frame")
    duckdb_connection.cached = db
    return db


def duckdb_report(calls, thresholds, period, names):
    db = duckdb_connection(calls, thresholds, period)
    return db.execute(DUCKDB_SQL.replace("$step", "900")).fetchnumpy()


def check_same(from_database, from_memory, from_duckdb, names) -> None:
    """The three give the same figures for the same groups (DuckDB's keys put in words)."""
    from care311.contact_center.metrics.grouping import time_label
    from care311.contact_center.metrics.report import NO_AGENT

    if [r.values for r in from_database.rows] != [r.values for r in from_memory.rows]:
        sys.exit("the figures from the database and from memory differ")
    report = from_memory
    theirs = {}
    columns = list(from_duckdb.values())
    for bucket, queue, agent, *values in zip(*(c.tolist() for c in columns), strict=True):
        code = bucket // 900 - report.period.start
        label = time_label("interval", code, report.grouping, report.period)[0]
        theirs[(label, names.queues[queue], names.agents.get(agent, NO_AGENT))] = values
    if len(theirs) != len(report.rows):
        sys.exit(f"DuckDB has {len(theirs)} groups, care311 {len(report.rows)}")
    for row in report.rows:
        for value, other in zip(row.values, theirs[row.labels], strict=True):
            same = value is None and other is None
            if value is not None and other is not None:
                same = abs(value - float(other)) < 1e-9
            if not same:
                sys.exit(f"the figures differ: {row} against DuckDB's {theirs[row.labels]}")


def measure_webhook(events: int) -> dict:
    """POST batches of 1,000 events to care311 served by waitress on a fresh SQLite file."""
    data = WORK / "webhook"
    data.mkdir(parents=True, exist_ok=True)
    for leftover in data.glob("care311.sqlite3*"):
        leftover.unlink()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{data / 'care311.sqlite3'}",
        "SECRET_KEY": BENCH_KEY,
        "CARE311_HTTPS": "false",
        "CARE311_DATA_DIR": str(data),
        "DJANGO_SETTINGS_MODULE": "care311.settings",
    }
    care311 = str(Path(sys.executable).parent / "care311")
    subprocess.run([care311, "migrate", "-v0"], env=env, check=True)
    key = subprocess.run(
        [care311, "calls", "webhook-key", "create", "bench"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    port = 8765
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "waitress",
            f"--listen=127.0.0.1:{port}",
            "--threads=4",
            "care311.wsgi:application",
        ],
        env=env,
        stderr=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    try:
        _wait_for(port)
        batches = list(_batches(events))
        started = time.perf_counter()
        for batch in batches:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/contact-center/events",
                data=batch,
                method="POST",
                headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - localhost
                answer = json.loads(response.read())
            if answer["accepted"] != 1000:
                sys.exit(f"the webhook did not take a batch: {answer}")
        seconds = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()
    return {"events": len(batches) * 1000, "seconds": seconds}


def _batches(events: int):
    calls = events // 3
    body: list[dict] = []
    for n in range(calls):
        start = 1741000000 + n * 2
        body += [
            {
                "id": f"o{n}",
                "type": "call.offered",
                "at": start,
                "call_id": f"c{n}",
                "queue": "help",
            },
            {
                "id": f"a{n}",
                "type": "call.answered",
                "at": start + 12,
                "call_id": f"c{n}",
                "agent": f"agent{n % 40}",
            },
            {"id": f"e{n}", "type": "call.ended", "at": start + 200, "call_id": f"c{n}"},
        ]
        while len(body) >= 1000:
            yield json.dumps({"events": body[:1000]}).encode()
            body = body[1000:]


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/contact-center/events", timeout=2)
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    sys.exit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--webhook-events", type=int, default=60_000)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)

    if args.database == "sqlite":
        path = WORK / f"callmetrics-{args.calls}.sqlite3"
        fresh = args.rebuild or not path.exists()
        url = f"sqlite:///{path}"
    else:
        url = "postgres://postgres@127.0.0.1:5432/bench_callmetrics"
        fresh = args.rebuild or _make_pg_database()
    setup_django(url)
    if fresh:
        load(args.calls)
    figures = measure_report()
    webhook = measure_webhook(args.webhook_events) if args.webhook_events else None
    print_results(args, figures, webhook)


def _make_pg_database() -> bool:
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        exists = db.execute(
            "SELECT 1 FROM pg_database WHERE datname = 'bench_callmetrics'"
        ).fetchone()
        if not exists:
            db.execute("CREATE DATABASE bench_callmetrics")
    return not exists


def print_results(args, figures, webhook) -> None:
    load = os.getloadavg()[0]
    end, memory, duck = figures["end_to_end"], figures["memory"], figures["duckdb"]
    ratio = memory[0] / duck[0]
    print(
        f"\n{figures['calls']:,} calls, March 2025, 15-minute intervals x queue x agent: "
        f"{figures['groups']:,} groups, {len(NAMES)} figures each; {args.database}; "
        f"load average {load:.1f}"
    )
    print("| what | best s | median s | target |")
    print("|---|---:|---:|---|")
    verdict = "meets" if end[0] < TARGET_END_TO_END else "FAILS"
    print(
        f"| care311, database to figures (interval summaries) | {end[0]:.3f} | {end[1]:.3f} | "
        f"< {TARGET_END_TO_END:g} s: {verdict} |"
    )
    verdict = "meets" if ratio <= TARGET_VS_DUCKDB else "FAILS"
    print(
        f"| care311, computation alone (numpy, calls in memory) | {memory[0]:.3f} | "
        f"{memory[1]:.3f} | within {TARGET_VS_DUCKDB:g}x DuckDB: {ratio:.2f}x, {verdict} |"
    )
    print(
        "| DuckDB, same figures from the same calls in memory | "
        f"{duck[0]:.3f} | {duck[1]:.3f} | reference |"
    )
    print(
        "(loading the calls from the database into columns, not timed above: "
        f"{figures['load_columns']:.1f} s)"
    )
    if webhook:
        rate = webhook["events"] / webhook["seconds"]
        verdict = "meets" if rate >= TARGET_WEBHOOK else "FAILS"
        print(
            f"webhook: {webhook['events']:,} events in batches of 1,000 over HTTP (waitress, "
            f"SQLite, one client): {webhook['seconds']:.1f} s, {rate:,.0f} events/s "
            f">= {TARGET_WEBHOOK:,}: {verdict}"
        )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
