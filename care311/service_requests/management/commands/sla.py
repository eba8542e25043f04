"""`care311 sla sweep`: warn before and escalate on missed service targets, once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from care311.service_requests.sla_sweep import sweep_slas


class Command(BaseCommand):
    help = (
        "SLA clocks. `sweep` warns about requests close to their target and escalates those "
        "past it to supervisors; safe to run as often as you like (each request is warned and "
        "escalated once). Schedule it every few minutes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        sweep = verbs.add_parser("sweep", help="run the sweep now (or queue it with --enqueue)")
        sweep.add_argument(
            "--enqueue",
            action="store_true",
            help="put the sweep on the task queue for `care311 db_worker` instead of running it",
        )

    def handle(self, *args: Any, verb: str, enqueue: bool, **options: Any) -> None:
        if enqueue:
            result = sweep_slas.enqueue()
            self.stdout.write(f"Queued the SLA sweep as task {result.id}.")
            return
        counts = sweep_slas.call()
        self.stdout.write(f"SLA sweep: {counts['warned']} warned, {counts['escalated']} escalated.")
