"""In Chromium: the desk header's presence stays readable in each state an agent passes
through (dark ink on the light badges, light text for "Set by your contact"), and a message
above the page is a list inside its status region, so axe-core finds nothing serious."""

import pytest

from care311.accounts.tests.conftest import fast_passwords  # noqa: F401 (an autouse fixture)
from care311.desk import actions
from care311.desk.models import Contact
from care311.testing.browser import axe_violations

from .conftest import CALLER, PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_as_ana(page, live_server) -> None:
    page.goto(f"{live_server.url}/staff/sign-in/?next=/desk/")
    page.fill("#id_username", "ana")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{live_server.url}/desk/")


def test_the_header_passes_axe_in_each_presence_state(live_server, browser_page, cast):
    ana, page = cast["ana"], browser_page
    sign_in_as_ana(page, live_server)

    seen = {}
    for state, change in (
        ("available", lambda: actions.choose_presence(ana, "available")),
        ("break", lambda: actions.choose_presence(ana, "break", reason="Lunch")),
        (
            "on_contact",
            lambda: actions.start_contact(agent=ana, channel="phone", caller_number=CALLER),
        ),
        ("wrap_up", lambda: actions.end_contact(Contact.objects.get(agent=ana), by=ana)),
    ):
        change()
        page.goto(f"{live_server.url}/desk/")
        seen[state] = (page.get_attribute("#presence-now", "class"), axe_violations(page))

    assert seen == {
        "available": ("presence-now state-available", []),
        "break": ("presence-now state-break", []),
        "on_contact": ("presence-now state-on_contact", []),
        "wrap_up": ("presence-now state-wrap_up", []),
    }


def test_a_message_is_a_list_in_a_status_region(live_server, browser_page, cast):
    page = browser_page
    sign_in_as_ana(page, live_server)

    # A break without a reason is refused with a message.
    page.select_option("#presence-state", "break")
    page.press("#presence-reason", "Enter")
    page.wait_for_selector(".messages li")

    assert axe_violations(page) == []
    assert page.inner_text("[role=status] > ul.messages > li") == (
        "Presence not changed: a break needs a reason."
    )
