"""The forms on a request's case page. Each carries the version of the request it was shown
with, so a change made meanwhile by someone else is a conflict, not a lost update."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from care311.catalog.models import ClosureReason, WorkQueue
from care311.service_requests.models import ServiceRequest
from care311.service_requests.photos import CleanPhoto, PhotoRefused, clean_photo

# What a missing or garbled version means to the person who sent the form.
OUT_OF_DATE = _(
    "This page is out of date: its form does not say which version of the request it was "
    "shown with. Reload the page and try again."
)


class CaseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ClaimForm(CaseForm):
    pass


class ReassignForm(CaseForm):
    queue = forms.ModelChoiceField(
        WorkQueue.objects.select_related("department"), required=False, label=_("Queue")
    )
    assignee = forms.ModelChoiceField(
        get_user_model().objects.filter(is_active=True, is_staff=True).order_by("username"),
        required=False,
        label=_("Person"),
        to_field_name="username",
    )
    unassign = forms.BooleanField(required=False, label=_("Take it off its assignee"))
    note = forms.CharField(required=False, label=_("Note (internal)"), widget=forms.Textarea)

    def clean(self) -> dict:
        data = super().clean() or {}
        if not (data.get("queue") or data.get("assignee") or data.get("unassign")):
            raise forms.ValidationError(_("Choose a queue, a person, or to unassign."))
        return data


class ReferForm(CaseForm):
    agency = forms.CharField(max_length=200, label=_("Agency"))
    note = forms.CharField(
        required=False, label=_("Hand-off note (residents see it)"), widget=forms.Textarea
    )


class HoldForm(CaseForm):
    note = forms.CharField(
        label=_("What is it waiting for? (residents see it)"), widget=forms.Textarea
    )


class ResumeForm(CaseForm):
    note = forms.CharField(required=False, label=_("Note (residents see it)"))


class CloseForm(CaseForm):
    reason = forms.ModelChoiceField(ClosureReason.objects.none(), label=_("Reason"))
    note = forms.CharField(
        required=False, label=_("Public note (residents see it)"), widget=forms.Textarea
    )
    photo = forms.FileField(required=False, label=_("Photo of the finished work"))

    def __init__(self, *args, reasons: list[ClosureReason], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        field.queryset = ClosureReason.objects.filter(pk__in=[r.pk for r in reasons])
        field.choices = [("", "---------")] + [(r.pk, r.label) for r in reasons]

    def clean_photo(self) -> CleanPhoto | None:
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        try:
            return clean_photo(upload, upload.size or 0, max_bytes=settings.PHOTO_MAX_BYTES)
        except PhotoRefused as refused:
            raise forms.ValidationError(refused.reason) from None


class MergeForm(CaseForm):
    into = forms.CharField(max_length=20, label=_("Duplicate of request (its number)"))

    def clean_into(self) -> str:
        return self.cleaned_data["into"].strip()


class NoteForm(CaseForm):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea)
    public = forms.BooleanField(required=False, label=_("Residents see this note"))


FORMS: dict[str, type[CaseForm]] = {
    "claim": ClaimForm,
    "reassign": ReassignForm,
    "refer": ReferForm,
    "hold": HoldForm,
    "resume": ResumeForm,
    "close": CloseForm,
    "merge": MergeForm,
    "note": NoteForm,
}


def blank_forms(request: ServiceRequest, reasons: list[ClosureReason]) -> dict[str, CaseForm]:
    """Every form, unbound, carrying the request's version."""
    initial = {"version": request.version}
    made: dict[str, CaseForm] = {}
    for name, form_class in FORMS.items():
        prefix = name
        if form_class is CloseForm:
            made[name] = CloseForm(initial=initial, prefix=prefix, reasons=reasons)
        else:
            made[name] = form_class(initial=initial, prefix=prefix)
    return made
