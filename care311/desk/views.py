"""The agent desk's pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from care311.accounts import roles
from care311.contact_center.access import staff_page


@staff_page(roles.AGENT, roles.SUPERVISOR, roles.DEPARTMENT_STAFF, roles.ADMIN)
def home(request: HttpRequest) -> HttpResponse:
    return redirect("admin:index")
