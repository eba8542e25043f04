"""`care311 calls ...`: import and follow phone-system records, replay, reports, keys."""

import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from care311.contact_center import commands

USAGE_ERROR = 2


class Command(BaseCommand):
    help = "Call records: import, follow, replay, report, and the webhook's keys."

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)

        load = verbs.add_parser("import", help="import queue_log files or the bank's records")
        load.add_argument("files", nargs="*", type=Path, metavar="FILE")
        load.add_argument("--format", choices=sorted(commands.FORMATS))
        load.add_argument(
            "--follow",
            action="store_true",
            help="keep reading a growing queue_log file (survives rotation and truncation)",
        )
        load.add_argument("--database", metavar="URL", help="read a queue_log table instead")
        load.add_argument("--table", default="queue_log", help="the table (default queue_log)")
        load.add_argument("--source-tz", metavar="ZONE", help="zone of naive local times")
        load.add_argument("--batch-size", type=int, default=commands.DEFAULT_BATCH)
        load.add_argument("--progress", action="store_true", default=None)
        load.add_argument("--no-progress", action="store_false", dest="progress")

        replay = verbs.add_parser("replay", help="feed bank records in as live events")
        replay.add_argument("files", nargs="+", type=Path, metavar="FILE")
        replay.add_argument("--speed", type=float, default=60.0, help="speed-up (default 60)")
        replay.add_argument("--date", help="the day to replay, YYYY-MM-DD (default: the first)")
        replay.add_argument("--start", default="", help="start at this local time, HH:MM")
        replay.add_argument("--loop", action="store_true", help="start again at the end")
        replay.add_argument("--source-tz", metavar="ZONE")

        report = verbs.add_parser("report", help="print figures with their definitions")
        report.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD, local")
        report.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD, inclusive")
        report.add_argument(
            "--by",
            default="day",
            help="comma-separated: interval:15|30|60, day, week, month, "
            "queue, agent, channel (default day)",
        )
        report.add_argument("--csv", action="store_true", help="CSV instead of text")

        verbs.add_parser("rebuild", help="sum the interval summaries again from the calls")

        key = verbs.add_parser("webhook-key", help="keys phone systems post events with")
        key.add_argument("action", choices=["create", "list", "revoke"])
        key.add_argument("name", nargs="?", default="")

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        zone = _zone(options.get("source_tz"))
        if verb == "import":
            self._import(zone, options)
        elif verb == "replay":
            commands.replay(options, zone, self.stdout)
        elif verb == "report":
            commands.report(options, self.stdout)
        elif verb == "rebuild":
            self.stdout.write(f"Summed {commands.rebuild():,} calls again.")
        else:
            commands.webhook_key(options["action"], options["name"], self.stdout, self.stderr)

    def _import(self, zone: ZoneInfo, options: dict) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1", returncode=USAGE_ERROR)
        progress = options["progress"]
        if progress is None:
            progress = sys.stderr.isatty()
        if options["database"]:
            if options["files"] or options["follow"]:
                raise CommandError("--database reads a table: give no FILE", returncode=USAGE_ERROR)
            summary = commands.import_table(options, zone, progress)
            for line in summary.lines():
                self.stdout.write(line)
            return
        if not options["files"]:
            raise CommandError("give a FILE, or --database URL", returncode=USAGE_ERROR)
        if options["follow"]:
            if len(options["files"]) != 1:
                raise CommandError("--follow takes one file", returncode=USAGE_ERROR)
            commands.follow(options["files"][0], zone, self.stdout)
            return
        for summary in commands.import_files(options, zone, progress):
            for line in summary.lines():
                self.stdout.write(line)


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        raise CommandError(
            f"--source-tz {name!r} is not an IANA time zone name (for example America/Chicago)",
            returncode=USAGE_ERROR,
        ) from None
