"""Forms of the staff pages: a procedure with its components and steps, and the import upload."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .domain.records import ComponentRecord, ProcedureRecord, StepRecord
from .models import Field, Procedure


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProcedureForm(forms.ModelForm):
    field = forms.ModelChoiceField(
        queryset=Field.objects.order_by("order", "name"),
        to_field_name="code",
        label=pgettext_lazy("procedures", "Field"),
    )

    class Meta:
        model = Procedure
        fields = [
            "code",
            "name",
            "field",
            "competent_level",
            "time_amount",
            "time_measure",
            "is_immediate",
            "time_note",
            "fee_amount",
            "fee_unit",
            "fee_note",
            "online_level",
            "postal_eligible",
            "postal_ineligible_reason",
            "result_type",
            "legal_basis",
            "valid_from",
            "valid_to",
            "is_published",
            "confidence",
            "source_note",
        ]
        widgets = {
            "valid_from": DateInput(),
            "valid_to": DateInput(),
            "time_note": forms.Textarea(attrs={"rows": 2}),
            "fee_note": forms.Textarea(attrs={"rows": 3}),
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "source_note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "code": _("National code from the Cổng Dịch vụ công quốc gia, e.g. 1.001193."),
            "fee_amount": _(
                "The highest legal charge in đồng per fee unit; 0 when free. Exemptions go in the fee note."
            ),
            "is_immediate": _("The result is returned on the spot (trả ngay) within the time limit."),
        }

    def validate_unique(self) -> None:
        """Uniqueness is checked by the service, which also sees concurrent edits."""


class ComponentForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("procedures", "Component"), max_length=1000)
    original_count = forms.IntegerField(
        label=pgettext_lazy("procedures", "Originals"), min_value=0, max_value=99, initial=1
    )
    copy_count = forms.IntegerField(label=pgettext_lazy("procedures", "Copies"), min_value=0, max_value=99, initial=0)
    is_required = forms.BooleanField(label=pgettext_lazy("procedures", "Required"), required=False, initial=True)
    note = forms.CharField(
        label=pgettext_lazy("procedures", "Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class StepForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("procedures", "Step"), max_length=500)
    actor_role = forms.CharField(label=pgettext_lazy("procedures", "Responsible"), max_length=200)
    hours = forms.DecimalField(
        label=pgettext_lazy("procedures", "Hours"), min_value=Decimal("0.25"), max_digits=6, decimal_places=2
    )


ComponentFormSet = forms.formset_factory(ComponentForm, extra=2, can_delete=True)
StepFormSet = forms.formset_factory(StepForm, extra=2, can_delete=True)


def _kept(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """Rows to keep: not deleted, and either pre-filled or filled in by the user."""
    rows = []
    initial = formset.initial_form_count()
    for index, form in enumerate(formset.forms):
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE") or (index >= initial and not form.has_changed()):
            continue
        rows.append(data)
    return rows


def build_record(form: ProcedureForm, components: forms.BaseFormSet, steps: forms.BaseFormSet) -> ProcedureRecord:
    """The plain record of three valid forms; children are numbered in page order."""
    data = form.cleaned_data
    return ProcedureRecord(
        code=data["code"].strip(),
        name=data["name"],
        field_code=data["field"].code,
        time_amount=data["time_amount"],
        time_measure=data["time_measure"],
        result_type=data["result_type"],
        competent_level=data["competent_level"],
        is_immediate=data["is_immediate"],
        time_note=data["time_note"],
        fee_amount=data["fee_amount"],
        fee_unit=data["fee_unit"],
        fee_note=data["fee_note"],
        online_level=data["online_level"],
        postal_eligible=data["postal_eligible"],
        postal_ineligible_reason=data["postal_ineligible_reason"],
        legal_basis=data["legal_basis"],
        valid_from=data["valid_from"],
        valid_to=data["valid_to"],
        is_published=data["is_published"],
        confidence=data["confidence"],
        source_note=data["source_note"],
        components=tuple(
            ComponentRecord(
                order=i,
                name=row["name"],
                original_count=row["original_count"],
                copy_count=row["copy_count"],
                is_required=row["is_required"],
                note=row["note"],
            )
            for i, row in enumerate(_kept(components), start=1)
        ),
        steps=tuple(
            StepRecord(order=i, name=row["name"], actor_role=row["actor_role"], hours=row["hours"])
            for i, row in enumerate(_kept(steps), start=1)
        ),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Catalogue file"),
        help_text=_("An .xlsx workbook (sheets procedures, components, steps) or a .csv file with a record column."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload
