"""Benchmark: server time of the resident portal's pages with 1M requests in the database.

    .venv/bin/python bench/portal.py [--database postgres|sqlite] [--rows 1000000]
                                     [--rebuild] [--requests 300]

Needs the `bench` extra (`.venv/bin/pip install -e '.[dev,bench]'`), and for PostgreSQL a
server on 127.0.0.1:5432 with trust auth for user postgres.

1. Data: bench/import.py's scaled NYC file (its functions, reused as they are), loaded with
   `care311 import` into the scratch database bench_portal (PostgreSQL) or
   bench/work/portal.sqlite3, kept for the next run (--rebuild makes it again). Then the
   demo city's catalog and knowledge articles are loaded, and the imported rows are made
   the demo city's own: each is given one of its services and moved, keeping its shape, into
   the city's service area, so the duplicate check, the service history behind "most
   requests like this close within N days" and "my requests" all run over 1M rows.
2. Server time: each page is asked --requests times with varied parameters through Django's
   test client in this process (middleware, views, queries and templates; no network), after
   a warm-up, and timed with perf_counter. p50, p95 and max per page; target p95 < 50 ms.
"""

import argparse
import importlib
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
P95_TARGET_MS = 50
SQLITE_NAME = "portal.sqlite3"
PG_DATABASE = "bench_portal"
PG_URL = f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}?conn_max_age=600"
QUERIES = [
    "trash day",
    "bulky couch",
    "pothole repair",
    "streetlight out",
    "noise party",
    "water bill",
    "dog barking",
    "recyclng",
    "graffiti",
    "perro ladrando",
]


# bench/import.py (its file name is a keyword) as bench/open311.py loads it: reused as it is.
sys.path.insert(0, str(ROOT / "bench"))
IMPORT_BENCH = importlib.import_module("open311").IMPORT_BENCH
WORK: Path = IMPORT_BENCH.WORK


def database_url(kind: str) -> str:
    if kind == "postgres":
        return PG_URL
    return f"sqlite:///{WORK / SQLITE_NAME}"


def fresh_database(kind: str) -> None:
    if kind == "postgres":
        IMPORT_BENCH.recreate_database(PG_DATABASE)
        return
    for leftover in WORK.glob(f"{SQLITE_NAME}*"):
        leftover.unlink()


def build(kind: str, rows: int) -> None:
    """A fresh database with `rows` imported requests (bench/import.py's file and command)."""
    fresh_database(kind)
    path = IMPORT_BENCH.scaled_csv(rows, 311)
    env = IMPORT_BENCH.care311_env(database_url(kind))
    care311 = str(IMPORT_BENCH.CARE311)
    subprocess.run([care311, "migrate", "-v0"], env=env, check=True)
    started = time.perf_counter()
    subprocess.run([care311, "import", str(path), "--no-progress"], env=env, check=True)
    print(f"imported {rows:,} rows in {time.perf_counter() - started:.0f} s", flush=True)


def setup_django(kind: str) -> None:
    os.environ.update(IMPORT_BENCH.care311_env(database_url(kind)))
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["CARE311_TASK_BACKEND"] = "immediate"
    os.environ["CARE311_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["CARE311_SMS_TRANSPORT"] = "locmem"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "care311.settings")
    import django

    django.setup()


def make_it_the_demo_city() -> None:
    """Load the demo catalog and articles; give every imported request a demo service and a
    place in the service area (same spread, scaled), in one statement."""
    from django.conf import settings
    from django.db import connection

    from care311.catalog.models import ServiceType
    from care311.demo.articles import load_articles
    from care311.demo.catalog import load_catalog, read_catalog

    load_catalog()
    load_articles()
    codes = [service["service_code"] for service in read_catalog()["services"]]
    ids = list(
        ServiceType.objects.filter(service_code__in=codes)
        .order_by("id")
        .values_list("id", "department_id")
    )
    south, west, north, east = settings.SERVICE_AREA
    cases = " ".join(f"WHEN {n} THEN {pk}" for n, (pk, _) in enumerate(ids))
    departments = " ".join(f"WHEN {n} THEN {dept}" for n, (_, dept) in enumerate(ids))
    # NYC's box (40.49..40.92, -74.26..-73.69) scaled into the city's.
    sql = f"""
        UPDATE service_requests_servicerequest SET
            service_id = CASE (id % {len(ids)}) {cases} END,
            department_id = CASE (id % {len(ids)}) {departments} END,
            latitude = CASE WHEN latitude IS NULL THEN NULL
                ELSE {south} + (latitude - 40.49) / 0.43 * {north - south} END,
            longitude = CASE WHEN longitude IS NULL THEN NULL
                ELSE {west} + (longitude + 74.26) / 0.57 * {east - west} END,
            reporter_email = CASE WHEN id % 1000 = 0 THEN 'bench.resident@example.com'
                ELSE reporter_email END
        WHERE source <> ''
    """
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        cursor.execute(
            "UPDATE service_requests_servicerequest SET latitude = NULL, longitude = NULL "
            f"WHERE latitude NOT BETWEEN {south} AND {north} "
            f"OR longitude NOT BETWEEN {west} AND {east}"
        )
    shift_to_now()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE service_requests_servicerequest")
        else:
            cursor.execute("ANALYZE")
    print(f"moved the requests into the demo city in {time.perf_counter() - started:.0f} s")


def shift_to_now() -> None:
    """Move every time by the same amount so the newest request is from today: the sample's
    years then end now, and "most requests like this close within N days" has recent history."""
    from django.db.models import F, Max
    from django.utils import timezone

    from care311.service_requests.models import ServiceRequest

    newest = ServiceRequest.objects.aggregate(newest=Max("requested_at"))["newest"]
    shift = timezone.now() - newest
    ServiceRequest.objects.update(
        requested_at=F("requested_at") + shift,
        updated_at=F("updated_at") + shift,
        closed_at=F("closed_at") + shift,
        expected_at=F("expected_at") + shift,
    )


def request_count() -> int:
    from care311.service_requests.models import ServiceRequest

    try:
        return ServiceRequest.objects.count()
    except Exception:  # no tables yet
        return 0


# --- the pages ---------------------------------------------------------------------------------


def samples(chooser: random.Random) -> dict:
    """What the pages are asked about: real ids, services, points and articles."""
    from django.conf import settings

    from care311.catalog.queries import listed_services
    from care311.knowledge.models import Article
    from care311.service_requests.models import ServiceRequest

    top = ServiceRequest.objects.order_by("id").values_list("id", flat=True).last() or 1
    picks = [chooser.randrange(1, top + 1) for _ in range(400)]
    public_ids = list(
        ServiceRequest.objects.filter(id__in=picks).values_list("public_id", flat=True)
    )
    codes = [service.service_code for service in listed_services()]
    south, west, north, east = settings.SERVICE_AREA
    points = [(chooser.uniform(south, north), chooser.uniform(west, east)) for _ in range(400)]
    slugs = list(Article.objects.filter(language="en").values_list("slug", flat=True))
    return {"public_ids": public_ids, "codes": codes, "points": points, "slugs": slugs}


def pages(data: dict, chooser: random.Random) -> dict:
    """Each page shape: a function giving the next (method, path, data)."""
    from urllib.parse import urlencode

    def pick(items):
        return chooser.choice(items)

    def details():
        latitude, longitude = pick(data["points"])
        query = {"service": pick(data["codes"]), "latitude": latitude, "longitude": longitude}
        return "/report/details/?" + urlencode(query)

    return {
        "home /": lambda: "/",
        "knowledge search /help/?q=": lambda: "/help/?" + urlencode({"q": pick(QUERIES)}),
        "article /help/<slug>/": lambda: f"/help/{pick(data['slugs'])}/",
        "service list /report/": lambda: "/report/",
        "where /report/where/": lambda: (
            "/report/where/?" + urlencode({"service": pick(data["codes"])})
        ),
        "details + duplicate check": details,
        "track /track/?number=": lambda: (
            "/track/?" + urlencode({"number": pick(data["public_ids"])})
        ),
        "request /requests/<id>/": lambda: f"/requests/{pick(data['public_ids'])}/",
        "my requests (signed in)": lambda: "/account/requests/",
        "request list /requests/": lambda: "/requests/",
    }


CPU: dict[str, list[float]] = {}


def timed(client, path: str, shape: str = "") -> float:
    """Wall-clock seconds of one request; its CPU seconds are kept in CPU[shape]: on a shared
    machine the wall clock also counts time other processes took the cores."""
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(path)
    elapsed = time.perf_counter() - started
    CPU.setdefault(shape, []).append(time.process_time() - cpu)
    if response.status_code not in (200, 302):
        sys.exit(f"{path} answered {response.status_code}")
    return elapsed


def file_requests(client, data: dict, chooser: random.Random, count: int) -> list[float]:
    """Server time of sending the filing form (a new request each time, with the answers the
    pothole service requires), after getting the form for its one-time token."""
    times = []
    for _ in range(count):
        latitude, longitude = chooser.choice(data["points"])
        place = {"service": "STR-POTHOLE", "latitude": latitude, "longitude": longitude}
        page = client.get("/report/details/", place).content.decode()
        token = re.search(r'name="form_token" value="([^"]+)"', page)
        if token is None:
            sys.exit("no form token on the details page")
        form = place | {"form_token": token.group(1), "attribute[size]": "M", "updates": "on"}
        started, cpu = time.perf_counter(), time.process_time()
        response = client.post("/report/details/", form)
        times.append(time.perf_counter() - started)
        CPU.setdefault("file a request (POST)", []).append(time.process_time() - cpu)
        if response.status_code != 302:
            sys.exit(f"filing answered {response.status_code}")
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def measure(requests: int) -> list[tuple[str, list[float]]]:
    from django.contrib.auth.models import User
    from django.test import Client

    chooser = random.Random(311)
    data = samples(chooser)
    shapes = pages(data, chooser)
    client = Client()
    resident, _ = User.objects.get_or_create(
        username="bench.resident@example.com", defaults={"email": "bench.resident@example.com"}
    )
    client.force_login(resident)

    for make in shapes.values():  # warm-up: caches, compiled templates, connections
        for _ in range(5):
            timed(client, make())
    results = []
    for name, make in shapes.items():
        results.append((name, [timed(client, make(), name) for _ in range(requests)]))
        report(*results[-1])
    results.append(("file a request (POST)", file_requests(client, data, chooser, requests)))
    report(*results[-1])
    return results


def report(name: str, times: list[float]) -> None:
    print(
        f"{name:32} p50 {statistics.median(times) * 1000:6.1f} ms  "
        f"p95 {percentile(times, 0.95) * 1000:6.1f} ms  max {max(times) * 1000:6.1f} ms  "
        f"CPU p95 {percentile(CPU[name], 0.95) * 1000:6.1f} ms",
        flush=True,
    )


def markdown(kind: str, rows: int, requests: int, results: list) -> str:
    from django.db import connection

    version = connection.cursor().connection.info.server_version if kind == "postgres" else None
    engine = (
        f"PostgreSQL {version // 10000}.{version % 10000}"
        if version
        else f"SQLite {connection.Database.sqlite_version}"
    )
    lines = [
        f"### {engine}, {rows:,} requests",
        "",
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores; Python "
        f"{platform.python_version()}; {requests} requests per page after a warm-up; "
        f"load average {os.getloadavg()[0]:.2f} at the end.",
        "",
        "| page | p50 ms | p95 ms | max ms | CPU p95 ms | p95 < 50 ms |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, times in results:
        p95 = percentile(times, 0.95) * 1000
        cpu = percentile(CPU[name], 0.95) * 1000
        lines.append(
            f"| {name} | {statistics.median(times) * 1000:.1f} | {p95:.1f} | "
            f"{max(times) * 1000:.1f} | {cpu:.1f} | {'yes' if p95 < P95_TARGET_MS else 'NO'} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)

    setup_django(args.database)
    if args.rebuild or request_count() < args.rows:
        from django.db import connections

        connections.close_all()
        build(args.database, args.rows)
        make_it_the_demo_city()
    print(f"{request_count():,} requests in the {args.database} database", flush=True)

    results = measure(args.requests)
    print()
    print(markdown(args.database, request_count(), args.requests, results))


if __name__ == "__main__":
    main()
