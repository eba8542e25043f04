"""`care311 open311 apikey create|list|revoke`: the keys Open311 clients post with."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from care311.open311.models import ApiKey


class Command(BaseCommand):
    help = "Manage the API keys of Open311 clients."

    def add_arguments(self, parser: CommandParser) -> None:
        nouns = parser.add_subparsers(dest="noun", required=True)
        apikey = nouns.add_parser("apikey", help="API keys")
        verbs = apikey.add_subparsers(dest="verb", required=True)
        create = verbs.add_parser("create", help="issue a key and print it, once")
        create.add_argument("name", help="who the key is for, e.g. an app's name")
        verbs.add_parser("list", help="list the keys (never the keys themselves)")
        revoke = verbs.add_parser("revoke", help="stop a key from working")
        revoke.add_argument("name")

    def handle(self, *args: Any, noun: str, verb: str, **options: Any) -> None:
        if verb == "create":
            self._create(options["name"])
        elif verb == "list":
            self._list()
        else:
            self._revoke(options["name"])

    def _create(self, name: str) -> None:
        name = name.strip()
        if not name or len(name) > 100:
            raise CommandError("a key's name must be 1 to 100 characters")
        if ApiKey.objects.filter(name=name).exists():
            raise CommandError(f"there is already a key named {name!r}")
        _, raw = ApiKey.objects.issue(name)
        self.stdout.write(raw)
        self.stderr.write(f"Key for {name!r}: shown once; store it now, it cannot be shown again.")

    def _list(self) -> None:
        for key in ApiKey.objects.all():
            state = "active" if key.active else "revoked"
            self.stdout.write(f"{key.name}\t{key.prefix}...\t{state}\t{key.created_at:%Y-%m-%d}")

    def _revoke(self, name: str) -> None:
        if not ApiKey.objects.filter(name=name).update(active=False):
            raise CommandError(f"no key is named {name!r}")
        self.stdout.write(f"Revoked the key {name!r}.")
