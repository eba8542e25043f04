"""Benchmark: `care311 import` of a scaled NYC export, beside references run on the same machine.

    .venv/bin/python bench/import.py [--rows 1000000] [--memory-rows 100000] [--skip-pandas]

Scales the real NYC 311 export (shared/data/nyc311-socrata) to --rows by resampling its rows
with a fixed seed and giving each a new unique id, so the real defects (no location, closed
before created, blank dates) keep their proportions. Then, in one run:

- care311: `care311 import FILE --no-progress` as a subprocess into a fresh, migrated
  PostgreSQL database and a fresh SQLite file, timed wall-clock for the whole command, with
  the child's peak RSS (from wait4) at two file sizes to show memory stays flat;
- references on PostgreSQL: COPY of the same CSV into an unindexed all-text table and into a
  typed table with the same indexes and constraints as care311's request table; pandas
  read_csv + to_sql, with the default method and with the COPY writer pandas documents;
- a reference on SQLite: executemany of the same rows into the same typed, indexed table.

Needs PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres, and the `bench` extra
(`.venv/bin/pip install -e '.[dev,bench]'`). Files go under bench/work/ (git-ignored).
"""

import argparse
import csv
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

from import_references import (
    BATCH,
    SAMPLE,
    WORK,
    Figure,
    count_indexes,
    drop_database,
    pandas_copy_writer,
    pandas_load,
    pg_copy_text,
    pg_copy_typed,
    recreate_database,
    sqlite_executemany,
)

CARE311 = Path(sys.executable).parent / "care311"
SCRATCH = ("bench_import_care311", "bench_import_reference")

# Targets from the issue.
PG_VS_TYPED_COPY = 1.5  # care311 into PostgreSQL within 1.5x of the typed, indexed COPY
SQLITE_FLOOR = 40_000  # rows/s into SQLite
FLAT_MEMORY = 1.25  # peak RSS at --rows at most this times the peak at --memory-rows

SUMMARY = re.compile(
    r"read ([\d,]+), imported ([\d,]+), updated ([\d,]+), unchanged ([\d,]+), "
    r"quarantined ([\d,]+) in [\d.]+ s \(([\d,]+) rows/s\)"
)

# --- the scaled file -------------------------------------------------------------------------


def scaled_csv(rows: int, seed: int) -> Path:
    """The sample resampled to `rows` rows with new unique ids; made once per size and seed."""
    path = WORK / f"nyc311_{rows}_seed{seed}.csv"
    if path.exists():
        return path
    with SAMPLE.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        sample = list(reader)
    key = header.index("Unique Key")
    chooser = random.Random(seed)
    # Real keys are 8-digit numbers in no particular order; so are these.
    keys = chooser.sample(range(10_000_000, 100_000_000), rows)
    partial = path.with_suffix(".partial")
    with partial.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for new_key in keys:
            row = list(chooser.choice(sample))
            row[key] = str(new_key)
            writer.writerow(row)
    partial.rename(path)
    return path


# --- care311 as a subprocess -----------------------------------------------------------------


def care311_env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
        "CARE311_HTTPS": "false",
        "CARE311_DATA_DIR": str(WORK / "data"),
        "CARE311_LOG_LEVEL": "WARNING",
    }


def run_child(argv: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Run a command; its wall-clock seconds, its own peak RSS in bytes, and its stdout."""
    out_path = WORK / "child.out"
    with out_path.open("w") as out:
        started = time.perf_counter()
        child = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.PIPE, text=True)
        # wait4 reports this child's own peak RSS (kilobytes on Linux), unlike getrusage.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read() if child.stderr else ""
    if child.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({child.returncode}):\n{errors}")
    return seconds, usage.ru_maxrss * 1024, out_path.read_text()


def care311_import(label: str, path: Path, rows: int, database_url: str) -> Figure:
    env = care311_env(database_url)
    subprocess.run([str(CARE311), "migrate", "-v0"], env=env, check=True)
    seconds, peak, output = run_child([str(CARE311), "import", str(path), "--no-progress"], env)
    match = SUMMARY.search(output)
    if match is None:
        sys.exit(f"no summary line in the import's output:\n{output}")
    read, imported, _, unchanged, quarantined, own_rate = (
        int(group.replace(",", "")) for group in match.groups()
    )
    if read != rows:
        sys.exit(f"care311 read {read} rows of {rows}:\n{output}")
    figure = Figure(label, rows, seconds, peak_rss=peak)
    figure.extra = {
        "own_rate": own_rate,
        "imported": imported,
        "unchanged": unchanged,
        "quarantined": quarantined,
        "output": output.strip(),
    }
    return figure


def care311_reimport(label: str, path: Path, rows: int, database_url: str) -> Figure:
    seconds, peak, output = run_child(
        [str(CARE311), "import", str(path), "--no-progress"], care311_env(database_url)
    )
    match = SUMMARY.search(output)
    if match is None or match.group(2) != "0":
        sys.exit(f"re-import of the same file imported something:\n{output}")
    return Figure(label, rows, seconds, peak_rss=peak, note="same file again: 0 imported")


# --- the run ---------------------------------------------------------------------------------


def fresh_sqlite(name: str) -> str:
    for leftover in WORK.glob(f"{name}*"):
        leftover.unlink()
    return f"sqlite:///{WORK / name}"


def run_postgres(big: Path, small: Path, args) -> dict[str, Figure]:
    care311_db, reference_db = SCRATCH
    figures: dict[str, Figure] = {}
    try:
        url = recreate_database(care311_db)
        figures["pg_small"] = care311_import("care311 import", small, args.memory_rows, url)
        url = recreate_database(care311_db)
        figures["pg"] = care311_import("care311 import", big, args.rows, url)
        indexes = count_indexes(url, "service_requests_servicerequest")
        figures["pg"].extra["indexes"] = indexes
        report_progress(figures["pg"])
        if not args.skip_reimport:
            figures["pg_again"] = care311_reimport("care311 re-import", big, args.rows, url)
            report_progress(figures["pg_again"])
        drop_database(care311_db)

        url = recreate_database(reference_db)
        for key, measure in (("pg_text", pg_copy_text), ("pg_typed", pg_copy_typed)):
            figures[key] = measure(url, big, args.rows)
            report_progress(figures[key])
        if not args.skip_pandas:
            for key, method in (("pandas_default", None), ("pandas_copy", pandas_copy_writer)):
                figures[key] = pandas_load(url, big, args.rows, method)
                report_progress(figures[key])
    finally:
        if not args.keep:
            for name in SCRATCH:
                drop_database(name)
    return figures


def run_sqlite(big: Path, small: Path, args) -> dict[str, Figure]:
    figures = {
        "sqlite_small": care311_import(
            "care311 import", small, args.memory_rows, fresh_sqlite("care311-small.sqlite3")
        ),
    }
    url = fresh_sqlite("care311.sqlite3")
    figures["sqlite"] = care311_import("care311 import", big, args.rows, url)
    report_progress(figures["sqlite"])
    if not args.skip_reimport:
        figures["sqlite_again"] = care311_reimport("care311 re-import", big, args.rows, url)
        report_progress(figures["sqlite_again"])
    figures["sqlite_ref"] = sqlite_executemany(big, args.rows)
    report_progress(figures["sqlite_ref"])
    return figures


def report_progress(figure: Figure) -> None:
    print(
        f"  {figure.label}: {figure.rows:,} rows in {figure.seconds:.1f} s "
        f"({figure.rate:,.0f} rows/s)",
        file=sys.stderr,
        flush=True,
    )


NAMES_OF = {
    "pg_typed": "typed indexed COPY",
    "pandas_copy": "pandas COPY writer",
    "sqlite_ref": "executemany",
}


def table(figures: dict[str, Figure]) -> list[str]:
    def ratios(key: str, references: tuple[str, ...]) -> str:
        shown = [
            f"{figures[key].rate / figures[reference].rate:.2f}x {NAMES_OF[reference]}"
            for reference in references
            if reference in figures
        ]
        return "; ".join(shown) or "reference"

    lines = [
        "| database | what | rows | seconds | rows/s | vs reference | load |",
        "|---|---|---:|---:|---:|---|---:|",
    ]
    order = [
        ("PostgreSQL", "pg", ("pg_typed", "pandas_copy")),
        ("PostgreSQL", "pg_again", ("pg_typed",)),
        ("PostgreSQL", "pg_text", ("pg_typed",)),
        ("PostgreSQL", "pg_typed", ()),
        ("PostgreSQL", "pandas_default", ("pg_typed",)),
        ("PostgreSQL", "pandas_copy", ("pg_typed",)),
        ("SQLite", "sqlite", ("sqlite_ref",)),
        ("SQLite", "sqlite_again", ("sqlite_ref",)),
        ("SQLite", "sqlite_ref", ()),
    ]
    for database, key, references in order:
        if key not in figures:
            continue
        figure = figures[key]
        label = figure.label
        if "own_rate" in figure.extra:
            label += f" (its own summary: {figure.extra['own_rate']:,} rows/s)"
        if "indexes" in figure.extra:
            label += f" ({figure.extra['indexes']} indexes on the table)"
        if figure.note:
            label += f" ({figure.note})"
        lines.append(
            f"| {database} | {label} | {figure.rows:,} | {figure.seconds:.1f} | "
            f"{figure.rate:,.0f} | {ratios(key, references)} | {figure.load:.1f} |"
        )
    return lines


def memory_lines(figures: dict[str, Figure]) -> list[str]:
    lines = ["| database | rows | peak RSS of `care311 import` |", "|---|---:|---:|"]
    for database, small, big in (
        ("PostgreSQL", "pg_small", "pg"),
        ("SQLite", "sqlite_small", "sqlite"),
    ):
        for key in (small, big):
            if key in figures:
                figure = figures[key]
                lines.append(
                    f"| {database} | {figure.rows:,} | {figure.peak_rss / 2**20:,.0f} MiB |"
                )
    return lines


def verdicts(figures: dict[str, Figure]) -> list[str]:
    checks: list[tuple[str, bool | None, str]] = []
    rate = {key: figure.rate for key, figure in figures.items()}
    if "pg" in rate and "pandas_copy" in rate:
        checks.append(
            (
                "PostgreSQL: faster than pandas with a COPY writer",
                rate["pg"] > rate["pandas_copy"],
                f"{rate['pg']:,.0f} vs {rate['pandas_copy']:,.0f} rows/s",
            )
        )
    if "pg" in rate and "pg_typed" in rate:
        floor = rate["pg_typed"] / PG_VS_TYPED_COPY
        checks.append(
            (
                f"PostgreSQL: within {PG_VS_TYPED_COPY}x of the typed indexed COPY",
                rate["pg"] >= floor,
                f"{rate['pg']:,.0f} vs >= {floor:,.0f} rows/s",
            )
        )
    if "sqlite" in rate:
        checks.append(
            (
                f"SQLite: >= {SQLITE_FLOOR:,} rows/s",
                rate["sqlite"] >= SQLITE_FLOOR,
                f"{rate['sqlite']:,.0f} rows/s",
            )
        )
    for database, small, big in (
        ("PostgreSQL", "pg_small", "pg"),
        ("SQLite", "sqlite_small", "sqlite"),
    ):
        if small in figures and big in figures:
            grew = figures[big].peak_rss / figures[small].peak_rss
            checks.append(
                (
                    f"{database}: memory flat ({figures[small].rows:,} -> "
                    f"{figures[big].rows:,} rows)",
                    grew <= FLAT_MEMORY,
                    f"peak RSS x{grew:.2f}",
                )
            )
    return [f"- {'PASS' if ok else 'FAIL'}: {what} ({detail})" for what, ok, detail in checks]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--memory-rows",
        type=int,
        default=100_000,
        help="the smaller file, for the memory comparison",
    )
    parser.add_argument("--seed", type=int, default=311)
    parser.add_argument("--skip-pandas", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-reimport", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    WORK.mkdir(parents=True, exist_ok=True)
    print(
        f"making the {args.rows:,}-row and {args.memory_rows:,}-row files ...",
        file=sys.stderr,
        flush=True,
    )
    big = scaled_csv(args.rows, args.seed)
    small = scaled_csv(args.memory_rows, args.seed)

    # SQLite first and pandas last: a child's peak RSS as wait4 reports it includes this
    # process's size when it was forked, and pandas leaves this process large.
    figures: dict[str, Figure] = {}
    if not args.skip_sqlite:
        figures |= run_sqlite(big, small, args)
    if not args.skip_postgres:
        figures |= run_postgres(big, small, args)

    print(f"\n{args.rows:,} rows of {big.name} (seed {args.seed}), batch {BATCH:,}\n")
    print("\n".join(table(figures)))
    print()
    print("\n".join(memory_lines(figures)))
    print()
    print("\n".join(verdicts(figures)))
    for key in ("pg", "sqlite"):
        if key in figures:
            print(f"\ncare311 summary ({key}):\n{figures[key].extra['output']}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    key: {
                        "label": f.label,
                        "rows": f.rows,
                        "seconds": round(f.seconds, 3),
                        "rate": round(f.rate),
                        "peak_rss": f.peak_rss,
                        **{k: v for k, v in f.extra.items() if k != "output"},
                    }
                    for key, f in figures.items()
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
