"""Starting a contact (the screen-pop URL), the contact's page, and ending it."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from care311.accounts.access import request_for
from care311.contact_center.access import StaffRequest
from care311.desk import actions, queries
from care311.desk.forms import StartContactForm
from care311.desk.models import Contact
from care311.desk.views.common import agent_page, own_contact
from care311.knowledge.search import published, search
from care311.service_requests.actions import ActionError


@require_safe
@agent_page
def start(request: StaffRequest) -> HttpResponse:
    """/desk/contact/new?caller=%2B19185551234&channel=phone: what a phone system opens when
    a call reaches the agent. A reload while that caller's contact is open resumes it."""
    if not request.GET:
        return render(request, "desk/start.html", {"form": StartContactForm()})
    form = StartContactForm(request.GET)
    if not form.is_valid():
        return render(request, "desk/start.html", {"form": form}, status=400)

    data = form.cleaned_data
    try:
        contact = actions.start_contact(
            agent=request.user,
            channel=data["channel"],
            direction=data["direction"],
            caller_number=data["caller"],
            caller_name=data["name"],
            language=data["language"],
        )
    except ActionError as refused:
        context = {"refused": str(refused), "open_contact": queries.open_contact(request.user)}
        return render(request, "desk/start_refused.html", context, status=409)
    return HttpResponseRedirect(reverse("desk:contact", args=[contact.pk]))


@require_safe
@agent_page
def contact_page(request: StaffRequest, pk: int) -> HttpResponse:
    contact = own_contact(request, pk)
    query = request.GET.get("q", "").strip()[:200]
    context = {
        "desk_section": "desk",
        "contact": contact,
        "history": queries.caller_history(request.user, contact.caller_number, exclude=contact),
        "linked": contact.links.select_related("request__service").only(
            "link", "request__public_id", "request__status", "request__service__name"
        ),
        "query": query,
        "articles": search(query, contact.language).articles if query else [],
    }
    return render(request, "desk/contact.html", context)


@require_POST
@agent_page
def use_article(request: StaffRequest, pk: int, article_pk: int) -> HttpResponse:
    contact = own_contact(request, pk)
    article = get_object_or_404(published(contact.language), pk=article_pk)
    if _act(request, lambda: actions.use_article(contact, article, by=request.user)):
        messages.success(request, f"Information given from “{article.title}”.")
    return _to_contact(contact, "#knowledge-title")


@require_POST
@agent_page
def add_caller(request: StaffRequest, pk: int, public_id: str) -> HttpResponse:
    """Add the caller to an existing request as one more resident affected."""
    contact = own_contact(request, pk)
    service_request = request_for(request.user, public_id)
    send_updates = bool(request.POST.get("updates"))
    try:
        actions.add_caller_to_request(
            contact, service_request, by=request.user, send_updates=send_updates
        )
    except actions.AlreadyFollowing:
        messages.info(request, f"The caller already follows request {public_id}; nothing changed.")
    except ActionError as refused:
        messages.error(request, f"Not done: {refused}.")
    else:
        messages.success(request, f"The caller was added to request {public_id}.")
    return _to_contact(contact, "#wrap-up-title")


@require_POST
@agent_page
def link_request(request: StaffRequest, pk: int, public_id: str) -> HttpResponse:
    """The caller asked about one of their requests: note it on the contact."""
    contact = own_contact(request, pk)
    service_request = request_for(request.user, public_id)
    if _act(
        request, lambda: actions.link_request_to_contact(contact, service_request, by=request.user)
    ):
        messages.success(request, f"Request {public_id} is noted on this contact.")
    return _to_contact(contact, "#linked-title")


@require_POST
@agent_page
def end(request: StaffRequest, pk: int) -> HttpResponse:
    contact = own_contact(request, pk)
    _act(request, lambda: actions.end_contact(contact, by=request.user))
    return HttpResponseRedirect(reverse("desk:wrap_up", args=[contact.pk]))


def _act(request: StaffRequest, action) -> bool:
    try:
        action()
    except ActionError as refused:
        messages.error(request, f"Not done: {refused}.")
        return False
    return True


def _to_contact(contact: Contact, anchor: str) -> HttpResponse:
    return HttpResponseRedirect(reverse("desk:contact", args=[contact.pk]) + anchor)
