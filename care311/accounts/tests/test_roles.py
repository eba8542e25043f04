import pytest
from django.contrib.auth.models import Group

from care311.accounts.roles import ROLES, ensure_roles

pytestmark = pytest.mark.django_db


def _permissions(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def test_it_creates_the_four_roles_once():
    ensure_roles()
    ensure_roles()

    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(ROLES)


@pytest.mark.parametrize("role", ["agent", "department staff", "supervisor"])
def test_it_lets_no_role_but_admin_change_requests_in_the_admin(role):
    ensure_roles()

    permissions = _permissions(role)

    assert "service_requests.view_servicerequest" in permissions
    assert "service_requests.change_servicerequest" not in permissions


def test_it_lets_supervisors_edit_the_catalog_and_agents_only_read_it():
    ensure_roles()

    assert "catalog.change_servicetype" in _permissions("supervisor")
    assert "catalog.change_servicetype" not in _permissions("agent")
    assert "catalog.view_servicetype" in _permissions("agent")


def test_it_gives_the_admin_role_user_management():
    ensure_roles()

    assert {"auth.add_user", "auth.change_user"} <= _permissions("admin")
