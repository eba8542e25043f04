"""The contact-center pages for staff: wallboard, reports, agents and their scorecards."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from care311.accounts import roles
from care311.contact_center import scorecards
from care311.contact_center import wallboard as board
from care311.contact_center.access import (
    AGENTS,
    SUPERVISORS,
    refused,
    staff_context,
    staff_data,
    staff_page,
)
from care311.contact_center.metrics.definitions import REPORT, SCORECARD
from care311.contact_center.metrics.grouping import Grouping
from care311.contact_center.metrics.report import Report, call_report
from care311.contact_center.models import Agent
from care311.contact_center.reports import (
    PeriodForm,
    ReportForm,
    abandonment_curve,
    table,
    trend_charts,
    write_csv,
)


@require_safe
@staff_page(*SUPERVISORS)
def wallboard(request: HttpRequest) -> HttpResponse:
    context = staff_context(request, board=board.snapshot())
    return render(request, "contact_center/wallboard.html", context)


@require_safe
@never_cache
@staff_data(*SUPERVISORS)
def wallboard_data(request: HttpRequest) -> JsonResponse:
    return JsonResponse(board.snapshot())


@require_safe
@staff_page(*SUPERVISORS)
def reports(request: HttpRequest) -> HttpResponse:
    form = ReportForm.for_request(request.GET)
    context = staff_context(request, form=form)
    if form.is_valid():
        period, grouping, queues = form.period(), form.grouping(), form.queues()
        report = call_report(period, grouping, REPORT, queues=queues)
        if request.GET.get("format") == "csv":
            return _csv(report, f"calls-{period.first}-{period.last}.csv")
        context.update(
            report=report,
            table=table(report),
            trend=trend_charts(period, grouping, queues),
            curve=abandonment_curve(period, queues),
            csv_query=_with(request, format="csv"),
        )
    return render(request, "contact_center/reports.html", context)


@require_safe
@staff_page(*SUPERVISORS)
def agents(request: HttpRequest) -> HttpResponse:
    form = PeriodForm.for_request(request.GET)
    context = staff_context(request, form=form)
    if form.is_valid():
        period = form.period()
        report = scorecards.team_report(period)
        if request.GET.get("format") == "csv":
            return _csv(report, f"agents-{period.first}-{period.last}.csv")
        ids = dict(Agent.objects.values_list("name", "pk"))
        context.update(
            table=table(report),
            notes=report.all_notes,
            agent_ids=[ids.get(row.labels[0]) for row in report.rows],
            query=request.GET.urlencode(),
            csv_query=_with(request, format="csv"),
        )
    return render(request, "contact_center/agents.html", context)


@require_safe
@staff_page(*AGENTS)
def scorecard(request: HttpRequest, agent_id: int) -> HttpResponse:
    agent = get_object_or_404(Agent, pk=agent_id)
    if agent.user_id != request.user.pk and not roles.has_role(request.user, *SUPERVISORS):
        return refused(request, _("An agent sees only their own scorecard."))
    form = PeriodForm.for_request(request.GET)
    context = staff_context(request, form=form, agent=agent)
    if form.is_valid():
        period = form.period()
        if request.GET.get("format") == "csv":
            report = call_report(period, Grouping(("day",)), SCORECARD, agents=[agent.pk])
            return _csv(report, f"scorecard-{agent.pk}-{period.first}-{period.last}.csv")
        context.update(
            card=scorecards.scorecard(agent, period), csv_query=_with(request, format="csv")
        )
    return render(request, "contact_center/scorecard.html", context)


def _csv(report: Report, name: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    write_csv(report, response)
    return response


def _with(request: HttpRequest, **params: str) -> str:
    query = request.GET.copy()
    for name, value in params.items():
        query[name] = value
    return query.urlencode()
