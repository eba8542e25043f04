"""The staff sign-in forms: username and password, then a TOTP code."""

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

NO_MATCH = _(
    "That username and password do not match a staff account. Both are case-sensitive; "
    "after several wrong tries, sign-in is paused for a while."
)
NOT_STAFF = _("This sign-in is for city staff. Residents sign in from the 311 home page.")
WRONG_CODE = _(
    "That code is not right. Codes change every 30 seconds: enter the six digits your "
    "authenticator app shows now."
)


class SignInForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request: HttpRequest, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user: AbstractBaseUser | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        username, password = cleaned.get("username"), cleaned.get("password")
        if username is None or password is None:
            return cleaned

        # authenticate() with the request, so django-axes counts failures and refuses a
        # locked-out username (its middleware then answers with the lockout page).
        user = authenticate(self.request, username=username, password=password)
        if user is None:
            raise forms.ValidationError(NO_MATCH, code="no_match")
        if not user.is_staff:
            raise forms.ValidationError(NOT_STAFF, code="not_staff")
        self.user = user
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "pattern": "[0-9 ]*",
            }
        ),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit():
            raise forms.ValidationError(
                _("Enter the code as digits only, for example 123456."), code="not_digits"
            )
        return code
