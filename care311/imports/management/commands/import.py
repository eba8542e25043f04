"""`care311 import FILE...`: load other cities' 311 history into care311."""

import sys
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.management.base import BaseCommand, CommandError, CommandParser

from care311.imports.errors import ImportFileError
from care311.imports.files import check_file, file_key
from care311.imports.formats import BY_NAME, check_format, detect
from care311.imports.runner import DEFAULT_BATCH, Importer

USAGE_ERROR = 2
INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C


class Command(BaseCommand):
    help = (
        "Import service requests from other systems' exports. The format is recognised from "
        "the header: " + ", ".join(sorted(BY_NAME)) + "."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--format", choices=sorted(BY_NAME), help="Skip detection and read as this format."
        )
        parser.add_argument(
            "--source-tz",
            metavar="ZONE",
            help="Time zone of naive local times in the file (default: the format's city).",
        )
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH)
        parser.add_argument(
            "--progress",
            action="store_true",
            default=None,
            help="Show a progress bar (default: when writing to a terminal).",
        )
        parser.add_argument("--no-progress", action="store_false", dest="progress")

    def handle(self, *args, **options) -> None:
        zone = _zone(options["source_tz"])
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1", returncode=USAGE_ERROR)
        progress = options["progress"]
        if progress is None:
            progress = sys.stderr.isatty()

        # Check every file before writing anything, so one bad file stops the whole command.
        plans = []
        for path in options["files"]:
            try:
                check_file(path)
                if options["format"]:
                    fmt = BY_NAME[options["format"]]
                    check_format(path, fmt)
                else:
                    fmt = detect(path)
            except ImportFileError as error:
                raise CommandError(str(error), returncode=USAGE_ERROR) from None
            plans.append((path, fmt))

        for path, fmt in plans:
            importer = Importer(
                path,
                fmt(),
                zone or ZoneInfo(fmt.default_zone),
                file_key=file_key(path),
                batch_size=options["batch_size"],
                progress=progress,
            )
            try:
                summary = importer.run()
            except KeyboardInterrupt:
                raise CommandError(
                    f"{path}: interrupted; the batches written so far are kept, and running "
                    "the same command again finishes the job",
                    returncode=INTERRUPTED,
                ) from None
            except ImportFileError as error:
                # Found mid-stream (an XML file broken after its first records): the batches
                # already written stay, and importing the mended file again finishes the job.
                raise CommandError(str(error), returncode=USAGE_ERROR) from None
            for line in summary.lines():
                self.stdout.write(line)


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise CommandError(
            f"--source-tz {name!r} is not an IANA time zone name (for example America/New_York)",
            returncode=USAGE_ERROR,
        ) from None
