"""`care311 summaries send [--week DAY] [--resend]`: the departments' weekly summary emails."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from care311.analytics.tasks import schedule_weekly
from care311.analytics.weekly import last_week, send_weekly_summaries


class Command(BaseCommand):
    help = "Send each department's weekly summary email, or schedule the weekly task."

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        send = verbs.add_parser("send", help="send last week's summaries now")
        send.add_argument("--week", help="any day of the week to summarise (YYYY-MM-DD)")
        send.add_argument("--resend", action="store_true", help="send again if sent already")
        verbs.add_parser("schedule", help="queue the weekly task (Mondays)")

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        if verb == "schedule":
            at = schedule_weekly()
            self.stdout.write(f"Weekly summaries: next run {at}" if at else "not scheduled")
            return
        try:
            week = date.fromisoformat(options["week"]) if options["week"] else last_week()
        except ValueError:
            raise CommandError(f"--week {options['week']!r} is not a date (YYYY-MM-DD)") from None
        sent = send_weekly_summaries(week, resend=options["resend"])
        self.stdout.write(f"Weekly summaries for the week of {week}: sent to {sent} departments.")
