"""The staff analytics pages: department performance, the drill-down lists behind every figure,
and geography and equity. Department staff see their own department; supervisors and
administrators the whole city."""

import math

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from care311.analytics import contacts as joined
from care311.analytics import geography as geo
from care311.analytics.charts import Table
from care311.analytics.performance import figures
from care311.analytics.performance.dashboard import dashboard
from care311.analytics.scope import ANALYSTS, Scope, ScopeForm, scope_of
from care311.catalog.models import District
from care311.contact_center.access import staff_page
from care311.contact_center.views import staff_context

LIST_PAGE = 50


def _scope(request: HttpRequest) -> tuple[ScopeForm, Scope | None]:
    form = ScopeForm(request.GET or None, user=request.user)
    if request.GET and not form.is_valid():
        return form, None
    if not request.GET:
        form = ScopeForm({}, user=request.user)
        form.is_valid()
    return form, scope_of(form)


def _status(form: ScopeForm) -> int:
    """A page whose form was refused is a bad request: shown with the errors, but a 400."""
    return 400 if form.errors else 200


def link(scope: Scope, view: str = "requests", **changes: object) -> str:
    return f"{reverse(f'analytics:{view}')}?{urlencode(scope.query(**changes))}"


@require_safe
@staff_page(*ANALYSTS)
def performance(request: HttpRequest) -> HttpResponse:
    form, scope = _scope(request)
    context: dict = staff_context(request, form=form, scope=scope)
    if scope is not None:
        board = dashboard(scope)
        tables = {"services": board.services, "trend": board.trend}
        wanted = request.GET.get("csv")
        if wanted in tables:
            return tables[wanted].csv_response(f"{wanted}-{scope.choice.first}")
        if wanted == "figures":
            return _figures_csv(board, scope)
        previous = scope.choice.previous()
        for row in board.rows:
            row["link"] = link(scope, figure=row["figure"].name)
            row["previous_link"] = link(
                scope,
                figure=row["figure"].name,
                kind=previous.kind,
                day=previous.first,
                last=previous.last,
            )
        context.update(
            board=board,
            previous=previous,
            trend_chart=board.trend.line(1, 2),
            time_chart=board.trend.line(3, unit=" h"),
            trend_links=[
                link(scope, figure="received", kind="custom", day=p.first, last=p.last)
                for p in board.trend.keys
            ],
            service_links=[
                link(scope, figure="received", service=key) for key in board.services.keys
            ],
            csv_links={name: link(scope, "performance", csv=name) for name in (*tables, "figures")},
        )
    return render(request, "analytics/performance.html", context, status=_status(form))


def _figures_csv(board, scope: Scope) -> HttpResponse:
    table = Table("figures", ["figure", "label", "this period", "previous period", "share"])
    for row in board.rows:
        table.add(
            row["figure"].name, str(row["figure"].label), row["now"], row["before"], row["share"]
        )
    table.add(
        "median_hours_to_close", "", board.current.median_hours, board.previous.median_hours, None
    )
    table.add("p90_hours_to_close", "", board.current.p90_hours, board.previous.p90_hours, None)
    table.add("sla_compliance", "", board.current.compliance, board.previous.compliance, None)
    return table.csv_response(f"figures-{scope.choice.first}")


@require_safe
@staff_page(*ANALYSTS)
def requests(request: HttpRequest) -> HttpResponse:
    """The requests one figure counts, in the same scope. A bad filter is shown beside the
    form, with a 400, as on the other analytics pages."""
    form, scope = _scope(request)
    figure = figures.BY_NAME.get(request.GET.get("figure") or "received")
    if figure is None:
        form.add_error(None, _("No such figure."))
    place = _place(request, scope, form) if scope is not None else None
    # A bad district or point is left out of the form, so sending it again drops it.
    kept = [("figure", figure.name)] if figure is not None else []
    context = staff_context(request, form=form, scope=scope, figure=figure, extra_fields=kept)
    if scope is None or figure is None or form.errors:
        return render(request, "analytics/requests.html", context, status=400)

    found = scope.requests.filter(figure.q(scope.window))
    if place is not None:
        found = found.filter(pk__in=place.values("pk"))
    found = found.select_related("service").order_by("-requested_at", "-id")
    page = Paginator(found, LIST_PAGE).get_page(request.GET.get("page"))

    extra = {name: request.GET[name] for name in ("district", "point") if request.GET.get(name)}
    context.update(
        page=page,
        extra_fields=[*extra.items(), ("figure", figure.name)],
        query=urlencode(scope.query(figure=figure.name, **extra)),
    )
    return render(request, "analytics/requests.html", context)


def _place(request: HttpRequest, scope: Scope, form: ScopeForm) -> QuerySet | None:
    """The requests of one district or one default point, when the list is limited to one;
    a district or point that cannot be found is the form's error."""
    district_id, point = request.GET.get("district"), request.GET.get("point")
    if district_id:
        district = None
        if _is_ascii_number(district_id):
            district = District.objects.filter(pk=int(district_id)).first()
        if district is None:
            form.add_error(None, _("No such district."))
            return None
        return geo.requests_in(scope.requests, scope.window, district)
    if point:
        place = _point(point)
        if place is None:
            form.add_error(None, _("A point is a latitude and a longitude, like 40.7,-73.9."))
            return None
        return geo.requests_at(scope.requests, scope.window, *place)
    return None


def _point(text: str) -> tuple[float, float] | None:
    try:
        latitude, longitude = (float(part) for part in text.split(","))
    except ValueError:
        return None
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    if abs(latitude) > 90 or abs(longitude) > 180:
        return None
    return latitude, longitude


def _is_ascii_number(text: str) -> bool:
    """Digits 0-9 only: str.isdigit() also passes "²", which int() refuses, and int() reads
    other scripts' digits, which no id is written in."""
    return text.isascii() and text.isdecimal()


@require_safe
@staff_page(*ANALYSTS)
def geography(request: HttpRequest) -> HttpResponse:
    form, scope = _scope(request)
    kinds = geo.district_kinds()
    kind = request.GET.get("district_kind") or (kinds[0] if kinds else "")
    context: dict = staff_context(
        request,
        form=form,
        scope=scope,
        kinds=kinds,
        kind=kind,
        extra_fields=[("district_kind", kind)],
    )
    if scope is not None:
        found = geo.geography(scope.requests, scope.window, kind)
        if request.GET.get("csv") == "districts":
            return found.table.csv_response(f"districts-{scope.choice.first}")
        markers, open_total = geo.open_markers(scope.requests, found.default_points)
        for point in found.default_points:
            point["link"] = link(
                scope, point=f"{point['latitude']},{point['longitude']}", figure="received"
            )
        district_links = [
            link(scope, district=key, figure="received") if key else link(scope, figure="received")
            for key in found.table.keys
        ]
        context.update(
            geo=found,
            rows=list(
                zip(found.table.shown(), geo.flags(found.table), district_links, strict=True)
            ),
            median_chart=found.table.bars(3, " h", title=_("Median hours to close by district")),
            compliance_chart=found.table.bars(
                5, "%", title=_("Service target met by district (%)")
            ),
            csv_link=link(scope, "geography", csv="districts", district_kind=kind),
            map_data={
                "open": markers,
                "density": found.density,
                "districts": [
                    {"name": d.name, "geometry": d.geometry}
                    for d in District.objects.filter(kind=kind)
                ],
                "cell": geo.CELL,
            },
            open_total=open_total,
            map_limit=geo.MAP_LIMIT,
            tiles=settings.MAP_TILES_URL,
            attribution=settings.MAP_ATTRIBUTION,
        )
    return render(request, "analytics/geography.html", context, status=_status(form))


@require_safe
@staff_page(*ANALYSTS)
def contacts(request: HttpRequest) -> HttpResponse:
    form, scope = _scope(request)
    context: dict = staff_context(request, form=form, scope=scope)
    if scope is not None:
        found = joined.contact_figures(scope)
        tables = {
            "per_request": found.per_request,
            "reasons": found.reasons,
            "self_service": found.self_service,
        }
        wanted = request.GET.get("csv")
        if wanted in tables:
            return tables[wanted].csv_response(f"{wanted}-{scope.choice.first}")
        share = len(found.self_service.columns) - 1
        context.update(
            found=found,
            csv_links={name: link(scope, "contacts", csv=name) for name in tables},
            per_request_chart=found.per_request.bars(1, title=_("Requests by contacts")),
            self_service_chart=found.self_service.line(share, unit="%"),
        )
    return render(request, "analytics/contacts.html", context, status=_status(form))
