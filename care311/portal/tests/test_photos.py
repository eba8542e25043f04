"""Up to three photos: JPEG, PNG or HEIC, size-limited, stored without EXIF or GPS."""

import PIL.Image
import pytest

from care311.service_requests.models import EventKind, Photo, ServiceRequest

from .photos import heic, image_file, jpeg_with_gps, png

pytestmark = pytest.mark.django_db


def test_it_stores_a_photo_without_exif_or_gps(client, portal_form):
    upload = image_file(jpeg_with_gps(), "pothole.jpg", "image/jpeg")

    response = client.post("/report/details/", portal_form(photos=[upload]))

    assert response.status_code == 302
    photo = Photo.objects.get()
    with photo.file.open("rb") as stored:
        data = stored.read()
        stored.seek(0)
        image = PIL.Image.open(stored)
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info
    assert b"Exif" not in data
    assert b"SnoopCam" not in data
    assert (photo.width, photo.height, photo.content_type) == (60, 80, "image/jpeg")
    kinds = list(photo.request.events.values_list("kind", flat=True))
    assert kinds == [EventKind.CREATED, EventKind.PHOTO_ADDED]


def test_it_takes_up_to_three_photos_of_png_and_heic(client, portal_form):
    uploads = [
        image_file(png(), "a.png", "image/png"),
        image_file(heic(), "b.heic", "image/heic"),
        image_file(jpeg_with_gps(), "c.jpg", "image/jpeg"),
    ]

    client.post("/report/details/", portal_form(photos=uploads))

    stored = list(Photo.objects.values_list("content_type", "width", "height"))
    assert stored == [("image/png", 40, 30), ("image/jpeg", 64, 48), ("image/jpeg", 60, 80)]


def test_it_serves_a_photo_from_the_request_page(client, portal_form):
    upload = image_file(png(), "a.png", "image/png")
    client.post("/report/details/", portal_form(photos=[upload]))
    photo = Photo.objects.get()

    page = client.get(f"/requests/{photo.request.public_id}/").content.decode()
    response = client.get(f"/photos/{photo.pk}/")

    assert f'src="/photos/{photo.pk}/"' in page
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    ("uploads", "message"),
    [
        (
            [("notes.txt", b"just text", "text/plain")],
            "notes.txt is not a JPEG, PNG or HEIC photo.",
        ),
        ([("fake.jpg", b"\xff\xd8\xff garbage", "image/jpeg")], "fake.jpg is not a JPEG"),
        (
            [(f"{n}.png", None, "image/png") for n in range(4)],
            "Choose at most 3 photos.",
        ),
    ],
)
def test_it_refuses_what_is_not_a_photo_or_too_many(client, portal_form, uploads, message):
    files = [image_file(data or png(), name, kind) for name, data, kind in uploads]

    response = client.post("/report/details/", portal_form(photos=files))

    html = response.content.decode()
    assert response.status_code == 400
    assert f'<p class="error" id="id_photos-error">{message}' in html
    assert not ServiceRequest.objects.exists()
    assert not Photo.objects.exists()


def test_it_refuses_a_photo_over_the_size_limit(client, portal_form, settings):
    settings.PHOTO_MAX_BYTES = 1024 * 1024
    big = image_file(b"\xff\xd8" + b"0" * (1024 * 1024 + 1), "huge.jpg", "image/jpeg")

    response = client.post("/report/details/", portal_form(photos=[big]))

    assert "huge.jpg is larger than 1 MB. Choose a smaller photo." in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_it_refuses_heic_with_a_clear_message_without_pillow_heif(client, portal_form, monkeypatch):
    monkeypatch.setattr("care311.service_requests.photos.HEIC_SUPPORTED", False)
    upload = image_file(heic(), "b.heic", "image/heic")

    response = client.post("/report/details/", portal_form(photos=[upload]))

    assert (
        "b.heic is a HEIC photo, which we cannot read. Send it as JPEG or PNG."
        in response.content.decode()
    )
