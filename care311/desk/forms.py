"""The desk's forms. Staff pages, in English through gettext like the rest."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from care311.catalog.queries import listed_services
from care311.desk.models import ContactChannel, ContactOutcome, Direction
from care311.desk.phones import BadNumber, normalise_number
from care311.portal.forms import DESCRIPTION_MAX, LocationForm

LANGUAGES = [("en", "English"), ("es", "Español")]


class StartContactForm(forms.Form):
    """A contact started by hand: a walk-in, an email, an outbound call, or a call the phone
    system did not pop up."""

    caller = forms.CharField(label=_("Caller's number"), max_length=40, required=False)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=ContactChannel.choices, initial=ContactChannel.PHONE
    )
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Direction.choices, initial=Direction.INBOUND, required=False
    )
    name = forms.CharField(label=_("Caller's name (optional)"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Caller's language"), choices=LANGUAGES, initial="en", required=False
    )

    def clean(self) -> dict:
        # A screen-pop URL carries the number and channel; the rest have these defaults.
        data = super().clean() or {}
        data["direction"] = data.get("direction") or Direction.INBOUND
        data["language"] = data.get("language") or "en"
        return data

    def clean_caller(self) -> str:
        try:
            return normalise_number(self.cleaned_data["caller"])
        except BadNumber:
            raise forms.ValidationError(
                _("Enter the caller's number with its area code, such as 918-555-0142.")
            ) from None


class WhereForm(LocationForm):
    """The first filing step: which service, and where (the portal's location rules)."""

    service = forms.ChoiceField(
        label=_("Service"),
        help_text=_("Type the first letters of the service's name to jump to it."),
        choices=(),
        error_messages={
            "required": _("Choose a service."),
            "invalid_choice": _("Choose a service."),
        },
        widget=forms.Select(attrs={"data-focus": ""}),
    )

    field_order = ["service", "address", "latitude", "longitude"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices: list = [("", _("Choose a service"))]
        groups: dict[str, list[tuple[str, str]]] = {}
        for service in listed_services():
            group = service.group.name if service.group else str(_("Other"))
            groups.setdefault(group, []).append((service.service_code, service.name))
        choices += list(groups.items())
        cast(forms.ChoiceField, self.fields["service"]).choices = choices


class FileDetailsForm(forms.Form):
    """The details an agent files besides the service's questions."""

    description = forms.CharField(
        label=_("What the caller describes"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    name = forms.CharField(label=_("Caller's name (optional)"), max_length=200, required=False)
    updates = forms.BooleanField(
        label=_("The caller wants text updates at this number"), required=False
    )


class WrapUpForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=ContactOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the contact ended.")},
    )
    agency = forms.CharField(
        label=_("Agency referred to"),
        help_text=_("Needed when the caller was referred to another agency."),
        max_length=200,
        required=False,
    )
    notes = forms.CharField(
        label=_("Wrap-up notes"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("outcome") == ContactOutcome.REFERRED and not data.get("agency", "").strip():
            self.add_error("agency", _("Name the agency the caller was referred to."))
        return data
