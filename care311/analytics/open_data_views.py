"""The public open-data pages: the files the nightly task publishes, and their dictionary."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from care311.accounts import roles
from care311.analytics.opendata.columns import COLUMNS
from care311.analytics.opendata.publishing import BY_FILE_NAME, PUBLISHED, folder, manifest
from care311.analytics.tasks import publish_open_data
from care311.contact_center.access import SUPERVISORS, staff_page


@require_safe
def open_data(request: HttpRequest) -> HttpResponse:
    """The downloads with their size and age, and the data dictionary."""
    found = manifest()
    files = found["files"] if found else {}
    downloads = [
        {"published": published, "entry": files.get(published.file_name)} for published in PUBLISHED
    ]
    context = {
        "manifest": found,
        "downloads": downloads,
        "columns": COLUMNS,
        "may_regenerate": roles.has_role(request.user, *SUPERVISORS),
    }
    return render(request, "analytics/open_data.html", context)


@require_safe
def published_file(request: HttpRequest, file_name: str) -> FileResponse:
    published = BY_FILE_NAME.get(file_name)
    path = folder() / file_name
    if published is None or not path.is_file():
        raise Http404(f"{file_name} has not been published yet.")
    response = FileResponse(path.open("rb"), content_type=published.content_type)
    response["Last-Modified"] = http_date(path.stat().st_mtime)
    response["Cache-Control"] = "public, max-age=3600"
    if published.fmt == "csv":
        response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@require_POST
@staff_page(*SUPERVISORS)
def regenerate(request: HttpRequest) -> HttpResponse:
    """Queue a fresh publication of every file (run by the task worker)."""
    publish_open_data.enqueue()
    messages.success(request, _("The open-data files are being regenerated."))
    return redirect("open_data:index")
