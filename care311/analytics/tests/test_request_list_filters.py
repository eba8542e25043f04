"""The drill-down list refuses a filter it cannot apply on the staff page, beside the form,
with a 400 (never the residents' "Page not found"): a department not the viewer's, a day that
is no date, a service that is no id, an unknown figure, district or point."""

import pytest

from care311.catalog.models import District
from care311.web.middleware import MESSAGE as MIDDLEWARE_MESSAGE

pytestmark = pytest.mark.django_db
MARCH = "kind=month&day=2019-03-01"
NOT_LISTED = "Select a valid choice. That choice is not one of the available choices."


def alerts(html: str) -> list[str]:
    """The errors printed in the form, beside a field or above them all."""
    form = html.split('<form class="report-form"')[1].split("</form>")[0]
    found = [part.split("</span>")[0] for part in form.split('<span role="alert">')[1:]]
    found += [part.split("</li>")[0] for part in form.split("<li>")[1:]]
    return found


@pytest.mark.parametrize(
    ("who", "query", "error"),
    [
        ("parks", "department={streets}", NOT_LISTED),
        ("sue", "day=2019-13-01", "Enter a valid date."),
        ("sue", "service=x", NOT_LISTED),
        ("sue", "service=%C2%B2", NOT_LISTED),
        ("sue", "figure=nothing", "No such figure."),
        ("sue", "district=%C2%B2", "No such district."),
        ("sue", "district=%D9%A3", "No such district."),  # an Arabic-Indic 3
        ("sue", "district=99999999999999999999", "No such district."),
        ("sue", "point=1,2,3", "A point is a latitude and a longitude, like 40.7,-73.9."),
        ("sue", "point=nan,1", "A point is a latitude and a longitude, like 40.7,-73.9."),
        ("sue", "point=91,1", "A point is a latitude and a longitude, like 40.7,-73.9."),
    ],
)
def test_a_bad_filter_is_shown_beside_the_form(client, cast, streets, who, query, error):
    client.force_login(cast[who])
    response = client.get(f"/analytics/requests/?{MARCH}&{query.format(streets=streets.pk)}")

    assert response.status_code == 400
    html = response.content.decode()
    assert alerts(html) == [error]
    assert 'class="staff-nav sub-nav"' in html
    assert "If you followed a request number" not in html
    assert 'id="request-list"' not in html


def test_a_nul_character_is_refused_before_the_page(client, cast):
    """care311.web.middleware refuses it for the whole site, in plain words."""
    client.force_login(cast["sue"])
    response = client.get(f"/analytics/requests/?{MARCH}&service=%00")

    assert response.status_code == 400
    assert response.content.decode() == MIDDLEWARE_MESSAGE


def test_a_district_by_its_number_lists_its_requests(client, cast):
    square = District.objects.create(
        kind="borough",
        code="sq",
        name="Square",
        geometry={
            "type": "Polygon",
            "coordinates": [[[-96, 36], [-95, 36], [-95, 37], [-96, 37], [-96, 36]]],
        },
    )
    client.force_login(cast["sue"])
    response = client.get(f"/analytics/requests/?{MARCH}&district={square.pk}")

    assert response.status_code == 200
    assert "0 requests" in response.content.decode()
