"""A phone system opens /desk/contact/new?caller=...&channel=phone: the contact starts."""

import time_machine

from care311.desk.models import Contact, Presence, PresenceInterval

from .conftest import STARTED


@time_machine.travel(STARTED, tick=False)
def test_it_starts_a_contact_from_the_screen_pop_url(as_ana, cast):
    response = as_ana.get("/desk/contact/new", {"caller": "(918) 555-1234", "channel": "phone"})

    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/desk/contact/{contact.pk}/"
    row = Contact.objects.filter(pk=contact.pk).values(
        "channel", "direction", "caller_number", "agent_id", "started_at", "ended_at", "outcome"
    )[0]
    assert row == {
        "channel": "phone",
        "direction": "inbound",
        "caller_number": "+19185551234",
        "agent_id": cast["ana"].pk,
        "started_at": STARTED,
        "ended_at": None,
        "outcome": "",
    }
    interval = PresenceInterval.objects.get(user=cast["ana"])
    assert (interval.state, interval.started_at, interval.ended_at) == (
        Presence.ON_CONTACT,
        STARTED,
        None,
    )


def test_it_takes_the_url_encoded_plus(as_ana):
    as_ana.get("/desk/contact/new?caller=%2B19185551234&channel=phone")

    assert Contact.objects.get().caller_number == "+19185551234"


def test_it_resumes_the_same_callers_open_contact_on_a_reload(as_ana):
    first = as_ana.get("/desk/contact/new?caller=%2B19185551234&channel=phone")
    again = as_ana.get("/desk/contact/new?caller=918.555.1234&channel=phone")

    assert first["Location"] == again["Location"]
    assert Contact.objects.count() == 1


def test_it_refuses_a_second_caller_until_the_first_is_wrapped_up(as_ana):
    as_ana.get("/desk/contact/new?caller=%2B19185551234&channel=phone")
    first = Contact.objects.get()

    response = as_ana.get("/desk/contact/new?caller=%2B19185550000&channel=phone")

    assert response.status_code == 409
    assert f"Wrap up contact {first.pk} before starting another." in response.content.decode()
    assert Contact.objects.count() == 1


def test_it_says_beside_the_field_what_is_wrong_with_the_number(as_ana):
    response = as_ana.get("/desk/contact/new?caller=555-12&channel=phone")

    assert response.status_code == 400
    assert "Enter the caller&#x27;s number with its area code" in response.content.decode()
    assert Contact.objects.count() == 0


def test_it_refuses_an_unknown_channel(as_ana):
    response = as_ana.get("/desk/contact/new?caller=%2B19185551234&channel=pigeon")

    assert response.status_code == 400
    assert "Select a valid choice. pigeon is not one of the available choices." in (
        response.content.decode()
    )
