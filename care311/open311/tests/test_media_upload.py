"""A photo posted with a report is stored and becomes the request's media_url."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "orange").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def report(api_key, graffiti):
    return {"api_key": api_key, "service_code": "GR-001.v2 graffiti", "address_id": "A-9"}


def test_it_stores_an_uploaded_image_and_links_it(api, report, media_root):
    upload = SimpleUploadedFile("tag.png", png(), content_type="image/png")

    status, _ = api.post("requests.json", report | {"media": upload})

    media_url = ServiceRequest.objects.get().media_url
    assert status == 201
    assert media_url.startswith("http://testserver/media/open311/")
    assert media_url.endswith(".png")
    stored = media_root / media_url.removeprefix("http://testserver/media/")
    assert stored.read_bytes() == png()


def test_it_refuses_a_file_that_is_not_an_image(api, report, media_root):
    upload = SimpleUploadedFile("tag.png", b"<script>alert(1)</script>", content_type="image/png")

    status, body = api.post("requests.json", report | {"media": upload})

    assert (status, body) == (
        400,
        [{"code": 400, "description": "media must be a JPEG, PNG, GIF or WebP image"}],
    )
    assert not ServiceRequest.objects.exists()
    assert not any(media_root.rglob("*.*"))


def test_it_takes_a_media_url_instead(api, report):
    api.post("requests.json", report | {"media_url": "https://photos.test/tag.jpg"})

    assert ServiceRequest.objects.get().media_url == "https://photos.test/tag.jpg"
