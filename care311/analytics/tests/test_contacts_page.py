"""Contacts joined with requests: contacts per request, repeat contacts about requests still
open, information given by knowledge article, and the self-service share by channel."""

from datetime import UTC, datetime, timedelta

import pytest

from care311.desk import actions as desk
from care311.knowledge.models import Article
from care311.service_requests import actions
from care311.service_requests.models import ServiceRequest

from .conftest import BY

pytestmark = pytest.mark.django_db
MARCH = "kind=month&day=2025-03-01"


def at(day: int, hour: int = 15) -> datetime:
    return datetime(2025, 3, day, hour, tzinfo=UTC)


def contact(agent, when, *, about=None, outcome="request_updated", article=None):
    made = desk.start_contact(agent=agent, channel="phone", caller_number="+19185550100", now=when)
    if about is not None:
        desk.link_request_to_contact(made, about, by=agent)
    desk.end_contact(made, by=agent, now=when + timedelta(minutes=3))
    return desk.wrap_up_contact(
        made, outcome=outcome, by=agent, article=article, now=when + timedelta(minutes=4)
    )


@pytest.fixture
def calls(cast, pothole, graffiti):
    """A pothole filed on the web on the 3rd and called about twice while open (the 4th and
    the 5th) and once after it closed (the 8th); a graffiti report by phone; two answers from
    one article and one from another."""
    hole = actions.create_request(
        service=pothole, channel="web", by=BY, description="hole", requested_at=at(3)
    )
    actions.create_request(
        service=graffiti, channel="phone", by=BY, description="tag", requested_at=at(3)
    )
    ana = cast["ana"]
    contact(ana, at(4), about=hole)
    contact(ana, at(5), about=hole)
    actions.close_request(hole, reason="Filled", by=BY)
    ServiceRequest.objects.filter(pk=hole.pk).update(closed_at=at(6))
    contact(ana, at(8), about=ServiceRequest.objects.get(pk=hole.pk))
    bins = Article.objects.create(
        slug="bins", title="Bin collection days", body="Mondays.", category="Waste"
    )
    contact(ana, at(9), outcome="information_given", article=bins)
    contact(ana, at(10), outcome="information_given", article=bins)
    fees = Article.objects.create(slug="fees", title="Permit fees", body="$20.", category="Permits")
    contact(ana, at(11), outcome="information_given", article=fees)
    return hole


def test_it_counts_repeat_contacts_about_open_requests(client, cast, calls):
    client.force_login(cast["sue"])
    html = client.get(f"/analytics/contacts/?{MARCH}").content.decode()

    assert "<strong>6</strong> contacts in the period" in html
    assert "<strong>2</strong> repeat contacts about 1 request still open" in html


def test_it_counts_contacts_per_request(client, cast, calls):
    client.force_login(cast["sue"])
    text = client.get(f"/analytics/contacts/?{MARCH}&csv=per_request").content.decode()

    assert text.splitlines() == ["Contacts,Requests", "0,1", "1,0", "2,0", "3+,1"]


def test_it_ranks_information_given_by_article(client, cast, calls):
    client.force_login(cast["sue"])
    text = client.get(f"/analytics/contacts/?{MARCH}&csv=reasons").content.decode()

    assert text.splitlines() == [
        "Knowledge article,Contacts",
        "Bin collection days,2",
        "Permit fees,1",
    ]


def test_it_shows_the_self_service_share_over_time(client, cast, calls):
    client.force_login(cast["sue"])
    text = client.get(f"/analytics/contacts/?{MARCH}&csv=self_service").content.decode()

    lines = text.splitlines()
    assert lines[0] == "Period,Phone,Web,Self-service (%)"
    assert lines[-1] == "2025-03,1,1,50.0"
    assert lines[-2] == "2025-02,0,0,"


def test_department_staff_see_contacts_about_their_requests_only(client, cast, calls):
    client.force_login(cast["parks"])
    html = client.get(f"/analytics/contacts/?{MARCH}").content.decode()

    assert "<strong>0</strong> contacts in the period" in html
    assert "<strong>0</strong> repeat contacts" in html
