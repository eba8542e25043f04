import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_speaks_spanish_to_a_browser_that_asks_for_it(client, worked_request):
    html = client.get("/requests/", headers={"accept-language": "es"}).content.decode()

    assert '<html lang="es">' in html
    assert "Solicitudes de servicio" in html
    assert "Saltar al contenido principal" in html
    assert ">Cerrada<" in html


def test_it_shows_the_timeline_in_spanish_from_the_language_cookie(client, worked_request):
    client.cookies["django_language"] = "es"

    html = client.get(f"/requests/{worked_request.public_id}/").content.decode()

    assert "Historial" in html
    assert "Solicitud recibida" in html
    assert "Cambio de estado" in html
    assert "Estado: En curso" in html
    assert "15 de enero de 2025 a las 12:00" in html


def test_it_switches_language_with_the_form_on_the_page():
    client = Client(enforce_csrf_checks=True)
    page = client.get("/requests/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None

    response = client.post(
        "/i18n/setlang/", {"language": "es", "next": "/", "csrfmiddlewaretoken": token.group(1)}
    )

    assert response.status_code == 302
    assert "Solicitudes de servicio" in client.get("/requests/").content.decode()
