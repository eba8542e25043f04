"""`care311 export --format csv|geojson|georeport --output FILE`: the open-data export."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper

from care311.analytics.opendata.exporting import FORMATS, export_to_file, export_to_stream

USAGE_ERROR = 2


class Command(BaseCommand):
    help = (
        "Export every public request as open data (contact details left out, emails and "
        "phone numbers removed from free text). --output - writes to standard output."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--output", required=True, metavar="FILE")

    def handle(self, *args, **options) -> None:
        fmt, output = options["format"], options["output"]
        started = time.monotonic()

        if output == "-":
            count = export_to_stream(fmt, _Plain(self.stdout))  # type: ignore[arg-type]
            report = self.stderr
        else:
            path = Path(output)
            if path.is_dir():
                raise CommandError(f"--output {output} is a directory", returncode=USAGE_ERROR)
            if not path.parent.is_dir():
                raise CommandError(
                    f"--output {output}: the folder {path.parent} does not exist",
                    returncode=USAGE_ERROR,
                )
            count = export_to_file(fmt, path)
            report = self.stdout

        seconds = time.monotonic() - started
        report.write(f"exported {count:,} requests as {fmt} in {seconds:.1f} s")


class _Plain:
    """The command's output without the line ending OutputWrapper adds to each write."""

    def __init__(self, wrapper: OutputWrapper) -> None:
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, ending="")
