"""A photo sent with POST requests: checked to be an image, stored, and given a URL."""

import secrets
import warnings

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from PIL import Image

from care311.open311.errors import Open311Error

# Pillow's names for the formats taken, and the file suffix each is stored with.
SUFFIXES = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


def store_image(upload: UploadedFile) -> str:
    """The storage name of the saved image; a file that is not one of SUFFIXES is a 400."""
    suffix = SUFFIXES.get(_image_format(upload) or "")
    if suffix is None:
        raise Open311Error(400, "media must be a JPEG, PNG, GIF or WebP image")
    upload.seek(0)
    name = f"open311/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{suffix}"
    return default_storage.save(name, upload)


def _image_format(upload: UploadedFile) -> str | None:
    # verify() reads the whole file without decoding pixels; a decompression bomb (a small
    # file claiming a vast image) is refused rather than warned about.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image.verify()
                return image.format
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning):
        return None
