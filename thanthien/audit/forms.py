from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import AuditFilters, audit_units_for_filter


class AuditFilterForm(forms.Form):
    action = forms.CharField(
        label=_("Action code"),
        required=False,
        max_length=100,
        help_text=_("Beginning of the code, e.g. “dossier.” or “household.created”."),
    )
    actor = forms.CharField(label=_("Actor"), required=False, max_length=100)
    unit = forms.ModelChoiceField(label=_("Unit"), required=False, queryset=None, empty_label=_("All units"))
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = audit_units_for_filter(actor=actor)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def filters(self) -> AuditFilters:
        if not self.is_valid():
            return AuditFilters()
        data = self.cleaned_data
        return AuditFilters(
            action=data["action"],
            actor=data["actor"],
            unit_id=data["unit"].pk if data["unit"] else None,
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
