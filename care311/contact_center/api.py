"""POST /contact-center/events: the webhook phone systems post batches of events to."""

import json

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from care311.contact_center.webhook import MAX_EVENTS, active_key, receive


@csrf_exempt
@require_POST
def events(request: HttpRequest) -> JsonResponse:
    key = active_key(_presented_key(request))
    if key is None:
        return _error(401, "a valid key is required: Authorization: Bearer KEY")

    try:
        body = json.loads(request.body)
    except RequestDataTooBig:
        return _error(413, "the body is too large: post fewer events at a time")
    except (ValueError, UnicodeDecodeError):
        return _error(400, "the body is not JSON")
    batch = body.get("events") if isinstance(body, dict) else body
    if not isinstance(batch, list):
        return _error(400, 'post {"events": [...]} or a list of events')
    if len(batch) > MAX_EVENTS:
        return _error(413, f"at most {MAX_EVENTS:,} events a batch")

    return JsonResponse(receive(key, batch).as_dict())


def _presented_key(request: HttpRequest) -> str:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.headers.get("X-Api-Key", "").strip()


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)
