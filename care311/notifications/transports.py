"""How a message leaves: email through Django's email backend, SMS through a transport.

An SMS transport is anything with `send(phone, text)` returning the provider's message id
(or None). Choose one with the SMS_TRANSPORT setting: "console" (prints), "file" (appends to
DATA_DIR/sms.log), "locmem" (keeps messages in `outbox`, for tests), "twilio" (Twilio's REST
API, see sms_twilio.py), or the dotted path of a class.

A transport that cannot deliver raises TemporaryFailure (try again later) or PermanentFailure
(never; `bounce` when the address itself is bad). Their messages never hold the address.
"""

import smtplib
import sys
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.module_loading import import_string

# Messages the locmem transport has sent, as (phone, text), oldest first.
outbox: list[tuple[str, str]] = []


class DeliveryFailure(Exception):
    permanent = False

    def __init__(self, message: str, *, bounce: bool = False):
        super().__init__(message)
        self.bounce = bounce


class TemporaryFailure(DeliveryFailure):
    """The message may go through later: a timeout, a busy server, a 4xx SMTP reply."""


class PermanentFailure(DeliveryFailure):
    """Trying again will not help: the provider refused the message or the address."""

    permanent = True


class SmsTransport(Protocol):
    def send(self, phone: str, text: str) -> str | None: ...


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


NAMED: dict[str, type | str] = {
    "console": ConsoleSms,
    "file": FileSms,
    "locmem": LocmemSms,
    "twilio": "care311.notifications.sms_twilio.TwilioSms",
}


def sms_transport() -> SmsTransport:
    found = NAMED.get(settings.SMS_TRANSPORT, settings.SMS_TRANSPORT)
    transport = import_string(found) if isinstance(found, str) else found
    return transport()


def send_email(address: str, subject: str, body: str) -> None:
    """Send one email; SMTP refusals become Temporary- or PermanentFailure by their code."""
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address], fail_silently=False)
    except smtplib.SMTPRecipientsRefused as error:
        code = min(code for code, _ in error.recipients.values())
        if code >= 500:
            raise PermanentFailure(f"SMTP {code}: recipient refused", bounce=True) from None
        raise TemporaryFailure(f"SMTP {code}: recipient refused for now") from None
    except smtplib.SMTPResponseException as error:
        failure = PermanentFailure if error.smtp_code >= 500 else TemporaryFailure
        raise failure(f"SMTP {error.smtp_code}") from None
    except (smtplib.SMTPException, OSError) as error:
        raise TemporaryFailure(f"{type(error).__name__} talking to the mail server") from None
