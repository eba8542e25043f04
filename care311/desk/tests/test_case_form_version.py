"""A case form whose hidden version is missing or garbled says so at the top of the page, and
changes nothing."""

import pytest

from care311.desk.queue_forms import OUT_OF_DATE
from care311.service_requests import actions as request_actions
from care311.service_requests.actors import System
from care311.service_requests.models import HistoryEvent


@pytest.mark.parametrize("version", ["abc", "0", "", None])
def test_a_missing_or_garbled_version_says_the_page_is_out_of_date(client, cast, service, version):
    case = request_actions.create_request(service=service, channel="web", by=System("test"))
    client.force_login(cast["streets"])
    form = {"note-note": "Crew sent"}
    if version is not None:
        form["note-version"] = version

    response = client.post(f"/desk/queues/requests/{case.public_id}/note/", form)

    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "This page is out of date: its form does not say which version of the request it was "
        "shown with. Reload the page and try again."
    ) in page
    assert f'name="note-version" value="{case.version}"' in page
    assert HistoryEvent.objects.count() == 1


def test_a_form_with_its_version_but_no_note_shows_no_out_of_date_message(client, cast, service):
    case = request_actions.create_request(service=service, channel="web", by=System("test"))
    client.force_login(cast["streets"])

    response = client.post(
        f"/desk/queues/requests/{case.public_id}/note/", {"note-version": case.version}
    )

    assert response.status_code == 400
    assert str(OUT_OF_DATE) not in response.content.decode()
