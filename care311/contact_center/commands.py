"""What `care311 calls` does, verb by verb (the command module parses the arguments)."""

from datetime import tzinfo
from pathlib import Path

import environ
from django.core.management.base import CommandError, OutputWrapper

from care311.contact_center import adapters
from care311.contact_center.adapters import queue_log
from care311.contact_center.importing import DEFAULT_BATCH, CallImport, run_import
from care311.contact_center.models import Source, WebhookKey
from care311.contact_center.pipeline import Pipeline
from care311.contact_center.quality import Quality
from care311.imports.errors import ImportFileError
from care311.imports.files import check_file, file_key

__all__ = ["DEFAULT_BATCH", "FORMATS"]

FORMATS = adapters.FORMATS
USAGE_ERROR = 2


def import_files(options: dict, zone: tzinfo, progress: bool) -> list[Quality]:
    # Check every file before writing anything, so one bad file stops the whole command.
    plans = []
    for path in options["files"]:
        try:
            check_file(path)
            fmt = options["format"] or adapters.detect(path)
        except ImportFileError as error:
            raise CommandError(str(error), returncode=USAGE_ERROR) from None
        plans.append((path, fmt))
    return [import_file(path, fmt, zone, options["batch_size"], progress) for path, fmt in plans]


def import_file(
    path: Path, fmt: str, zone: tzinfo, batch_size: int = DEFAULT_BATCH, progress: bool = False
) -> Quality:
    label, source = FORMATS[fmt]
    quality = Quality(path.name, label)
    job = CallImport(
        Pipeline(source, quality),
        adapters.translator(fmt, quality, zone),
        file_key=file_key(path),
        file_name=str(path),
        scrub=adapters.scrubber(fmt),
    )
    with adapters.records(path, fmt) as records:
        return run_import(job, records, fmt=label, batch_size=batch_size, progress=progress)


def import_table(options: dict, zone: tzinfo, progress: bool) -> Quality:
    """Read the queue_log table of another database (Asterisk's realtime queue log)."""
    url, table = options["database"], options["table"]
    quality = Quality(table, queue_log.ROW_FORMAT)
    job = CallImport(
        Pipeline(Source.QUEUE_LOG, quality),
        adapters.translator(adapters.QUEUE_LOG_CSV, quality, zone),
        file_key=f"table:{table}"[:32],
        file_name=f"{_safe_url(url)} {table}",
        scrub=queue_log.scrub,
    )
    connection = _connect(url)
    try:
        cursor = connection.cursor()
        try:
            rows = queue_log.table_rows(cursor, table)
            return run_import(
                job,
                rows,
                fmt=queue_log.ROW_FORMAT,
                batch_size=options["batch_size"],
                progress=progress,
            )
        except ValueError as error:
            raise CommandError(str(error), returncode=USAGE_ERROR) from None
    finally:
        connection.close()


def _connect(url: str):
    try:
        config = environ.Env.db_url_config(url)
    except Exception as error:  # django-environ raises several kinds for a bad URL
        raise CommandError(f"--database is not a database URL: {error}") from None
    engine = config.get("ENGINE", "")
    if engine.endswith("sqlite3"):
        import sqlite3

        return sqlite3.connect(f"file:{config['NAME']}?mode=ro", uri=True)
    if engine.endswith("postgresql"):
        import psycopg

        return psycopg.connect(url.replace("postgis://", "postgres://"))
    raise CommandError(f"--database: only sqlite:// and postgres:// are read, not {engine}")


def _safe_url(url: str) -> str:
    """The URL without a password, for the run's record."""
    scheme, _, rest = url.partition("://")
    if "@" in rest:
        rest = rest.split("@", 1)[1]
    return f"{scheme}://{rest}"


def follow(path: Path, zone: tzinfo, out: OutputWrapper) -> None:
    from care311.contact_center.follow import follow_file

    follow_file(path, zone, out)


def replay(options: dict, zone: tzinfo, out: OutputWrapper) -> None:
    from care311.contact_center.replay import replay_files

    replay_files(options, zone, out)


def report(options: dict, out: OutputWrapper) -> None:
    from care311.contact_center.reports import print_report

    print_report(options, out)


def rebuild() -> int:
    from care311.contact_center.metrics.summaries import rebuild

    return rebuild()


def webhook_key(action: str, name: str, out: OutputWrapper, err: OutputWrapper) -> None:
    name = name.strip()
    if action == "list":
        for key in WebhookKey.objects.all():
            state = "active" if key.active else "revoked"
            out.write(f"{key.name}\t{key.prefix}...\t{state}\t{key.created_at:%Y-%m-%d}")
        return
    if not name or len(name) > 100:
        raise CommandError("a key's name must be 1 to 100 characters", returncode=USAGE_ERROR)
    if action == "create":
        from care311.contact_center.webhook import issue_key

        if WebhookKey.objects.filter(name=name).exists():
            raise CommandError(f"there is already a key named {name!r}")
        out.write(issue_key(name))
        err.write(f"Key for {name!r}: shown once; store it now, it cannot be shown again.")
        return
    if not WebhookKey.objects.filter(name=name).update(active=False):
        raise CommandError(f"no key is named {name!r}")
    out.write(f"Revoked the key {name!r}.")
