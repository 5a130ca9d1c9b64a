"""Forms of the programme pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thanthien.units.models import AdminUnit

from .models import ProgrammeMember


class MemberAddForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Commune, ward or township"), queryset=AdminUnit.objects.none())
    joined_on = forms.DateField(
        label=_("Joined on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ProgrammeMember.Kind.choices, initial=ProgrammeMember.Kind.SCALE_UP
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
