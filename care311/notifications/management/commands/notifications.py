"""`care311 notifications retry|bounce|unbounce`: send due retries; mark or clear an address
that bounces."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from care311.notifications import bounces
from care311.notifications.addresses import channel_of, masked
from care311.notifications.tasks import retry_due


class Command(BaseCommand):
    help = (
        "Messages to residents. `retry` queues every message whose retry is due (the database "
        "task backend schedules retries itself; run this from a timer with the immediate one, "
        "or after a worker was down). `bounce ADDRESS` stops sending to an email or phone "
        "number; `unbounce ADDRESS` sends to it again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        verbs.add_parser("retry", help="queue the messages whose retry is due")
        bounce = verbs.add_parser("bounce", help="stop sending to an address")
        bounce.add_argument("address", help="an email address or a phone number")
        bounce.add_argument(
            "--reason", default="reported by staff", help="why, without the address"
        )
        unbounce = verbs.add_parser("unbounce", help="send to an address again")
        unbounce.add_argument("address", help="an email address or a phone number")

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        if verb == "retry":
            self.stdout.write(f"Queued {retry_due()} messages due for a retry.")
            return
        address = options["address"].strip()
        if not address:
            raise CommandError("give an email address or a phone number")
        channel = channel_of(address)
        shown = masked(channel, address)
        if verb == "bounce":
            bounces.mark_bouncing(channel, address, reason=options["reason"], source="command")
            self.stdout.write(f"Nothing more goes to {shown}; waiting messages to it are held.")
        elif bounces.clear_bounce(channel, address):
            self.stdout.write(
                f"{shown} gets messages again (held ones stay held until sent again)."
            )
        else:
            raise CommandError(f"{shown} was not marked as bouncing")
