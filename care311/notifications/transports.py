"""How a message leaves: email through Django's email backend, SMS through a transport.

An SMS transport is anything with `send(phone, text)`. Choose one with the SMS_TRANSPORT
setting: "console" (prints), "file" (appends to DATA_DIR/sms.log), "locmem" (keeps messages
in `outbox`, for tests), or the dotted path of a class, for a real SMS gateway.
"""

import sys
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.module_loading import import_string

# Messages the locmem transport has sent, as (phone, text), oldest first.
outbox: list[tuple[str, str]] = []


class SmsTransport(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class ConsoleSms:
    def send(self, phone: str, text: str) -> None:
        sys.stdout.write(f"SMS to {phone}:\n{text}\n{'-' * 40}\n")


class FileSms:
    def __init__(self, path: Path | None = None):
        self.path = path or Path(settings.DATA_DIR) / "sms.log"

    def send(self, phone: str, text: str) -> None:
        with self.path.open("a", encoding="utf-8") as log:
            log.write(f"{timezone.now().isoformat()} to {phone}\n{text}\n\n")


class LocmemSms:
    def send(self, phone: str, text: str) -> None:
        outbox.append((phone, text))


NAMED = {"console": ConsoleSms, "file": FileSms, "locmem": LocmemSms}


def sms_transport() -> SmsTransport:
    name = settings.SMS_TRANSPORT
    transport = NAMED.get(name) or import_string(name)
    return transport()


def send_email(address: str, subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address], fail_silently=False)
