"""Benchmark: server time of the desk's and the work queues' pages with 1M requests.

    .venv/bin/python bench/desk.py [--rows 1000000] [--rebuild] [--requests 200]

Needs the `bench` extra and PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres.

1. Data: bench/portal.py's database (bench_portal: bench/import.py's scaled NYC file loaded
   with `care311 import` and made the demo city's own), built by its functions if missing,
   then copied to bench_desk so the desk's additions leave the portal's figures alone. On the
   copy: the demo's routing, work queues and staff (care311/demo), 40 more agents at work
   with open presence intervals and desk sessions, nine in ten of Streets' requests open
   (~144k, with priorities, assignees, SLA moments and queues), 400k past contacts from a
   pool of 100k caller numbers, linked to requests, and 20k requests whose reporter gave one
   of those numbers. Kept for the next run (--rebuild makes it again from bench_portal).
2. Server time: an agent takes --requests calls from start to wrap-up (half from callers
   with history, half from numbers never seen; one in four added to an open request the
   duplicate check suggests, the others filed), with the desk home, heartbeat and presence
   between calls; a supervisor opens the supervisor view and department staff their work
   queue and cases. Every page through Django's test client in this process, after a
   warm-up, timed with perf_counter. Beside each page, a reference timed the same way: the
   bare SQL of the page's main query (as the ORM writes it) through connection.cursor.
   p50, p95 and max; target p95 < 50 ms.
"""

import argparse
import os
import platform
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import portal  # bench/ is not a package: its scripts import each other by path

IMPORT_BENCH = portal.IMPORT_BENCH
P95_TARGET_MS = portal.P95_TARGET_MS
PG_DATABASE = "bench_desk"
PG_URL = f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}?conn_max_age=600"
SERVER = "postgres://postgres@127.0.0.1:5432"
BACKLOG_DEPARTMENT = "streets"
BENCH_AGENTS = 40
PAST_CONTACTS = 400_000
NUMBER_POOL = 100_000  # callers +19185000000 .. +19185099999
SEARCHES = ["trash day", "pothole", "bulky pickup", "water leak", "streetlight", "dog barking"]


def known_number(k: int) -> str:
    return f"+19185{k:06d}"


# --- data ------------------------------------------------------------------------------------


def database_exists(name: str) -> bool:
    with psycopg.connect(f"{SERVER}/postgres") as admin:
        found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return found is not None


def portal_ready(rows: int) -> bool:
    if not database_exists(portal.PG_DATABASE):
        return False
    with psycopg.connect(f"{SERVER}/{portal.PG_DATABASE}") as conn:
        try:
            count = conn.execute("SELECT count(*) FROM service_requests_servicerequest")
        except psycopg.errors.UndefinedTable:
            return False
        return count.fetchone()[0] >= rows


def copy_portal_database() -> None:
    """bench_desk as a copy of bench_portal (a file copy: under a minute)."""
    started = time.perf_counter()
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{PG_DATABASE}" TEMPLATE "{portal.PG_DATABASE}"')
    print(f"copied {portal.PG_DATABASE} to {PG_DATABASE} in {time.perf_counter() - started:.0f} s")


def build_portal(rows: int) -> None:
    """bench/portal.py's build, in a child process: its Django points at bench_portal."""
    code = (
        "import sys; sys.path.insert(0, 'bench'); import portal; "
        "portal.WORK.mkdir(parents=True, exist_ok=True); portal.setup_django('postgres'); "
        f"portal.build('postgres', {rows}); portal.make_it_the_demo_city()"
    )
    subprocess.run([sys.executable, "-c", code], cwd=portal.ROOT, check=True)


def setup_django() -> None:
    # portal.py's set-up, pointed at the desk's copy of its database.
    portal.PG_URL = PG_URL
    portal.setup_django("postgres")


def desk_ready() -> bool:
    from care311.desk.models import Contact

    return Contact.objects.count() >= PAST_CONTACTS


def prepare_desk() -> None:
    """The demo's routing and staff, agents at work, a backlog, callers with history."""
    from django.db import connection

    from care311.demo.accounts import ensure_accounts
    from care311.demo.routing import load_routing

    started = time.perf_counter()
    print(load_routing())
    ensure_accounts(IMPORT_BENCH.WORK / "desk-accounts.txt")
    agents = bench_agents()
    with connection.cursor() as cursor:
        route_and_open_backlog(cursor)
        give_reporters_numbers(cursor)
        past_contacts(cursor, agents)
        agents_at_work(cursor, agents)
        for table in ("service_requests_servicerequest", "desk_contact", "desk_contactrequest"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    print(f"prepared the desk's data in {time.perf_counter() - started:.0f} s", flush=True)


def bench_agents() -> list[int]:
    from django.contrib.auth.models import User

    from care311.accounts.roles import AGENT, ensure_roles

    group = ensure_roles()[AGENT]
    ids = []
    for n in range(BENCH_AGENTS):
        user, _ = User.objects.get_or_create(
            username=f"bench.agent.{n:02d}", defaults={"is_staff": True}
        )
        user.groups.set([group])
        ids.append(user.pk)
    return ids


def route_and_open_backlog(cursor) -> None:
    """Every request gets its service's work queue (the demo's rules; zones by id), due
    moments from its service's target; nine in ten of Streets' requests are open."""
    cursor.execute(
        """
        WITH rule AS (
            SELECT DISTINCT ON (service_id) service_id, queue_id FROM catalog_routingrule
            ORDER BY service_id, priority
        )
        UPDATE service_requests_servicerequest r SET
            queue_id = CASE WHEN s.service_code LIKE 'SAN-%' AND rule.queue_id IS NOT NULL
                THEN (SELECT id FROM catalog_workqueue
                      WHERE code = CASE WHEN mod(r.id, 2) = 0 THEN 'sanitation-north'
                                        ELSE 'sanitation-south' END)
                ELSE rule.queue_id END,
            expected_at = r.requested_at + make_interval(hours => coalesce(s.sla_hours, 72)),
            sla_warn_at = r.requested_at
                + make_interval(hours => coalesce(s.sla_hours, 72)) * 0.8
        FROM catalog_servicetype s LEFT JOIN rule ON rule.service_id = s.id
        WHERE s.id = r.service_id
        """
    )
    cursor.execute(
        """
        UPDATE service_requests_servicerequest r SET
            status = (ARRAY['new', 'acknowledged', 'in_progress', 'in_progress',
                            'on_hold', 'referred'])[1 + mod(r.id, 6)],
            closed_at = NULL,
            on_hold_since = CASE WHEN mod(r.id, 6) = 4 THEN r.requested_at END,
            priority = 1 + mod(r.id / 7, 4),
            assigned_to_id = CASE WHEN mod(r.id, 5) = 0
                THEN (SELECT id FROM auth_user WHERE username = %s) END
        FROM catalog_department d
        WHERE d.id = r.department_id AND d.code = %s AND mod(r.id, 10) <> 0
        """,
        [BACKLOG_DEPARTMENT, BACKLOG_DEPARTMENT],
    )


def give_reporters_numbers(cursor) -> None:
    """One request in 50 has a reporter's number from the callers' pool, a third of them
    typed as residents type them (918-500-1234)."""
    cursor.execute(
        f"""
        UPDATE service_requests_servicerequest SET reporter_phone = CASE WHEN mod(id, 3) = 0
            THEN '918-5' || substr(lpad(mod(id, {NUMBER_POOL})::text, 6, '0'), 1, 2) || '-'
                 || substr(lpad(mod(id, {NUMBER_POOL})::text, 6, '0'), 3, 4)
            ELSE '+19185' || lpad(mod(id, {NUMBER_POOL})::text, 6, '0') END
        WHERE mod(id, 50) = 3
        """
    )


def past_contacts(cursor, agents: list[int]) -> None:
    """PAST_CONTACTS wrapped-up phone contacts over the last two years, four per number of
    the pool on average; the ones that created or updated a request are linked to one."""
    cursor.execute(
        f"""
        INSERT INTO desk_contact (channel, direction, caller_number, caller_name, language,
            agent_id, started_at, ended_at, wrapped_up_at, outcome, agency, notes)
        SELECT 'phone', 'inbound',
            '+19185' || lpad(mod(g::bigint * 7919, {NUMBER_POOL})::text, 6, '0'), '',
            CASE WHEN mod(g, 5) = 0 THEN 'es' ELSE 'en' END,
            (%s::int[])[1 + mod(g, {len(agents)})],
            now() - make_interval(secs => g * 157.0),
            now() - make_interval(secs => g * 157.0 - 240),
            now() - make_interval(secs => g * 157.0 - 300),
            (ARRAY['information_given', 'request_created', 'request_updated'])[1 + mod(g, 3)],
            '', ''
        FROM generate_series(1, {PAST_CONTACTS}) g
        """,
        [agents],
    )
    cursor.execute(
        """
        INSERT INTO desk_contactrequest (contact_id, request_id, link, linked_at)
        SELECT c.id, r.id, CASE c.outcome WHEN 'request_created' THEN 'filed'
                                          ELSE 'discussed' END, c.ended_at
        FROM desk_contact c
        JOIN service_requests_servicerequest r ON r.id = (
            SELECT min(id) FROM service_requests_servicerequest) + mod(c.id * 2654435761, 1000000)
        WHERE c.outcome IN ('request_created', 'request_updated')
        """
    )


def agents_at_work(cursor, agents: list[int]) -> None:
    """The 40 agents on shift: an open presence interval each (most available, some on a
    contact or a break) and a desk session that checked in seconds ago, a fifth from home."""
    for n, agent in enumerate(agents):
        state = ["available", "available", "on_contact", "wrap_up", "break"][n % 5]
        cursor.execute(
            """
            INSERT INTO desk_presenceinterval (user_id, state, reason, started_at, ended_at)
            VALUES (%s, %s, %s, now() - make_interval(mins => %s), NULL)
            ON CONFLICT DO NOTHING
            """,
            [agent, state, "Lunch" if state == "break" else "", 3 + n],
        )
        cursor.execute(
            """
            INSERT INTO desk_desksession (user_id, session_key_hash, started_at,
                last_heartbeat_at, ended_at, ip, user_agent, location)
            VALUES (%s, md5(%s) || md5(%s), now() - interval '3 hours',
                now() - make_interval(secs => %s), NULL, %s, 'bench', %s)
            ON CONFLICT DO NOTHING
            """,
            [
                agent,
                f"bench {agent}",
                f"session {agent}",
                n % 30,
                "10.0.0.1",
                "remote" if n % 5 == 0 else "office",
            ],
        )


# --- what the pages are asked about ----------------------------------------------------------


def samples(chooser: random.Random) -> dict:
    from care311.catalog.models import Department
    from care311.desk.models import Contact
    from care311.service_requests.listings import OPEN
    from care311.service_requests.models import ServiceRequest

    streets = Department.objects.get(code=BACKLOG_DEPARTMENT)
    backlog = ServiceRequest.objects.filter(department=streets, status__in=OPEN)
    potholes = list(
        backlog.filter(service__service_code="STR-POTHOLE", latitude__isnull=False)
        .order_by("-requested_at")
        .values_list("latitude", "longitude")[:2000]
    )
    open_ids = list(backlog.order_by("-requested_at").values_list("public_id", flat=True)[:5000])
    pooled = list(
        Contact.objects.filter(caller_number__startswith="+19185")
        .order_by("caller_number")
        .values_list("caller_number", flat=True)
        .distinct()[:5000]
    )
    return {
        "department": streets,
        "open_count": backlog.count(),
        "pothole_points": potholes,
        "open_ids": open_ids,
        "known_numbers": pooled,
        "new_numbers": [f"+1405{chooser.randrange(10**7):07d}" for _ in range(5000)],
    }


# --- timing ----------------------------------------------------------------------------------

TIMES: dict[str, list[float]] = {}
CPU: dict[str, list[float]] = {}
QUERY_COUNTS: dict[str, int] = {}


def timed(name: str, call: Callable, expect: tuple[int, ...] = (200,)):
    """Call `call` (one client request); keep its wall time under `name`."""
    started, cpu = time.perf_counter(), time.process_time()
    response = call()
    TIMES.setdefault(name, []).append(time.perf_counter() - started)
    # This process's CPU (not PostgreSQL's): on a shared machine the wall clock also
    # counts the time other processes held the cores.
    CPU.setdefault(name, []).append(time.process_time() - cpu)
    if response.status_code not in expect:
        sys.exit(f"{name}: answered {response.status_code}")
    return response


def counted(name: str, call: Callable, expect: tuple[int, ...] = (200,)):
    """One untimed request with its queries counted (the debug cursor slows it)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = call()
    QUERY_COUNTS[name] = len(queries)
    return response


class Agent:
    """An agent taking calls through the desk, start to wrap-up."""

    def __init__(self, client, data: dict, chooser: random.Random) -> None:
        self.client, self.data, self.chooser = client, data, chooser

    def call(self, n: int, *, measure: Callable) -> None:
        history = n % 2 == 0
        kind = "caller with history" if history else "new caller"
        number = self.chooser.choice(self.data["known_numbers" if history else "new_numbers"])
        get, post = self.client.get, self.client.post

        start = f"/desk/contact/new?{urlencode({'caller': number, 'channel': 'phone'})}"
        popped = measure(f"screen-pop start ({kind})", lambda: get(start), (302,))
        page = popped["Location"]
        measure(f"contact page + caller history ({kind})", lambda: get(page))
        query = urlencode({"q": self.chooser.choice(SEARCHES)})
        measure("contact page + knowledge panel (?q=)", lambda: get(f"{page}?{query}"))

        latitude, longitude = self.chooser.choice(self.data["pothole_points"])
        where = urlencode({"service": "STR-POTHOLE", "latitude": latitude, "longitude": longitude})
        details = f"{page}file/details/?{where}"
        form = measure("filing form: questions + duplicate suggestions", lambda: get(details))
        nearby = re.findall(r'action="([^"]*/add-caller/[^"]+/)"', form.content.decode())
        if n % 4 == 1 and nearby:
            measure(
                "add the caller to a suggested request (POST)",
                lambda: post(nearby[0], {"updates": "on"}),
                (302,),
            )
            outcome = "request_updated"
        else:
            filing = {"description": "Deep pothole", "attribute[size]": "M", "updates": "on"}
            measure("file for the caller (POST)", lambda: post(details, filing), (302,))
            outcome = "request_created"

        measure("end the contact (POST)", lambda: post(f"{page}end/"), (302,))
        measure("wrap-up form", lambda: get(f"{page}wrap-up/"))
        done = {"outcome": outcome, "notes": "bench"}
        measure("wrap-up (POST)", lambda: post(f"{page}wrap-up/", done), (302,))

        measure("desk home", lambda: get("/desk/"))
        measure("heartbeat (POST)", lambda: post("/desk/heartbeat/"))
        state = {"state": "break", "reason": "Lunch"} if n % 2 else {"state": "available"}
        measure("presence (POST)", lambda: post("/desk/presence/", state), (302,))


def staff_pages(data: dict, chooser: random.Random) -> dict[str, tuple[str, Callable]]:
    """Supervisor's and department staff's pages: name -> (whose client, next path)."""
    code = data["department"].code
    pick = chooser.choice

    def queue(**query) -> Callable:
        return lambda: f"/desk/queues/{code}/?{urlencode(query)}"

    return {
        "supervisor view": ("supervisor", lambda: "/desk/supervisor/"),
        "work queues index (supervisor, citywide)": ("supervisor", lambda: "/desk/queues/"),
        "work queues index (department staff)": ("staff", lambda: "/desk/queues/"),
        "queue list, page 1": ("staff", queue()),
        "queue list, pages 2-20": ("staff", lambda: queue(page=chooser.randint(2, 20))()),
        "queue list, unassigned": ("staff", queue(who="nobody")),
        "queue list, SLA breached": ("staff", queue(sla="breached")),
        "queue list, one queue, priority 1": ("staff", queue(queue="streets-potholes", priority=1)),
        "case page": ("staff", lambda: f"/desk/queues/requests/{pick(data['open_ids'])}/"),
    }


def verified_client(username: str):
    """A test client signed in as `username`, its second factor done as a TOTP sign-in
    leaves it (django-otp's device id in the session), so the OTP middleware runs as usual."""
    from django.contrib.auth.models import User
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def free_agent(username: str) -> None:
    """Wrap up a contact a stopped run left open, so the agent can take calls."""
    from django.contrib.auth.models import User

    from care311.desk import actions
    from care311.desk.models import Contact

    user = User.objects.get(username=username)
    for contact in Contact.objects.filter(agent=user, wrapped_up_at__isnull=True):
        actions.wrap_up_contact(contact, outcome="transferred", by=user)


def measure(requests: int) -> tuple[dict, dict, dict]:
    chooser = random.Random(311)
    data = samples(chooser)
    print(f"{data['open_count']:,} open requests in {BACKLOG_DEPARTMENT}", flush=True)
    free_agent("agent1")
    agent = Agent(verified_client("agent1"), data, chooser)
    clients = {"supervisor": verified_client("supervisor"), "staff": verified_client("streets")}
    pages = staff_pages(data, chooser)

    def untimed(name, call, expect=(200,)):
        return call()

    for n in range(4):  # warm-up: caches, compiled templates, connections
        agent.call(n, measure=untimed)
        for who, path in pages.values():
            clients[who].get(path())
    agent.call(0, measure=counted)
    agent.call(1, measure=counted)
    for name, (who, path) in pages.items():
        counted(name, lambda who=who, path=path: clients[who].get(path()))

    for n in range(requests):
        agent.call(n, measure=timed)
    print(f"{requests} calls taken", flush=True)
    for name, (who, path) in pages.items():
        for _ in range(requests):
            timed(name, lambda who=who, path=path: clients[who].get(path()))
    return data, clients, pages


# --- references: the pages' main queries as bare SQL -----------------------------------------


def sql_of(queryset) -> list[tuple[str, tuple]]:
    from django.db import connection

    return [queryset.query.get_compiler(connection=connection).as_sql()]


def captured(call: Callable, needle: str) -> list[tuple[str, None]]:
    """The SQL of the queries `call` runs that contain `needle`, as the ORM wrote them
    (parameters in place)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as seen:
        call()
    return [(query["sql"], None) for query in seen.captured_queries if needle in query["sql"]]


# Staff pages' references: the queries of the page itself that do its work, taken from 20
# of its requests and run again bare.
STAFF_REFERENCES = {
    "supervisor view": ("its GROUP BY of open requests", "GROUP BY"),
    "work queues index (supervisor, citywide)": ("its GROUP BY of open requests", "GROUP BY"),
    "work queues index (department staff)": ("its GROUP BY of open requests", "GROUP BY"),
    "queue list, page 1": ("its COUNT and page of 50", "service_requests_servicerequest"),
    "queue list, pages 2-20": ("its COUNT and page of 50", "service_requests_servicerequest"),
    "queue list, unassigned": ("its COUNT and page of 50", "service_requests_servicerequest"),
    "queue list, SLA breached": ("its COUNT and page of 50", "service_requests_servicerequest"),
    "queue list, one queue, priority 1": (
        "its COUNT and page of 50",
        "service_requests_servicerequest",
    ),
    "case page": ("its request and history SELECTs", "service_requests_"),
}


def references(data: dict, requests: int, clients: dict, pages: dict) -> dict:
    """page name -> (what the reference is, its times), each run `requests` times."""
    from django.contrib.auth.models import User

    from care311.catalog.models import ServiceType
    from care311.desk import queries
    from care311.desk.models import Contact
    from care311.desk.phones import number_variants
    from care311.service_requests.models import ServiceRequest
    from care311.service_requests.queries import nearby_open_requests

    chooser = random.Random(5)
    agent = User.objects.get(username="agent1")
    pothole = ServiceType.objects.get(service_code="STR-POTHOLE")
    contact = Contact.objects.filter(agent=agent).order_by("-id").first()

    def history(numbers: str) -> Callable:
        def sql():
            variants = number_variants(chooser.choice(data[numbers]))
            return sql_of(ServiceRequest.objects.filter(reporter_phone__in=variants)[:200])

        return sql

    def nearby():
        latitude, longitude = chooser.choice(data["pothole_points"])
        return captured(
            lambda: nearby_open_requests(
                pothole, latitude=latitude, longitude=longitude, address=""
            ),
            "service_requests_servicerequest",
        )

    reads: dict[str, tuple[str, Callable]] = {
        "desk home": (
            "the agent's 10 latest contacts",
            lambda: sql_of(queries.recent_contacts(agent)),
        ),
        "contact page + caller history (caller with history)": (
            "requests by the caller's number as typed",
            history("known_numbers"),
        ),
        "contact page + caller history (new caller)": (
            "requests by the caller's number as typed",
            history("new_numbers"),
        ),
        "filing form: questions + duplicate suggestions": (
            "the duplicate check: open, same service, within 150 m",
            nearby,
        ),
        "wrap-up form": (
            "the contact by id and agent",
            lambda: sql_of(Contact.objects.filter(pk=contact.pk, agent=agent)),
        ),
        "heartbeat (POST)": ("SELECT 1, a round trip", lambda: [("SELECT 1", None)]),
    }
    for name, (what, needle) in STAFF_REFERENCES.items():
        who, path = pages[name]
        taken = [
            captured(lambda who=who, path=path: clients[who].get(path()), needle) for _ in range(20)
        ]
        reads[name] = (what, lambda taken=taken: chooser.choice(taken))
    return {name: (what, run_reference(make, requests)) for name, (what, make) in reads.items()}


def run_reference(make: Callable, requests: int) -> list[float]:
    from django.db import connection

    times = []
    for n in range(requests + 5):
        statements = make()
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()
        if n >= 5:  # the first five warm up
            times.append(time.perf_counter() - started)
    return times


# --- report ----------------------------------------------------------------------------------


def ms(values: list[float], share: float) -> float:
    return portal.percentile(values, share) * 1000


def table(refs: dict) -> str:
    lines = [
        "| page | p50 ms | p95 ms | max ms | CPU p95 ms | queries | reference p50 / p95 ms "
        "| p95 < 50 ms |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for name, times in TIMES.items():
        reference = ""
        if name in refs:
            what, ref = refs[name]
            reference = f"{ms(ref, 0.5):.1f} / {ms(ref, 0.95):.1f} ({what})"
        p95 = ms(times, 0.95)
        lines.append(
            f"| {name} | {ms(times, 0.5):.1f} | {p95:.1f} | {max(times) * 1000:.1f} | "
            f"{ms(CPU[name], 0.95):.1f} | {QUERY_COUNTS.get(name, '')} | {reference} | "
            f"{'yes' if p95 < P95_TARGET_MS else 'NO'} |"
        )
    return "\n".join(lines)


def header(rows: int, requests: int, load_before: float) -> str:
    from django.db import connection

    version = connection.cursor().connection.info.server_version
    return (
        f"PostgreSQL {version // 10000}.{version % 10000}, {rows:,} requests; "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"{requests} per page after a warm-up; load average {load_before:.2f} at the start, "
        f"{os.getloadavg()[0]:.2f} at the end."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    IMPORT_BENCH.WORK.mkdir(parents=True, exist_ok=True)

    fresh = args.rebuild or not database_exists(PG_DATABASE)
    if fresh:
        if not portal_ready(args.rows):
            build_portal(args.rows)
        copy_portal_database()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not desk_ready():
        prepare_desk()

    load_before = os.getloadavg()[0]
    data, clients, pages = measure(args.requests)
    refs = references(data, args.requests, clients, pages)
    from care311.service_requests.models import ServiceRequest

    print()
    print(header(ServiceRequest.objects.count(), args.requests, load_before))
    print()
    print(table(refs))


if __name__ == "__main__":
    main()
