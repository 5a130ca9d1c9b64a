"""Forms of the units pages. Input is NFC-normalised here; services validate again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from thanthien.core.search import nfc

from .models import Hamlet, Person


class NormalisedForm(forms.Form):
    """Strips and NFC-normalises every text value (phones may send decomposed Vietnamese)."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for key, value in list(data.items()):
            if isinstance(value, str):
                data[key] = nfc(value).strip()
        return data


def apply_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form (unknown fields go to the top)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class HamletForm(NormalisedForm):
    name = forms.CharField(label=_("Name"), max_length=120, help_text=_("Without the word thôn, xóm or tổ dân phố."))
    hamlet_type = forms.ChoiceField(label=_("Type"), choices=Hamlet.Type.choices)
    code = forms.CharField(label=_("Code"), max_length=20, required=False)


class HouseholdForm(NormalisedForm):
    code = forms.CharField(
        label=_("Household code"), max_length=40, required=False, help_text=_("Leave empty to number it automatically.")
    )
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)


class HouseholdEditForm(NormalisedForm):
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    hamlet = forms.ModelChoiceField(label=_("Hamlet"), queryset=Hamlet.objects.none())
    is_active = forms.BooleanField(label=_("Active household"), required=False)

    def __init__(self, *args: Any, hamlets: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["hamlet"].queryset = hamlets


class PersonForm(NormalisedForm):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", "—"), *Person.Gender.choices], required=False)
    relation = forms.CharField(
        label=_("Relation to the household head"),
        max_length=60,
        required=False,
        help_text=_("For example: Chủ hộ, Vợ, Con."),
    )
    is_representative = forms.BooleanField(label=_("Household representative"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    national_id = forms.CharField(label=_("Personal identification number"), max_length=12, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (.csv or .xlsx)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise ValidationError(_("The file is too large."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Upload a .csv or .xlsx file."))
        return upload
