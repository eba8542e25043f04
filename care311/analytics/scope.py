"""What an analytics page looks at: whose requests, which service, which period.

Department staff see their own department only (their requests come from
accounts.access.visible_requests); supervisors and administrators choose any department or
the whole city. The period is a month, a week or a run of days in the city's zone.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from care311.accounts import roles
from care311.accounts.access import staff_department_id, visible_requests
from care311.analytics.performance.figures import Window
from care311.analytics.performance.periods import (
    CUSTOM,
    EARLIEST,
    LATEST,
    MAX_DAYS,
    MONTH,
    WEEK,
    Choice,
    choose,
)
from care311.catalog.models import Department, ServiceType
from care311.service_requests.models import ServiceRequest

ANALYSTS = (roles.DEPARTMENT_STAFF, roles.SUPERVISOR, roles.ADMIN)


def city_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


class ScopeForm(forms.Form):
    department = forms.ModelChoiceField(
        queryset=Department.objects.all(), required=False, empty_label=_("All departments")
    )
    service = forms.ModelChoiceField(
        queryset=ServiceType.objects.all(), required=False, empty_label=_("All services")
    )
    kind = forms.ChoiceField(
        choices=[(MONTH, _("Month")), (WEEK, _("Week")), (CUSTOM, _("Days"))], required=False
    )
    day = forms.DateField(required=False, label=_("From (or any day in the month or week)"))
    last = forms.DateField(required=False, label=_("To (days only)"))

    def __init__(self, data, *, user) -> None:
        super().__init__(data)
        self.own_department = staff_department_id(user)
        self.citywide = roles.has_role(user, roles.SUPERVISOR, roles.ADMIN)
        if not self.citywide:
            department, service = self.fields["department"], self.fields["service"]
            assert isinstance(department, forms.ModelChoiceField)  # noqa: S101 - narrows the type
            assert isinstance(service, forms.ModelChoiceField)  # noqa: S101 - narrows the type
            departments = self.own_departments()
            department.queryset = departments
            department.empty_label = None
            service.queryset = ServiceType.objects.filter(department__in=departments)
        self.user = user

    def own_departments(self) -> QuerySet[Department]:
        """The department a member of department staff works for (none when they have none)."""
        if self.own_department is None:
            return Department.objects.none()
        return Department.objects.filter(pk=self.own_department)

    def clean_day(self) -> date | None:
        return _within_reach(
            self.cleaned_data["day"],
            gettext("“From” must be a day from %(earliest)s to %(latest)s."),
        )

    def clean_last(self) -> date | None:
        return _within_reach(
            self.cleaned_data["last"],
            gettext("“To” must be a day from %(earliest)s to %(latest)s."),
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        first, last = data.get("day"), data.get("last")
        if data.get("kind") == CUSTOM and last and not first and "day" not in self.errors:
            # Without a first day the period would start at the newest request's day, most
            # likely after `last`.
            self.add_error("day", _("Give the first day too."))
        if data.get("kind") == CUSTOM and first and last:
            if last < first:
                self.add_error("last", _("The last day comes after the first."))
            elif (last - first).days >= MAX_DAYS:
                self.add_error("last", _("Choose at most 366 days."))
        return data


def _within_reach(day: date | None, message: str) -> date | None:
    if day is not None and not EARLIEST <= day <= LATEST:
        params = {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()}
        raise forms.ValidationError(message, code="out_of_reach", params=params)
    return day


@dataclass
class Scope:
    """The requests a page counts, and the period chosen."""

    requests: QuerySet[ServiceRequest]
    department: Department | None
    service: ServiceType | None
    choice: Choice

    @property
    def window(self) -> Window:
        return Window(*self.choice.period.bounds())

    @property
    def previous_window(self) -> Window:
        return Window(*self.choice.previous().period.bounds())

    def query(self, **changes: object) -> dict[str, str]:
        """The GET parameters that show this scope (with `changes`)."""
        params = {
            "department": str(self.department.pk) if self.department else "",
            "service": str(self.service.pk) if self.service else "",
            "kind": self.choice.kind,
            "day": self.choice.first.isoformat(),
            "last": self.choice.last.isoformat(),
        }
        params.update({name: str(value) for name, value in changes.items()})
        return {name: value for name, value in params.items() if value}


def scope_of(form: ScopeForm) -> Scope:
    """The scope a valid form asks for; department staff are held to their department."""
    data = form.cleaned_data
    requests = visible_requests(form.user)
    department = data.get("department")
    if not form.citywide:
        department = form.own_departments().first()
    if department is not None:
        requests = requests.filter(department=department)
    service = data.get("service")
    if service is not None:
        requests = requests.filter(service=service)
    kind = data.get("kind") or MONTH
    day = data.get("day") or latest_day(requests)
    return Scope(requests, department, service, choose(kind, day, city_zone(), data.get("last")))


def latest_day(requests: QuerySet[ServiceRequest]) -> date:
    """The local day of the newest request (imported history may end years ago), or today."""
    newest = requests.order_by().aggregate(newest=Max("requested_at"))["newest"]
    return timezone.localdate(newest or timezone.now(), city_zone())
