"""Occupancy, utilization and calls per agent hour count only what lies inside a session, so
none of them can be impossible; with no session to count in, they are unknown, and say why.

Monday 3 March 2025, Chicago (CST):
- ana is logged in 09:00-11:00 (2 h), on a call 09:10-09:30 and 10:00-10:10 (30 min), in
  wrap-up 09:30-09:40 (10 min): occupancy = utilization = 40 / 120 = 33.3 %. She answers
  calls at 09:10 (1,200 s) and 10:00 (600 s) in that session and one at 12:00 (300 s) after
  it, with an on-call interval 12:00-12:05 and no session: neither counts, so calls per
  agent hour = 2 calls / 2 h = 1.00 (it was 3 / 2 = 1.50, and occupancy 45 / 120).
- ben has no state intervals at all: one call answered at 09:05 (600 s). Unknown, all three.
- carl has an on-call interval open since 1 March and never closed (a log that ended
  mid-call) and one call at 09:20 (60 s); no session. Before, his 24 h on a call that day
  went into the team's occupancy: (40 min + 24 h) / 120 min = 1,233 %.
The team (ana, ben, carl): occupancy 40 / 120 = 33.3 %, calls per agent hour 2 / 2 h = 1.00.
"""

from datetime import date, datetime, timedelta

import pytest

from care311.contact_center import scorecards
from care311.contact_center.metrics.definitions import (
    ALL_PAUSED,
    CALLS_DO_NOT_FIT,
    NO_AGENT_TIME,
)
from care311.contact_center.metrics.grouping import Period
from care311.contact_center.models import Agent, AgentState, AgentStateInterval, Source
from care311.contact_center.tests.conftest import CHICAGO, figures

pytestmark = pytest.mark.django_db

DAY = date(2025, 3, 3)
PERIOD = "start=2025-03-03&end=2025-03-03"
AGENT_TIME = ("occupancy", "utilization", "calls_per_agent_hour")


def at(clock: str, day: date = DAY) -> datetime:
    hours, minutes = map(int, clock.split(":"))
    return datetime(day.year, day.month, day.day, hours, minutes, tzinfo=CHICAGO)


def interval(agent: str, state: str, begin: datetime, end: datetime | None, source=Source.WEBHOOK):
    AgentStateInterval.objects.create(
        agent=Agent.objects.get_or_create(name=agent)[0],
        state=state,
        started_at=begin,
        ended_at=end,
        source=source,
    )


@pytest.fixture
def call(post_events):
    """call(agent, "HH:MM", talk seconds): a call answered then, ended `talk` s later."""
    made: list[int] = []

    def make(agent: str, clock: str, talk: int) -> None:
        n = len(made)
        answered = at(clock)
        events = [
            ("offered", answered - timedelta(seconds=10), {}),
            ("answered", answered, {"agent": agent}),
            ("ended", answered + timedelta(seconds=talk), {}),
        ]
        post_events(
            *(
                {
                    "id": f"{kind}{n}",
                    "type": f"call.{kind}",
                    "at": moment.isoformat(),
                    "call_id": f"c{n}",
                    **extra,
                }
                for kind, moment, extra in events
            )
        )
        made.append(n)

    return make


@pytest.fixture
def team(cast, call):
    interval("ana", AgentState.LOGGED_IN, at("09:00"), at("11:00"))
    interval("ana", AgentState.ON_CALL, at("09:10"), at("09:30"))
    interval("ana", AgentState.WRAP_UP, at("09:30"), at("09:40"))
    interval("ana", AgentState.ON_CALL, at("10:00"), at("10:10"))
    interval("ana", AgentState.ON_CALL, at("12:00"), at("12:05"))
    interval("carl", AgentState.ON_CALL, at("00:00", date(2025, 3, 1)), None, Source.QUEUE_LOG)
    call("ana", "09:10", 1200)
    call("ana", "10:00", 600)
    call("ana", "12:00", 300)
    call("ben", "09:05", 600)
    call("carl", "09:20", 60)


def agent_time_figures(*labels: str, by: str = "agent") -> tuple:
    got = figures(DAY, DAY, by, *labels)
    return tuple(None if got[name] is None else round(got[name], 2) for name in AGENT_TIME)


def test_it_counts_only_time_and_calls_inside_the_session(team):
    assert agent_time_figures("ana") == (33.33, 33.33, 1.0)


def test_it_leaves_the_figures_unknown_without_state_intervals(team):
    assert agent_time_figures("ben") == (None, None, None)
    assert agent_time_figures("carl") == (None, None, None)


def test_it_sums_the_team_from_session_time_only(team):
    assert agent_time_figures() == (33.33, 33.33, 1.0)


def test_it_gives_the_reason_a_figure_is_unknown(team):
    period = Period(DAY, DAY, CHICAGO)
    report = scorecards.team_report(period)
    ben = next(row for row in report.rows if row.labels == ("ben",))
    names = [definition.name for definition in report.definitions]

    assert [ben.reasons[names.index(name)] for name in AGENT_TIME] == [NO_AGENT_TIME] * 3
    assert ben.reasons[names.index("aht")] == ""
    assert report.all_notes == [
        f"{label} is unknown (—) where {NO_AGENT_TIME}."
        for label in ("Occupancy", "Utilization", "Calls per agent hour")
    ]


def test_it_shows_the_team_column_and_the_reasons_on_the_scorecard(client, cast, team):
    client.force_login(cast["supervisor"])
    ben = Agent.objects.get(name="ben").pk

    page = client.get(f"/contact-center/agents/{ben}/?{PERIOD}").content.decode()

    reason = "No logged-in time is known from the agents&#x27; state intervals."
    assert (
        '<th scope="row">Occupancy<code>occupancy</code></th>'
        f'<td>—<span class="note">{reason}</span></td><td>33.3%</td><td></td>'
    ) in page
    assert (
        '<th scope="row">Calls per agent hour<code>calls_per_agent_hour</code></th>'
        f'<td>—<span class="note">{reason}</span></td><td>1.00/h</td><td></td>'
    ) in page


def test_it_leaves_out_a_session_its_calls_do_not_fit_in(cast, call):
    # dana: 09:00-09:15 (900 s) and ten calls of 147 s answered in it, 1,470 s: as a replay
    # sped up 20 times writes them. It was 10 / 0.25 h = 40 an hour, with 147 s a call.
    interval("dana", AgentState.LOGGED_IN, at("09:00"), at("09:15"))
    for minute in range(10):
        call("dana", f"09:{minute:02d}", 147)
    # eve: the same session with six such calls, 882 s: they fit, 6 / 0.25 h = 24 an hour.
    interval("eve", AgentState.LOGGED_IN, at("09:00"), at("09:15"))
    for minute in range(6):
        call("eve", f"09:{minute:02d}", 147)

    assert agent_time_figures("dana") == (0.0, 0.0, None)
    assert agent_time_figures("eve") == (0.0, 0.0, 24.0)
    assert agent_time_figures() == (0.0, 0.0, 24.0)
    report = scorecards.team_report(Period(DAY, DAY, CHICAGO))
    assert report.all_notes == [f"Calls per agent hour is unknown (—) where {CALLS_DO_NOT_FIT}."]


def test_it_counts_a_pause_during_a_call_as_the_call(cast):
    # 09:00-10:00, on a call 09:00-09:50, paused 09:00-09:30: before, 50 / (60 - 30) = 166.7 %.
    interval("fay", AgentState.LOGGED_IN, at("09:00"), at("10:00"))
    interval("fay", AgentState.ON_CALL, at("09:00"), at("09:50"))
    interval("fay", AgentState.PAUSED, at("09:00"), at("09:30"))

    assert agent_time_figures("fay") == (83.33, 83.33, 0.0)


def test_it_counts_overlapping_sessions_once(cast):
    # Two sources report sessions 09:00-10:00 and 09:30-10:30: 90 min logged in, not 120.
    # On a call 09:40-10:00 and paused 10:00-10:30: 20 / (90 - 30) and 20 / 90.
    interval("gil", AgentState.LOGGED_IN, at("09:00"), at("10:00"))
    interval("gil", AgentState.LOGGED_IN, at("09:30"), at("10:30"), Source.REPLAY)
    interval("gil", AgentState.ON_CALL, at("09:40"), at("10:00"))
    interval("gil", AgentState.PAUSED, at("10:00"), at("10:30"))

    assert agent_time_figures("gil") == (33.33, 22.22, 0.0)


def test_it_says_when_the_agent_was_paused_all_session(cast):
    interval("hal", AgentState.LOGGED_IN, at("09:00"), at("10:00"))
    interval("hal", AgentState.PAUSED, at("09:00"), at("10:00"))
    report = scorecards.team_report(Period(DAY, DAY, CHICAGO))

    assert agent_time_figures("hal") == (None, 0.0, 0.0)
    assert report.all_notes == [f"Occupancy is unknown (—) where {ALL_PAUSED}."]
