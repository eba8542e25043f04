"""The demo's background loops, like timers would run them: the SLA sweep every few minutes,
and the retries of messages to residents every minute (the demo's immediate task backend
cannot schedule a task for later, so failed messages wait for this loop)."""

import logging
import threading
import time
from collections.abc import Callable

from django.core.management.base import OutputWrapper
from django.db import connection

from care311.notifications.tasks import retry_due
from care311.service_requests.sla_sweep import sweep_slas

logger = logging.getLogger(__name__)

SWEEP_MINUTES = 5
RETRY_MINUTES = 1


def start_sla_sweeps(out: OutputWrapper, minutes: float = SWEEP_MINUTES) -> threading.Thread:
    """Enqueue the SLA sweep now and every `minutes` in a daemon thread; the demo's task
    backend runs it as it is enqueued (a deployment's db_worker would pick it up)."""
    thread = _every(minutes, "sla-sweeps", sweep_slas.enqueue)
    out.write(f"SLA sweep: every {minutes:g} minutes (warnings and escalations to supervisors)")
    return thread


def start_notification_retries(
    out: OutputWrapper, minutes: float = RETRY_MINUTES
) -> threading.Thread:
    """Send the messages to residents whose retry is due, every `minutes`."""
    thread = _every(minutes, "notification-retries", retry_due)
    every = "every minute" if minutes == 1 else f"every {minutes:g} minutes"
    out.write(f"Messages to residents: failed ones retried {every}")
    return thread


def _every(minutes: float, name: str, job: Callable[[], object]) -> threading.Thread:
    def run() -> None:
        try:
            while True:
                job()
                connection.close()
                time.sleep(minutes * 60)
        except Exception:
            logger.exception("the demo's %s stopped", name)
        finally:
            connection.close()

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread
