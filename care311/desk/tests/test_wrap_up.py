"""Wrap-up: an outcome is required, it ends the contact, and the agent is available again."""

import time_machine

from care311.desk.models import Contact, Presence, PresenceInterval

from .conftest import STARTED

ENDED = STARTED.replace(minute=6)
WRAPPED = STARTED.replace(minute=7, second=30)


def test_it_needs_an_outcome(as_ana, contact):
    response = as_ana.post(f"/desk/contact/{contact.pk}/wrap-up/", {"notes": "Hung up"})

    assert response.status_code == 400
    assert "Choose how the contact ended." in response.content.decode()
    assert Contact.objects.get().wrapped_up_at is None


def test_a_referral_names_the_agency(as_ana, contact):
    response = as_ana.post(f"/desk/contact/{contact.pk}/wrap-up/", {"outcome": "referred"})

    assert response.status_code == 400
    assert "Name the agency the caller was referred to." in response.content.decode()


def test_request_created_needs_a_request_on_the_contact(as_ana, contact):
    response = as_ana.post(f"/desk/contact/{contact.pk}/wrap-up/", {"outcome": "request_created"})

    assert response.status_code == 400
    assert "No request is linked to this contact yet." in response.content.decode()


def test_ending_then_wrapping_up_moves_presence_through_wrap_up(as_ana, cast, contact):
    with time_machine.travel(ENDED, tick=False):
        ended = as_ana.post(f"/desk/contact/{contact.pk}/end/")
    with time_machine.travel(WRAPPED, tick=False):
        wrapped = as_ana.post(
            f"/desk/contact/{contact.pk}/wrap-up/",
            {"outcome": "referred", "agency": "County Health", "notes": "Restaurant complaint"},
        )

    assert ended["Location"] == f"/desk/contact/{contact.pk}/wrap-up/"
    assert wrapped["Location"] == "/desk/"
    row = Contact.objects.filter(pk=contact.pk).values(
        "outcome", "agency", "ended_at", "wrapped_up_at"
    )[0]
    assert row == {
        "outcome": "referred",
        "agency": "County Health",
        "ended_at": ENDED,
        "wrapped_up_at": WRAPPED,
    }
    intervals = list(
        PresenceInterval.objects.filter(user=cast["ana"]).values_list(
            "state", "started_at", "ended_at"
        )
    )
    assert intervals == [
        (Presence.ON_CONTACT, STARTED, ENDED),
        (Presence.WRAP_UP, ENDED, WRAPPED),
        (Presence.AVAILABLE, WRAPPED, None),
    ]


def test_a_wrapped_up_contact_cannot_be_wrapped_up_again(as_ana, contact):
    as_ana.post(f"/desk/contact/{contact.pk}/wrap-up/", {"outcome": "transferred"})

    again = as_ana.post(f"/desk/contact/{contact.pk}/wrap-up/", {"outcome": "referred"})

    assert again["Location"] == f"/desk/contact/{contact.pk}/"
    assert Contact.objects.get().outcome == "transferred"


def test_wrapping_up_carries_on_to_the_waiting_screen_pop(as_ana, contact):
    waiting = "/desk/contact/new?caller=%2B19185550000&channel=phone"

    response = as_ana.post(
        f"/desk/contact/{contact.pk}/wrap-up/", {"outcome": "transferred", "then": waiting}
    )
    outside = as_ana.post(
        f"/desk/contact/{as_ana.get(waiting)['Location'].split('/')[3]}/wrap-up/",
        {"outcome": "transferred", "then": "https://evil.example/"},
    )

    assert response["Location"] == waiting
    assert outside["Location"] == "/desk/"
