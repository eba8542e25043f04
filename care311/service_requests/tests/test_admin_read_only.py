import logging

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from care311.accounts.models import ContactDetailView, StaffProfile
from care311.accounts.roles import ensure_roles
from care311.catalog.models import Department, ServiceType
from care311.service_requests import actions
from care311.service_requests.actors import System
from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db

EMAIL = "private.reporter@example.com"


@pytest.fixture
def streets():
    return Department.objects.create(code="streets", name="Streets")


@pytest.fixture
def staff(streets):
    """One signed-in member of staff per role, the admin as superuser; department staff work
    for streets, the department of the reported request."""
    ensure_roles()
    people = {}
    for role in ("admin", "supervisor", "agent", "department staff"):
        user = get_user_model().objects.create_user(
            role.replace(" ", "_"), is_staff=True, is_superuser=role == "admin"
        )
        user.groups.add(Group.objects.get(name=role))
        if role == "department staff":
            StaffProfile.objects.create(user=user, department=streets)
        people[role] = user
    return people


@pytest.fixture
def reported(streets):
    service = ServiceType.objects.create(service_code="P", name="Pothole", department=streets)
    return actions.create_request(
        service=service,
        channel="phone",
        by=System("test"),
        reporter_name="Private Person",
        reporter_email=EMAIL,
        reporter_phone="918-555-0111",
    )


def _change_url(request: ServiceRequest) -> str:
    return f"/admin/service_requests/servicerequest/{request.pk}/change/"


def test_it_requires_sign_in(client, reported):
    for url in ("/admin/", "/admin/service_requests/servicerequest/", _change_url(reported)):
        response = client.get(url)

        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("role", ["admin", "supervisor", "agent", "department staff"])
def test_it_lets_every_role_read_requests_but_not_add_or_delete(client, staff, reported, role):
    client.force_login(staff[role])
    base = "/admin/service_requests/servicerequest/"

    listing = client.get(base, {"q": reported.public_id})
    detail = client.get(_change_url(reported))

    assert listing.status_code == 200
    assert reported.public_id in listing.content.decode()
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert client.get(f"{base}add/").status_code == 403
    assert client.get(f"{base}{reported.pk}/delete/").status_code == 403


def test_it_changes_nothing_when_a_form_is_posted(client, staff, reported):
    client.force_login(staff["admin"])

    response = client.post(_change_url(reported), {"status": "closed", "description": "x"})

    reported.refresh_from_db()
    assert response.status_code == 403
    assert (reported.status, reported.description) == ("new", "")


@pytest.mark.parametrize("role", ["supervisor", "agent", "department staff"])
def test_it_hides_contact_details_from_staff_who_are_not_superusers(client, staff, reported, role):
    client.force_login(staff[role])

    html = client.get(_change_url(reported)).content.decode()

    assert EMAIL not in html
    assert "Private Person" not in html


def test_it_shows_contact_details_to_superusers_and_records_the_view(
    client, staff, reported, caplog
):
    client.force_login(staff["admin"])

    with caplog.at_level(logging.INFO, logger="care311.accounts.contact"):
        html = client.get(_change_url(reported)).content.decode()

    assert EMAIL in html
    assert "Private Person" in html
    assert EMAIL not in caplog.text
    assert list(ContactDetailView.objects.values_list("username", "public_id", "where")) == [
        ("admin", reported.public_id, "admin: request page")
    ]


def test_it_shows_the_history_inline_and_in_its_own_read_only_list(client, staff, reported):
    client.force_login(staff["supervisor"])

    detail = client.get(_change_url(reported)).content.decode()
    events = client.get("/admin/service_requests/historyevent/")

    assert "Request received" in detail
    assert events.status_code == 200
    assert reported.public_id in events.content.decode()
    assert client.get("/admin/service_requests/historyevent/add/").status_code == 403
