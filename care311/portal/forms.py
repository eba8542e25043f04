"""The portal's forms. Every message is for a resident, in their language, beside its field."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

DESCRIPTION_MAX = 4000
EMAIL_ERRORS = {
    "required": _("Enter your email address."),
    "invalid": _("Enter an email address such as name@example.com."),
}


def in_service_area(latitude: float, longitude: float) -> bool:
    south, west, north, east = settings.SERVICE_AREA
    return south <= latitude <= north and west <= longitude <= east


class LocationForm(forms.Form):
    """Where the problem is: an address, a pin (latitude and longitude), or both."""

    address = forms.CharField(
        label=_("Address or nearest intersection"),
        help_text=_("For example: 1200 S Peoria Ave, or 31st St and Harvard Ave."),
        max_length=300,
        required=False,
    )
    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    longitude = forms.FloatField(
        label=_("Longitude"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        address = data.get("address", "").strip()
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if self.errors:
            return data
        if (latitude is None) != (longitude is None):
            self.add_error("latitude", _("Give both latitude and longitude, or neither."))
        elif latitude is not None and longitude is not None:
            if not in_service_area(latitude, longitude):
                self.add_error(
                    "latitude",
                    _(
                        "This point is outside the city's service area. Put the pin inside "
                        "the city, or give an address instead."
                    ),
                )
        elif not address:
            self.add_error("address", _("Give an address, or put a pin on the map."))
        data["address"] = address
        return data


class DetailsForm(forms.Form):
    """The description, contact details and updates choice (questions and photos are read
    separately: see filing.py)."""

    description = forms.CharField(
        label=_("Describe the problem"),
        help_text=_("What is wrong, and anything that helps the crew find it."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        error_messages=EMAIL_ERRORS,
    )
    phone = forms.CharField(
        label=_("Mobile phone for text messages"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    updates = forms.BooleanField(
        label=_("Send me updates when the status changes"), required=False, initial=True
    )
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def clean_description(self) -> str:
        description = self.cleaned_data["description"].strip()
        if len(description) > DESCRIPTION_MAX:
            raise forms.ValidationError(
                _("Keep the description under %(limit)s characters; it has %(length)s."),
                params={"limit": DESCRIPTION_MAX, "length": len(description)},
            )
        return description

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        digits = [char for char in phone if char.isdigit()]
        if phone and not 7 <= len(digits) <= 15:
            raise forms.ValidationError(_("Enter a phone number such as 918-555-0142."))
        return phone


class TrackForm(forms.Form):
    number = forms.CharField(
        label=_("Tracking number"),
        help_text=_("12 letters and numbers, such as 7KQ2-4M9P-X1TB."),
        max_length=40,
    )


class SignInForm(forms.Form):
    email = forms.EmailField(label=_("Email"), error_messages=EMAIL_ERRORS)


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Email for updates"), error_messages=EMAIL_ERRORS)


class MeTooForm(forms.Form):
    email = forms.EmailField(
        label=_("Email for updates (optional)"),
        required=False,
        error_messages=EMAIL_ERRORS,
    )


class NotFixedForm(forms.Form):
    note = forms.CharField(
        label=_("What is still wrong? (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
