"""`care311 open311 apikey create NAME` prints a key once and stores only its digest."""

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command

from care311.open311.models import ApiKey

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("open311", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_a_new_key_once_and_stores_its_digest(api, graffiti):
    out, err = run("apikey", "create", "Tulsa app")

    raw = out.strip()
    key = ApiKey.objects.get()
    assert len(raw) >= 40
    assert "shown once" in err
    assert key.name == "Tulsa app"
    assert key.key_digest == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {key.name, key.prefix, key.key_digest}
    status, _ = api.post(
        "requests.json",
        {"api_key": raw, "service_code": "GR-001.v2 graffiti", "address_id": "A-1"},
    )
    assert status == 201


def test_it_lists_keys_without_the_keys(db):
    raw = run("apikey", "create", "Tulsa app")[0].strip()

    out, _ = run("apikey", "list")

    assert out.startswith(f"Tulsa app\t{raw[:8]}...\tactive\t")
    assert raw not in out


def test_it_revokes_a_key(api, graffiti):
    raw = run("apikey", "create", "Tulsa app")[0].strip()

    run("apikey", "revoke", "Tulsa app")

    status, _ = api.post(
        "requests.json",
        {"api_key": raw, "service_code": "GR-001.v2 graffiti", "address_id": "A-1"},
    )
    assert status == 403


def test_it_refuses_a_name_taken_or_unknown(db):
    run("apikey", "create", "Tulsa app")

    with pytest.raises(CommandError, match="there is already a key named 'Tulsa app'"):
        run("apikey", "create", "Tulsa app")
    with pytest.raises(CommandError, match="no key is named 'Other'"):
        run("apikey", "revoke", "Other")
