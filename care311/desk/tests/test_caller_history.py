"""The contact page shows the caller's own requests and contacts, and nobody else's."""

from datetime import timedelta

from care311.desk import actions
from care311.service_requests import actions as request_actions
from care311.service_requests.actors import System

from .conftest import CALLER, STARTED


def _file(service, **fields):
    return request_actions.create_request(
        service=service, channel="web", by=System("test"), address="1 Main St", **fields
    )


def test_it_shows_the_callers_requests_and_contacts_only(as_ana, cast, service, contact):
    typed = _file(service, reporter_phone="918-555-1234")
    followed = _file(service, reporter_phone="")
    request_actions.follow_request(
        followed, by=System("test"), me_too=True, notify=False, phone="(918) 555-1234"
    )
    someone_else = _file(service, reporter_phone="918-555-9999")
    earlier = actions.start_contact(
        agent=cast["ben"], channel="phone", caller_number="9185551234", now=STARTED
    )
    actions.wrap_up_contact(
        earlier, outcome="transferred", by=cast["ben"], notes="Sent to water billing"
    )
    other_caller = actions.start_contact(
        agent=cast["sue"], channel="phone", caller_number="+19185559999", now=STARTED
    )

    page = as_ana.get(f"/desk/contact/{contact.pk}/").content.decode()

    assert typed.public_id in page
    assert followed.public_id in page
    assert someone_else.public_id not in page
    assert "Sent to water billing" in page
    assert "Transferred" in page
    assert other_caller.caller_number not in page
    assert "918-555-1234" not in page  # the reporter's typed number is never shown


def test_it_finds_requests_filed_during_earlier_contacts(as_ana, cast, service):
    earlier = actions.start_contact(
        agent=cast["ben"], channel="phone", caller_number=CALLER, now=STARTED
    )
    filed = actions.file_request_for_contact(earlier, service=service, by=cast["ben"])
    actions.wrap_up_contact(earlier, outcome="request_created", by=cast["ben"])
    now = actions.start_contact(
        agent=cast["ana"], channel="phone", caller_number=CALLER, now=STARTED + timedelta(hours=1)
    )

    history_page = as_ana.get(f"/desk/contact/{now.pk}/").content.decode()

    assert filed.public_id in history_page
    assert history_page.count(f'<th scope="row" class="text">{filed.public_id}</th>') == 1


def test_another_agents_contact_is_not_found(client, cast, contact):
    client.force_login(cast["ben"])

    response = client.get(f"/desk/contact/{contact.pk}/")

    assert response.status_code == 404
