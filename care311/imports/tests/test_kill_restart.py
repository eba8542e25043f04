"""An import killed with SIGKILL and started again ends with exactly one clean run's rows."""

import csv
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from care311.imports.tests.support import NYC_CSV

ROWS = 12_000
BATCH = 300
# Compared between the killed-and-restarted database and a clean one.
REQUEST_COLUMNS = (
    "public_id, source_id, source_record, source_hash, status, requested_at, closed_at, "
    "latitude, longitude, description"
)


def scaled_nyc_file(path: Path) -> Path:
    """The real NYC rows, resampled to ROWS with new ids (and 1% repeated ids)."""
    with NYC_CSV.open(newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    rng = random.Random(311)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for number in range(ROWS):
            row = list(rng.choice(rows))
            row[0] = str(50_000_000 + (number if rng.random() > 0.01 else number // 2))
            writer.writerow(row)
    return path


class Database:
    """A scratch database of the kind the suite runs on, reached by URL."""

    def __init__(self, tmp_path: Path, name: str) -> None:
        self.postgres = connection.vendor == "postgresql"
        if self.postgres:
            params = connection.settings_dict
            self.name = f"care311_kill_{name}_{os.getpid()}"
            self.server = (
                f"host={params['HOST'] or '127.0.0.1'} port={params['PORT'] or 5432} "
                f"user={params['USER'] or 'postgres'} dbname=postgres"
            )
            with psycopg.connect(self.server, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
                admin.execute(f'CREATE DATABASE "{self.name}"')
            self.url = (
                f"postgres://{params['USER'] or 'postgres'}@{params['HOST'] or '127.0.0.1'}:"
                f"{params['PORT'] or 5432}/{self.name}"
            )
        else:
            self.path = tmp_path / f"{name}.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def care311(self, *args: str, wait: bool = True) -> subprocess.Popen | None:
        env = {**os.environ, "DATABASE_URL": self.url}
        command = [sys.executable, "-m", "care311", *args]
        if wait:
            subprocess.run(command, env=env, check=True, capture_output=True)
            return None
        return subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    def query(self, sql: str) -> list[tuple]:
        if self.postgres:
            with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as db:
                return db.execute(sql).fetchall()
        with sqlite3.connect(self.path, timeout=30) as db:
            return db.execute(sql).fetchall()

    def contents(self) -> dict[str, list[tuple]]:
        return {
            "requests": self.query(
                f"SELECT {REQUEST_COLUMNS} FROM service_requests_servicerequest ORDER BY source_id"
            ),
            "events": self.query(
                "SELECT r.source_id, e.kind, e.actor_name, e.changes "
                "FROM service_requests_historyevent e "
                "JOIN service_requests_servicerequest r ON r.id = e.request_id "
                "ORDER BY r.source_id, e.id"
            ),
            "quarantine": self.query(
                "SELECT record_no, source_id, reason, raw FROM imports_quarantinedrecord "
                "ORDER BY record_no"
            ),
            "services": self.query(
                "SELECT service_code, name FROM catalog_servicetype ORDER BY service_code"
            ),
        }

    def drop(self) -> None:
        if self.postgres:
            with psycopg.connect(self.server, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def databases(tmp_path):
    made = [Database(tmp_path, "clean"), Database(tmp_path, "killed")]
    yield made
    for database in made:
        database.drop()


def test_it_restarts_cleanly_after_kill_9(tmp_path, databases):
    source = scaled_nyc_file(tmp_path / "nyc_12k.csv")
    clean, killed = databases
    for database in databases:
        database.care311("migrate", "--verbosity", "0")
    import_args = ("import", str(source), "--no-progress", "--batch-size", str(BATCH))

    clean.care311(*import_args)

    victim = killed.care311(*import_args, wait=False)
    assert victim is not None
    deadline = time.monotonic() + 120
    imported = 0
    while time.monotonic() < deadline and victim.poll() is None:
        imported = killed.query("SELECT count(*) FROM service_requests_servicerequest")[0][0]
        if imported >= 4 * BATCH:
            break
        time.sleep(0.01)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    partial = killed.query("SELECT count(*) FROM service_requests_servicerequest")[0][0]
    assert 0 < partial < ROWS * 0.98, "the import should have been killed part-way"
    events = killed.query("SELECT count(*) FROM service_requests_historyevent")[0][0]
    assert events == partial, "a request and its history event are written together"

    killed.care311(*import_args)

    expected = clean.contents()
    assert len(expected["requests"]) > ROWS * 0.98
    assert len(expected["quarantine"]) > 0
    assert killed.contents() == expected
