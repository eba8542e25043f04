"""Open311 errors: raise one anywhere in the API and the client gets it in its format."""

from care311.open311.formats import Open311Response, render

STANDARD_DESCRIPTIONS = {
    400: "the request is not valid",
    403: "forbidden",
    404: "not found",
    405: "method not allowed",
    409: "conflict",
    413: "the request body is too large",
    429: "too many requests",
    500: "the server failed to answer this request",
}


class Open311Error(Exception):
    """An HTTP error with GeoReport v2's code and description, plus any response headers."""

    def __init__(self, code: int, description: str, headers: dict[str, str] | None = None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.headers = headers or {}

    @classmethod
    def standard(cls, code: int, headers: dict[str, str] | None = None) -> "Open311Error":
        return cls(code, STANDARD_DESCRIPTIONS.get(code, "error"), headers)


def error_response(error: Open311Error, fmt: str) -> Open311Response:
    errors = [{"code": error.code, "description": error.description}]
    response = render(fmt, "errors", errors, status=error.code)
    for name, value in error.headers.items():
        response[name] = value
    return response
