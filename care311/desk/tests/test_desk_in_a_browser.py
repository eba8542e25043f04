"""In Chromium, by keyboard alone: an agent signs in, the phone system pops up a contact with a
caller who has called before, the agent reads the knowledge panel's pothole script, files a
pothole request past the duplicate suggestion with the service's questions, and wraps up.
Screenshots go to ./screenshots/desk-*.png at phone and desktop widths, and each desk page
must pass axe-core without serious or critical problems."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from care311.accounts.tests.conftest import fast_passwords  # noqa: F401 (an autouse fixture)
from care311.catalog.models import ServiceType
from care311.demo.articles import load_articles
from care311.demo.catalog import load_catalog
from care311.desk import actions
from care311.desk.models import Contact, ContactRequest, Presence, PresenceInterval
from care311.knowledge.models import Article
from care311.portal.tests.browser import tab_to
from care311.service_requests import actions as request_actions
from care311.service_requests.actors import System
from care311.service_requests.models import EventKind, Follower, ServiceRequest

from .conftest import CALLER, PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREEN_POP = "/desk/contact/new?caller=%2B19185551234&channel=phone"
PEORIA = "1200 S Peoria Ave"


@pytest.fixture
def caller_history(cast):
    """The demo catalog and articles; the caller's earlier call to Ben, who filed a missed
    trash pickup for them; and a neighbour's open pothole report at the address they call
    about now. Returns (the caller's earlier request, the neighbour's request)."""
    load_catalog()
    load_articles()
    trash = ServiceType.objects.get(service_code="SAN-TRASH")
    earlier = actions.start_contact(
        agent=cast["ben"],
        channel="phone",
        caller_number=CALLER,
        now=timezone.now() - timedelta(days=3),
    )
    theirs = actions.file_request_for_contact(
        earlier, service=trash, by=cast["ben"], address="4115 E 31st St"
    )
    actions.wrap_up_contact(
        earlier, outcome="request_created", by=cast["ben"], notes="Cart out by 6:45 on Monday"
    )
    neighbours = request_actions.create_request(
        service=ServiceType.objects.get(service_code="STR-POTHOLE"),
        channel="web",
        by=System("test"),
        address=PEORIA,
        description="Deep hole in the northbound lane",
    )
    return theirs, neighbours


def shift_tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Shift+Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Shift+Tab never reached {selector}")


def assert_focus_shown(page, selector: str) -> None:
    """The focus is on `selector`, and the browser draws it (the desk's outline, or Chromium's
    own focus ring where the desk sets none)."""
    focus = page.evaluate(
        """(s) => {
            const e = document.activeElement, style = getComputedStyle(e);
            return {
                on: e.matches(s) ? s : e.outerHTML.slice(0, 120),
                visible: e.matches(":focus-visible"),
                outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
            };
        }""",
        selector,
    )
    assert focus == {"on": selector, "visible": True, "outline": True}


def press_enter_and_wait(page, url: str | re.Pattern) -> None:
    page.keyboard.press("Enter")
    page.wait_for_url(url)


def test_an_agent_takes_a_call_from_the_screen_pop_to_wrap_up_by_keyboard(
    live_server, browser_page, look, cast, caller_history
):
    theirs, neighbours = caller_history
    page = browser_page

    # Signing in, by keyboard.
    page.goto(f"{live_server.url}/desk/")
    page.wait_for_url(re.compile(r"/staff/sign-in/\?next=/desk/$"))
    tab_to(page, "#id_username")
    page.keyboard.type("ana")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    press_enter_and_wait(page, f"{live_server.url}/desk/")
    assert_focus_shown(page, "h1")
    look(page, "desk-home")

    # The phone system opens the screen-pop URL: the contact starts with the caller's history.
    page.goto(live_server.url + SCREEN_POP)
    page.wait_for_url(re.compile(r"/desk/contact/\d+/$"))
    assert_focus_shown(page, "#contact-title")
    assert page.inner_text("h1") == f"Contact with {CALLER}"
    history = page.inner_text("section[aria-labelledby=history-title]")
    assert f"{theirs.public_id}\tMissed trash pickup\tNew\t4115 E 31st St" in history
    assert "Phone · Request created · ben · Cart out by 6:45 on Monday" in history
    assert neighbours.public_id not in history
    look(page, "desk-contact")

    # The knowledge panel: search, open the script, and say it was used.
    tab_to(page, "#knowledge-q")
    page.keyboard.type("pothole repair")
    press_enter_and_wait(page, re.compile(r"\?q=pothole\+repair#knowledge-title$"))
    assert_focus_shown(page, "#knowledge-title")
    article = Article.objects.get(slug="pothole-repair-times", language="en")
    script = page.locator("article.script").first
    assert script.locator("h3").inner_text() == article.title
    tab_to(page, "article.script summary")
    page.keyboard.press("Enter")
    assert script.locator("details").get_attribute("open") == ""
    assert "Crews patch most reported potholes" in script.locator("details").inner_text()
    look(page, "desk-contact-knowledge")
    tab_to(page, "article.script button")
    press_enter_and_wait(page, re.compile(r"/desk/contact/\d+/#knowledge-title$"))
    assert f"Information given from “{article.title}”." in page.inner_text("main")

    # Filing for the caller: back up to the filing step, choose the service by typing.
    shift_tab_to(page, "#file-link")
    press_enter_and_wait(page, re.compile(r"/file/$"))
    assert_focus_shown(page, "#id_service")
    page.keyboard.type("pothole")
    assert page.input_value("#id_service") == "STR-POTHOLE"
    page.keyboard.press("Tab")
    page.keyboard.type(PEORIA)
    look(page, "desk-file-where")
    press_enter_and_wait(page, re.compile(r"/file/details/\?service=STR-POTHOLE&address="))
    assert_focus_shown(page, "#details-title")

    # The duplicate suggestion: the neighbour's report is offered; this is another hole.
    nearby = page.inner_text("section.nearby")
    assert "1 open request of this service nearby" in nearby
    assert f"{neighbours.public_id} · New · {PEORIA}" in nearby
    assert f"Add this caller to {neighbours.public_id}" in nearby
    look(page, "desk-file-details")

    # The required question left unanswered: the summary takes the focus and leads back to it.
    tab_to(page, "#id_description")
    page.keyboard.type("Second hole, by the curb on the southbound side")
    tab_to(page, "button.primary")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert_focus_shown(page, ".error-summary")
    look(page, "desk-file-details-unanswered")
    tab_to(page, ".error-summary a")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert_focus_shown(page, 'input[name="attribute[size]"][value="S"]')
    page.keyboard.press("ArrowDown")
    assert page.is_checked('input[name="attribute[size]"][value="M"]')
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.is_checked('input[name="attribute[lane]"][value="TRAVEL"]')
    page.keyboard.press("Tab")
    page.keyboard.type("4")
    assert page.input_value("#id_description") == "Second hole, by the curb on the southbound side"
    tab_to(page, "#id_updates")
    page.keyboard.press("Space")
    tab_to(page, "button.primary")
    press_enter_and_wait(page, re.compile(r"/desk/contact/\d+/#wrap-up-title$"))

    # Back on the contact, the focus is on the next step: end and wrap up.
    filed = ServiceRequest.objects.exclude(pk__in=[theirs.pk, neighbours.pk]).get()
    assert_focus_shown(page, "#wrap-up-title")
    assert f"Request {filed.public_id} filed for the caller." in page.inner_text("main")
    linked = page.inner_text("section[aria-labelledby=linked-title]")
    assert f"{filed.public_id} · Pothole · New · Filed during the contact" in linked
    look(page, "desk-contact-filed")
    page.keyboard.press("Tab")
    assert_focus_shown(page, "#end-button")
    press_enter_and_wait(page, re.compile(r"/desk/contact/\d+/wrap-up/$"))

    # Wrap-up: the likely outcome is chosen and has the focus; the arrows move among codes.
    assert_focus_shown(page, "input[name=outcome][value=request_created]")
    assert f"Requests on this contact: {filed.public_id} (filed during the contact)" in (
        page.inner_text("main")
    )
    look(page, "desk-wrap-up")
    page.keyboard.press("ArrowDown")
    assert page.is_checked("input[name=outcome][value=request_updated]")
    page.keyboard.press("ArrowUp")
    assert page.is_checked("input[name=outcome][value=request_created]")
    tab_to(page, "#id_notes")
    page.keyboard.type("Told the caller about the three-day patch time")
    tab_to(page, "button.primary")
    press_enter_and_wait(page, f"{live_server.url}/desk/")
    assert "Contact wrapped up. You are available." in page.inner_text("main")
    look(page, "desk-home-wrapped-up")

    contact = Contact.objects.get(agent=cast["ana"])
    assert (contact.channel, contact.direction, contact.caller_number) == (
        "phone",
        "inbound",
        CALLER,
    )
    assert (contact.outcome, contact.article_id, contact.notes) == (
        "request_created",
        article.pk,
        "Told the caller about the three-day patch time",
    )
    ended, wrapped_up = contact.ended_at, contact.wrapped_up_at
    assert ended is not None and wrapped_up is not None
    assert contact.started_at < ended <= wrapped_up
    assert list(ContactRequest.objects.filter(contact=contact).values_list("request", "link")) == [
        (filed.pk, "filed")
    ]
    assert (filed.service.service_code, filed.channel, filed.address) == (
        "STR-POTHOLE",
        "phone",
        PEORIA,
    )
    assert (filed.reporter_phone, filed.description) == (
        CALLER,
        "Second hole, by the curb on the southbound side",
    )
    assert filed.answers == {"size": "M", "lane": "TRAVEL", "depth_inches": 4}
    events = filed.events.order_by("id").values_list("kind", "actor_id", "public")
    assert list(events) == [
        (EventKind.CREATED, cast["ana"].pk, True),
        (EventKind.SUBSCRIBED, cast["ana"].pk, False),
    ]
    created = filed.events.get(kind=EventKind.CREATED)
    assert (created.changes["status"], created.changes["channel"]) == ([None, "new"], "phone")
    follower = Follower.objects.get(request=filed)
    assert (follower.phone, follower.notify, follower.me_too) == (CALLER, True, False)
    assert not Follower.objects.filter(request=neighbours).exists()
    states = PresenceInterval.objects.filter(user=cast["ana"]).values_list("state", flat=True)
    assert list(states) == [Presence.ON_CONTACT, Presence.WRAP_UP, Presence.AVAILABLE]
