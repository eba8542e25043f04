"""No export holds a reporter's or follower's contact details, even where residents wrote
them into the description or staff into a note."""

import re

import pytest

from care311.analytics.opendata.exporting import FORMATS
from care311.analytics.tests.exports import contact_details, exported
from care311.service_requests import actions
from care311.service_requests.actors import System

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_finds_no_contact_detail_of_anyone_in_the_whole_output(
    fmt, tmp_path, nyc, residents_requests
):
    actions.follow_request(
        residents_requests[0],
        email="dan.follower@example.org",
        phone="918-555-0101",
        me_too=True,
        notify=True,
        by=System("test"),
    )
    details = contact_details()
    assert details == {
        "Ana Ruiz",
        "ana.ruiz@example.org",
        "(918) 555-0134",
        "BEN@Example.COM",
        "+1 918 555 0177",
        "918.555.0199",
        "internal@example.net",
        "dan.follower@example.org",
        "918-555-0101",
    }
    text = exported(fmt, tmp_path).lower()

    for detail in details:
        assert detail.lower() not in text, detail
        digits = re.sub(r"\D", "", detail)
        if len(digits) >= 10:
            assert digits[-10:] not in text, detail
    assert "[email removed]" in text and "[phone removed]" in text
