import pytest
from django.utils import timezone

from care311.imports.models import ImportRun, QuarantinedRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    run = ImportRun.objects.create(
        file_name="nyc.csv", file_key="k", format="nyc-csv", started_at=timezone.now()
    )
    record = QuarantinedRecord.objects.create(
        source="nyc",
        file_key="k",
        file_name="nyc.csv",
        record_no=7,
        reason="no date",
        raw="7,,",
        first_seen_at=timezone.now(),
    )
    return {"importrun": run, "quarantinedrecord": record}


@pytest.mark.parametrize("model", ["importrun", "quarantinedrecord"])
def test_it_shows_import_records_read_only(admin_client, records, model):
    base = f"/admin/imports/{model}/"
    pk = records[model].pk

    assert admin_client.get(base).status_code == 200
    detail = admin_client.get(f"{base}{pk}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert admin_client.get(f"{base}add/").status_code == 403
    assert admin_client.get(f"{base}{pk}/delete/").status_code == 403
