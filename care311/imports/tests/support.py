"""Shared by the import tests: where the real data lives, and running the command."""

import csv
import io
from pathlib import Path

from django.core.management import call_command

from care311.service_requests.models import ServiceRequest

# ../shared/data beside the repository (CI lays shared/ next to its fresh clone).
SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
NYC_CSV = SHARED_DATA / "nyc311-socrata" / "nyc311_export_1000.csv"


def run_import(*args: object) -> str:
    out = io.StringIO()
    call_command("import", *[str(arg) for arg in args], "--no-progress", stdout=out)
    return out.getvalue()


def imported(source: str, source_id: str) -> ServiceRequest:
    """The request one source record became, with its service and department loaded."""
    return ServiceRequest.objects.select_related("service", "department").get(
        source=source, source_id=source_id
    )


def nyc_rows(*keys: str) -> tuple[list[str], list[list[str]]]:
    """The header and the given rows (by Unique Key) of the real NYC export."""
    with NYC_CSV.open(newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = {row[0]: row for row in reader}
    return header, [list(rows[key]) for key in keys]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path
