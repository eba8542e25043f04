"""A request's parameters, read strictly: a bad value is a 400 that names the parameter."""

from datetime import datetime

from django.http import HttpRequest, QueryDict

from care311.open311.dates import parse_datetime
from care311.open311.errors import Open311Error

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def check_text(name: str, value: str) -> None:
    """Refuse a NUL character: no text column of PostgreSQL can hold one, so it would
    otherwise fail in the database as a 500, and it is never part of a real value."""
    if "\x00" in value:
        raise Open311Error(400, f"{name} must not contain a NUL character (%00)")


def _check_form(request: HttpRequest) -> None:
    # Any other body (JSON, most often) reads as no fields at all, and would be answered
    # "api_key is required" instead of the real problem.
    if int(request.META.get("CONTENT_LENGTH") or 0) and request.content_type not in FORM_TYPES:
        raise Open311Error(
            400,
            f"send a POST as {' or '.join(FORM_TYPES)}, not {request.content_type or 'no type'}",
        )


class Params:
    """The query string and, for a POST, the form body over it (the Open311 project's Swagger
    file puts POST parameters in the query string, so both are read)."""

    def __init__(self, request: HttpRequest) -> None:
        data = request.GET.copy()
        if request.method == "POST":
            _check_form(request)
            for name in request.POST:
                data.setlist(name, request.POST.getlist(name))
        for name, values in data.lists():
            for value in (name, *values):
                check_text(name, value)
        self.data: QueryDict = data

    def __contains__(self, name: str) -> bool:
        return self.text(name) != ""

    def text(self, name: str, *, max_length: int | None = None) -> str:
        """The last value given, or "" (an empty value is the same as none)."""
        value = self.data.get(name, "")
        if max_length is not None and len(value) > max_length:
            raise Open311Error(400, f"{name} is longer than {max_length} characters")
        return value

    def items(self, name: str) -> list[str]:
        """A comma-separated list, the parameter given once or several times."""
        return [
            item for value in self.data.getlist(name) for item in value.split(",") if item != ""
        ]

    def number(self, name: str, low: float, high: float) -> float | None:
        return self.required_number(name, low, high) if name in self else None

    def required_number(self, name: str, low: float, high: float) -> float:
        raw = self.text(name).strip()
        if not raw:
            raise Open311Error(400, f"{name} is required")
        try:
            value = float(raw)
        except ValueError:
            raise Open311Error(400, f"{name} must be a number, not {raw!r}") from None
        if not low <= value <= high:
            raise Open311Error(400, f"{name} must be between {low:g} and {high:g}, not {raw}")
        return value

    def whole(self, name: str, *, default: int, low: int, high: int | None = None) -> int:
        raw = self.text(name).strip()
        if not raw:
            return default
        if (
            not (raw.isascii() and raw.isdigit())
            or int(raw) < low
            or (high is not None and int(raw) > high)
        ):
            limits = f"from {low} to {high}" if high is not None else f"of {low} or more"
            raise Open311Error(400, f"{name} must be a whole number {limits}, not {raw!r}")
        return int(raw)

    def datetime(self, name: str) -> datetime | None:
        raw = self.text(name)
        return parse_datetime(name, raw) if raw.strip() else None

    def boolean(self, name: str) -> bool:
        raw = self.text(name).strip().lower()
        if raw not in ("", "true", "false", "1", "0"):
            raise Open311Error(400, f"{name} must be true or false, not {raw!r}")
        return raw in ("true", "1")
