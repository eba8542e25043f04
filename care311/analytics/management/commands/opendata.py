"""`care311 opendata publish|schedule`: write the published open-data files now, or queue
the nightly run that keeps them fresh (for `care311 db_worker`)."""

from django.core.management.base import BaseCommand, CommandParser

from care311.analytics.opendata.publishing import folder, publish_all
from care311.analytics.tasks import schedule_nightly


class Command(BaseCommand):
    help = "Publish the open-data files now (publish), or queue the nightly run (schedule)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=("publish", "schedule"))

    def handle(self, *args, **options) -> None:
        if options["action"] == "publish":
            manifest = publish_all()
            for name, entry in manifest["files"].items():
                self.stdout.write(
                    f"{folder() / name}: {entry['requests']:,} requests, "
                    f"{entry['bytes']:,} bytes, {entry['seconds']} s"
                )
            return
        at = schedule_nightly()
        if at is None:
            self.stdout.write("The task backend cannot run work later; nothing queued.")
        else:
            self.stdout.write(f"The nightly open-data run is queued for {at.isoformat()}.")
