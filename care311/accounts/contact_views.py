"""/staff/requests/<id>/contact/: a request's resident contact details, for staff who may open
the request, each showing recorded by reveal_contact.

The case page does not show them; staff who need to call or write to the resident open this
page, so the audit log says who looked, at which request, and when.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from care311.accounts import roles
from care311.accounts.access import request_for
from care311.accounts.contact import reveal_contact
from care311.contact_center.access import staff_page

WHERE = "desk: request contact details"


@never_cache
@require_safe
@staff_page(roles.AGENT, roles.SUPERVISOR, roles.DEPARTMENT_STAFF, roles.ADMIN)
def contact_details(request: HttpRequest, public_id: str) -> HttpResponse:
    found = request_for(request.user, public_id)

    shown = reveal_contact(request.user, found, where=WHERE)

    context = {"case": found, "contact": shown, "desk_section": "queues"}
    return render(request, "accounts/contact_details.html", context)
