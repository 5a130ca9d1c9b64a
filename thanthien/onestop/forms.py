"""Forms of the citizen side: rating, online submission, booking, letter templates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thanthien.core.forms import apply_service_error
from thanthien.dossiers.domain.common import Channel
from thanthien.dossiers.domain.rating import CONDUCT_CODE, ServiceFactor

from .models import LetterKind

SCORE_CHOICES = [
    (5, _("5 — Very satisfied")),
    (4, _("4 — Satisfied")),
    (3, _("3 — Neither")),
    (2, _("2 — Dissatisfied")),
    (1, _("1 — Very dissatisfied")),
]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _score_field(label: Any, required: bool = True) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect, required=required, empty_value=None
    )


class RatingForm(forms.Form):
    """The SIPAS micro-survey at return (QĐ 2640/QĐ-BNV; NĐ 61/2018 Điều 31)."""

    access = _score_field(ServiceFactor.ACCESS.label)
    procedure = _score_field(ServiceFactor.PROCEDURE.label)
    staff = _score_field(ServiceFactor.STAFF.label)
    result = _score_field(ServiceFactor.RESULT.label)
    feedback_handling = _score_field(_("Handling of feedback and petitions (only if you gave any)"), required=False)
    trips = forms.IntegerField(
        label=_("How many times did you come to the office for this dossier?"), min_value=0, max_value=20
    )
    extra_payment_asked = forms.ChoiceField(
        label=_("Were you asked to pay anything beyond the published fee?"), choices=YES_NO, widget=forms.RadioSelect
    )
    appointment_kept = forms.ChoiceField(
        label=_("Was the result returned on the appointed day (or were you told and apologised to)?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    conduct_breaches = forms.MultipleChoiceField(
        label=_("Which items of the conduct code “4 xin, 4 luôn, 5 không” were NOT observed?"),
        choices=[(item.code, item.source_text) for item in CONDUCT_CODE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=1000
    )
    anonymous = forms.BooleanField(label=_("Keep my rating anonymous"), required=False, initial=True)

    def payload(self) -> dict[str, Any]:
        d = self.cleaned_data
        scores = {f: d.get(f) for f in ("access", "procedure", "staff", "result")}
        if d.get("feedback_handling"):
            scores["feedback_handling"] = d["feedback_handling"]
        kept = d.get("appointment_kept")
        return {
            "scores": scores,
            "trips": d["trips"],
            "extra_payment_asked": d["extra_payment_asked"] == "yes",
            "appointment_kept": None if not kept else kept == "yes",
            "conduct_breaches": list(d.get("conduct_breaches") or []),
            "comment": d.get("comment") or "",
            "anonymous": bool(d.get("anonymous")),
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if isinstance(data, (list, tuple)):
            return [f for f in data if f]
        return [data] if data else []


class OnlineSubmissionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Commune or ward"), queryset=None)
    procedure = forms.ModelChoiceField(label=_("Procedure"), queryset=None)
    name = forms.CharField(label=_("Full name"), max_length=150)
    id_number = forms.CharField(label=_("Personal identification number"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    channel_out = forms.ChoiceField(
        label=_("How do you want to receive the result?"),
        choices=[
            (Channel.DIRECT.value, _("At the one-stop counter")),
            (Channel.POSTAL.value, _("By public postal service (you pay the postage)")),
        ],
        widget=forms.RadioSelect,
        initial=Channel.DIRECT.value,
    )
    postal_return_address = forms.CharField(label=_("Postal address for the result"), max_length=255, required=False)
    files = MultipleFileField(label=_("Attachments (PDF, JPG or PNG)"), required=False)

    def __init__(self, *args: Any, units: Any, procedures: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["procedure"].queryset = procedures


class BookingForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=150)
    slot = forms.IntegerField(widget=forms.HiddenInput)


class SlotForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("From"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(label=_("Until"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=500, initial=5)


class LetterTemplateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=LetterKind.choices)
    salutation = forms.CharField(label=_("Salutation"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))


class LetterForm(forms.Form):
    salutation = forms.CharField(label=_("Salutation"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))


class HandOverForm(forms.Form):
    note = forms.CharField(label=_("How and to whom it was handed over"), max_length=255, required=False)


apply_error = apply_service_error
