"""Checks a file before anything is written: it exists, is not empty, is UTF-8 text."""

import codecs
import hashlib
from pathlib import Path

from care311.imports.errors import ImportFileError

CHUNK = 1 << 20


def check_file(path: Path) -> None:
    """Raise ImportFileError unless `path` is a readable, non-empty UTF-8 text file.

    The whole file is decoded once up front (fast, constant memory), so a bad byte near the
    end stops the import before its first batch is written rather than halfway through.
    """
    if not path.exists():
        raise ImportFileError(f"{path}: no such file")
    if not path.is_file():
        raise ImportFileError(f"{path}: not a file")
    try:
        handle = path.open("rb")
    except OSError as error:
        raise ImportFileError(f"{path}: cannot be read ({error.strerror})") from None
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    offset = 0
    has_text = False
    with handle:
        while chunk := handle.read(CHUNK):
            try:
                # Decoded first: `has_text or ...` alone would skip every chunk after text.
                text = decoder.decode(chunk)
            except UnicodeDecodeError as error:
                raise ImportFileError(
                    f"{path}: not UTF-8 text (byte 0x{chunk[error.start]:02x} "
                    f"at offset {offset + error.start}); convert it to UTF-8 first"
                ) from None
            has_text = has_text or bool(text.strip())
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise ImportFileError(f"{path}: not UTF-8 text (ends mid-character)") from None
    if not has_text:
        raise ImportFileError(f"{path}: the file is empty")


def file_key(path: Path) -> str:
    """A fingerprint of the file's content: size plus the first megabyte.

    Re-importing the same export finds the same key; a new export (another size or start)
    gets a new one. Duplicate source ids are judged within one key.
    """
    digest = hashlib.blake2b(digest_size=16)
    digest.update(str(path.stat().st_size).encode())
    with path.open("rb") as handle:
        digest.update(handle.read(CHUNK))
    return digest.hexdigest()


def head(path: Path, size: int = 65536) -> str:
    """The start of the file as text, for format detection."""
    with path.open("rb") as handle:
        return handle.read(size).decode("utf-8-sig", errors="replace")
