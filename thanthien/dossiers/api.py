"""Dossier API (/api/v1/dossiers/): create, list, read, transitions — staff, session auth.

Endpoints adapt HTTP to the same services and selectors as the pages. A rule refusal is
answered in the project's error shape with its stable code and the Vietnamese message.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.security import django_auth

from thanthien.config.api import error_response
from thanthien.procedures.models import Procedure
from thanthien.units.models import AdminUnit

from . import permissions, selectors, services
from .domain.common import DossierRuleError
from .domain.status import IllegalTransition, allowed_actions
from .forms import ActionForm
from .models import Dossier
from .schemas import DossierCreateIn, DossierDetailOut, DossierListIn, DossierPageOut, TransitionIn
from .selectors import DossierFilters

router = Router(tags=["dossiers"], auth=django_auth)


def _refused(request: HttpRequest, error: DossierRuleError) -> HttpResponse:
    status = 409 if isinstance(error, IllegalTransition) else 422
    return error_response(request, status, error.code, str(error), getattr(error, "fields", None) or {})


def _out(d: Dossier, actor: Any = None) -> dict[str, Any]:
    return {
        "id": d.pk,
        "code": d.code,
        "tracking_code": d.tracking_code,
        "status": d.status,
        "status_label": str(d.status_label),
        "procedure_code": d.procedure.code,
        "procedure_name": d.procedure.name,
        "unit_id": d.unit_id,
        "deciding_unit_id": d.deciding_unit_id,
        "applicant_name": d.applicant_name,
        "channel_in": d.channel_in,
        "channel_out": d.channel_out,
        "submitted_at": d.submitted_at,
        "received_at": d.received_at,
        "due_at": d.due_at,
        "original_due_at": d.original_due_at,
        "extended_due_at": d.extended_due_at,
        "returned_at": d.returned_at,
        "timeliness": d.timeliness,
        "predicted_late": d.predicted_late,
        "handler_id": d.handler_id,
        "entered_by_id": d.entered_by_id,
        "on_behalf_of": d.on_behalf_of,
        "allowed_actions": [
            a.value for a in allowed_actions(d.status) if actor is not None and permissions.can(actor, d, a)
        ],
    }


def _detail(d: Dossier, actor: Any) -> dict[str, Any]:
    return _out(d, actor) | {
        "applicant_phone": d.applicant_phone,
        "applicant_address": d.applicant_address,
        "events": [
            {
                "at": e.at,
                "action": e.action,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "giver": e.giver_label,
                "receiver": e.receiver_label,
                "step": e.step,
                "step_due_at": e.step_due_at,
                "step_timeliness": e.step_timeliness,
            }
            for e in d.events.all()
        ],
    }


@router.post("", response={201: DossierDetailOut}, summary="Receive or file a dossier")
def create(request: HttpRequest, payload: DossierCreateIn):
    unit = get_object_or_404(AdminUnit, pk=payload.unit_id)
    procedure = get_object_or_404(Procedure, code=payload.procedure_code, is_published=True)
    deciding = get_object_or_404(AdminUnit, pk=payload.deciding_unit_id) if payload.deciding_unit_id else None
    a = payload.applicant
    data = services.IntakeData(
        procedure=procedure,
        applicant=services.ApplicantData(
            name=a.name, id_number=a.id_number, address=a.address, phone=a.phone, email=a.email
        ),
        channel_in=payload.channel_in,
        channel_out=payload.channel_out,
        components=payload.components,
        deciding_unit=deciding,
        postal_receipt_no=payload.postal_receipt_no,
        handover_signed_at=payload.handover_signed_at,
        postal_return_address=payload.postal_return_address,
        on_behalf_of=a.name if payload.action == "submit_online" else "",
        reason=payload.reason,
    )
    try:
        dossier = services.dossier_create(actor=request.user, unit=unit, data=data, action=payload.action)
    except ValueError as error:
        if isinstance(error, DossierRuleError):
            return _refused(request, error)
        return error_response(request, 422, "invalid", str(error), {"action": [str(error)]})
    return Status(201, _detail(selectors.dossier_get(actor=request.user, pk=dossier.pk), request.user))


@router.get("", response=DossierPageOut, summary="The officer's dossier list (filters, pages of 50)")
def list_dossiers(request: HttpRequest, params: Query[DossierListIn]):
    filters = DossierFilters(
        status=params.status,
        state=params.state,
        procedure_id=params.procedure_id,
        handler_id=request.user.pk if params.mine else None,
        q=params.q,
        sort=params.sort if params.sort in selectors.SORTS else "due",
    )
    page = selectors.dossier_list(actor=request.user, filters=filters, page=params.page)
    return {"items": [_out(d) for d in page.rows], "page": page.number, "has_next": page.has_next}


@router.get("{int:dossier_id}", response=DossierDetailOut, summary="One dossier with its hand-offs")
def read(request: HttpRequest, dossier_id: int):
    try:
        dossier = selectors.dossier_get(actor=request.user, pk=dossier_id)
    except Dossier.DoesNotExist:
        from django.http import Http404

        raise Http404 from None
    return _detail(dossier, request.user)


@router.post("{int:dossier_id}/transitions", response=DossierDetailOut, summary="Apply a lifecycle action")
def transition(request: HttpRequest, dossier_id: int, payload: TransitionIn):
    dossier = read_or_404(request, dossier_id)
    data = payload.dict()
    data["handler"] = data.pop("handler_id")
    form = ActionForm({k: v for k, v in data.items() if v not in (None, "")}, dossier=dossier)
    if not form.is_valid():
        fields = {name: [str(m) for m in msgs] for name, msgs in form.errors.items()}
        first = next(iter(fields.values()))[0]
        return error_response(request, 422, "invalid", first, fields)
    try:
        services.dossier_transition(
            actor=request.user, dossier=dossier, action=form.cleaned_data["action"], **form.params()
        )
    except DossierRuleError as error:
        return _refused(request, error)
    return _detail(selectors.dossier_get(actor=request.user, pk=dossier_id), request.user)


def read_or_404(request: HttpRequest, dossier_id: int) -> Dossier:
    from django.http import Http404

    try:
        return selectors.dossier_get(actor=request.user, pk=dossier_id)
    except Dossier.DoesNotExist:
        raise Http404 from None
