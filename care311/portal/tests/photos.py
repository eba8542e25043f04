"""Photo files for the tests, made in memory."""

import io

import PIL.Image
from django.core.files.uploadedfile import SimpleUploadedFile

GPS_IFD = 0x8825
MAKE, ORIENTATION = 0x010F, 0x0112


def jpeg_with_gps(name: str = "pothole.jpg", size: tuple[int, int] = (80, 60)) -> bytes:
    image = PIL.Image.new("RGB", size, (120, 90, 40))
    exif = image.getexif()
    exif[MAKE] = "SnoopCam"
    exif[ORIENTATION] = 6  # taken sideways: stored upright, 60 wide and 80 high
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (36.0, 8.0, 40.0)
    gps[3], gps[4] = "W", (95.0, 58.0, 31.0)
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif.tobytes())
    return output.getvalue()


def image_file(data: bytes, name: str, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def png(size: tuple[int, int] = (40, 30)) -> bytes:
    output = io.BytesIO()
    PIL.Image.new("RGBA", size, (0, 128, 0, 255)).save(output, "PNG")
    return output.getvalue()


def heic(size: tuple[int, int] = (64, 48)) -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    output = io.BytesIO()
    PIL.Image.new("RGB", size, (10, 10, 200)).save(output, format="HEIF")
    return output.getvalue()
