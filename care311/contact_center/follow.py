"""`care311 calls import FILE --follow`: read a queue_log as Asterisk writes it.

The file is read from its start (events already imported change nothing), then polled for
new lines; a line is read only once it is complete. Log rotation is handled both ways
logrotate does it: a file moved away and a new one created (the rest of the old file is
read first, then the new one from its start), and a file copied and truncated in place
(read again from its start). A file that is truncated and then grows past the old length
between two polls is told by its first bytes. Lines seen again are skipped as duplicates,
and a call's events merge into one record whatever the order, so nothing counts twice.

New calls reach the database within `flush` seconds (0.5 by default), so the wallboard
shows them well inside its two seconds.
"""

import contextlib
import hashlib
import logging
import os
import signal
import time
from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path
from typing import BinaryIO

from django.core.management.base import OutputWrapper
from django.utils import timezone

from care311.contact_center import adapters
from care311.contact_center.adapters import queue_log
from care311.contact_center.importing import Batch, CallImport
from care311.contact_center.models import Source
from care311.contact_center.pipeline import Pipeline
from care311.contact_center.quality import Quality
from care311.imports.models import ImportRun

logger = logging.getLogger(__name__)

HEAD_BYTES = 64  # how much of the file's start tells one incarnation of it from another
BATCH_LINES = 2000


class Follower:
    """Reads the complete lines a growing file has gained since the last call."""

    def __init__(self, path: Path, quality: Quality) -> None:
        self.path = path
        self.quality = quality
        self.handle: BinaryIO | None = None
        self.inode = 0
        self.head = b""
        self.partial = b""
        self.number = 0
        self.key = ""

    def read(self) -> list[tuple[int, str]]:
        """Lines (numbered within the file) now complete; one file's lines at a time."""
        handle = self.handle or self._open()
        if handle is None:
            return []
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            status = None  # moved away, the new one not yet there: finish the old one
        if status is not None and status.st_ino != self.inode:
            self.quality.caveats["log rotated (the old file read to its end)"] += 1
            return self.close()
        if status is not None and (status.st_size < handle.tell() or self._head_changed(handle)):
            self.quality.caveats["log truncated (read again from its start)"] += 1
            self._restart(handle)
        return self._lines(handle.read())

    def close(self) -> list[tuple[int, str]]:
        """What is left, including a last line with no line end."""
        if self.handle is None:
            return []
        lines = self._lines(self.handle.read(), final=True)
        self.handle.close()
        self.handle = None
        return lines

    def _open(self) -> BinaryIO | None:
        try:
            handle = self.path.open("rb")
        except FileNotFoundError:
            return None
        self.handle = handle
        self.inode = os.fstat(handle.fileno()).st_ino
        self._restart(handle)
        return handle

    def _restart(self, handle: BinaryIO) -> None:
        handle.seek(0)
        self.head = _head(handle)
        self.partial = b""
        self.number = 0
        digest = hashlib.blake2b(digest_size=12)
        digest.update(f"{self.path.resolve()}|{self.inode}|".encode() + self.head)
        self.key = digest.hexdigest()

    def _head_changed(self, handle: BinaryIO) -> bool:
        """Whether the file now starts differently: truncated and written again."""
        current = _head(handle)
        if not current.startswith(self.head):
            return True
        self.head = current  # a short file's start, as it grows
        return False

    def _lines(self, data: bytes, final: bool = False) -> list[tuple[int, str]]:
        pieces = (self.partial + data).split(b"\n")
        self.partial = b"" if final else pieces.pop()
        lines = []
        for piece in pieces:
            self.number += 1
            text = piece.decode("utf-8", errors="replace").rstrip("\r")
            if text.strip():
                lines.append((self.number, text))
        return lines


def _head(handle: BinaryIO) -> bytes:
    return os.pread(handle.fileno(), HEAD_BYTES, 0)


def follow_file(
    path: Path,
    zone: tzinfo,
    out: OutputWrapper,
    *,
    poll: float = 0.2,
    flush: float = 0.5,
    stop: Callable[[], bool] = lambda: False,
) -> Quality:
    """Follow `path` until Ctrl-C, SIGTERM or `stop()`; print the quality summary at the end."""
    quality = Quality(path.name, f"{queue_log.FORMAT}, followed")
    follower = Follower(path, quality)
    job = CallImport(
        Pipeline(Source.QUEUE_LOG, quality),
        adapters.translator(adapters.QUEUE_LOG, quality, zone),
        file_key="",
        file_name=str(path),
        scrub=queue_log.scrub,
    )
    started = time.monotonic()
    run = ImportRun.objects.create(
        file_name=str(path)[:500],
        file_key="follow",
        format=quality.format,
        started_at=timezone.now(),
    )
    out.write(f"Following {path} (Ctrl-C stops) ...")
    _stop_on_sigterm()
    batch, written = Batch(), time.monotonic()
    try:
        while not stop():
            lines = follower.read()
            if follower.key != job.file_key:
                job.write(batch)
                batch, job.file_key = Batch(), follower.key
            for number, text in lines:
                job.add(batch, number, text.split("|"), text)
            if batch.records and (
                batch.records >= BATCH_LINES or time.monotonic() - written >= flush
            ):
                job.write(batch)
                batch, written = Batch(), time.monotonic()
            if not lines:
                time.sleep(poll)
    except KeyboardInterrupt:
        pass
    finally:
        for number, text in follower.close():
            job.add(batch, number, text.split("|"), text)
        job.write(batch)
        job.count_open_calls()
        quality.seconds = time.monotonic() - started
        run.state, run.finished_at = ImportRun.State.FINISHED, timezone.now()
        run.summary = quality.as_dict()
        run.save()
        for line in quality.lines():
            out.write(line)
    return quality


def _stop_on_sigterm() -> None:
    # A service manager stops the follower with SIGTERM: finish the batch as for Ctrl-C.
    # Outside the main thread (tests) signals cannot be set: stop() ends the loop there.
    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGTERM, signal.default_int_handler)
