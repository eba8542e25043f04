"""Benchmark: Open311 GET requests over HTTP on 1M requests in PostgreSQL, beside the bare query.

    .venv/bin/python bench/open311.py [--rows 1000000] [--rebuild] [--seconds 30]

Needs PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres, the `bench` extra
(`.venv/bin/pip install -e '.[dev,bench]'`) and wrk (installed with apt-get when missing).

1. Data: bench/import.py's scaled NYC file, loaded with `care311 import` into the scratch
   database bench_open311 (kept for the next run; --rebuild makes it again). The sample's
   1,000 rows each repeat about --rows/1,000 times, so the data is then shaped like a year of
   a big city: times spread over the last 365 days, points moved up to ~300 m, and the
   imported categories listed (an import hides them until a city maps them).
2. Server: gunicorn with 2 sync workers, one per core, as a deployment behind a proxy runs
   it; database connections kept open (`?conn_max_age=600` in DATABASE_URL).
3. Shapes, each over a list of varied URLs: requests.json by service_code + 30-day window +
   status, page_size=100; by a bbox of about 1 km around a random request (the default
   90-day window, newest first), page_size=100; one request by id.
4. Steady 100 req/s: a small Python load generator, open loop. wrk only runs closed loops
   (each connection waits for its answer) and wrk2, which paces, is not in Debian; a loop
   that waits hides a slow answer by sending less (coordinated omission). Here each request
   has its planned send time and its latency counts from then, so a stall shows in p99.
5. Saturation: wrk, 2 threads and 16 connections, rotating through the same URLs (Lua).
6. Reference, in the same run: the exact SQL the server runs for each shape (taken from
   the Django queryset), executed with psycopg on one connection and the rows turned into
   the same JSON records with json.dumps, one after another.
"""

import argparse
import importlib.util
import json
import os
import platform
import queue
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import quote

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "bench_open311"
STEADY_RATE = 100  # requests a second
PAGE = 100
URLS_PER_SHAPE = 2000
SATURATION = {"threads": 2, "connections": 16}
REFERENCE_RUNS = 1000
# Targets from the issue.
P50_TARGET_MS = 10
P99_TARGET_MS = 25
SATURATION_TARGET = 400  # req/s on 2 cores

WRK_SCRIPT = """
local paths = {}
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  counter = math.random(#paths)
end
function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end
"""


def load_import_bench():
    """bench/import.py, whose file name is a keyword, as a module (with its own folder on the
    path, as when it runs as a script)."""
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location("bench_import", ROOT / "bench" / "import.py")
    if spec is None or spec.loader is None:
        sys.exit("bench/import.py is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


IMPORT_BENCH = load_import_bench()
WORK: Path = IMPORT_BENCH.WORK
DSN = f"postgresql://postgres@127.0.0.1:5432/{DATABASE}"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}?conn_max_age=600"


@dataclass
class Figure:
    shape: str
    how: str
    rate: float  # requests a second
    latencies: list[float] = field(default_factory=list)  # seconds
    p50: float = 0.0
    p99: float = 0.0
    errors: int = 0
    # The machine's 1-minute load average as the run began: on a shared 2-core machine,
    # anything above ~1 before a run means another process is taking CPU from this one.
    load: float = field(default_factory=lambda: os.getloadavg()[0])

    def settle(self) -> "Figure":
        if self.latencies:
            ordered = sorted(self.latencies)
            self.p50 = ordered[len(ordered) // 2]
            self.p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        return self


# --- the data --------------------------------------------------------------------------------


def database_rows() -> int:
    try:
        with psycopg.connect(DSN) as conn:
            row = conn.execute("SELECT count(*) FROM service_requests_servicerequest").fetchone()
            shaped = conn.execute(
                "SELECT obj_description('service_requests_servicerequest'::regclass)"
            ).fetchone()
    except psycopg.Error:
        return 0
    return row[0] if row and shaped and shaped[0] == "shaped" else 0


def build_database(rows: int, seed: int) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    say(f"making the {rows:,}-row file and importing it into {DATABASE} ...")
    path = IMPORT_BENCH.scaled_csv(rows, seed)
    url = IMPORT_BENCH.recreate_database(DATABASE)
    figure = IMPORT_BENCH.care311_import("care311 import", path, rows, url)
    say(f"  imported {figure.extra['imported']:,} in {figure.seconds:.0f} s; shaping ...")
    shape_data(seed)


def shape_data(seed: int) -> None:
    """A year of a big city out of a sample repeated a thousand times (see the docstring).

    Times follow the import order, as in a live system where rows arrive as they are filed,
    so a time window is a stretch of the table rather than rows scattered all through it.
    """
    with psycopg.connect(DSN) as conn:
        conn.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
        conn.execute("UPDATE catalog_servicetype SET hidden = false WHERE imported")
        conn.execute(
            "CREATE TEMP TABLE shift AS SELECT id, now() - interval '365 days' "
            "* (1 - (row_number() OVER (ORDER BY id))::float / count(*) OVER ()) "
            "- random() * interval '1 hour' - requested_at AS delta "
            "FROM service_requests_servicerequest"
        )
        conn.execute("CREATE INDEX ON shift (id)")
        conn.execute(
            "UPDATE service_requests_servicerequest r SET "
            "requested_at = r.requested_at + s.delta, "
            "updated_at = least(r.updated_at + s.delta, now()), "
            "closed_at = least(r.closed_at + s.delta, now()), "
            "expected_at = r.expected_at + s.delta, "
            "latitude = r.latitude + (random() - 0.5) * 0.0054, "
            "longitude = r.longitude + (random() - 0.5) * 0.0072 "
            "FROM shift s WHERE s.id = r.id"
        )
        conn.execute(
            "UPDATE service_requests_historyevent e SET at = least(e.at + s.delta, now()) "
            "FROM shift s WHERE s.id = e.request_id"
        )
        conn.execute("COMMENT ON TABLE service_requests_servicerequest IS 'shaped'")
        conn.commit()
    with psycopg.connect(DSN, autocommit=True) as conn:
        # The updates left every row twice; a live table is compact.
        conn.execute("VACUUM FULL ANALYZE")


def settle_database() -> None:
    """What autovacuum keeps true of a live table: statistics, and a visibility map that lets
    a covering index answer alone (VACUUM FULL and a migration's new index leave it unset)."""
    with psycopg.connect(DSN, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


# --- the URLs of each shape ------------------------------------------------------------------


def shape_urls(seed: int) -> dict[str, list[str]]:
    chooser = random.Random(seed)
    now = datetime.now(UTC)
    with psycopg.connect(DSN) as conn:
        busiest = [
            code
            for (code,) in conn.execute(
                "SELECT s.service_code FROM service_requests_servicerequest r "
                "JOIN catalog_servicetype s ON s.id = r.service_id "
                "GROUP BY s.service_code ORDER BY count(*) DESC LIMIT 20"
            )
        ]
        sample = conn.execute(
            "SELECT public_id, latitude, longitude FROM service_requests_servicerequest "
            "TABLESAMPLE SYSTEM (1) REPEATABLE (%s) LIMIT %s",
            [seed, URLS_PER_SHAPE],
        ).fetchall()
    located = [(lat, long) for _, lat, long in sample if lat is not None]

    def filtered() -> str:
        end = now - timedelta(days=chooser.uniform(0, 335))
        start = end - timedelta(days=30)
        return (
            f"/open311/v2/requests.json?service_code={quote(chooser.choice(busiest), safe='')}"
            f"&start_date={start:%Y-%m-%dT%H:%M:%SZ}&end_date={end:%Y-%m-%dT%H:%M:%SZ}"
            f"&status={chooser.choice(['open', 'closed'])}&page_size={PAGE}"
        )

    def bbox() -> str:
        lat, long = chooser.choice(located)
        box = f"{long - 0.006:.5f},{lat - 0.0045:.5f},{long + 0.006:.5f},{lat + 0.0045:.5f}"
        return f"/open311/v2/requests.json?bbox={box}&page_size={PAGE}"

    return {
        "service + dates + status": [filtered() for _ in range(URLS_PER_SHAPE)],
        "bbox": [bbox() for _ in range(URLS_PER_SHAPE)],
        "single request": [f"/open311/v2/requests/{pid}.json" for pid, _, _ in sample],
    }


# --- the server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    env = IMPORT_BENCH.care311_env(DATABASE_URL)
    env["CARE311_OPEN311_RATE_LIMIT"] = "0"  # the benchmark is one client far over any limit
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not gunicorn.exists():
        sys.exit("gunicorn is missing: .venv/bin/pip install -e '.[dev,bench]'")
    server = subprocess.Popen(
        [
            str(gunicorn),
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            "--backlog=2048",
            "--log-level=warning",
            "care311.wsgi:application",
        ],
        env=env,
        stderr=open(WORK / "gunicorn.log", "w"),  # noqa: SIM115 - lives as long as the server
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _ = fetch(port, "/open311/v2/discovery.json")
            if status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit(f"the server did not start; see {WORK / 'gunicorn.log'}")


def fetch(port: int, path: str, conn: HTTPConnection | None = None) -> tuple[int, bytes]:
    conn = conn or HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read()


# --- load ------------------------------------------------------------------------------------


def steady(port: int, shape: str, paths: list[str], seconds: float) -> Figure:
    """An open loop at STEADY_RATE: each latency counts from the request's planned send time."""
    total = int(STEADY_RATE * seconds)
    jobs: queue.Queue[tuple[float, str] | None] = queue.Queue()
    figure = Figure(shape, f"steady {STEADY_RATE}/s", 0.0)
    lock = threading.Lock()

    def worker() -> None:
        conn = HTTPConnection("127.0.0.1", port, timeout=30)
        while (job := jobs.get()) is not None:
            planned, path = job
            status, _ = fetch(port, path, conn)
            took = time.perf_counter() - planned
            with lock:
                figure.latencies.append(took)
                figure.errors += status != 200

    workers = [threading.Thread(target=worker, daemon=True) for _ in range(32)]
    for thread in workers:
        thread.start()
    start = time.perf_counter() + 0.2
    for number in range(total):
        planned = start + number / STEADY_RATE
        pause = planned - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        jobs.put((planned, paths[number % len(paths)]))
    for _ in workers:
        jobs.put(None)
    for thread in workers:
        thread.join()
    figure.rate = total / (time.perf_counter() - start)
    return figure.settle()


def saturate(port: int, shape: str, paths: list[str], seconds: float) -> Figure:
    script, listing = WORK / "open311_paths.lua", WORK / "open311_paths.txt"
    script.write_text(WRK_SCRIPT)
    listing.write_text("\n".join(paths) + "\n")
    result = subprocess.run(
        [
            ensure_wrk(),
            f"--threads={SATURATION['threads']}",
            f"--connections={SATURATION['connections']}",
            f"--duration={int(seconds)}s",
            "--timeout=10s",
            "--latency",
            f"--script={script}",
            f"http://127.0.0.1:{port}",
            "--",
            str(listing),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    figure = Figure(shape, f"wrk -t{SATURATION['threads']} -c{SATURATION['connections']}", 0.0)
    for line in result.stdout.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            figure.rate = float(words[1])
        elif words[:1] == ["50.000%"] or words[:1] == ["50%"]:
            figure.p50 = wrk_seconds(words[1])
        elif words[:1] == ["99.000%"] or words[:1] == ["99%"]:
            figure.p99 = wrk_seconds(words[1])
        elif line.strip().startswith(("Non-2xx", "Socket errors")):
            figure.errors += sum(
                int(word.strip(",")) for word in words if word.strip(",").isdigit()
            )
    return figure


def wrk_seconds(text: str) -> float:
    for suffix, scale in (("us", 1e-6), ("ms", 1e-3), ("s", 1.0), ("m", 60.0)):
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * scale
    return float(text)


def ensure_wrk() -> str:
    """wrk's path, installing the Debian package first when it is missing (as root)."""
    found = shutil.which("wrk")
    apt = shutil.which("apt-get")
    if found is None and apt is not None and os.geteuid() == 0:
        say("wrk is missing; installing the Debian package ...")
        subprocess.run([apt, "update", "-qq"], check=False)
        subprocess.run([apt, "install", "-y", "-qq", "wrk"], check=False)
        found = shutil.which("wrk")
    if found is None:
        sys.exit("wrk is needed for the saturation runs: sudo apt-get install wrk")
    return found


# --- the reference ---------------------------------------------------------------------------


def reference_queries(paths: dict[str, list[str]]) -> dict[str, list[tuple[str, list]]]:
    """The SQL and parameters the server runs for each URL, from its own query code."""
    os.environ.update(IMPORT_BENCH.care311_env(DATABASE_URL))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "care311.settings")
    import django

    django.setup()
    from django.test import RequestFactory

    from care311.open311.filters import page_of, request_criteria
    from care311.open311.params import Params
    from care311.service_requests import listings

    factory = RequestFactory()
    queries: dict[str, list[tuple[str, list]]] = {}
    for shape, urls in paths.items():
        queries[shape] = []
        for url in urls[:200]:
            if "/requests/" in url:
                public_id = url.rsplit("/", 1)[1].removesuffix(".json")
                queryset = listings.by_public_id([public_id])
            else:
                params = Params(factory.get(url))
                page = page_of(params)
                queryset = listings.listing(
                    request_criteria(params), offset=page.offset, limit=page.size
                )
            sql, values = queryset.query.sql_with_params()
            queries[shape].append((sql, list(values)))
    return queries


def reference(shape: str, queries: list[tuple[str, list]]) -> Figure:
    from care311.open311.dates import w3c

    figure = Figure(shape, "SQL + json.dumps", 0.0)
    with psycopg.connect(DSN) as conn:
        for number in range(REFERENCE_RUNS):
            sql, values = queries[number % len(queries)]
            started = time.perf_counter()
            cursor = conn.execute(sql, values)
            names = [column.name for column in cursor.description or []]
            records = [
                {name: w3c(value) if isinstance(value, datetime) else value for name, value in row}
                for row in (zip(names, values_, strict=True) for values_ in cursor.fetchall())
            ]
            json.dumps(records, ensure_ascii=False)
            figure.latencies.append(time.perf_counter() - started)
        conn.rollback()
    figure.rate = len(figure.latencies) / sum(figure.latencies)
    return figure.settle()


# --- the run ---------------------------------------------------------------------------------


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def table(figures: list[Figure]) -> list[str]:
    lines = [
        "| shape | how | req/s | p50 ms | p99 ms | errors | load before |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for figure in figures:
        lines.append(
            f"| {figure.shape} | {figure.how} | {figure.rate:,.0f} | {ms(figure.p50)} | "
            f"{ms(figure.p99)} | {figure.errors} | {figure.load:.1f} |"
        )
    return lines


def verdicts(figures: list[Figure]) -> list[str]:
    lines = []
    for figure in figures:
        if figure.how.startswith("steady"):
            ok = figure.p50 * 1000 < P50_TARGET_MS and figure.p99 * 1000 < P99_TARGET_MS
            target = f"p50 < {P50_TARGET_MS} ms and p99 < {P99_TARGET_MS} ms at {STEADY_RATE}/s"
            detail = f"p50 {ms(figure.p50)} ms, p99 {ms(figure.p99)} ms"
        elif figure.how.startswith("wrk"):
            ok = figure.rate >= SATURATION_TARGET
            target = f">= {SATURATION_TARGET} req/s at saturation"
            detail = f"{figure.rate:,.0f} req/s"
        else:
            continue
        ok = ok and figure.errors == 0
        lines.append(f"- {'PASS' if ok else 'FAIL'}: {figure.shape}: {target} ({detail})")
    return lines


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    with psycopg.connect(DSN) as conn:
        version = conn.execute("SHOW server_version").fetchone()
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"PostgreSQL {version[0] if version else '?'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=311)
    parser.add_argument("--rebuild", action="store_true", help="import the data again")
    parser.add_argument("--seconds", type=float, default=30, help="per steady run")
    parser.add_argument("--saturation-seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", help="run only the shapes whose name holds this text")
    args = parser.parse_args()

    ensure_wrk()
    WORK.mkdir(parents=True, exist_ok=True)
    have = database_rows()
    if args.rebuild or have < args.rows * 0.95:
        build_database(args.rows, args.seed)
    # The data is kept between runs; the indexes are whatever the code's migrations say.
    migrate = [str(Path(sys.executable).parent / "care311"), "migrate", "-v0"]
    subprocess.run(migrate, env=IMPORT_BENCH.care311_env(DATABASE_URL), check=True)
    settle_database()
    say(f"{database_rows():,} requests in {DATABASE}")

    paths = shape_urls(args.seed)
    if args.only:
        paths = {shape: urls for shape, urls in paths.items() if args.only in shape}
    queries = reference_queries(paths)

    port = free_port()
    server = start_server(port, args.workers)
    figures: list[Figure] = []
    try:
        for shape, urls in paths.items():
            say(f"{shape}: reference, warm-up, steady {STEADY_RATE}/s, saturation ...")
            figures.append(reference(shape, queries[shape]))
            for path in urls[:200]:
                status, body = fetch(port, path)
                if status != 200:
                    sys.exit(f"{path} answered {status}: {body[:300]!r}")
            figures.append(steady(port, shape, urls, args.seconds))
            figures.append(saturate(port, shape, urls, args.saturation_seconds))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    print(f"\n{datetime.now(UTC):%Y-%m-%d}, {machine()}")
    print(
        f"{database_rows():,} requests; gunicorn {args.workers} sync workers; "
        f"steady {args.seconds:.0f} s, saturation {args.saturation_seconds:.0f} s per shape\n"
    )
    print("\n".join(table(figures)))
    print()
    print("\n".join(verdicts(figures)))


if __name__ == "__main__":
    main()
