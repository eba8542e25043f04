"""The wrap-up step: how the contact ended, notes, and back to available."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from care311.contact_center.access import StaffRequest
from care311.desk import actions
from care311.desk.forms import WrapUpForm
from care311.desk.models import Contact
from care311.desk.views.common import agent_page, own_contact
from care311.service_requests.actions import ActionError


@require_http_methods(["GET", "POST"])
@agent_page
def wrap_up(request: StaffRequest, pk: int) -> HttpResponse:
    contact = own_contact(request, pk)
    if not contact.is_open:
        return HttpResponseRedirect(reverse("desk:contact", args=[contact.pk]))
    then = request.POST.get("then") or request.GET.get("then", "")

    form = WrapUpForm(request.POST or None, initial={"outcome": _likely_outcome(contact)})
    if request.method == "POST" and form.is_valid():
        try:
            actions.wrap_up_contact(
                contact,
                outcome=form.cleaned_data["outcome"],
                notes=form.cleaned_data["notes"],
                agency=form.cleaned_data["agency"],
                by=request.user,
            )
        except ActionError as refused:
            form.add_error(None, f"{str(refused).capitalize()}.")
        else:
            messages.success(request, "Contact wrapped up. You are available.")
            return HttpResponseRedirect(_next(request, then))

    context = {
        "contact": contact,
        "form": form,
        "then": then,
        "linked": contact.links.select_related("request").only("link", "request__public_id"),
        "desk_section": "desk",
    }
    return render(request, "desk/wrap_up.html", context, status=400 if form.errors else 200)


def _likely_outcome(contact: Contact) -> str:
    """The outcome the contact's own record suggests, so the agent usually just confirms."""
    links = {link.link for link in contact.links.all()}
    if "filed" in links:
        return "request_created"
    if links:
        return "request_updated"
    return contact.outcome


def _next(request: StaffRequest, then: str) -> str:
    if then and url_has_allowed_host_and_scheme(then, {request.get_host()}, request.is_secure()):
        return then
    return reverse("desk:home")
