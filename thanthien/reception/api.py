"""JSON API at /api/v1/reception/: public report, case by code, rating, information request;
the staff list (session authentication, denouncer identities masked)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpRequest
from ninja import Query, Router, Status
from ninja.security import django_auth

from thanthien.units.models import AdminUnit

from . import selectors, services
from .models import InfoRequest, Petition
from .schemas import (
    CaseOut,
    InfoRequestIn,
    InfoRequestOut,
    PetitionListIn,
    PetitionRowOut,
    RatingIn,
    ReportIn,
    ReportOut,
)

router = Router(tags=["reception"])


def _commune(slug: str) -> AdminUnit:
    unit = AdminUnit.objects.filter(slug=slug, level=AdminUnit.Level.COMMUNE).first()
    if unit is None:
        raise Http404
    return unit


def _check_email(value: str) -> None:
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError({"email": [_invalid()]}) from None


def _invalid() -> str:
    from django.utils.translation import gettext as _

    return _("This value is not valid.")


@router.post("/reports", response={201: ReportOut}, summary="Send a report (public)")
def report_create(request: HttpRequest, payload: ReportIn):
    unit = _commune(payload.commune)
    _check_email(payload.email)
    p = services.petition_receive(
        actor=None,
        unit=unit,
        channel=Petition.Channel.WEB,
        topic=payload.topic,
        subject=payload.subject,
        content=payload.content,
        location=payload.location,
        submitter_name=payload.name,
        submitter_phone=payload.phone,
        submitter_email=payload.email,
    )
    return Status(201, {"code": p.code, "due_date": p.due_date})


def _case(p: Petition) -> dict:
    return {
        "code": p.code,
        "commune": p.unit.name,
        "subject": p.subject,
        "status": p.status,
        "status_label": str(p.get_status_display()),
        "received_at": p.received_at,
        "due_date": p.due_date,
        "answer": p.answer,
        "refusal_reason": p.refusal_reason,
        "forwarded_to": p.forwarded_to,
        "rating": p.rating,
        "reopen_until": p.reopen_until,
    }


@router.get("/cases/{code}", response=CaseOut, summary="Follow a case by code (public)")
def case_get(request: HttpRequest, code: str):
    p = selectors.public_petition_by_code(code)
    if p is None:
        raise Http404
    return _case(p)


@router.post("/cases/{code}/rating", response=CaseOut, summary="Rate the answer (public)")
def case_rate(request: HttpRequest, code: str, payload: RatingIn):
    try:
        services.petition_rate(code=code, rating=payload.rating, comment=payload.comment)
    except Petition.DoesNotExist:
        raise Http404 from None
    return _case(selectors.public_petition_by_code(code))


@router.get("/petitions", response=list[PetitionRowOut], auth=django_auth, summary="The handler's list (staff)")
def petition_list(request: HttpRequest, params: Query[PetitionListIn]):
    filters = selectors.PetitionFilters(
        status=params.status,
        kind=params.kind,
        channel=params.channel,
        q=params.q,
        mine=params.mine,
        overdue=params.overdue,
    )
    rows = selectors.petition_page(actor=request.auth, filters=filters, limit=50, offset=params.offset)
    return [
        {
            "id": p.pk,
            "code": p.code,
            "kind": p.kind,
            "status": p.status,
            "channel": p.channel,
            "subject": p.subject,
            "sender": p.submitter_name,
            "received_at": p.received_at,
            "due_date": p.due_date,
            "assigned_to": p.assigned_to_id,
        }
        for p in rows
    ]


@router.post("/info-requests", response={201: InfoRequestOut}, summary="Request information (public, electronic)")
def info_request_create(request: HttpRequest, payload: InfoRequestIn):
    unit = _commune(payload.commune)
    _check_email(payload.email)
    if payload.delivery not in InfoRequest.Delivery.values:
        raise ValidationError({"delivery": [_invalid()]})
    r = services.info_request_receive(
        actor=None,
        unit=unit,
        channel=InfoRequest.Channel.ELECTRONIC,
        **payload.dict(exclude={"commune"}),
    )
    return Status(201, {"code": r.code, "status": r.status, "due_date": r.due_date})
