"""Writing an export to a file whole or not at all, or to a stream."""

import os
import tempfile
from pathlib import Path
from typing import IO

from django.db import connection

from care311.analytics.opendata.copy_csv import copy_csv
from care311.analytics.opendata.rows import public_rows, published_requests
from care311.analytics.opendata.writers import WRITERS

FORMATS = tuple(WRITERS)


def export_to_stream(fmt: str, out: IO[str]) -> int:
    """Write every published request in `fmt` to `out`; the number of requests written."""
    if fmt == "csv" and connection.vendor == "postgresql":
        return copy_csv(published_requests(), out)
    return WRITERS[fmt](public_rows(), out)


def export_to_file(fmt: str, path: Path) -> int:
    """Write the export beside `path` and move it into place when complete, so a reader (or
    the web server) never sees half a file and a failure leaves the old one as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            count = export_to_stream(fmt, out)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count
