"""A POST sent twice makes one request: by Idempotency-Key, or by its content for a while."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from care311.open311.models import ApiKey, Submission
from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db


def png(color: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), color).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def report(api_key, graffiti):
    return {
        "api_key": api_key,
        "service_code": "GR-001.v2 graffiti",
        "lat": "36.15",
        "long": "-95.99",
        "description": "Tag on the bridge",
    }


def test_it_returns_the_original_for_the_same_idempotency_key(api, report):
    first_status, first = api.post("requests.json", report, HTTP_IDEMPOTENCY_KEY="retry-1")
    again_status, again = api.post("requests.json", report, HTTP_IDEMPOTENCY_KEY="retry-1")

    assert (first_status, again_status) == (201, 200)
    assert again == first
    assert ServiceRequest.objects.count() == 1


def test_it_takes_the_key_as_a_parameter_too(api, report):
    api.post("requests.json", report | {"idempotency_key": "retry-2"})
    status, _ = api.post("requests.json", report | {"idempotency_key": "retry-2"})

    assert status == 200
    assert ServiceRequest.objects.count() == 1


def test_it_refuses_a_key_reused_for_another_report(api, report):
    _, first = api.post("requests.json", report, HTTP_IDEMPOTENCY_KEY="retry-3")
    status, body = api.post(
        "requests.json", report | {"description": "Other"}, HTTP_IDEMPOTENCY_KEY="retry-3"
    )

    request_id = first[0]["service_request_id"]
    assert (status, body) == (
        409,
        [
            {
                "code": 409,
                "description": "Idempotency-Key 'retry-3' was already used for a different "
                f"request ({request_id})",
            }
        ],
    )


def test_it_scopes_keys_to_the_client(api, report):
    other = ApiKey.objects.issue("other-app")[1]

    api.post("requests.json", report, HTTP_IDEMPOTENCY_KEY="same")
    status, _ = api.post("requests.json", report | {"api_key": other}, HTTP_IDEMPOTENCY_KEY="same")

    assert status == 201
    assert ServiceRequest.objects.count() == 2


def test_it_recognises_a_resent_report_without_a_key_within_ten_minutes(api, report):
    _, first = api.post("requests.json", report)
    status, again = api.post("requests.json", report)

    assert (status, again) == (200, first)
    assert ServiceRequest.objects.count() == 1


def test_it_files_again_after_ten_minutes(api, report):
    api.post("requests.json", report)
    Submission.objects.update(created_at=timezone.now() - timedelta(minutes=11))

    status, _ = api.post("requests.json", report)

    assert status == 201
    assert ServiceRequest.objects.count() == 2


@pytest.mark.parametrize(
    "change",
    [
        {"description": "Another tag"},
        {"lat": "36.16"},
        {"email": "someone.else@example.net"},
        {"device_id": "other-phone"},
    ],
)
def test_it_files_a_different_report_without_a_key(api, report, change):
    api.post("requests.json", report)

    status, _ = api.post("requests.json", report | change)

    assert status == 201
    assert ServiceRequest.objects.count() == 2


def test_it_refuses_a_key_reused_with_other_answers(api, api_key, pothole, pothole_answers):
    report = {"api_key": api_key, "service_code": "0042 pothole", "lat": "36.15", "long": "-95.9"}
    api.post("requests.json", report | pothole_answers, HTTP_IDEMPOTENCY_KEY="retry-4")

    status, _ = api.post(
        "requests.json",
        report | pothole_answers | {"attribute[depth]": "9"},
        HTTP_IDEMPOTENCY_KEY="retry-4",
    )

    assert status == 409
    assert ServiceRequest.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [{"attribute[size]": "l"}, {"media_url": "https://photos.example.net/2.jpg"}],
)
def test_it_files_a_report_with_other_answers_or_media(
    api, api_key, pothole, pothole_answers, change
):
    report = {"api_key": api_key, "service_code": "0042 pothole", "lat": "36.15", "long": "-95.9"}
    api.post("requests.json", report | pothole_answers | {"attribute[size]": "s"})

    status, _ = api.post("requests.json", report | pothole_answers | change)

    assert status == 201
    assert ServiceRequest.objects.count() == 2


def test_it_refuses_a_key_reused_with_another_photo(api, report, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photos = [SimpleUploadedFile("tag.png", png(color), "image/png") for color in ("red", "blue")]
    api.post("requests.json", report | {"media": photos[0]}, HTTP_IDEMPOTENCY_KEY="retry-5")

    status, _ = api.post(
        "requests.json", report | {"media": photos[1]}, HTTP_IDEMPOTENCY_KEY="retry-5"
    )

    assert status == 409
    assert ServiceRequest.objects.count() == 1
