"""A resident's contact details reach staff only through reveal_contact, which records each
showing (ContactDetailView: who, which request, which fields, on which page, when); every
other staff page leaves them out and records nothing."""

import logging
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from care311.accounts.contact import CONTACT_FIELDS, reveal_contact
from care311.accounts.contact_views import WHERE
from care311.accounts.models import ContactDetailView
from care311.accounts.tests.conftest import PARKS_REPORTER, STREETS_REPORTER

NOW = datetime(2026, 3, 3, 9, 30, tzinfo=UTC)
EVERY_DETAIL = [*STREETS_REPORTER.values(), *PARKS_REPORTER.values()]


def contact_page(request) -> str:
    return f"/staff/requests/{request.public_id}/contact/"


def records() -> list[tuple]:
    return list(
        ContactDetailView.objects.order_by("id").values_list(
            "user__username", "username", "request_id", "public_id", "fields", "where", "at"
        )
    )


@pytest.mark.parametrize("role", ["ana", "streets", "sue", "admin"])
def test_opening_a_requests_contact_details_records_one_view(client, cast, requests, role):
    case = requests["streets"]
    client.force_login(cast[role])

    with time_machine.travel(NOW, tick=False):
        response = client.get(contact_page(case))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Rosa Delgado" in html
    assert 'href="mailto:rosa.delgado@example.net"' in html
    assert 'href="tel:+19185550147"' in html
    assert response.context["contact"] == STREETS_REPORTER
    assert records() == [
        (
            role,
            role,
            case.pk,
            case.public_id,
            "reporter_name,reporter_email,reporter_phone",
            "desk: request contact details",
            NOW,
        )
    ]
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_each_opening_is_recorded(client, cast, requests):
    client.force_login(cast["ana"])

    client.get(contact_page(requests["streets"]))
    client.get(contact_page(requests["streets"]))
    client.get(contact_page(requests["parks"]))

    assert [(row[3], row[0]) for row in records()] == [
        (requests["streets"].public_id, "ana"),
        (requests["streets"].public_id, "ana"),
        (requests["parks"].public_id, "ana"),
    ]


def test_the_case_page_links_to_them_without_showing_them(client, cast, requests):
    case = requests["streets"]
    client.force_login(cast["streets"])

    html = client.get(f"/desk/queues/requests/{case.public_id}/").content.decode()

    assert f'href="{contact_page(case)}"' in html
    for detail in STREETS_REPORTER.values():
        assert detail not in html
    assert records() == []


@pytest.mark.parametrize("role", ["anonymous", "resident", "parks"])
def test_those_who_may_not_open_the_request_get_nothing_and_nothing_is_recorded(
    client, cast, requests, role
):
    if role != "anonymous":
        client.force_login(cast[role])

    response = client.get(contact_page(requests["streets"]))

    assert response.status_code == {"anonymous": 302, "resident": 403, "parks": 404}[role]
    for detail in STREETS_REPORTER.values():
        assert detail not in response.content.decode()
    assert records() == []


def test_a_request_that_does_not_exist_is_not_found(client, cast, requests):
    client.force_login(cast["ana"])

    assert client.get("/staff/requests/NO-SUCH-1/contact/").status_code == 404
    assert records() == []


# Pages that show requests but never their reporters' contact details.
QUIET_PAGES = [
    "/desk/",
    "/desk/queues/",
    "/desk/queues/streets/",
    "/desk/queues/parks/",
    "/desk/queues/requests/{streets}/",
    "/desk/queues/requests/{parks}/",
    "/desk/supervisor/",
    "/desk/notifications/",
    "/analytics/",
    "/analytics/requests/",
    "/admin/service_requests/servicerequest/",
    "/admin/service_requests/servicerequest/{streets_pk}/change/",
    "/admin/service_requests/historyevent/",
]


@pytest.mark.parametrize("role", ["ana", "streets", "parks", "sue", "admin"])
@pytest.mark.parametrize("page", QUIET_PAGES)
def test_other_staff_pages_show_no_contact_details_and_record_nothing(
    client, cast, requests, page, role
):
    client.force_login(cast[role])
    path = page.format(
        streets=requests["streets"].public_id,
        parks=requests["parks"].public_id,
        streets_pk=requests["streets"].pk,
    )

    response = client.get(path)

    html = response.content.decode()
    assert [detail for detail in EVERY_DETAIL if detail in html] == []
    assert records() == []


def test_the_callers_history_lists_their_requests_without_contact_details(client, cast, requests):
    """The agent knows the caller's number (the phone system gave it); the history matched on
    it shows the caller's requests, but not the name or email the reporter gave."""
    client.force_login(cast["ana"])

    page = client.get(
        "/desk/contact/new", {"caller": STREETS_REPORTER["reporter_phone"], "channel": "phone"}
    )
    html = client.get(page["Location"]).content.decode()

    assert requests["streets"].public_id in html
    assert STREETS_REPORTER["reporter_name"] not in html
    assert STREETS_REPORTER["reporter_email"] not in html
    assert records() == []


def test_a_superuser_in_the_admin_sees_them_and_the_showing_is_recorded(client, cast, requests):
    cast["admin"].is_superuser = True
    cast["admin"].save()
    case = requests["parks"]
    client.force_login(cast["admin"])

    html = client.get(f"/admin/service_requests/servicerequest/{case.pk}/change/").content.decode()

    assert PARKS_REPORTER["reporter_email"] in html
    assert [(row[0], row[3], row[4], row[5]) for row in records()] == [
        ("admin", case.public_id, ",".join(CONTACT_FIELDS), "admin: request page")
    ]


def test_supervisors_read_the_record_in_the_admin_and_cannot_change_it(client, cast, requests):
    client.force_login(cast["ana"])
    client.get(contact_page(requests["streets"]))
    client.force_login(cast["sue"])

    listing = client.get("/admin/accounts/contactdetailview/")
    shown = listing.context["cl"].result_list

    assert [(row.username, row.public_id, row.where) for row in shown] == [
        ("ana", requests["streets"].public_id, WHERE)
    ]
    assert client.get("/admin/accounts/contactdetailview/add/").status_code == 403
    assert client.post(f"/admin/accounts/contactdetailview/{shown[0].pk}/delete/").status_code == (
        403
    )


def test_the_log_names_ids_and_never_the_details(client, cast, requests, caplog):
    client.force_login(cast["ana"])

    with caplog.at_level(logging.INFO, logger="care311.accounts.contact"):
        client.get(contact_page(requests["streets"]))

    assert caplog.messages == [
        f"contact details of request {requests['streets'].pk} shown to user {cast['ana'].pk} "
        f"on {WHERE}"
    ]
    assert [detail for detail in EVERY_DETAIL if detail in caplog.text] == []


def test_reveal_contact_records_the_fields_asked_for(cast, requests):
    shown = reveal_contact(cast["sue"], requests["parks"], where="test", fields=("reporter_phone",))

    assert shown == {"reporter_phone": PARKS_REPORTER["reporter_phone"]}
    assert [row[4] for row in records()] == ["reporter_phone"]


def test_reveal_contact_refuses_another_departments_request_and_records_nothing(cast, requests):
    with pytest.raises(PermissionDenied, match="are not open to you"):
        reveal_contact(cast["parks"], requests["streets"], where="test")

    assert records() == []


def test_reveal_contact_refuses_fields_that_are_not_contact_details(cast, requests):
    with pytest.raises(ValueError, match="not contact fields: \\['description'\\]"):
        reveal_contact(cast["ana"], requests["streets"], where="test", fields=("description",))

    assert records() == []


def test_the_record_outlives_the_account_and_the_request(cast, requests):
    reveal_contact(cast["ben"], requests["streets"], where="test")
    public_id = requests["streets"].public_id

    cast["ben"].delete()
    requests["streets"].delete()

    assert list(
        ContactDetailView.objects.values_list("user", "username", "request", "public_id")
    ) == [(None, "ben", None, public_id)]
