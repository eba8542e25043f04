"""The published open-data files: written into settings.OPEN_DATA_DIR, one per format, with a
manifest saying when each was made and how many requests it holds.

The public URLs serve these files, never a live query, so a crawler costs the database
nothing and every download of a night is the same data.
"""

import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from care311.analytics.opendata.exporting import export_to_file

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Published:
    fmt: str
    file_name: str
    content_type: str


PUBLISHED = (
    Published("csv", "requests.csv", "text/csv; charset=utf-8"),
    Published("geojson", "requests.geojson", "application/geo+json"),
    Published("georeport", "requests.json", "application/json; charset=utf-8"),
    Published("georeport-xml", "requests.xml", "text/xml; charset=utf-8"),
)
BY_FILE_NAME = {published.file_name: published for published in PUBLISHED}
MANIFEST = "manifest.json"


def folder() -> Path:
    return Path(settings.OPEN_DATA_DIR)


def publish_all() -> dict[str, Any]:
    """Write every format's file anew and then the manifest; the manifest written.

    Each file replaces the old one whole when complete, so running this twice, or while
    someone downloads, gives the same files and never a half-written one.
    """
    files = {}
    for published in PUBLISHED:
        started = time.monotonic()
        path = folder() / published.file_name
        count = export_to_file(published.fmt, path)
        files[published.file_name] = {
            "format": published.fmt,
            "requests": count,
            "bytes": path.stat().st_size,
            "seconds": round(time.monotonic() - started, 1),
        }
        logger.info("open data %s: %s requests", published.file_name, count)
    manifest = {"generated_at": timezone.now().isoformat(timespec="seconds"), "files": files}
    _write_manifest(manifest)
    return manifest


def _write_manifest(manifest: dict[str, Any]) -> None:
    handle, temporary = tempfile.mkstemp(dir=folder(), prefix=".manifest.", suffix=".part")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(manifest, out, indent=2)
    os.chmod(temporary, 0o644)
    os.replace(temporary, folder() / MANIFEST)


def manifest() -> dict[str, Any] | None:
    """What the last publication wrote, or None before the first one."""
    try:
        found = json.loads((folder() / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    found["generated_at"] = datetime.fromisoformat(found["generated_at"])
    return found
