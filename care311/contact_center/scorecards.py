"""Agent scorecards: one agent's figures for a period beside the team's, and a daily trend.

The team is every agent who took calls in the period; its ratios (AHT, occupancy, FCR)
are over all their calls and time, and its counts are also shown per agent on average.
"""

from dataclasses import dataclass

from care311.contact_center.charts import Series, line_chart
from care311.contact_center.metrics.definitions import COUNT, SCORECARD, Definition, format_value
from care311.contact_center.metrics.grouping import Grouping, Period
from care311.contact_center.metrics.report import NO_AGENT, Report, call_report
from care311.contact_center.models import Agent

TREND = ("answered", "aht")


@dataclass
class Line:
    definition: Definition
    agent: str
    team: str
    team_average: str
    agent_unknown: str = ""  # why the agent's figure is unknown, where the definition says
    team_unknown: str = ""


def team_report(period: Period) -> Report:
    """Every agent's scorecard figures for the period, one row each, without unanswered calls."""
    report = call_report(period, Grouping(("agent",)), SCORECARD)
    report.rows = [row for row in report.rows if row.labels[0] != NO_AGENT]
    return report


def scorecard(agent: Agent, period: Period) -> dict:
    team = team_report(period)
    agents = max(len(team.rows), 1)
    own = next((row for row in team.rows if row.labels[0] == agent.name), None)
    team_ids = list(
        Agent.objects.filter(name__in=[row.labels[0] for row in team.rows]).values_list(
            "pk", flat=True
        )
    )
    overall = call_report(period, Grouping(()), SCORECARD, agents=team_ids or [agent.pk])
    lines = []
    for index, definition in enumerate(team.definitions):
        mine = own.values[index] if own is not None else None
        whole = overall.total.values[index]
        average = whole / agents if definition.unit == COUNT and whole is not None else None
        lines.append(
            Line(
                definition,
                format_value(definition, mine),
                format_value(definition, whole),
                format_value(definition, average) if definition.unit == COUNT else "",
                own.reasons[index] if own is not None else "",
                overall.total.reasons[index],
            )
        )
    return {
        "lines": lines,
        "team_size": len(team.rows),
        "trend": trend(agent, period),
        "definitions": team.definitions,
        "notes": list(dict.fromkeys([*team.all_notes, *overall.all_notes])),
    }


def trend(agent: Agent, period: Period) -> dict:
    """Calls answered and AHT for each day of the period (a day off shows as a gap)."""
    report = call_report(period, Grouping(("day",)), TREND, agents=[agent.pk])
    found = {row.labels[0]: row.values for row in report.rows}
    days = [day.isoformat() for day in period.days()]
    answered = [found.get(day, [None, None])[0] for day in days]
    handle = [found.get(day, [None, None])[1] for day in days]
    return {
        "answered": line_chart("Calls answered a day", days, [Series("Answered", answered)]),
        "aht": line_chart(
            "Average handle time a day", days, [Series("Average handle time", handle)], unit=" s"
        ),
        "rows": [
            (day, format_value(report.definitions[0], a), format_value(report.definitions[1], h))
            for day, a, h in zip(days, answered, handle, strict=True)
        ],
        "definitions": report.definitions,
    }
