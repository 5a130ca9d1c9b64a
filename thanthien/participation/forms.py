"""Forms of the participation pages: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thanthien.core.forms import apply_service_error

from .models import CommunityMeeting, NoticeDelivery, Opinion, ProgressUpdate, Vote

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
D = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def names(value: str) -> list[str]:
    """One name per line (or comma separated)."""
    parts = value.replace(",", "\n").splitlines()
    return [p.strip() for p in parts if p.strip()]


apply_error = apply_service_error


class MeetingForm(forms.Form):
    hamlet = forms.ModelChoiceField(label=_("Hamlet"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=CommunityMeeting.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=255)
    scheduled_at = forms.DateTimeField(label=_("Meeting time"), widget=DT, input_formats=DT_FORMATS)
    place = forms.CharField(label=_("Place"), max_length=255)
    convener_name = forms.CharField(label=_("Convener"), max_length=150)
    cluster = forms.CharField(label=_("Cluster (hamlets of 200+ households)"), max_length=120, required=False)

    def __init__(self, *args, hamlets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hamlet"].queryset = hamlets


class AgendaItemForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("decide", _("Discuss and decide")), ("consult", _("Give opinions")), ("inform", _("Information"))],
    )
    title = forms.CharField(label=_("Title"), max_length=255)
    matter = forms.TypedChoiceField(
        label=_("Matter (Article 15)"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "—")] + [(i, _("Item %(n)s") % {"n": i}) for i in range(1, 7)],
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class NoticeForm(forms.Form):
    sent_on = forms.DateField(label=_("Notice sent on"), widget=D)
    documents_sent_on = forms.DateField(label=_("Documents sent on (items 1–3)"), widget=D, required=False)
    channels = forms.MultipleChoiceField(
        label=_("Channels"), choices=NoticeDelivery.Channel.choices, widget=forms.CheckboxSelectMultiple
    )


class DeliveryForm(forms.Form):
    household = forms.IntegerField(widget=forms.HiddenInput)
    channel = forms.ChoiceField(label=_("Channel"), choices=NoticeDelivery.Channel.choices)


class OfficersForm(forms.Form):
    secretary_name = forms.CharField(label=_("Secretary"), max_length=150)
    vote_counters = forms.CharField(label=_("Vote counters (one per line)"), widget=forms.Textarea(attrs={"rows": 3}))
    witnesses = forms.CharField(
        label=_("Household witnesses (one per line)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    vote_method = forms.ChoiceField(label=_("Voting method"), choices=CommunityMeeting.VoteMethod.choices)
    agree = forms.IntegerField(label=_("Households agreeing"), min_value=0)


class BallotPlanForm(forms.Form):
    plan_adopted_on = forms.DateField(label=_("Plan adopted on"), widget=D)
    info_published_on = forms.DateField(label=_("Information published on"), widget=D)
    team = forms.CharField(label=_("Ballot team (3–5, one per line)"), widget=forms.Textarea(attrs={"rows": 3}))
    opens_at = forms.DateTimeField(label=_("Ballots handed out"), widget=DT, input_formats=DT_FORMATS)
    closes_at = forms.DateTimeField(label=_("Return deadline"), widget=DT, input_formats=DT_FORMATS)


class OnlinePollForm(forms.Form):
    team = forms.CharField(label=_("Online-vote team (3–5, one per line)"), widget=forms.Textarea(attrs={"rows": 3}))
    opens_at = forms.DateTimeField(label=_("Opens"), widget=DT, input_formats=DT_FORMATS)
    closes_at = forms.DateTimeField(label=_("Closes"), widget=DT, input_formats=DT_FORMATS)
    leaders_agreed = forms.BooleanField(label=_("The hamlet head and the Front committee agree"))
    devices_available = forms.BooleanField(label=_("Households have internet-connected devices"))


class WindowForm(forms.Form):
    opens_at = forms.DateTimeField(label=_("Opens"), widget=DT, input_formats=DT_FORMATS)
    closes_at = forms.DateTimeField(label=_("Closes"), widget=DT, input_formats=DT_FORMATS)


class BallotCodeForm(forms.Form):
    code = forms.CharField(label=_("Ballot code"), max_length=20)
    choice = forms.ChoiceField(label=_("Choice"), choices=Vote.Choice.choices, required=False)


class SentForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=D)


class DateForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=D)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    refused = forms.BooleanField(label=_("Refuse (give reasons)"), required=False)


class ProgressForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=D)
    status = forms.ChoiceField(label=_("Status"), choices=ProgressUpdate.Status.choices)
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.CharField(label=_("Evidence (link or reference)"), max_length=500, required=False)


class ConsultationForm(forms.Form):
    matter = forms.TypedChoiceField(
        label=_("Matter (Article 25)"), coerce=int, choices=[(i, _("Item %(n)s") % {"n": i}) for i in range(1, 10)]
    )
    title = forms.CharField(label=_("Title"), max_length=255)
    plan = forms.CharField(label=_("Consultation plan"), widget=forms.Textarea(attrs={"rows": 3}))
    draft = forms.CharField(label=_("Draft and documents"), widget=forms.Textarea(attrs={"rows": 6}))
    consultation_forms = forms.MultipleChoiceField(
        label=_("Forms (Article 26)"), choices=Opinion.Channel.choices, widget=forms.CheckboxSelectMultiple
    )


class OpenForm(forms.Form):
    published_on = forms.DateField(label=_("Published on"), widget=D)
    closes_on = forms.DateField(label=_("Closes on"), widget=D)


class OpinionStaffForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Opinion.Channel.choices)
    author_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    author_phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    stance = forms.ChoiceField(label=_("Stance"), choices=Opinion.Stance.choices)
    text = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 3}))


class OpinionPublicForm(forms.Form):
    author_name = forms.CharField(label=_("Your name (optional)"), max_length=150, required=False)
    author_phone = forms.CharField(
        label=_("Phone, to be told what became of your opinion (optional)"), max_length=20, required=False
    )
    stance = forms.ChoiceField(
        label=_("Your view of the draft"), choices=Opinion.Stance.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(label=_("Your opinion"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("", "—"), *Opinion.Decision.choices], required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    group = forms.IntegerField(label=_("Group"), required=False)


class GroupForm(forms.Form):
    title = forms.CharField(label=_("Group title"), max_length=255)


class SynthesisForm(forms.Form):
    synthesis = forms.CharField(label=_("Synthesis"), widget=forms.Textarea(attrs={"rows": 5}))
    authority_approves = forms.BooleanField(label=_("The authority adopts the draft"), required=False)
    majority_explanation = forms.CharField(
        label=_("Explanation where the decision goes against the majority"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your household's choice"), choices=Vote.Choice.choices, widget=forms.RadioSelect
    )
    other_text = forms.CharField(label=_("Other opinion"), max_length=500, required=False)


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Household code on the invitation or ballot"), max_length=20)


class ReceiptForm(forms.Form):
    receipt = forms.CharField(label=_("Receipt code"), max_length=20)


class InitiativeForm(forms.Form):
    hamlet = forms.ModelChoiceField(label=_("Hamlet"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=255)
    proposer_name = forms.CharField(label=_("Proposer"), max_length=150)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, hamlets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hamlet"].queryset = hamlets


class SupportForm(forms.Form):
    code = forms.CharField(label=_("Household code"), max_length=40)
    signed_on = forms.DateField(label=_("Signed on"), widget=D)
