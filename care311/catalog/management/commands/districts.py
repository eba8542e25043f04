"""`care311 districts load FILE.geojson --kind KIND --name-property NAME`: the city's areas."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from care311.catalog.districts import DistrictFileError, load_districts
from care311.catalog.models import District


class Command(BaseCommand):
    help = "Load districts from GeoJSON for routing rules, or list those loaded."

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        load = verbs.add_parser("load", help="create or update districts from a GeoJSON file")
        load.add_argument("file", type=Path, help="a GeoJSON FeatureCollection of polygons")
        load.add_argument("--kind", required=True, help='e.g. "council district"')
        load.add_argument(
            "--name-property", required=True, help="the feature property with the name"
        )
        load.add_argument(
            "--code-property",
            default="",
            help="the feature property with a stable code (default: the name, slugified)",
        )
        verbs.add_parser("list", help="list the districts loaded")

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        if verb == "list":
            for district in District.objects.all():
                self.stdout.write(f"{district.kind}\t{district.code}\t{district.name}")
            return
        try:
            counts = load_districts(
                options["file"],
                kind=options["kind"],
                name_property=options["name_property"],
                code_property=options["code_property"],
            )
        except DistrictFileError as error:
            raise CommandError(f"{error}; nothing was loaded") from None
        self.stdout.write(
            f"Districts ({options['kind']}): {counts.created} created, {counts.updated} updated."
        )
