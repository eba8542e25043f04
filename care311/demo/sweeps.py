"""The demo's background loop for the SLA sweep: every few minutes, like a timer would."""

import logging
import threading
import time

from django.core.management.base import OutputWrapper
from django.db import connection

from care311.service_requests.sla_sweep import sweep_slas

logger = logging.getLogger(__name__)

SWEEP_MINUTES = 5


def start_sla_sweeps(out: OutputWrapper, minutes: float = SWEEP_MINUTES) -> threading.Thread:
    """Enqueue the SLA sweep now and every `minutes` in a daemon thread; the demo's task
    backend runs it as it is enqueued (a deployment's db_worker would pick it up)."""

    def run() -> None:
        try:
            while True:
                sweep_slas.enqueue()
                connection.close()
                time.sleep(minutes * 60)
        except Exception:
            logger.exception("the demo's SLA sweeps stopped")
        finally:
            connection.close()

    thread = threading.Thread(target=run, name="sla-sweeps", daemon=True)
    thread.start()
    out.write(f"SLA sweep: every {minutes:g} minutes (warnings and escalations to supervisors)")
    return thread
