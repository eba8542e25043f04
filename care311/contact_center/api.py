"""POST /contact-center/events: the webhook phone systems post batches of events to.

Every answer is JSON, errors included: a phone system reads it, not a person's browser.
"""

import json

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from care311.contact_center.webhook import MAX_EVENTS, active_key, receive

# No event needs more than a few levels; the quarantine writes bad events back out as JSON,
# and a body nested near Python's recursion limit would parse but not write.
MAX_DEPTH = 32
TOO_DEEP = f"the body is not JSON care311 reads: nested more than {MAX_DEPTH} deep"


@csrf_exempt
def events(request: HttpRequest) -> JsonResponse:
    if request.method != "POST":
        response = _error(405, "post the events: POST /contact-center/events")
        response["Allow"] = "POST"
        return response

    key = active_key(_presented_key(request))
    if key is None:
        return _error(401, "a valid key is required: Authorization: Bearer KEY")

    try:
        body = json.loads(request.body)
    except RequestDataTooBig:
        return _error(413, "the body is too large: post fewer events at a time")
    except RecursionError:
        return _error(400, TOO_DEEP)
    except UnicodeDecodeError:
        return _error(400, "the body is not JSON: not UTF-8 text")
    except ValueError as error:
        return _error(400, f"the body is not JSON: {error}")
    if _depth(body) > MAX_DEPTH:
        return _error(400, TOO_DEEP)
    batch = body.get("events") if isinstance(body, dict) else body
    if not isinstance(batch, list):
        return _error(400, 'post {"events": [...]} or a list of events')
    if len(batch) > MAX_EVENTS:
        return _error(413, f"at most {MAX_EVENTS:,} events a batch")

    return JsonResponse(receive(key, batch).as_dict())


def _depth(value: object) -> int:
    """How deep lists and objects nest in `value` (walked without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _presented_key(request: HttpRequest) -> str:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.headers.get("X-Api-Key", "").strip()


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)
