"""SMS through Twilio's REST Messages API, with the standard library's HTTP client.

POST {TWILIO_API_URL}/2010-04-01/Accounts/{sid}/Messages.json, form-encoded From, To, Body
(and StatusCallback), HTTP basic auth with the account sid and auth token. A 2xx answer
gives the message sid; 429, 5xx, a timeout or a broken connection are temporary; any other
4xx is permanent, and a bounce when Twilio's code says the number cannot take texts.
Status callbacks come back to views.sms_status, signed with the auth token.
"""

import base64
import json
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from django.conf import settings
from django.urls import reverse

from care311.notifications.addresses import normalised
from care311.notifications.models import Channel
from care311.notifications.transports import PermanentFailure, TemporaryFailure

# Twilio error codes meaning the number itself cannot take texts, so it bounces. Refused
# when sending: not a valid number (21211), cannot be reached (21214), the resident replied
# STOP (21610), not a mobile (21614), a landline (21635). Reported by the status callback:
# blocked (30004), unknown or no longer in service (30005), a landline (30006).
UNREACHABLE = frozenset({21211, 21214, 21610, 21614, 21635, 30004, 30005, 30006})
# Status callback codes worth another try: the phone is off or out of reach for now (30003,
# which Twilio advises retrying), an unknown error (30008), or no code at all. Any other
# code (30007, filtered as spam, for one) fails the message without blaming the number.
TRANSIENT = frozenset({30003, 30008})
# The message states that mean the text did not reach the phone.
UNDELIVERED = frozenset({"undelivered", "failed"})


class TwilioSms:
    def __init__(self) -> None:
        self.sid = settings.TWILIO_ACCOUNT_SID
        self.token = settings.TWILIO_AUTH_TOKEN
        self.sender = settings.TWILIO_FROM
        self.url = f"{settings.TWILIO_API_URL}/2010-04-01/Accounts/{self.sid}/Messages.json"

    def send(self, phone: str, text: str) -> str:
        form = {"From": self.sender, "To": e164(phone), "Body": text}
        if settings.TWILIO_STATUS_CALLBACK:
            form["StatusCallback"] = settings.SITE_URL + reverse("notifications:sms_status")
        credentials = base64.b64encode(f"{self.sid}:{self.token}".encode()).decode("ascii")
        request = Request(  # noqa: S310 - the URL is the operator's setting, https by default
            self.url,
            data=urlencode(form).encode("utf-8"),
            method="POST",
            headers={
                "Authorization": f"Basic {credentials}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
            },
        )
        try:
            with urlopen(request, timeout=settings.TWILIO_TIMEOUT) as response:  # noqa: S310
                return str(json.load(response).get("sid", ""))
        except HTTPError as error:
            raise _refused(error) from None
        except (URLError, OSError) as error:  # a timeout is an OSError too
            raise TemporaryFailure(f"no answer from Twilio ({type(error).__name__})") from None


def e164(phone: str) -> str:
    """+ and the digits: Twilio wants E.164 (a 10-digit number is taken as North American)."""
    return phone if phone.startswith("+") else f"+{normalised(Channel.SMS, phone)}"


def undelivered(state: str, code: str) -> TemporaryFailure | PermanentFailure:
    """The failure a status callback reports: `state` undelivered or failed, Twilio's
    error `code` (digits, or empty; anything else is shown escaped and taken as unknown)."""
    # isdigit() passes "²", which int() refuses; isdecimal() passes other scripts' digits.
    number = int(code) if code.isascii() and code.isdecimal() else None
    shown = code if number is not None or not code else ascii(code)
    message = f"text {state} (Twilio error {shown or 'none'})"
    if number in UNREACHABLE:
        return PermanentFailure(message, bounce=True)
    if number is None or number in TRANSIENT:
        return TemporaryFailure(message)
    return PermanentFailure(message)


def _refused(error: HTTPError) -> TemporaryFailure | PermanentFailure:
    if error.code == 429 or error.code >= 500:
        return TemporaryFailure(f"Twilio answered HTTP {error.code}")
    try:
        code = json.loads(error.read() or b"{}").get("code")
    except ValueError:
        code = None
    return PermanentFailure(
        f"Twilio refused the message: HTTP {error.code}, error {code}",
        bounce=code in UNREACHABLE,
    )
