import pytest

from care311.service_requests import actions
from care311.service_requests.actors import System

pytestmark = pytest.mark.django_db

NAME = "Zelda Quixote-Reporter"
EMAIL = "zelda.reporter@example.com"
PHONE = "918-555-0177"


@pytest.fixture
def reported(file_request):
    request = file_request(reporter_name=NAME, reporter_email=EMAIL, reporter_phone=PHONE)
    actions.update_request(request, by=System("test"), reporter_phone="918-555-0188")
    return request


@pytest.mark.parametrize("page", ["list", "detail"])
def test_it_never_shows_the_reporter_on_public_pages(client, reported, page):
    url = "/requests/" if page == "list" else f"/requests/{reported.public_id}/"

    html = client.get(url).content.decode()

    assert reported.public_id in html
    for private in (NAME, "Zelda", EMAIL, "zelda.reporter", PHONE, "555-0177", "555-0188"):
        assert private not in html


def test_it_never_shows_a_followers_email(client, reported):
    client.post(f"/requests/{reported.public_id}/me-too/", {"email": "fan.of.zelda@example.com"})
    client.post(f"/requests/{reported.public_id}/subscribe/", {"email": "watcher@example.com"})

    html = client.get(f"/requests/{reported.public_id}/").content.decode()

    assert "Another resident reported this too" in html
    for private in ("fan.of.zelda", "watcher@example.com"):
        assert private not in html
