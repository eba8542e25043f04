"""Every answer under /open311/ is in the client's format, errors included.

Views raise Open311Error; this turns it, any other exception and any error page Django makes
on its own (an unknown path, a wrong method, a body too large) into GeoReport v2 errors in
the format the path asks for, and counts each client's requests.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError

from care311.open311.errors import Open311Error, error_response
from care311.open311.formats import Open311Response, format_of_path
from care311.open311.throttle import check_rate

logger = logging.getLogger(__name__)

PREFIX = "/open311/"


def body_too_large() -> Open311Error:
    return Open311Error(
        413, f"the request body is larger than {settings.OPEN311_MAX_BODY_BYTES} bytes"
    )


class Open311Middleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        fmt = format_of_path(request.path_info)

        try:
            self._admit(request)
        except Open311Error as error:
            return error_response(error, fmt)

        response = self.get_response(request)
        if response.status_code >= 400 and not isinstance(response, Open311Response):
            return error_response(self._as_error(request, response), fmt)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path_info.startswith(PREFIX):
            return None
        fmt = format_of_path(request.path_info)
        if isinstance(exception, Open311Error):
            return error_response(exception, fmt)
        if isinstance(exception, RequestDataTooBig):
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            return error_response(
                Open311Error(413, f"the form fields are larger than {limit} bytes"), fmt
            )
        unreadable = _unreadable(exception)
        if unreadable is not None:
            return error_response(Open311Error(400, unreadable), fmt)
        if isinstance(exception, SuspiciousOperation):
            return error_response(Open311Error.standard(400), fmt)
        if isinstance(exception, Http404):
            return error_response(self._not_found(request), fmt)
        logger.exception("Open311 %s %s failed", request.method, request.path_info)
        return error_response(Open311Error.standard(500), fmt)

    def _admit(self, request: HttpRequest) -> None:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise Open311Error(400, "Content-Length is not a number") from None
        if length > settings.OPEN311_MAX_BODY_BYTES:
            raise body_too_large()
        check_rate(f"ip:{request.META.get('REMOTE_ADDR', '')}")

    def _as_error(self, request: HttpRequest, response: HttpResponse) -> Open311Error:
        if response.status_code == 404:
            return self._not_found(request)
        if response.status_code == 405:
            allowed = response.get("Allow", "")
            *others, last = [method.strip() for method in allowed.split(",")]
            choices = f"{', '.join(others)} or {last}" if others else last
            return Open311Error(
                405, f"{request.method} is not allowed here; use {choices}", {"Allow": allowed}
            )
        return Open311Error.standard(response.status_code)

    def _not_found(self, request: HttpRequest) -> Open311Error:
        return Open311Error(
            404, f"there is nothing at {request.path_info}; see discovery.json for the endpoints"
        )


def _unreadable(exception: Exception) -> str | None:
    """What is wrong with a query string or body Django could not read, or None."""
    if isinstance(exception, TooManyFieldsSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        return f"more than {limit} parameters were sent (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)"
    if isinstance(exception, TooManyFilesSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        return f"more than {limit} files were sent (settings.DATA_UPLOAD_MAX_NUMBER_FILES)"
    if isinstance(exception, MultiPartParserError):
        return f"the multipart body cannot be read: {exception}"
    if isinstance(exception, BadRequest):
        # Django's own words, such as a form body that is not UTF-8.
        return str(exception)
    return None
