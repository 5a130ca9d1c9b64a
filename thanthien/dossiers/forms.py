"""Forms of the dossier pages; the API reuses :class:`ActionForm` to parse transition parameters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thanthien.core.forms import apply_service_error
from thanthien.units.models import AdminUnit, StaffRole

from .domain.common import Channel
from .domain.status import Action
from .models import CHANNEL_CHOICES
from .permissions import DOSSIER_STAFF
from .services import ApplicantData, IntakeData

User = get_user_model()

DECISIONS = [
    (Action.RECEIVE.value, _("Receive: the dossier is complete (Form 01)")),
    (Action.REQUEST_SUPPLEMENT_AT_RECEPTION.value, _("Ask for a supplement (Form 02)")),
    (Action.REFUSE_AT_RECEPTION.value, _("Refuse to receive (Form 03)")),
    (Action.SUBMIT_ONLINE.value, _("Submit online for the citizen (assisted service)")),
]

#: The parameters each action asks for on the detail page and in the API.
ACTION_FIELDS: dict[str, tuple[str, ...]] = {
    Action.REQUEST_SUPPLEMENT_AT_RECEPTION: ("reason",),
    Action.REFUSE_AT_RECEPTION: ("reason",),
    Action.ASSIGN: ("handler",),
    Action.REASSIGN: ("handler",),
    Action.REQUEST_SUPPLEMENT: ("reason",),
    Action.REQUEST_CONSULTATION: ("body", "step_hours"),
    Action.SEND_INTER_AGENCY: ("body", "step_hours"),
    Action.REQUEST_FEES: ("reason",),
    Action.CONFIRM_FEES_PAID: ("fee_amount", "receipt_no"),
    Action.ISSUE_APOLOGY: ("new_due_date", "reason"),
    Action.REFUSE: ("reason",),
    Action.STOP_AT_REQUEST: ("reason",),
    Action.RECORD_RESULT: ("result_note",),
    Action.RECORD_IMMEDIATE_RESULT: ("result_note",),
}


def staff_for_unit(unit_id: int):
    """Users who may handle dossiers in ``unit_id`` (handler choices)."""
    today = timezone.localdate()
    user_ids = (
        StaffRole.objects.unscoped()
        .filter(unit_id=unit_id, role__in=list(DOSSIER_STAFF))
        .exclude(valid_to__lt=today)
        .values("user_id")
    )
    return User.objects.filter(pk__in=user_ids, is_active=True).order_by("full_name", "username")


class ActionForm(forms.Form):
    """One transition: the action and the parameters it needs (the rest are ignored)."""

    action = forms.ChoiceField(label=_("Action"), choices=[(a.value, a.label) for a in Action])
    reason = forms.CharField(label=_("Reason or content"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    handler = forms.ModelChoiceField(label=_("Handler"), queryset=User.objects.none(), required=False)
    body = forms.CharField(label=_("Body consulted or taking part"), max_length=200, required=False)
    step_hours = forms.DecimalField(
        label=_("Working hours for its step"), min_value=0, max_digits=6, decimal_places=2, required=False
    )
    result_note = forms.CharField(label=_("Result"), max_length=500, required=False)
    fee_amount = forms.DecimalField(label=_("Fee paid (VND)"), min_value=0, decimal_places=0, required=False)
    receipt_no = forms.CharField(label=_("Receipt number"), max_length=40, required=False)
    new_due_date = forms.DateField(
        label=_("New return date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    delivered_channel = forms.ChoiceField(
        label=_("Delivered by"), choices=[("", "—"), *CHANNEL_CHOICES], required=False
    )

    def __init__(self, *args: Any, dossier: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if dossier is not None:
            self.fields["handler"].queryset = staff_for_unit(dossier.decider_unit_id)

    def params(self) -> dict[str, Any]:
        data = self.cleaned_data
        wanted = ACTION_FIELDS.get(data["action"], ())
        params = {name: data.get(name) for name in wanted if data.get(name) not in (None, "")}
        if data.get("delivered_channel"):
            params["delivered_channel"] = data["delivered_channel"]
        return params


class ReceptionForm(forms.Form):
    """The counter's reception form (and the postal hand-over, and assisted online submission)."""

    unit = forms.ModelChoiceField(label=_("Receiving commune"), queryset=AdminUnit.objects.none())
    procedure = forms.ModelChoiceField(label=_("Procedure"), queryset=None)  # type: ignore[arg-type]
    applicant_name = forms.CharField(label=_("Applicant's full name"), max_length=150)
    applicant_id_number = forms.CharField(label=_("Identification number"), max_length=20, required=False)
    applicant_address = forms.CharField(label=_("Address"), max_length=255, required=False)
    applicant_phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    applicant_email = forms.EmailField(label=_("Email"), required=False)
    channel_in = forms.ChoiceField(label=_("Submitted by"), choices=CHANNEL_CHOICES, initial=Channel.DIRECT.value)
    channel_out = forms.ChoiceField(
        label=_("Result returned by"), choices=CHANNEL_CHOICES, initial=Channel.DIRECT.value
    )
    handover_signed_at = forms.DateTimeField(
        label=_("Postal hand-over record signed at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )
    postal_receipt_no = forms.CharField(label=_("Postal receipt number"), max_length=40, required=False)
    postal_return_address = forms.CharField(label=_("Postal return address"), max_length=255, required=False)
    deciding_unit = forms.ModelChoiceField(
        label=_("Decided by another commune of the province"), queryset=AdminUnit.objects.none(), required=False
    )
    components = forms.MultipleChoiceField(
        label=_("Components handed in"), required=False, widget=forms.CheckboxSelectMultiple
    )
    other_components = forms.CharField(
        label=_("Other components requested (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Components beyond the published list are flagged to the leader."),
    )
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, initial=Action.RECEIVE.value)
    reason = forms.CharField(
        label=_("Reason (for a supplement or a refusal)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, units: Any, procedures: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if units.count() == 1:
            self.fields["unit"].initial = units.first()
        self.fields["procedure"].queryset = procedures
        parents = {u.parent_id for u in units}
        self.fields["deciding_unit"].queryset = AdminUnit.objects.filter(
            level=AdminUnit.Level.COMMUNE, parent_id__in=parents, valid_to__isnull=True
        ).order_by("name")
        raw = self.data.get("procedure") if self.is_bound else self.initial.get("procedure")
        pk = getattr(raw, "pk", raw)
        procedure = procedures.filter(pk=pk).first() if str(pk or "").isdigit() else None
        names = [c.name for c in procedure.components.all()] if procedure else []
        self.fields["components"].choices = [(n, n) for n in names]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("decision")
            in {
                Action.REQUEST_SUPPLEMENT_AT_RECEPTION.value,
                Action.REFUSE_AT_RECEPTION.value,
            }
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Enter the reason (it is printed on the slip)."))
        return data

    def intake(self) -> IntakeData:
        d = self.cleaned_data
        extra = [line.strip() for line in (d.get("other_components") or "").splitlines() if line.strip()]
        return IntakeData(
            procedure=d["procedure"],
            applicant=ApplicantData(
                name=d["applicant_name"],
                id_number=d.get("applicant_id_number") or "",
                address=d.get("applicant_address") or "",
                phone=d.get("applicant_phone") or "",
                email=d.get("applicant_email") or "",
            ),
            channel_in=d["channel_in"],
            channel_out=d["channel_out"],
            components=list(d.get("components") or []) + extra,
            deciding_unit=d.get("deciding_unit"),
            postal_receipt_no=d.get("postal_receipt_no") or "",
            handover_signed_at=d.get("handover_signed_at"),
            postal_return_address=d.get("postal_return_address") or "",
            on_behalf_of=d["applicant_name"] if d["decision"] == Action.SUBMIT_ONLINE.value else "",
            reason=d.get("reason") or "",
        )


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search (code, name, phone)"), required=False)
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All dossiers")),
            ("open", _("Open")),
            ("due_soon", _("Due within 2 days")),
            ("overdue", _("Overdue")),
            ("predicted_late", _("Expected to be late")),
            ("finished", _("Finished")),
        ],
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    procedure = forms.IntegerField(required=False, widget=forms.HiddenInput)
    mine = forms.BooleanField(label=_("Only mine"), required=False)
    sort = forms.ChoiceField(
        label=_("Order"), required=False, choices=[("due", _("Nearest due date")), ("newest", _("Newest"))]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .domain.status import DossierStatus

        self.fields["status"].choices = [("", _("Any status"))] + [(s.value, s.label) for s in DossierStatus]


class ComponentForm(forms.Form):
    name = forms.CharField(label=_("Component"), max_length=1000)
    originals = forms.IntegerField(label=_("Originals"), min_value=0, initial=1)
    copies = forms.IntegerField(label=_("Copies"), min_value=0, initial=0)


class FeeForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount (VND)"), min_value=0, decimal_places=0)
    receipt_no = forms.CharField(label=_("Receipt number"), max_length=40, required=False)


class VolunteerShiftForm(forms.Form):
    volunteer_name = forms.CharField(label=_("Volunteer"), max_length=150)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=150, required=False)
    starts_at = forms.DateTimeField(
        label=_("From"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), input_formats=["%Y-%m-%dT%H:%M"]
    )
    ends_at = forms.DateTimeField(
        label=_("Until"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), input_formats=["%Y-%m-%dT%H:%M"]
    )


apply_rule_error = apply_service_error


def today_local() -> dt.date:
    return timezone.localdate()
