"""Fees and charges on a dossier (phí, lệ phí): never above the procedure's legal fee
(NĐ 61/2018 Điều 5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record
from thanthien.procedures.domain.fees import charge_allowed
from thanthien.units.permissions import ensure_role

from .. import permissions
from ..domain.status import Action
from ..models import Dossier, DossierFee
from ._common import _lock, _now, refusal


def _fee_insert(
    dossier: Dossier, *, actor: Any, amount: Any, receipt_no: str, at: dt.datetime, note: str = ""
) -> DossierFee:
    try:
        value = Decimal(str(amount))
    except ArithmeticError:
        value = Decimal(-1)
    legal = Decimal(dossier.procedure.fee_amount or 0)
    if value < 0 or value != value.to_integral_value():
        message = _("Enter the amount in đồng, a whole number not below 0.")
        raise refusal("fee.invalid", message, "amount")
    if not charge_allowed(legal, value):
        message = _(
            "The charge of %(amount)s đồng is above the legal fee of this procedure (%(legal)s đồng); "
            "collecting more than the law allows is prohibited (Decree 61/2018 Article 5)."
        ) % {"amount": f"{int(value):,}".replace(",", "."), "legal": f"{int(legal):,}".replace(",", ".")}
        raise refusal("fee.above_legal", message, "amount")
    return DossierFee.objects.create(
        unit_id=dossier.unit_id,
        dossier=dossier,
        amount=value,
        legal_amount=legal,
        receipt_no=receipt_no,
        note=note,
        paid_at=at,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def dossier_fee_record(
    *, actor: Any, dossier: Dossier, amount: Any, receipt_no: str = "", note: str = "", at: dt.datetime | None = None
) -> DossierFee:
    """Record a fee paid on the dossier; a charge above the procedure's legal fee is refused."""
    at = _now(at)
    permissions.ensure_dossier_scope(actor, dossier)
    if not permissions.can(actor, dossier, Action.CONFIRM_FEES_PAID):
        ensure_role(actor, dossier.unit_id, permissions.DOSSIER_STAFF)
    with transaction.atomic():
        dossier = _lock(dossier)
        fee = _fee_insert(dossier, actor=actor, amount=amount, receipt_no=receipt_no, at=at, note=note)
        audit_record(
            actor=actor,
            action="dossier.fee_recorded",
            obj=dossier,
            unit=dossier.unit_id,
            new={"amount": fee.amount, "receipt_no": receipt_no},
        )
    return fee
