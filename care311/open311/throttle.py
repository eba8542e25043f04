"""A per-client request counter in Django's cache: over the limit in a minute is a 429.

Counts are per cache: with the default local-memory cache each server process counts alone,
so a site with several processes points CACHES at a shared cache (database or Redis).
"""

import time

from django.conf import settings
from django.core.cache import cache

from care311.open311.errors import Open311Error

WINDOW_SECONDS = 60


def check_rate(client: str) -> None:
    """Count one request of `client` ("ip:..." or "key:...") and refuse it past the limit."""
    limit = settings.OPEN311_RATE_LIMIT
    if limit <= 0:
        return
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    key = f"open311:rate:{client}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
        count = 1
    if count > limit:
        retry = WINDOW_SECONDS - int(now % WINDOW_SECONDS)
        raise Open311Error(
            429,
            f"more than {limit} requests a minute from this client; try again in {retry} s",
            {"Retry-After": str(retry)},
        )
