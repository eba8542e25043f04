"""Photos residents send: checked, turned upright, shrunk and re-encoded without metadata.

Re-encoding from the pixels is what strips EXIF, GPS and any other embedded data: nothing of
the original file but its image survives. HEIC photos (iPhones) are converted to JPEG when
pillow-heif is installed, and refused otherwise.
"""

import io
import warnings
from dataclasses import dataclass
from typing import IO, cast

import PIL.Image
from PIL import ImageOps

try:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIC_SUPPORTED = True
except ImportError:  # pragma: no cover - pillow-heif is a dependency; kept optional on purpose
    HEIC_SUPPORTED = False

MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 2048
# The formats taken, and what each is stored as.
STORED_AS = {"JPEG": "JPEG", "PNG": "PNG", "HEIF": "JPEG", "HEIC": "JPEG"}

# Why a photo was refused.
TOO_LARGE = "too_large"
NOT_IMAGE = "not_image"
HEIC_UNSUPPORTED = "heic_unsupported"


@dataclass(frozen=True)
class CleanPhoto:
    data: bytes
    content_type: str
    suffix: str
    width: int
    height: int


class PhotoRefused(ValueError):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def clean_photo(upload: object, size: int, *, max_bytes: int = MAX_BYTES) -> CleanPhoto:
    """The photo re-encoded without metadata, or PhotoRefused with the reason."""
    if size > max_bytes:
        raise PhotoRefused(TOO_LARGE)
    image = _open(cast(IO[bytes], upload))
    if image.format in ("HEIF", "HEIC") and not HEIC_SUPPORTED:
        raise PhotoRefused(HEIC_UNSUPPORTED)
    stored_as = STORED_AS.get(image.format or "")
    if stored_as is None:
        raise PhotoRefused(NOT_IMAGE)
    return _reencode(image, stored_as)


def _open(upload: IO[bytes]) -> PIL.Image.Image:
    # A decompression bomb (a small file claiming a vast image) is refused, not warned about.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PIL.Image.DecompressionBombWarning)
            upload.seek(0)
            image = PIL.Image.open(upload)
            image.load()
            return image
    except (OSError, SyntaxError, ValueError, PIL.Image.DecompressionBombError, Warning):
        raise PhotoRefused(NOT_IMAGE) from None


def _reencode(image: PIL.Image.Image, stored_as: str) -> CleanPhoto:
    upright = ImageOps.exif_transpose(image)
    upright.thumbnail((MAX_SIDE, MAX_SIDE))
    if stored_as == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    if stored_as == "PNG" and upright.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        upright = upright.convert("RGBA")
    # A fresh image from the pixels alone: no EXIF, GPS, XMP, ICC or text chunks come along.
    clean = PIL.Image.frombytes(upright.mode, upright.size, upright.tobytes())
    if upright.mode == "P":
        clean.putpalette(upright.getpalette() or [])
    output = io.BytesIO()
    if stored_as == "JPEG":
        clean.save(output, "JPEG", quality=85, optimize=True)
        return CleanPhoto(output.getvalue(), "image/jpeg", "jpg", *clean.size)
    clean.save(output, "PNG", optimize=True)
    return CleanPhoto(output.getvalue(), "image/png", "png", *clean.size)
