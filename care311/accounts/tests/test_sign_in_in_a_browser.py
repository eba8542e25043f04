"""In Chromium, by keyboard: a supervisor signs in for the first time, sets up an authenticator
app from the page's key, signs out and back in with the next code; an agent's fifth wrong password
shows the lockout page. Screenshots go to ./screenshots/sign-in-*.png at both widths, and
each page must pass axe-core without serious or critical problems."""

import re

import pytest
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from care311.accounts.tests.conftest import PASSWORD, current_code

pytestmark = pytest.mark.django_db(transaction=True)


def type_sign_in(page, username: str, password: str) -> None:
    page.focus("#id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")


@override_settings(STAFF_TOTP_ROLES=("supervisor", "admin"))
def test_a_supervisor_sets_up_a_code_and_signs_in_with_it(live_server, browser_page, look, cast):
    page = browser_page
    page.goto(f"{live_server.url}/desk/supervisor/")
    page.wait_for_url(re.compile(r"/staff/sign-in/\?next="))
    look(page, "sign-in")

    type_sign_in(page, "sue", PASSWORD)
    page.wait_for_url(re.compile(r"/staff/two-factor/\?next="))
    look(page, "sign-in-set-up")
    key = page.inner_text("code.secret").replace(" ", "")
    device = TOTPDevice.objects.get(user=cast["sue"])
    assert key in device.config_url
    assert page.locator('svg[role="img"]').count() == 1
    page.keyboard.type(current_code(device))
    page.keyboard.press("Enter")
    page.wait_for_url("**/desk/supervisor/")
    assert "Two-factor sign-in is on for your account." in page.inner_text("main")

    page.click("form.sign-out button")
    page.goto(f"{live_server.url}/desk/supervisor/")
    type_sign_in(page, "sue", PASSWORD)
    page.wait_for_url(re.compile(r"/staff/sign-in/code/\?next="))
    look(page, "sign-in-code")
    # The code just used to set up is spent; the app's next one is taken.
    page.keyboard.type(current_code(device, drift=1))
    page.keyboard.press("Enter")
    page.wait_for_url("**/desk/supervisor/")


def test_the_fifth_wrong_password_shows_the_lockout_page(live_server, browser_page, look, cast):
    page = browser_page
    page.goto(f"{live_server.url}/staff/sign-in/")
    for _ in range(4):
        type_sign_in(page, "ana", "wrong-password")
        page.wait_for_selector("#sign-in-error")
        page.fill("#id_username", "")

    type_sign_in(page, "ana", "wrong-password")

    page.wait_for_selector("h1:has-text('Sign-in paused')")
    assert "paused for 15 minutes" in page.inner_text("main")
    look(page, "sign-in-paused")
