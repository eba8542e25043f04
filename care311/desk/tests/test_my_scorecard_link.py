"""The desk's header links an agent to their own scorecard when their account answers as a
call-center agent; an agent with no such link sees no such entry."""

import pytest

from care311.contact_center.models import Agent

pytestmark = pytest.mark.django_db


def test_it_links_a_linked_agent_to_their_scorecard(client, cast):
    kazav = Agent.objects.create(name="KAZAV", user=cast["ana"])
    client.force_login(cast["ana"])

    page = client.get("/desk/").content.decode()

    assert f'<li><a href="/contact-center/agents/{kazav.pk}/">My scorecard</a></li>' in page
    assert client.get(f"/contact-center/agents/{kazav.pk}/").status_code == 200


def test_it_shows_no_link_to_an_agent_not_linked(client, cast):
    Agent.objects.create(name="KAZAV", user=cast["ana"])
    client.force_login(cast["ben"])

    page = client.get("/desk/").content.decode()

    assert "My scorecard" not in page
    assert "/contact-center/agents/" not in page


def test_it_shows_no_link_to_department_staff(client, cast):
    client.force_login(cast["streets"])

    page = client.get("/desk/queues/").content.decode()

    assert "My scorecard" not in page
