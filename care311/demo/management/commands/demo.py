"""`care311 demo`: load a demo city with real NYC data and serve it on localhost."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from care311.demo.accounts import accounts_file, read_passwords
from care311.demo.calls import start_replay
from care311.demo.loading import load_demo
from care311.demo.serving import base_url, serve
from care311.demo.sweeps import start_notification_retries, start_sla_sweeps


class Command(BaseCommand):
    help = (
        "Create or update the demo city (catalog, staff accounts, the NYC 311 sample) and "
        "serve it. Safe to run again: existing data is reused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--no-serve",
            action="store_false",
            dest="serve",
            help="Load the demo data and print the accounts, then exit.",
        )
        parser.add_argument(
            "--replay-speed",
            type=float,
            default=20.0,
            help="Replay a day of the bank's calls this many times faster than they came, "
            "so the wallboard moves (0: no replay; default 20).",
        )

    def handle(self, *args, **options) -> None:
        url = base_url(options["host"], options["port"])
        if "CARE311_SITE_URL" not in os.environ:
            # Links in messages to residents point at the address the demo serves on.
            settings.SITE_URL = url
        try:
            load_demo(self.stdout)
            self._announce(url, read_passwords(accounts_file()), serving=options["serve"])
            if not options["serve"]:
                return
            start_replay(self.stdout, options["replay_speed"])
            start_sla_sweeps(self.stdout)
            start_notification_retries(self.stdout)
            serve(options["host"], options["port"])
        except KeyboardInterrupt:
            pass
        self.stdout.write("Stopped.")

    def _announce(self, url: str, accounts: dict[str, tuple[str, str]], serving: bool) -> None:
        width = max(len(name) for name in accounts)
        pages = [
            ("Residents' portal", "/", "anyone, English or Spanish"),
            ("Open311 API", "/open311/v2/discovery.json", "apps; posting needs an API key"),
            ("Open data", "/open-data/", "anyone"),
            ("Staff sign-in", "/staff/sign-in/", "every account below"),
            ("Agent desk", "/desk/", "agent1, agent2, supervisor"),
            (
                "Screen-pop",
                "/desk/contact/new?caller=%2B12125550123&channel=phone",
                "what a phone system opens",
            ),
            ("Work queues", "/desk/queues/", "streets, sanitation, supervisor"),
            ("Wallboard", "/wallboard/", "supervisor"),
            ("Analytics", "/analytics/?kind=month&day=2019-03-01", "supervisor; NYC, March 2019"),
            ("Admin", "/admin/", "admin"),
        ]
        label_width = max(len(label) for label, _, _ in pages)
        self.stdout.write("")
        for label, path, who in pages:
            self.stdout.write(f"{label + ':':<{label_width + 1}}  {url}{path}  ({who})")
        self.stdout.write("")
        self.stdout.write(f"Staff accounts (kept in {accounts_file()}):")
        for name, (password, role) in accounts.items():
            self.stdout.write(f"  {name:<{width}}  {password}  {role}")
        self.stdout.write(
            "Supervisors and administrators also give a code from an authenticator app: the "
            "first sign-in shows the key to add to one; without a phone, print the code it "
            "would show with `python3 dev.py care311 staff totp-code supervisor`."
        )
        if serving:
            self.stdout.write(self.style.SUCCESS(f"Serving on {url}/ -- press Ctrl-C to stop."))
