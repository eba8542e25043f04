"""One request per filing form, however often the form is sent.

A form that files a request carries a key: the portal's a one-time token it put in the form,
the desk's the contact and what was filed for it. The first send files and records the key;
a repeat (a double click, the back button, a retry) finds the key and gets the request already
made. Copies sent at the same moment meet at the key's unique row: the loser's savepoint rolls
back, with whatever it filed, and it answers with the winner's request.
"""

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone

from care311.portal.models import FormSubmission
from care311.service_requests.models import ServiceRequest

KEY_MAX = 64


def earlier_request(key: str) -> ServiceRequest | None:
    """The request the form with `key` already filed, if it did."""
    if not key:
        return None
    submission = FormSubmission.objects.select_related("request").filter(token=key).first()
    return submission.request if submission else None


def file_once(key: str, create: Callable[[], ServiceRequest]) -> tuple[ServiceRequest, bool]:
    """The request filed under `key`, and whether this call filed it: `create` runs only if no
    request has that key yet, in a savepoint that also records the key."""
    if not key or len(key) > KEY_MAX:
        raise ValueError(f"a form key has 1 to {KEY_MAX} characters, not {len(key)}")
    earlier = earlier_request(key)
    if earlier is not None:
        return earlier, False

    try:
        with transaction.atomic():
            made = create()
            FormSubmission.objects.create(token=key, request=made, created_at=timezone.now())
    except IntegrityError:
        # Another copy of the form recorded the key first: it made the request.
        earlier = earlier_request(key)
        if earlier is None:
            raise
        return earlier, False
    return made, True
