"""Benchmark: the analytics pages and the open-data CSV export with 1M requests in PostgreSQL.

    .venv/bin/python bench/analytics.py [--rows 1000000] [--memory-rows 100000] [--rebuild]
                                        [--requests 20]

Needs PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres, and the `bench` extra.

1. Data: bench/import.py's scaled NYC file (its functions, reused as they are), loaded with
   `care311 import` into the scratch database bench_analytics, kept for the next run
   (--rebuild makes it again); the nine NYC squares (care311/analytics/data) are loaded as
   districts. The scaled file keeps the export's dates, so its busiest month (March 2019)
   holds about 30% of the rows; the pages are asked about that month.
2. Server time: the department performance page (the largest department, NYPD, and the whole
   city) and the geography and equity page, each asked --requests times through Django's test
   client in this process (middleware, views, queries, templates; no network) after a
   warm-up; p50, p95 and max. Target: under 500 ms. Reference: a plain SQL GROUP BY of the same
   month's requests by channel and status, timed the same way.
3. Export: what `care311 export --format csv` runs on PostgreSQL (opendata/copy_csv.py) for
   the first --memory-rows and all --rows requests, to a file, in a subprocess, rows/s and
   the child's own peak RSS (VmHWM) at --memory-rows and at --rows; target >= 100k rows/s with
   the same peak at both. Reference: PostgreSQL COPY (SELECT the same columns) TO STDOUT CSV
   of the same rows, read by psycopg into a file.
"""

import argparse
import importlib
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_DATABASE = "bench_analytics"
PG_URL = f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}?conn_max_age=600"
PAGE_TARGET_MS = 500
EXPORT_TARGET = 100_000
MONTH = date(2019, 3, 1)

sys.path.insert(0, str(ROOT / "bench"))
IMPORT_BENCH = importlib.import_module("open311").IMPORT_BENCH
WORK: Path = IMPORT_BENCH.WORK


def build(rows: int) -> None:
    IMPORT_BENCH.recreate_database(PG_DATABASE)
    path = IMPORT_BENCH.scaled_csv(rows, 311)
    env = IMPORT_BENCH.care311_env(PG_URL)
    care311 = str(IMPORT_BENCH.CARE311)
    subprocess.run([care311, "migrate", "-v0"], env=env, check=True)
    started = time.perf_counter()
    subprocess.run([care311, "import", str(path), "--no-progress"], env=env, check=True)
    print(f"imported {rows:,} rows in {time.perf_counter() - started:.0f} s", flush=True)


def setup_django() -> None:
    os.environ.update(IMPORT_BENCH.care311_env(PG_URL))
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["CARE311_TIME_ZONE"] = "America/New_York"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "care311.settings")
    import django

    django.setup()


def request_count() -> int:
    from care311.service_requests.models import ServiceRequest

    try:
        return ServiceRequest.objects.count()
    except Exception:  # no tables yet
        return 0


# --- pages -------------------------------------------------------------------------------------


def bench_user():
    from django.contrib.auth import get_user_model

    from care311.accounts.roles import SUPERVISOR, ensure_roles

    groups = ensure_roles()
    user, _ = get_user_model().objects.get_or_create(
        username="bench-supervisor", defaults={"is_staff": True}
    )
    user.groups.set([groups[SUPERVISOR]])
    return user


def time_pages(requests: int) -> list[tuple[str, list[float]]]:
    """Server time of each page (ms), asked `requests` times after one warm-up."""
    from django.conf import settings
    from django.test import Client

    from care311.analytics.demo import load_nyc_squares
    from care311.catalog.models import Department

    settings.STAFF_TOTP_ROLES = ()  # the bench signs in with force_login
    load_nyc_squares()
    client = Client()
    client.force_login(bench_user())
    nypd = Department.objects.get(code="nyc-nypd").pk
    month = f"kind=month&day={MONTH.isoformat()}"
    pages = [
        ("department dashboard (NYPD, March 2019)", f"/analytics/?{month}&department={nypd}"),
        ("department dashboard (whole city)", f"/analytics/?{month}"),
        ("equity view (NYPD)", f"/analytics/geography/?{month}&department={nypd}"),
        ("equity view (whole city)", f"/analytics/geography/?{month}"),
    ]
    found = []
    for label, url in pages:
        client.get(url)
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                sys.exit(f"{url} answered {response.status_code}")
        found.append((label, times))
        print(f"{label}: p50 {statistics.median(times):.0f} ms", flush=True)
    found.append(("reference: SQL GROUP BY channel, status (NYPD month)", reference(requests)))
    return found


def reference(requests: int) -> list[float]:
    """A plain GROUP BY of the same month's NYPD requests: what one scan of them costs."""
    from django.db import connection

    from care311.analytics.performance.periods import choose
    from care311.analytics.scope import city_zone
    from care311.catalog.models import Department

    start, stop = choose("month", MONTH, city_zone()).period.bounds()
    nypd = Department.objects.get(code="nyc-nypd").pk
    sql = (
        "SELECT channel, status, count(*) FROM service_requests_servicerequest "
        "WHERE department_id = %s AND requested_at >= %s AND requested_at < %s "
        "GROUP BY channel, status"
    )
    times = []
    with connection.cursor() as cursor:
        for _ in range(requests + 1):
            started = time.perf_counter()
            cursor.execute(sql, [nypd, start, stop])
            cursor.fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return times[1:]


# --- export --------------------------------------------------------------------------------------

EXPORT_CHILD = """
import os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "care311.settings")
import django
django.setup()
from care311.analytics.opendata.copy_csv import copy_csv
from care311.analytics.opendata.rows import published_requests
rows = int(sys.argv[1])
last = published_requests().order_by("id").values_list("id", flat=True)[rows - 1]
started = time.perf_counter()
with open(sys.argv[2], "w", encoding="utf-8", newline="") as out:
    count = copy_csv(published_requests().filter(id__lte=last), out)
seconds = time.perf_counter() - started
# VmHWM is this process's own peak RSS: wait4's ru_maxrss would carry over the parent's peak
# across fork and exec.
status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
print(count, seconds, int(status) * 1024)
"""


def time_export(rows: int) -> tuple[int, float, int]:
    """Rows, seconds and the child's peak RSS of a CSV export of the first `rows` requests."""
    target = WORK / f"analytics-export-{rows}.csv"
    env = IMPORT_BENCH.care311_env(PG_URL)
    _, _, out = IMPORT_BENCH.run_child(
        [sys.executable, "-c", EXPORT_CHILD, str(rows), str(target)], env
    )
    count, seconds, peak = out.split()
    target.unlink()
    return int(count), float(seconds), int(peak)


def time_copy(rows: int) -> tuple[int, float]:
    """PostgreSQL COPY of the same columns of the same rows TO STDOUT as CSV, into a file."""
    import psycopg

    from care311.analytics.opendata.columns import FIELDS
    from care311.analytics.opendata.rows import published_requests

    last = published_requests().order_by("id").values_list("id", flat=True)[rows - 1]
    query = published_requests().filter(id__lte=last).order_by("id").values(*FIELDS).query
    sql, params = query.sql_with_params()
    target = WORK / f"analytics-copy-{rows}.csv"
    with psycopg.connect(IMPORT_BENCH.care311_env(PG_URL)["DATABASE_URL"].split("?")[0]) as db:
        inner = psycopg.ClientCursor(db).mogrify(sql, params)
        started = time.perf_counter()
        statement = f"COPY ({inner}) TO STDOUT WITH (FORMAT csv, HEADER)"
        with db.cursor() as cursor, target.open("wb") as out, cursor.copy(statement) as copy:
            for block in copy:
                out.write(block)
        seconds = time.perf_counter() - started
    target.unlink()
    return rows, seconds


# --- report --------------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} CPUs, {memory:.0f} GiB, Python {platform.python_version()}"


def report(pages: list, exports: list, copies: dict, rows: int) -> list[str]:
    day = datetime.now(UTC).date().isoformat()
    lines = [
        f"Run {day} on {machine()}; PostgreSQL, {rows:,} imported requests "
        "(bench/import.py's scaled NYC export); `.venv/bin/python bench/analytics.py`.",
        "",
        "| page (server time, Django test client) | p50 ms | p95 ms | max ms | target |",
        "|---|---|---|---|---|",
    ]
    for label, times in pages:
        ordered = sorted(times)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        target = "" if label.startswith("reference") else f"< {PAGE_TARGET_MS} ms"
        verdict = ""
        if target:
            verdict = " (met)" if p95 < PAGE_TARGET_MS else " (missed)"
        lines.append(
            f"| {label} | {statistics.median(times):.0f} | {p95:.0f} | {max(times):.0f} "
            f"| {target}{verdict} |"
        )
    lines += [
        "",
        "| CSV export | rows | seconds | rows/s | peak RSS | reference COPY TO STDOUT rows/s |",
        "|---|---|---|---|---|---|",
    ]
    for count, seconds, peak in exports:
        copy_rows, copy_seconds = copies[count]
        lines.append(
            f"| care311 (COPY, scrubbed in Python) | {count:,} | {seconds:.1f} | "
            f"{count / seconds:,.0f} | {peak / 2**20:.0f} MiB | {copy_rows / copy_seconds:,.0f} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--memory-rows", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--skip-pages", action="store_true")
    args = parser.parse_args()

    setup_django()
    if args.rebuild or request_count() < args.rows:
        build(args.rows)
    if args.build_only:
        return
    pages = [] if args.skip_pages else time_pages(args.requests)
    exports, copies = [], {}
    for size in (args.memory_rows, args.rows):
        exports.append(time_export(size))
        copies[size] = time_copy(size)
        print(f"export {size:,}: {exports[-1]}, copy {copies[size]}", flush=True)
    print("\n".join(report(pages, exports, copies, args.rows)))


if __name__ == "__main__":
    main()
