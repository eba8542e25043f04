"""Agent scorecards: an agent sees their own, supervisors see everyone's, each beside the
team.

On Monday 3 March 2025 (Chicago), ana handles three calls with 100, 200 and 300 s of talk
and ben one with 600 s: ana's AHT 200 s, ben's 600 s, the team's (100+200+300+600)/4 =
300 s; answered: team 4, 2 per agent.
"""

import pytest

from care311.contact_center.models import Agent

pytestmark = pytest.mark.django_db

PERIOD = "start=2025-03-03&end=2025-03-03"


@pytest.fixture
def calls(cast, post_events):
    events = []
    for n, (agent, talk) in enumerate([("ana", 100), ("ana", 200), ("ana", 300), ("ben", 600)]):
        start = 9 * 3600 + n * 1000
        clock = [
            f"2025-03-03T{(start + s) // 3600:02d}:{(start + s) % 3600 // 60:02d}:"
            f"{(start + s) % 60:02d}-06:00"
            for s in (0, 10, 10 + talk)
        ]
        events += [
            {"id": f"o{n}", "type": "call.offered", "at": clock[0], "call_id": f"c{n}"},
            {
                "id": f"a{n}",
                "type": "call.answered",
                "at": clock[1],
                "call_id": f"c{n}",
                "agent": agent,
            },
            {"id": f"e{n}", "type": "call.ended", "at": clock[2], "call_id": f"c{n}"},
        ]
    post_events(*events)
    return {agent.name: agent.pk for agent in Agent.objects.all()}


def _url(agent_id: int, extra: str = "") -> str:
    return f"/contact-center/agents/{agent_id}/?{PERIOD}{extra}"


@pytest.mark.parametrize(
    ("username", "whose", "status"),
    [
        ("ana", "ana", 200),
        ("ana", "ben", 403),
        ("ben", "ana", 403),
        ("supervisor", "ana", 200),
        ("admin", "ben", 200),
        ("streets", "ana", 403),
    ],
)
def test_it_shows_agents_only_their_own_scorecard(client, cast, calls, username, whose, status):
    client.force_login(cast[username])

    assert client.get(_url(calls[whose])).status_code == status


def test_it_sends_visitors_to_sign_in(client, calls):
    assert client.get(_url(calls["ana"])).status_code == 302


def test_it_sets_the_agents_figures_beside_the_teams(client, cast, calls):
    client.force_login(cast["ana"])

    page = client.get(_url(calls["ana"])).content.decode()

    assert (
        '<th scope="row">Average handle time<code>aht</code></th>'
        "<td>200.0 s</td><td>300.0 s</td><td></td>"
    ) in page
    assert (
        '<th scope="row">Answered<code>answered</code></th><td>3</td><td>4</td><td>2</td>' in page
    )
    assert "Calls answered a day</title>" in page


def test_it_exports_the_agents_days_as_csv(client, cast, calls):
    client.force_login(cast["ana"])

    rows = client.get(_url(calls["ana"], "&format=csv")).content.decode().splitlines()

    assert rows[0].startswith("day,answered,aht,")
    assert rows[1].startswith("2025-03-03,3,200.0,")


def test_it_lists_every_agent_for_supervisors(client, cast, calls):
    client.force_login(cast["supervisor"])

    page = client.get(f"/contact-center/agents/?{PERIOD}").content.decode()

    query = PERIOD.replace("&", "&amp;")
    assert f'href="/contact-center/agents/{calls["ben"]}/?{query}"' in page
    assert (
        client.get(f"/contact-center/agents/?{PERIOD}&format=csv")
        .content.decode()
        .splitlines()[1]
        .startswith("ana,3,200.0,")
    )
    client.force_login(cast["ana"])
    assert client.get("/contact-center/agents/").status_code == 403
