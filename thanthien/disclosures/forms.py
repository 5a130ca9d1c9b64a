"""Staff forms of the disclosure register."""

from __future__ import annotations

from django import forms as dj
from django.utils.translation import gettext_lazy as _

from thanthien.units.models import Hamlet

from .domain.rules import CATEGORIES
from .models import FormChoice


def category_choices() -> list[tuple[int, str]]:
    return [(c.number, f"{c.number}. {c.title_vi}") for c in CATEGORIES]


class DateInput(dj.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ItemForm(dj.Form):
    category = dj.TypedChoiceField(label=_("Category (Article 11)"), coerce=int, choices=category_choices)
    title = dj.CharField(label=_("Title"), max_length=300)
    summary = dj.CharField(label=_("Content"), widget=dj.Textarea(attrs={"rows": 6}), required=False)
    document_ref = dj.CharField(label=_("Document number"), max_length=120, required=False)
    decided_on = dj.DateField(
        label=_("Decision date"),
        required=False,
        widget=DateInput(),
        help_text=_("Publication is due within 5 working days of this date."),
    )
    forms = dj.MultipleChoiceField(
        label=_("Planned forms of disclosure"),
        choices=FormChoice.choices,
        required=False,
        widget=dj.CheckboxSelectMultiple,
    )


class ReviseForm(dj.Form):
    title = dj.CharField(label=_("Title"), max_length=300)
    summary = dj.CharField(label=_("Content"), widget=dj.Textarea(attrs={"rows": 6}), required=False)
    decided_on = dj.DateField(label=_("Decision date"), required=False, widget=DateInput())


class PostingForm(dj.Form):
    hamlet = dj.ModelChoiceField(
        label=_("Place"),
        queryset=Hamlet.objects.none(),
        required=False,
        empty_label=_("People's Committee office"),
    )
    started_on = dj.DateField(label=_("Posted on"), widget=DateInput())
    ended_on = dj.DateField(label=_("Taken down on"), required=False, widget=DateInput())
    photo = dj.FileField(label=_("Photo proof"), required=False, help_text=_("JPEG, PNG or WebP, at most 5 MB."))

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hamlet"].queryset = Hamlet.objects.unscoped().filter(unit=unit).order_by("name")


class PostingEndForm(dj.Form):
    ended_on = dj.DateField(label=_("Taken down on"), widget=DateInput())


class BroadcastForm(dj.Form):
    aired_on = dj.DateField(label=_("First broadcast day"), widget=DateInput())
    days = dj.IntegerField(label=_("Consecutive days"), min_value=1, max_value=31, initial=3)


class PlanEntryForm(dj.Form):
    category = dj.TypedChoiceField(label=_("Category (Article 11)"), coerce=int, choices=category_choices)
    content = dj.CharField(label=_("Content"), max_length=300)
    forms = dj.MultipleChoiceField(
        label=_("Forms of disclosure"), choices=FormChoice.choices, widget=dj.CheckboxSelectMultiple
    )
    due_on = dj.DateField(label=_("Planned date"), widget=DateInput())
    responsible = dj.CharField(label=_("Responsible person"), max_length=120)


class OutreachForm(dj.Form):
    hamlet = dj.ModelChoiceField(label=_("Hamlet"), queryset=Hamlet.objects.none())
    held_on = dj.DateField(label=_("Date"), widget=DateInput())
    topic = dj.CharField(label=_("Topic"), max_length=300)
    attendance = dj.IntegerField(label=_("Attendance"), min_value=0, max_value=100000)

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hamlet"].queryset = Hamlet.objects.unscoped().filter(unit=unit).order_by("name")


class GreetingForm(dj.Form):
    web_text = dj.CharField(label=_("Website text"), widget=dj.Textarea(attrs={"rows": 6}))
    loudspeaker_text = dj.CharField(label=_("Loudspeaker script"), widget=dj.Textarea(attrs={"rows": 6}))
    social_text = dj.CharField(label=_("Social network post"), widget=dj.Textarea(attrs={"rows": 3}))


class PlanAdoptForm(dj.Form):
    adopted_on = dj.DateField(label=_("Adopted on"), widget=DateInput())
