"""Each client address, and each API key's posts, get OPEN311_RATE_LIMIT requests a minute."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limit(settings):
    settings.OPEN311_RATE_LIMIT = 2


def test_it_counts_each_address_apart(client):
    statuses = [
        client.get("/open311/v2/discovery.json", REMOTE_ADDR=address).status_code
        for address in ("10.0.0.1", "10.0.0.1", "10.0.0.2", "10.0.0.1")
    ]

    assert statuses == [200, 200, 200, 429]


def test_it_counts_a_keys_posts_from_any_address(client, api_key, graffiti):
    report = {"api_key": api_key, "service_code": "GR-001.v2 graffiti", "address_id": "A-1"}

    statuses = [
        client.post(
            "/open311/v2/requests.json", report | {"description": address}, REMOTE_ADDR=address
        ).status_code
        for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3")
    ]

    assert statuses == [201, 201, 429]


def test_it_leaves_other_pages_uncounted(client):
    for _ in range(3):
        client.get("/open311/v2/discovery.json")

    assert client.get("/no-such-page/").status_code == 404
