"""The Twilio adapter against a local stand-in for Twilio's REST API: what it sends, how it
reads refusals, and the signed status callbacks that mark texts delivered, retried, failed or
bouncing."""

import base64
import hashlib
import hmac
import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from care311.notifications.messages import notify
from care311.notifications.models import BouncingAddress, Notification, State
from care311.notifications.sms_twilio import TwilioSms
from care311.notifications.transports import PermanentFailure, TemporaryFailure

pytestmark = pytest.mark.django_db

SID = "AC0123456789abcdef0123456789abcdef"
TOKEN = "twilio-auth-token-for-tests"
PHONE = "(918) 555-0142"
CALLBACK = "http://127.0.0.1:8000/notifications/sms-status/"


class FakeTwilio(BaseHTTPRequestHandler):
    """Records each request; answers with the server's next planned (status, body), or
    never answers when the plan is None."""

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        self.server.received.append(  # type: ignore[attr-defined]
            (self.path, dict(self.headers), self.rfile.read(length).decode())
        )
        answer = self.server.plan.pop(0)  # type: ignore[attr-defined]
        if answer is None:
            self.server.release.wait(10)  # type: ignore[attr-defined]
            return
        status, body = answer
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the test reads what arrived instead


@pytest.fixture
def twilio(settings, caplog) -> Iterator[ThreadingHTTPServer]:
    caplog.set_level(logging.DEBUG)
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeTwilio)
    server.received, server.plan = [], []  # type: ignore[attr-defined]
    server.release = threading.Event()  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_TRANSPORT = "twilio"
    settings.TWILIO_ACCOUNT_SID = SID
    settings.TWILIO_AUTH_TOKEN = TOKEN
    settings.TWILIO_FROM = "+19185550100"
    settings.TWILIO_API_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.TWILIO_TIMEOUT = 0.5
    settings.TWILIO_STATUS_CALLBACK = True
    yield server
    server.release.set()  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()
    for private in (PHONE, "9185550142", "555-0142"):
        assert private not in caplog.text


def test_it_posts_the_message_form_with_basic_auth(twilio):
    twilio.plan.append((201, {"sid": "SM1", "status": "queued"}))

    assert TwilioSms().send(PHONE, "311: closed") == "SM1"

    [(path, headers, body)] = twilio.received
    assert path == f"/2010-04-01/Accounts/{SID}/Messages.json"
    credentials = base64.b64encode(f"{SID}:{TOKEN}".encode()).decode()
    assert headers["Authorization"] == f"Basic {credentials}"
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qs(body) == {
        "From": ["+19185550100"],
        "To": ["+19185550142"],
        "Body": ["311: closed"],
        "StatusCallback": [CALLBACK],
    }


def test_a_refusal_is_permanent_with_twilios_error_code(twilio):
    twilio.plan.append((400, {"code": 21617, "message": "The concatenated message is too long"}))

    with pytest.raises(PermanentFailure) as refused:
        TwilioSms().send(PHONE, "311: closed")

    assert str(refused.value) == "Twilio refused the message: HTTP 400, error 21617"
    assert refused.value.bounce is False


def test_an_invalid_number_is_a_bounce(twilio):
    twilio.plan.append((400, {"code": 21211, "message": "The 'To' number +19185550142 is bad"}))

    with pytest.raises(PermanentFailure) as refused:
        TwilioSms().send(PHONE, "311: closed")

    assert str(refused.value) == "Twilio refused the message: HTTP 400, error 21211"
    assert refused.value.bounce is True


@pytest.mark.parametrize("status", [429, 500, 503])
def test_a_busy_or_broken_server_is_temporary(twilio, status):
    twilio.plan.append((status, {"code": 20500, "message": "Internal Server Error"}))

    with pytest.raises(TemporaryFailure) as failed:
        TwilioSms().send(PHONE, "311: closed")

    assert str(failed.value) == f"Twilio answered HTTP {status}"


def test_no_answer_in_time_is_temporary(twilio):
    twilio.plan.append(None)

    with pytest.raises(TemporaryFailure) as failed:
        TwilioSms().send(PHONE, "311: closed")

    assert str(failed.value) == "no answer from Twilio (TimeoutError)"


def test_no_server_is_temporary(twilio, settings):
    settings.TWILIO_API_URL = "http://127.0.0.1:9"  # discard: nothing listens

    with pytest.raises(TemporaryFailure) as failed:
        TwilioSms().send(PHONE, "311: closed")

    assert str(failed.value) == "no answer from Twilio (URLError)"


def sent_text(twilio, django_capture_on_commit_callbacks) -> Notification:
    twilio.plan.append((201, {"sid": "SM42", "status": "queued"}))
    with django_capture_on_commit_callbacks(execute=True):
        [made] = notify("sign_in", key="k", language="en", context={"link": "x"}, phone=PHONE)
    made.refresh_from_db()
    assert (made.state, made.provider_id) == (State.SENT, "SM42")
    return made


def signature(url: str, form: dict[str, str], token: str = TOKEN) -> str:
    """Twilio's documented scheme: HMAC-SHA1 of the URL and each name and value, sorted."""
    signed = url + "".join(name + form[name] for name in sorted(form))
    digest = hmac.new(token.encode(), signed.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def report(client, state: str, code: str = "", token: str = TOKEN, sid: str = "SM42"):
    form = {"MessageSid": sid, "MessageStatus": state, "To": "+19185550142", "AccountSid": SID}
    if code:
        form["ErrorCode"] = code
    return client.post(
        "/notifications/sms-status/", form, HTTP_X_TWILIO_SIGNATURE=signature(CALLBACK, form, token)
    )


def test_a_delivered_report_marks_the_text_delivered(
    client, twilio, django_capture_on_commit_callbacks
):
    text = sent_text(twilio, django_capture_on_commit_callbacks)

    assert report(client, "sent").status_code == 204
    text.refresh_from_db()
    assert text.delivered_at is None
    assert report(client, "delivered").status_code == 204

    text.refresh_from_db()
    assert (text.state, text.delivered_at is not None) == (State.SENT, True)


@pytest.mark.parametrize("code", ["21211", "30004", "30005", "30006"])
def test_an_undelivered_text_to_a_bad_number_bounces(
    client, twilio, django_capture_on_commit_callbacks, code
):
    text = sent_text(twilio, django_capture_on_commit_callbacks)

    assert report(client, "undelivered", code).status_code == 204

    text.refresh_from_db()
    bounce = BouncingAddress.objects.get()
    assert text.state == State.BOUNCED
    assert text.error == f"bounced: text undelivered (Twilio error {code})"
    assert (bounce.address_key, bounce.source) == ("19185550142", "transport")
    assert bounce.reason == f"text undelivered (Twilio error {code})"


@pytest.mark.parametrize("code", ["30003", "30008", ""])
def test_a_text_out_of_reach_for_now_is_retried(
    client, twilio, django_capture_on_commit_callbacks, code
):
    text = sent_text(twilio, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        assert report(client, "failed", code).status_code == 204
        assert report(client, "failed", code).status_code == 204  # reported twice

    text.refresh_from_db()
    assert (text.state, text.attempts) == (State.RETRYING, 1)
    assert text.error == f"text failed (Twilio error {code or 'none'})"
    assert text.next_attempt_at is not None
    assert not BouncingAddress.objects.exists()


def test_a_filtered_text_fails_without_blaming_the_number(
    client, twilio, django_capture_on_commit_callbacks
):
    text = sent_text(twilio, django_capture_on_commit_callbacks)

    assert report(client, "undelivered", "30007").status_code == 204

    text.refresh_from_db()
    assert (text.state, text.error) == (State.FAILED, "text undelivered (Twilio error 30007)")
    assert not BouncingAddress.objects.exists()


def test_a_report_with_a_bad_signature_is_refused(
    client, twilio, django_capture_on_commit_callbacks
):
    text = sent_text(twilio, django_capture_on_commit_callbacks)

    refused = report(client, "undelivered", "30006", token="not-the-token")
    unsigned = client.post("/notifications/sms-status/", {"MessageSid": "SM42"})

    assert (refused.status_code, refused.content) == (403, b"bad signature")
    assert unsigned.status_code == 403
    text.refresh_from_db()
    assert text.state == State.SENT
    assert not BouncingAddress.objects.exists()


def test_a_report_about_a_text_we_did_not_send_changes_nothing(
    client, twilio, django_capture_on_commit_callbacks
):
    text = sent_text(twilio, django_capture_on_commit_callbacks)

    assert report(client, "undelivered", "30006", sid="SM999").status_code == 204

    text.refresh_from_db()
    assert text.state == State.SENT
    assert not BouncingAddress.objects.exists()


@pytest.mark.parametrize(
    ("code", "shown"), [("²", "'\\xb2'"), ("٣٠٠٠٦", "'\\u0663\\u0660\\u0660\\u0660\\u0666'")]
)
def test_an_error_code_that_is_not_ascii_digits_is_an_unknown_error(
    client, twilio, django_capture_on_commit_callbacks, code, shown
):
    text = sent_text(twilio, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        assert report(client, "failed", code).status_code == 204

    text.refresh_from_db()
    assert (text.state, text.attempts) == (State.RETRYING, 1)
    assert text.error == f"text failed (Twilio error {shown})"
    assert not BouncingAddress.objects.exists()
