import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/requests/", "/requests/?status=new&page=9"])
def test_it_serves_accessible_pages(client, url):
    html = client.get(url).content.decode()

    assert '<html lang="en">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert '<label for="status">' in html
    assert '<label for="language">' in html
    assert 'action="/i18n/setlang/" method="post"' in html
    assert "csrfmiddlewaretoken" in html


def test_it_loads_nothing_from_other_sites(client):
    html = client.get("/requests/").content.decode()

    assert "http://" not in html
    assert "https://" not in html
    assert 'href="/static/portal/portal.css"' in html


@pytest.mark.parametrize("path", ["/static/portal/portal.css", "/static/admin/css/base.css"])
def test_it_serves_its_stylesheets_without_debug(client, settings, path):
    assert not settings.DEBUG

    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
