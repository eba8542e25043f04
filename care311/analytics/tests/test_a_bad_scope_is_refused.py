"""A scope the pages cannot count is refused beside the form, with a 400, on every analytics
page: a day past what the period arithmetic reaches (years 1900 to 2100), or a last day with
no first."""

import pytest

pytestmark = pytest.mark.django_db
PAGES = ("/analytics/", "/analytics/geography/", "/analytics/contacts/", "/analytics/requests/")
FROM = "“From” must be a day from 1900-01-01 to 2100-12-31."
TO = "“To” must be a day from 1900-01-01 to 2100-12-31."


def refusal(html: str) -> list[str]:
    """The errors printed beside the form's fields."""
    form = html.split('<form class="report-form"')[1].split("</form>")[0]
    return [part.split("</span>")[0] for part in form.split('<span role="alert">')[1:]]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("kind=month&day=9999-12-15", [FROM]),
        ("kind=month&day=0001-01-01", [FROM]),
        ("kind=week&day=0001-01-01", [FROM]),
        ("kind=week&day=9999-12-31", [FROM]),
        ("kind=custom&day=9999-12-31", [FROM]),
        ("kind=custom&day=0001-01-01&last=0001-01-05", [FROM, TO]),
        ("kind=custom&day=2019-03-01&last=2101-01-01", [TO]),
        ("kind=custom&last=2019-03-01", ["Give the first day too."]),
    ],
)
def test_it_names_the_field_and_what_it_takes(client, cast, page, query, errors):
    client.force_login(cast["sue"])
    response = client.get(f"{page}?{query}")

    assert response.status_code == 400
    html = response.content.decode()
    assert refusal(html) == errors
    assert 'class="staff-nav sub-nav"' in html


@pytest.mark.parametrize("page", PAGES)
def test_the_first_and_last_days_allowed_are_counted(client, cast, page):
    client.force_login(cast["sue"])

    for query in ("kind=month&day=1900-01-01", "kind=week&day=2100-12-31"):
        response = client.get(f"{page}?{query}")
        assert response.status_code == 200, query
        assert refusal(response.content.decode()) == []
    days = client.get(f"{page}?kind=custom&day=2100-01-01&last=2100-12-31")
    assert days.status_code == 200


def test_it_says_so_in_spanish(client, cast):
    client.force_login(cast["sue"])
    spanish = {"accept-language": "es"}

    late = client.get("/analytics/?kind=month&day=9999-12-15", headers=spanish)
    alone = client.get("/analytics/?kind=custom&last=2019-03-01", headers=spanish)

    assert refusal(late.content.decode()) == [
        "“Desde” debe ser un día del 1900-01-01 al 2100-12-31."
    ]
    assert refusal(alone.content.decode()) == ["Indique también el primer día."]
