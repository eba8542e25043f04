"""A photo sent with POST requests: checked to be an image, then stored under a random name."""

import hashlib
import secrets
import warnings
from dataclasses import dataclass

import PIL.Image
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from care311.open311.errors import Open311Error

# Pillow's names for the formats taken, and the file suffix each is stored with.
SUFFIXES = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


@dataclass(frozen=True)
class Image:
    upload: UploadedFile
    suffix: str

    @classmethod
    def checked(cls, upload: UploadedFile) -> "Image":
        """The upload, known to be one of SUFFIXES' formats; anything else is a 400."""
        suffix = SUFFIXES.get(_image_format(upload) or "")
        if suffix is None:
            raise Open311Error(400, "media must be a JPEG, PNG, GIF or WebP image")
        return cls(upload, suffix)

    def digest(self) -> str:
        """The SHA-256 of the file, to tell one photo from another."""
        self.upload.seek(0)
        hashed = hashlib.sha256()
        for chunk in self.upload.chunks():
            hashed.update(chunk)
        return hashed.hexdigest()

    def save(self) -> str:
        """Store the file; returns its storage name."""
        self.upload.seek(0)
        name = f"open311/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{self.suffix}"
        return default_storage.save(name, self.upload)


def _image_format(upload: UploadedFile) -> str | None:
    # verify() reads the whole file without decoding pixels; a decompression bomb (a small
    # file claiming a vast image) is refused rather than warned about.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PIL.Image.DecompressionBombWarning)
            with PIL.Image.open(upload) as image:
                image.verify()
                return image.format
    except (OSError, SyntaxError, ValueError, PIL.Image.DecompressionBombError, Warning):
        return None
