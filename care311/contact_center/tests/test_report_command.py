"""`care311 calls report` prints every figure beside its definition's name."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from care311.contact_center.tests.conftest import import_calls

pytestmark = pytest.mark.django_db


def _report(*args: str) -> str:
    out = StringIO()
    call_command("calls", "report", *args, stdout=out)
    return out.getvalue()


def test_it_prints_the_figures_with_their_names_and_definitions(queue_log):
    import_calls(queue_log)

    text = _report("--from", "2010-02-22", "--to", "2010-02-22", "--by", "interval:60")

    assert "Calls 2010-02-22 to 2010-02-22 (America/Chicago), by 60-minute interval" in text
    assert "2010-02-22 04:00 CST" in text
    assert "  service_level_offered                     30.0%  Service level, offered basis" in text
    assert "  asa: total wait of answered calls ÷ answered calls" in text


def test_it_prints_csv_on_request(queue_log):
    import_calls(queue_log)

    text = _report("--from", "2010-02-22", "--to", "2010-02-22", "--csv")

    assert text.splitlines()[1].startswith("2010-02-22,20,8,12,2,30.0,")


def test_it_refuses_an_unknown_grouping():
    with pytest.raises(CommandError, match="cannot group by 'hour'"):
        _report("--from", "2010-02-22", "--to", "2010-02-22", "--by", "hour")
