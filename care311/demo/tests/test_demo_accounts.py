import stat

import pytest
from django.contrib.auth import authenticate, get_user_model

from care311.demo.accounts import accounts_file, ensure_accounts, read_passwords
from care311.demo.catalog import load_catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts():
    load_catalog()
    return ensure_accounts()


def test_it_creates_one_account_per_role_with_its_group(accounts):
    users = get_user_model().objects.prefetch_related("groups").select_related("staff_profile")

    roles = {
        user.username: (
            [group.name for group in user.groups.all()],
            user.is_superuser,
            user.staff_profile.department.code if user.staff_profile.department else None,
        )
        for user in users
    }

    assert roles == {
        "admin": (["admin"], True, None),
        "supervisor": (["supervisor"], False, None),
        "agent1": (["agent"], False, None),
        "agent2": (["agent"], False, None),
        "streets": (["department staff"], False, "streets"),
        "sanitation": (["department staff"], False, "sanitation"),
    }
    assert all(user.is_staff for user in users)


def test_it_keeps_the_passwords_in_a_file_only_the_owner_can_read(accounts):
    path = accounts_file()

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_passwords(path) == accounts
    for username, (password, _role) in accounts.items():
        assert authenticate(username=username, password=password) is not None


def test_it_keeps_the_same_passwords_on_a_second_run(accounts):
    again = ensure_accounts()

    assert again == accounts
    assert get_user_model().objects.count() == 6


def test_it_gives_new_passwords_when_the_file_is_lost(accounts):
    accounts_file().unlink()

    again = ensure_accounts()

    assert again["admin"][0] != accounts["admin"][0]
    assert authenticate(username="admin", password=again["admin"][0]) is not None
