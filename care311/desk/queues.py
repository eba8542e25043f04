"""Department work queues: a department's open requests with their age, SLA clock, priority
and assignee, and each request's case page with the forms that act on it.

Every read starts from accounts.access.visible_requests, so department staff see only their
own department's queues and requests; another department's is "not found", with a message.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from django.contrib import messages
from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from care311.accounts import roles
from care311.accounts.access import CITYWIDE, request_for, staff_department_id, visible_requests
from care311.catalog.models import Department, WorkQueue
from care311.catalog.queries import closure_reasons_for
from care311.catalog.sla import SlaState, business_calendar, sla_remaining
from care311.contact_center.access import StaffRequest, staff_page
from care311.desk.queue_forms import FORMS, OUT_OF_DATE, CaseForm, CloseForm, blank_forms
from care311.portal.views import LIST_CAP, CappedPaginator
from care311.service_requests import actions, casework
from care311.service_requests.actions import ActionError, ConflictError
from care311.service_requests.models import CLOSED_STATUSES, Priority, ServiceRequest

STAFF = (roles.AGENT, roles.SUPERVISOR, roles.DEPARTMENT_STAFF, roles.ADMIN)
PAGE_SIZE = 50
queue_page = staff_page(*STAFF)


@dataclass(frozen=True)
class Row:
    request: ServiceRequest
    age: timedelta
    sla: SlaState | None

    @property
    def sla_class(self) -> str:
        if self.sla is None:
            return "sla-none"
        if self.sla.paused:
            return "sla-paused"
        if self.sla.breached:
            return "sla-breached"
        due_soon = self.request.sla_warn_at and self.request.sla_warn_at <= timezone.now()
        return "sla-warning" if due_soon else "sla-ok"

    @property
    def sla_text(self) -> str:
        return sla_text(self.sla)

    @property
    def age_text(self) -> str:
        return _span(self.age)


def sla_text(state: SlaState | None) -> str:
    """The clock in words, so colour is never the only sign: "2 h 05 min left", "overdue by
    1 day 3 h", "paused with 4 h left"; business clocks say "working" hours."""
    if state is None:
        return _("no target")
    # Working time in hours: a working day is not 24 of them.
    span = _span(abs(state.remaining), days=not state.business)
    if state.business:
        span = _("%(span)s of working time") % {"span": span}
    if state.paused:
        return _("paused, %(span)s left") % {"span": span}
    if state.breached:
        return _("overdue by %(span)s") % {"span": span}
    return _("%(span)s left") % {"span": span}


def closed_sla_text(found: ServiceRequest) -> str:
    """A closed request's clock has stopped: whether it closed within its target."""
    if found.expected_at is None or found.closed_at is None:
        return _("closed; no target")
    if found.closed_at <= found.expected_at:
        return _("closed within the target")
    return _("closed after the target")


def _span(value: timedelta, *, days: bool = True) -> str:
    minutes = int(value.total_seconds() // 60)
    whole_days, minutes = divmod(minutes, 24 * 60) if days else (0, minutes)
    hours, minutes = divmod(minutes, 60)
    if whole_days:
        return _("%(days)d d %(hours)d h") % {"days": whole_days, "hours": hours}
    return _("%(hours)d h %(minutes)02d min") % {"hours": hours, "minutes": minutes}


def _open(requests: QuerySet[ServiceRequest]) -> QuerySet[ServiceRequest]:
    return requests.exclude(status__in=CLOSED_STATUSES)


def _citywide(request: StaffRequest) -> bool:
    return roles.has_role(request.user, *CITYWIDE)


def _department_for(request: StaffRequest, code: str) -> Department:
    department = Department.objects.filter(code=code).first()
    own = staff_department_id(request.user)
    if department is None or not (_citywide(request) or own == department.pk):
        raise Http404(f"No department {code} is open to you.")
    return department


@require_safe
@queue_page
def queue_index(request: StaffRequest) -> HttpResponse:
    """Each department the user may see, its queues, and their open requests and oldest."""
    counts = (
        _open(visible_requests(request.user))
        .values("department_id", "queue_id")
        .annotate(open=Count("id"), oldest=Min("requested_at"))
        .order_by()
    )
    by_place: dict[tuple[int, int | None], Mapping[str, Any]] = {
        (row["department_id"], row["queue_id"]): row for row in counts
    }
    departments = (
        Department.objects.filter(Q(pk__in={d for d, _ in by_place}) | Q(queues__isnull=False))
        .distinct()
        .prefetch_related("queues")
    )
    if not _citywide(request):
        own = staff_department_id(request.user)
        departments = departments.filter(pk=own) if own is not None else departments.none()
    listing = [
        (
            department,
            [(queue, by_place.get((department.pk, queue.pk))) for queue in department.queues.all()],
            by_place.get((department.pk, None)),
        )
        for department in departments
    ]
    return render(
        request,
        "desk/queues.html",
        {"desk_section": "queues", "listing": listing, "now": timezone.now()},
    )


@require_safe
@queue_page
def queue_list(request: StaffRequest, department: str) -> HttpResponse:
    """A department's open requests (one queue's with ?queue=), filtered, most urgent first."""
    place = _department_for(request, department)
    queues = list(WorkQueue.objects.filter(department=place))
    filters = _filters(request, queues)
    requests = _filtered(
        _open(visible_requests(request.user)).filter(department=place), filters, request
    )
    # Counted up to LIST_CAP, as the portal's list: counting a big department's whole
    # backlog (144k open requests: 50 ms) cost more than the rest of the page.
    paginator = CappedPaginator(requests, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    now = timezone.now()
    calendar = business_calendar()
    rows = [
        Row(
            request=item,
            age=now - item.requested_at,
            sla=sla_remaining(item.service, item.expected_at, now, item.on_hold_since, calendar),
        )
        for item in page
    ]
    context = {
        "desk_section": "queues",
        "department": place,
        "queues": queues,
        "filters": filters,
        "priorities": Priority.choices,
        "page": page,
        "capped": paginator.count >= LIST_CAP,
        "rows": rows,
        "query": _query_without_page(request),
    }
    return render(request, "desk/queue_list.html", context)


def _filters(request: StaffRequest, queues: list[WorkQueue]) -> dict[str, str]:
    wanted = {name: request.GET.get(name, "").strip() for name in ("queue", "who", "priority")}
    wanted["sla"] = request.GET.get("sla", "").strip()
    if wanted["queue"] not in {"", "none", *(queue.code for queue in queues)}:
        wanted["queue"] = ""
    if wanted["who"] not in ("", "me", "nobody"):
        wanted["who"] = ""
    if wanted["priority"] not in {"", *(str(value) for value in Priority.values)}:
        wanted["priority"] = ""
    if wanted["sla"] not in ("", "breached", "warning", "paused"):
        wanted["sla"] = ""
    return wanted


def _filtered(
    requests: QuerySet[ServiceRequest], filters: dict[str, str], request: StaffRequest
) -> QuerySet[ServiceRequest]:
    now = timezone.now()
    if filters["queue"] == "none":
        requests = requests.filter(queue__isnull=True)
    elif filters["queue"]:
        requests = requests.filter(queue__code=filters["queue"])
    if filters["who"] == "me":
        requests = requests.filter(assigned_to=request.user)
    elif filters["who"] == "nobody":
        requests = requests.filter(assigned_to__isnull=True)
    if filters["priority"]:
        requests = requests.filter(priority=int(filters["priority"]))
    running = Q(on_hold_since__isnull=True)
    if filters["sla"] == "breached":
        requests = requests.filter(running, expected_at__lte=now)
    elif filters["sla"] == "warning":
        requests = requests.filter(running, sla_warn_at__lte=now, expected_at__gt=now)
    elif filters["sla"] == "paused":
        requests = requests.filter(on_hold_since__isnull=False)
    return (
        requests.select_related("service", "queue", "assigned_to")
        .only(
            "public_id",
            "status",
            "priority",
            "address",
            "requested_at",
            "expected_at",
            "sla_warn_at",
            "on_hold_since",
            "service__name",
            "service__sla_clock",
            "queue__name",
            "assigned_to__username",
        )
        .order_by("priority", "requested_at", "id")
    )


def _query_without_page(request: StaffRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_safe
@queue_page
def case_page(request: StaffRequest, public_id: str) -> HttpResponse:
    found = request_for(request.user, public_id)
    return _render_case(request, found, bound=None)


@require_POST
@queue_page
def act(request: StaffRequest, public_id: str, action: str) -> HttpResponse:
    """Run one form's action; a conflict or refusal shows the page again with the message,
    the request as it stands now and the form as it was filled in."""
    if action not in FORMS:
        raise Http404(f"No action {action} here.")
    found = request_for(request.user, public_id)
    form = _bound(action, request, found)
    if not form.is_valid():
        # The version is a hidden field: its error would show nowhere, so say it at the top.
        error = str(OUT_OF_DATE) if "version" in form.errors else ""
        return _render_case(request, found, bound=(action, form), error=error, status=400)
    try:
        _perform(action, found, form.cleaned_data, request)
    except ConflictError as conflict:
        return _render_case(
            request, conflict.request, bound=(action, form), error=str(conflict), status=409
        )
    except ActionError as error:
        current = request_for(request.user, public_id)
        return _render_case(request, current, bound=(action, form), error=str(error), status=400)
    messages.success(request, _("Done: %(action)s.") % {"action": action})
    return redirect("desk:case", public_id=public_id)


def _bound(action: str, request: StaffRequest, found: ServiceRequest) -> CaseForm:
    if FORMS[action] is CloseForm:
        reasons = closure_reasons_for(found.service)
        return CloseForm(request.POST, request.FILES, prefix=action, reasons=reasons)
    return FORMS[action](request.POST, prefix=action)


def _perform(action: str, found: ServiceRequest, data: dict, request: StaffRequest) -> None:
    user, version = request.user, data["version"]
    common = {"by": user, "expected_version": version}
    match action:
        case "claim":
            casework.claim_request(found, **common)
        case "reassign":
            casework.reassign_request(
                found,
                queue=data["queue"],
                assignee=data["assignee"],
                unassign=data["unassign"],
                note=data["note"],
                **common,
            )
        case "refer":
            casework.refer_request(found, agency=data["agency"], note=data["note"], **common)
        case "hold":
            casework.hold_request(found, note=data["note"], **common)
        case "resume":
            casework.resume_request(found, note=data["note"], **common)
        case "close":
            actions.close_request(
                found, reason=data["reason"], note=data["note"], photo=data["photo"], **common
            )
        case "merge":
            into = visible_requests(user).filter(public_id=data["into"]).first()
            if into is None:
                raise ActionError(f"no request {data['into']} is open to you")
            actions.merge_request(found, into=into, **common)
        case "note":
            actions.add_note(found, note=data["note"], public=data["public"], **common)


def _render_case(
    request: StaffRequest,
    found: ServiceRequest,
    *,
    bound: tuple[str, CaseForm] | None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    reasons = closure_reasons_for(found.service)
    forms = blank_forms(found, reasons)
    if bound is not None:
        name, form = bound
        # The filled-in form comes back as it was, now carrying the current version, so
        # sending it again (after reading what changed) applies it.
        data = cast(QueryDict, form.data).copy()  # bound to request.POST
        data[f"{name}-version"] = str(found.version)
        form.data = data
        forms[name] = form
    now = timezone.now()
    context = {
        "desk_section": "queues",
        "case": found,
        "events": found.events.select_related("actor").order_by("at", "id"),
        "forms": forms,
        "error": error,
        "failed": bound[0] if bound else "",
        "sla": closed_sla_text(found)
        if found.status in CLOSED_STATUSES
        else sla_text(sla_remaining(found.service, found.expected_at, now, found.on_hold_since)),
        "now": now,
    }
    return render(request, "desk/queue_case.html", context, status=status)
