"""Who may open each desk page: agents, supervisors and administrators; supervisors' view
for supervisors and administrators; department staff 403; the signed-out sign in."""

import pytest

PAGES = ["/desk/", "/desk/contact/new", "/desk/supervisor/"]
ALLOWED = {
    "/desk/": {"ana", "ben", "sue", "admin"},
    "/desk/contact/new": {"ana", "ben", "sue", "admin"},
    "/desk/supervisor/": {"sue", "admin"},
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("username", ["resident", "ana", "streets", "parks", "sue", "admin"])
def test_each_role_gets_its_pages_only(client, cast, page, username):
    client.force_login(cast[username])

    response = client.get(page)

    assert response.status_code == (200 if username in ALLOWED[page] else 403)


@pytest.mark.parametrize("page", PAGES)
def test_the_signed_out_are_sent_to_sign_in(client, db, page):
    response = client.get(page)

    assert response.status_code == 302
    assert response["Location"].startswith("/staff/sign-in/?next=")
    assert "next=" in response["Location"]


@pytest.mark.parametrize("username", ["streets", "resident"])
def test_department_staff_cannot_act_on_a_contact(client, cast, contact, username):
    client.force_login(cast[username])

    assert client.post(f"/desk/contact/{contact.pk}/end/").status_code == 403
    assert client.post("/desk/presence/", {"state": "available"}).status_code == 403
