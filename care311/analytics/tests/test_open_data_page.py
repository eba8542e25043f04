"""The public open-data page lists the downloads and describes every column, in English and
Spanish; supervisors and administrators may regenerate the files from it, nobody else."""

import pytest

from care311.analytics.opendata.columns import COLUMNS
from care311.analytics.opendata.publishing import manifest

pytestmark = pytest.mark.django_db


def test_it_describes_every_column_in_english(client, settings, tmp_path, residents_requests):
    settings.OPEN_DATA_DIR = tmp_path
    html = client.get("/open-data/").content.decode()

    assert "Open data: service requests" in html
    assert "The files have not been made yet." in html
    for column in COLUMNS:
        assert f"<code>{column.name}</code>" in html
    assert "The problem as reported. Email addresses and phone numbers removed." in html
    assert "Regenerate the files now" not in html


def test_it_speaks_spanish(client, settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path
    html = client.get("/open-data/", headers={"accept-language": "es"}).content.decode()

    assert '<html lang="es">' in html
    assert "Datos abiertos: solicitudes de servicio" in html
    assert "Diccionario de datos" in html
    assert "El problema tal como se reportó." in html
    assert "Cuándo se hizo la solicitud." in html
    assert "Se quitaron las direcciones de correo electrónico y los números de teléfono." in html


@pytest.mark.parametrize(
    ("who", "status"),
    [("sue", 302), ("admin", 302), ("streets", 403), ("ana", 403), ("resident", 403)],
)
def test_it_lets_only_supervisors_regenerate(client, settings, tmp_path, cast, who, status):
    settings.OPEN_DATA_DIR = tmp_path
    client.force_login(cast[who])
    response = client.post("/analytics/open-data/regenerate/")

    assert response.status_code == status
    assert (manifest() is not None) == (status == 302)


def test_it_shows_the_regenerated_files_to_a_supervisor(
    client, settings, tmp_path, cast, residents_requests
):
    settings.OPEN_DATA_DIR = tmp_path
    client.force_login(cast["sue"])
    html = client.post("/analytics/open-data/regenerate/", follow=True).content.decode()

    assert "The open-data files are being regenerated." in html
    assert 'href="/open-data/requests.csv"' in html
    assert "Regenerate the files now" in html


def test_it_sends_a_signed_out_visitor_to_sign_in(client, settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path
    response = client.post("/analytics/open-data/regenerate/")
    assert response.status_code == 302
    assert manifest() is None
