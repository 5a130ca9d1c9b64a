"""API schemas for reception (one In and one Out per endpoint)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class ReportIn(Schema):
    commune: str = Field(..., max_length=140, description="Commune address slug (e.g. phan-dinh-phung)")
    topic: str = Field("other", max_length=16)
    subject: str = Field(..., min_length=1, max_length=200)
    content: str = Field(..., min_length=1, max_length=5000)
    location: str = Field("", max_length=255)
    name: str = Field("", max_length=150)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)


class ReportOut(Schema):
    code: str
    due_date: dt.date | None


class CaseOut(Schema):
    code: str
    commune: str
    subject: str
    status: str
    status_label: str
    received_at: dt.datetime
    due_date: dt.date | None
    answer: str
    refusal_reason: str
    forwarded_to: str
    rating: int | None
    reopen_until: dt.date | None


class RatingIn(Schema):
    rating: int = Field(..., ge=1, le=5)
    comment: str = Field("", max_length=500)


class PetitionRowOut(Schema):
    id: int
    code: str
    kind: str
    status: str
    channel: str
    subject: str
    sender: str
    received_at: dt.datetime
    due_date: dt.date | None
    assigned_to: int | None


class PetitionListIn(Schema):
    status: str = Field("", max_length=16)
    kind: str = Field("", max_length=16)
    channel: str = Field("", max_length=16)
    q: str = Field("", max_length=100)
    mine: bool = False
    overdue: bool = False
    offset: int = Field(0, ge=0, le=100000)


class InfoRequestIn(Schema):
    commune: str = Field(..., max_length=140)
    requester_name: str = Field(..., min_length=1, max_length=150)
    address: str = Field(..., min_length=1, max_length=255)
    id_number: str = Field(..., min_length=1, max_length=20)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)
    information: str = Field(..., min_length=1, max_length=5000)
    delivery: str = Field("email", max_length=8)
    purpose: str = Field(..., min_length=1, max_length=2000)


class InfoRequestOut(Schema):
    code: str
    status: str
    due_date: dt.date | None
