"""Forms: staff registration and actions, the public report, rating, reopen and information request."""

from __future__ import annotations

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from .domain.classification import Kind
from .models import Handoff, InfoRequest, Petition, StepDelivery

CLASS_CHOICES = [
    (k.value, Petition.Kind(k.value).label)
    for k in (Kind.COMPLAINT, Kind.DENUNCIATION, Kind.RECOMMENDATION, Kind.REPORT, Kind.MIXED)
]


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *list(Petition.Status.choices)]
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *list(Petition.Kind.choices)])
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All")), *list(Petition.Channel.choices)]
    )
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    overdue = forms.BooleanField(label=_("Overdue"), required=False)


class PetitionForm(forms.Form):
    """Registration by an officer (counter, session, post, hotline, box, Zalo, social, e-mail, forwarded)."""

    channel = forms.ChoiceField(
        label=_("Channel"), choices=[c for c in Petition.Channel.choices if c[0] not in ("web", "open311")]
    )
    topic = forms.ChoiceField(label=_("Topic"), choices=Petition.Topic.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 5}))
    location = forms.CharField(label=_("Place concerned"), required=False, max_length=255)
    submitter_name = forms.CharField(label=_("Full name"), required=False, max_length=150)
    submitter_address = forms.CharField(label=_("Address"), required=False, max_length=255)
    submitter_phone = forms.CharField(label=_("Phone"), required=False, max_length=20)
    submitter_email = forms.EmailField(label=_("E-mail"), required=False)
    submitter_id_number = forms.CharField(label=_("ID number"), required=False, max_length=12)
    written = forms.BooleanField(label=_("Written petition"), required=False, initial=True)
    signed = forms.BooleanField(label=_("Signed or fingerprinted"), required=False)
    dated = forms.BooleanField(label=_("Dated"), required=False)
    signatories = forms.IntegerField(label=_("Signatories"), min_value=1, initial=1)
    representatives = forms.IntegerField(label=_("Representatives"), min_value=0, initial=0)
    forwarded_from = forms.CharField(label=_("Forwarded by (body)"), required=False, max_length=255)


class ClassifyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Classification"), choices=CLASS_CHOICES)
    in_vietnamese = forms.BooleanField(label=_("Written in Vietnamese"), required=False, initial=True)
    dated = forms.BooleanField(label=_("Dated"), required=False)
    has_name = forms.BooleanField(label=_("Name given"), required=False, initial=True)
    has_address = forms.BooleanField(label=_("Address given"), required=False, initial=True)
    signed = forms.BooleanField(label=_("Signed or fingerprinted"), required=False)
    names_respondent = forms.BooleanField(
        label=_("Complaint: names the decision or act complained of"), required=False, initial=True
    )
    states_request = forms.BooleanField(
        label=_("Complaint: states the content and request"), required=False, initial=True
    )
    names_accused = forms.BooleanField(
        label=_("Denunciation: names the person denounced"), required=False, initial=True
    )
    states_violation = forms.BooleanField(label=_("Denunciation: states the violation"), required=False, initial=True)
    already_handled = forms.BooleanField(label=_("Already handled"), required=False)
    sent_to_many = forms.BooleanField(label=_("Sent to many bodies including the competent one"), required=False)
    already_guided = forms.BooleanField(label=_("Already guided once on the same content"), required=False)
    signatories = forms.IntegerField(label=_("Signatories"), min_value=1, initial=1)
    representatives = forms.IntegerField(label=_("Representatives"), min_value=0, initial=0)
    complex_case = forms.BooleanField(label=_("Complex case"), required=False)
    multi_place = forms.BooleanField(label=_("Several places must be checked"), required=False)
    competent = forms.BooleanField(label=_("Within the commune's competence"), required=False, initial=True)


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(label=_("Officer"), queryset=None)

    def __init__(self, *args, handlers=(), **kwargs):
        super().__init__(*args, **kwargs)
        from thanthien.accounts.models import User

        self.fields["handler"].queryset = User.objects.filter(pk__in=[u.pk for u in handlers])


class ForwardForm(forms.Form):
    body_kind = forms.ChoiceField(label=_("Kind of body"), choices=Handoff.BodyKind.choices)
    body_name = forms.CharField(label=_("Competent body"), max_length=255)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason told to the citizen"), widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}))
    publish = forms.BooleanField(label=_("Publish (public interest; personal data are removed)"), required=False)


class DuplicateForm(forms.Form):
    original = forms.CharField(label=_("Tracking code of the original"), max_length=24)


class SessionForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("Place"), max_length=255)
    host = forms.CharField(label=_("Host"), max_length=150)
    is_chairman = forms.BooleanField(label=_("Chairman's session"), required=False, initial=True)
    online = forms.BooleanField(label=_("Online session"), required=False)
    participants = forms.CharField(label=_("Participants"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    expected_content = forms.CharField(
        label=_("Expected content"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SessionRecordForm(forms.Form):
    attendees = forms.CharField(label=_("Citizens who came"), widget=forms.Textarea(attrs={"rows": 2}))
    summary = forms.CharField(label=_("What they raised"), widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}))
    follow_ups = forms.CharField(label=_("Follow-ups"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    recording_ref = forms.CharField(label=_("Recording reference"), required=False, max_length=255)


class PostponeForm(forms.Form):
    new_day = forms.DateField(label=_("New day"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason for postponement"), max_length=500)


# ---- public forms ------------------------------------------------------------------------------


class PublicReportForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=Petition.Topic.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    content = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 6}))
    location = forms.CharField(label=_("Where"), required=False, max_length=255)
    submitter_name = forms.CharField(label=_("Your full name"), required=False, max_length=150)
    submitter_phone = forms.CharField(label=_("Your phone"), required=False, max_length=20)
    submitter_email = forms.EmailField(label=_("Your e-mail"), required=False)
    submitter_address = forms.CharField(label=_("Your address"), required=False, max_length=255)


class LookupForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=30)


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with the answer?"),
        coerce=int,
        choices=[
            (5, _("5 — Very satisfied")),
            (4, _("4 — Satisfied")),
            (3, _("3 — Acceptable")),
            (2, _("2 — Not satisfied")),
            (1, _("1 — Very dissatisfied")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), required=False, max_length=500)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the answer not settle the matter?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class QuestionForm(forms.Form):
    question = forms.CharField(label=_("Your question"), widget=forms.Textarea(attrs={"rows": 3}))
    asked_by = forms.CharField(label=_("Your name (optional)"), required=False, max_length=150)


class InfoRequestForm(forms.Form):
    """Phiếu yêu cầu cung cấp thông tin (Luật TCTT Điều 24; NĐ 13/2018 Mẫu 01a)."""

    requester_name = forms.CharField(label=_("Full name"), max_length=150)
    address = forms.CharField(label=_("Address"), max_length=255)
    id_number = forms.CharField(label=_("ID or passport number"), max_length=20)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=20)
    fax = forms.CharField(label=_("Fax"), required=False, max_length=20)
    email = forms.EmailField(label=_("E-mail"), required=False)
    information = forms.CharField(
        label=_("Information requested (document names)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    delivery = forms.ChoiceField(label=_("Form of delivery"), choices=InfoRequest.Delivery.choices)
    purpose = forms.CharField(label=_("Reason or purpose"), widget=forms.Textarea(attrs={"rows": 2}))


class StaffInfoRequestForm(InfoRequestForm):
    channel = forms.ChoiceField(label=_("Channel"), choices=InfoRequest.Channel.choices)
    complex_case = forms.BooleanField(label=_("Needs collection or consultation"), required=False)


class InfoRefuseForm(forms.Form):
    ground = forms.ChoiceField(label=_("Refusal ground"), choices=InfoRequest.Ground.choices)
    reason = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))


class InfoProvideForm(forms.Form):
    copying_cost = forms.IntegerField(label=_("Copying and postage costs (VND)"), min_value=0, initial=0)
    cost_paid = forms.BooleanField(label=_("Costs paid"), required=False, initial=True)


class ConferenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    held_at = forms.DateTimeField(label=_("Held at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    place = forms.CharField(label=_("Place"), max_length=255)


class ConferenceAnswerForm(forms.Form):
    question = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    """The complaint decision (LKN Điều 31–32)."""

    decided_on = forms.DateField(label=_("Decision date"), widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(label=_("Decision (summary)"), widget=forms.Textarea(attrs={"rows": 4}))
    document = forms.FileField(
        label=_("Signed paper (scan, PDF)"),
        required=False,
        validators=[FileExtensionValidator(["pdf", "jpg", "jpeg", "png"])],
    )

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and document.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return document


class DeliveryForm(forms.Form):
    recipient = forms.ChoiceField(label=_("Recipient"), choices=[])
    sent_on = forms.DateField(label=_("Sent on"), widget=forms.DateInput(attrs={"type": "date"}))
    method = forms.ChoiceField(label=_("Means"), choices=StepDelivery.Method.choices)
    reference = forms.CharField(label=_("Reference (dispatch number, postal code)"), required=False, max_length=100)

    def __init__(self, *args, recipients=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(StepDelivery.Recipient.choices)
        self.fields["recipient"].choices = [(r, labels[r]) for r in recipients]


class DialogueForm(forms.Form):
    """Notice of the dialogue: time, place, content (LKN Điều 30)."""

    held_at = forms.DateTimeField(label=_("Time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    place = forms.CharField(label=_("Place"), max_length=255)
    content = forms.CharField(label=_("Content of the dialogue"), widget=forms.Textarea(attrs={"rows": 3}))
    notified_on = forms.DateField(label=_("Notice sent on"), widget=forms.DateInput(attrs={"type": "date"}))


class MinutesForm(forms.Form):
    participants = forms.CharField(label=_("Participants"), widget=forms.Textarea(attrs={"rows": 2}))
    discussion = forms.CharField(label=_("What was said"), widget=forms.Textarea(attrs={"rows": 4}))
    results = forms.CharField(label=_("Results"), widget=forms.Textarea(attrs={"rows": 3}))
    signed = forms.BooleanField(label=_("The minutes are signed or fingerprinted by the participants"), required=False)
