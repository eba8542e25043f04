"""Every resident page weighs under 300 KB without photos: the HTML and what it loads."""

import re

import pytest

from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db
LIMIT = 300 * 1024


def weight(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    total = len(response.content)
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    for asset in assets:
        served = client.get(asset)
        total += sum(len(chunk) for chunk in served.streaming_content)
    return total, assets


def test_every_page_weighs_under_300_kb(client, portal_form):
    client.post("/report/details/", portal_form())
    public_id = ServiceRequest.objects.get().public_id
    pages = [
        "/",
        "/help/",
        "/report/",
        "/report/where/?service=STR-POTHOLE",
        "/report/details/?service=STR-POTHOLE&address=1+Main+St",
        "/track/",
        f"/requests/{public_id}/",
        "/requests/",
        "/account/sign-in/",
    ]

    weights = {url: weight(client, url) for url in pages}

    heavy = {url: size for url, (size, _) in weights.items() if size >= LIMIT}
    assert heavy == {}
    assert "/static/portal/vendor/leaflet/leaflet.js" in weights[pages[3]][1]
