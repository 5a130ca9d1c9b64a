"""Forms of the public calendar page and of the calendar administration page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CalendarOverride

# The years the public tools answer for (the holidays table is reliable well beyond this).
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_DAYS = 3650


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%H:%M")
        super().__init__(**kwargs)


def _check_year(value):
    if value and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise forms.ValidationError(
            _("Choose a date between %(first)s and %(last)s."), params={"first": MIN_YEAR, "last": MAX_YEAR}
        )


class MonthForm(forms.Form):
    """Which year and month the public page shows."""

    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12)


class AddWorkingDaysForm(forms.Form):
    """'Add N working days to a date' on the public page."""

    start = forms.DateField(label=_("Start date"), widget=DateInput(), validators=[_check_year])
    days = forms.IntegerField(label=_("Number of working days"), min_value=0, max_value=MAX_DAYS)


class OverrideForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput(), validators=[_check_year])
    kind = forms.ChoiceField(label=_("Kind"), choices=CalendarOverride.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The document that announced the day, e.g. the ministry's notice of the holiday schedule."),
    )


class WorkingTimeRuleForm(forms.Form):
    effective_from = forms.DateField(label=_("Effective from"), widget=DateInput())
    morning_start = forms.TimeField(label=_("Morning start"), widget=TimeInput())
    morning_end = forms.TimeField(label=_("Morning end"), widget=TimeInput())
    afternoon_start = forms.TimeField(label=_("Afternoon start"), widget=TimeInput())
    afternoon_end = forms.TimeField(label=_("Afternoon end"), widget=TimeInput())
    hours_per_day = forms.IntegerField(label=_("Working hours per day"), min_value=1, max_value=24, initial=8)
    receipt_cutoff = forms.TimeField(label=_("Receipt cut-off"), widget=TimeInput())
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
