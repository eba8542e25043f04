"""Refuse a NUL character anywhere in a request's address or form, once, for the whole site.

A NUL reaches a view as an ordinary character ("%00" in a path or a parameter), and the first
query with it fails on PostgreSQL (text cannot hold NUL), an error page the resident cannot
act on. No address or form of the site has a use for one, so the request stops here with a
plain 400 that says why. Open311 answers its clients' errors in their JSON or XML itself, and
the contact-center webhook in JSON, so both are left to do so.
"""

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.http.multipartparser import MultiPartParserError

logger = logging.getLogger(__name__)

NUL = "\x00"
MESSAGE = "The address or form contains a NUL character, which is not allowed."
# Where errors are answered in the client's own format (JSON or XML).
OPEN311 = "/open311/"
WEBHOOK = "/contact-center/events"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        own_errors = request.path_info.startswith(OPEN311) or request.path_info == WEBHOOK
        if not own_errors and _holds_nul(request):
            logger.info("refused a request with a NUL character (%s)", request.method)
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _holds_nul(request: HttpRequest) -> bool:
    if NUL in request.path or _any_nul(request.GET):
        return True
    if request.method != "POST" or request.content_type not in FORM_TYPES:
        return False
    try:
        form = request.POST
    except (MultiPartParserError, OSError, ValueError):
        # A body Django cannot read fails the same way further on, with its own answer.
        return False
    return _any_nul(form)


def _any_nul(data: QueryDict) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in data.lists())
