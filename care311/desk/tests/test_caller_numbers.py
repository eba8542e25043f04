"""Callers' numbers as phone systems and agents send them become one E.164 form: digits of
any script read as ASCII, extensions dropped, SIP addresses read for a full number only, and
withheld numbers kept as no number at all."""

import pytest

from care311.desk import actions
from care311.desk.models import Contact
from care311.desk.phones import BadNumber, is_e164, normalise_number
from care311.service_requests.actions import ActionError
from care311.service_requests.models import Follower, ServiceRequest

ARABIC_INDIC_ZERO, MATH_BOLD_ZERO, FULLWIDTH_ZERO = 0x0660, 0x1D7CE, 0xFF10


def _in_script(zero: int, number: str) -> str:
    """`number` with its ASCII digits written in the script whose zero is `zero`."""
    return "".join(chr(zero + int(char)) if char.isdigit() else char for char in number)


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("(918) 555-1234", "+19185551234"),
        (_in_script(ARABIC_INDIC_ZERO, "9185551234"), "+19185551234"),
        (_in_script(MATH_BOLD_ZERO, "9185550142"), "+19185550142"),
        (_in_script(FULLWIDTH_ZERO, "918-555-0142"), "+19185550142"),
        ("918-555-0142 x12", "+19185550142"),
        ("918-555-0142x12", "+19185550142"),
        ("+1 918 555 0142 ext 5", "+19185550142"),
        ("918.555.0142 ext. 7", "+19185550142"),
        ("9185550142#3", "+19185550142"),
        ("sip:+19185550142@pbx.example;user=phone", "+19185550142"),
        ("<sip:9185550142@10.0.0.5>", "+19185550142"),
        ("tel:+1-918-555-0142", "+19185550142"),
        ("0044 20 7946 0000", "+442079460000"),
    ],
)
def test_it_normalises_to_e164(raw, number):
    assert normalise_number(raw) == number


@pytest.mark.parametrize(
    "raw",
    ["", "  ", "anonymous", "Anonymous", "Restricted", "private", "unknown", "withheld",
     "WITHHELD", "sip:anonymous@anonymous.invalid"],
)  # fmt: skip
def test_a_withheld_number_is_no_number(raw):
    assert normalise_number(raw) == ""


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("sip:1001@10.0.0.5", "is an internal SIP address, not a caller's number"),
        ("555-12", "is not a phone number: it has 5 digits"),
        ("918-555-0142 abc", "is not a phone number: it has letters or signs in it"),
        ("+0123456789", "is not a phone number: no country code starts with 0"),
        ("+1" + _in_script(ARABIC_INDIC_ZERO, "918"), "is not a phone number: it has 4 digits"),
    ],
)
def test_it_refuses_what_is_not_a_callers_number(raw, why):
    with pytest.raises(BadNumber) as refused:
        normalise_number(raw)

    assert str(refused.value) == f"{raw!r} {why}"


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("+19185551234", True),
        ("+1" + _in_script(ARABIC_INDIC_ZERO, "9185551234"), False),
        ("+442079460000", True),
        ("+0918555123", False),
        ("19185551234", False),
        ("", False),
    ],
)
def test_only_e164_counts_as_a_number(number, valid):
    assert is_e164(number) is valid


@pytest.mark.parametrize("caller", ["anonymous", "Restricted", "private", "unknown", "withheld"])
def test_a_screen_pop_with_a_withheld_number_starts_a_contact_without_one(as_ana, caller):
    response = as_ana.get("/desk/contact/new", {"caller": caller, "channel": "phone"})

    contact = Contact.objects.get()
    assert response["Location"] == f"/desk/contact/{contact.pk}/"
    assert contact.caller_number == ""


def test_a_screen_pop_with_arabic_indic_digits_stores_ascii(as_ana):
    caller = _in_script(ARABIC_INDIC_ZERO, "9185551234")

    as_ana.get("/desk/contact/new", {"caller": caller, "channel": "phone"})

    assert Contact.objects.get().caller_number == "+19185551234"


def test_a_screen_pop_from_an_internal_sip_extension_is_refused(as_ana):
    response = as_ana.get("/desk/contact/new", {"caller": "sip:1001@10.0.0.5", "channel": "phone"})

    assert response.status_code == 400
    assert "Enter the caller&#x27;s number with its area code" in response.content.decode()
    assert Contact.objects.count() == 0


def test_a_number_stored_before_the_fix_never_reaches_a_request_or_a_text(cast, service, contact):
    unsafe = "+1" + _in_script(ARABIC_INDIC_ZERO, "9185551234")
    Contact.objects.filter(pk=contact.pk).update(caller_number=unsafe)
    contact.refresh_from_db()

    filed = actions.file_request_for_contact(
        contact, service=service, by=cast["ana"], description="Hole", send_updates=True
    )

    assert ServiceRequest.objects.get(pk=filed.pk).reporter_phone == ""
    assert Follower.objects.count() == 0
    with pytest.raises(ActionError, match="the caller withheld their number"):
        actions.add_caller_to_request(contact, filed, by=cast["ana"])
