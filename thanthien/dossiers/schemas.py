"""API schemas of /api/v1/dossiers/ (one In and one Out per endpoint)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema


class ApplicantIn(Schema):
    name: str = Field(..., max_length=150)
    id_number: str = Field("", max_length=20)
    address: str = Field("", max_length=255)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)


class DossierCreateIn(Schema):
    """A dossier at the counter, from the postal hand-over, or submitted online for a citizen."""

    unit_id: int
    procedure_code: str
    applicant: ApplicantIn
    action: str = Field(
        "receive", description="receive | request_supplement_at_reception | refuse_at_reception | submit_online"
    )
    channel_in: str = "direct"
    channel_out: str = "direct"
    components: list[str] = []
    deciding_unit_id: int | None = None
    postal_receipt_no: str = ""
    handover_signed_at: dt.datetime | None = None
    postal_return_address: str = ""
    reason: str = ""


class DossierListIn(Schema):
    q: str = ""
    status: str = ""
    state: str = Field("", description="open | due_soon | overdue | predicted_late | finished")
    procedure_id: int | None = None
    mine: bool = False
    sort: str = Field("due", description="due | newest")
    page: int = Field(1, ge=1)


class DossierOut(Schema):
    id: int
    code: str | None
    tracking_code: str | None
    status: str
    status_label: str
    procedure_code: str
    procedure_name: str
    unit_id: int
    deciding_unit_id: int | None
    applicant_name: str
    channel_in: str
    channel_out: str
    submitted_at: dt.datetime
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    original_due_at: dt.datetime | None
    extended_due_at: dt.datetime | None
    returned_at: dt.datetime | None
    timeliness: str
    predicted_late: bool
    handler_id: int | None
    entered_by_id: int | None
    on_behalf_of: str
    allowed_actions: list[str] = []


class DossierPageOut(Schema):
    items: list[DossierOut]
    page: int
    has_next: bool


class EventOut(Schema):
    at: dt.datetime
    action: str
    from_status: str
    to_status: str
    giver: str
    receiver: str
    step: str
    step_due_at: dt.datetime | None
    step_timeliness: str


class DossierDetailOut(DossierOut):
    applicant_phone: str
    applicant_address: str
    events: list[EventOut]


class TransitionIn(Schema):
    """``{action, ...}``: the parameters the action needs (see the detail page)."""

    action: str
    reason: str = ""
    handler_id: int | None = None
    body: str = ""
    step_hours: Decimal | None = None
    result_note: str = ""
    fee_amount: Decimal | None = None
    receipt_no: str = ""
    new_due_date: dt.date | None = None
    delivered_channel: str = ""
