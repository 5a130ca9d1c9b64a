"""Who may do what with dossiers (hồ sơ).

Reception-side actions (receive, refuse, supplement at reception, transfer, return) belong to
the receiving commune's one-stop centre; processing actions to the deciding commune (the
receiving one unless the dossier was routed). Leaders sign the apology slip (Mẫu 04).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from thanthien.units.models import StaffRole
from thanthien.units.permissions import ensure_role, has_role

from .domain.status import Action

R = StaffRole.Role

LEADERS = frozenset({R.CHAIRMAN, R.VICE_CHAIRMAN})
ONE_STOP = frozenset({R.ONE_STOP_OFFICER, R.ADMINISTRATOR}) | LEADERS
DOSSIER_STAFF = frozenset({R.ONE_STOP_OFFICER, R.SPECIALIST_OFFICER, R.ADMINISTRATOR}) | LEADERS
ASSIGNERS = ONE_STOP
APOLOGY_SIGNERS = LEADERS | frozenset({R.ADMINISTRATOR})

#: Actions done by the receiving commune; the others by the deciding commune.
RECEPTION_ACTIONS = frozenset(
    {
        Action.SUBMIT_ONLINE,
        Action.REQUEST_SUPPLEMENT_AT_RECEPTION,
        Action.RESUBMIT,
        Action.REFUSE_AT_RECEPTION,
        Action.RECEIVE,
        Action.TRANSFER,
        Action.RECORD_IMMEDIATE_RESULT,
        Action.RETURN_RESULT,
    }
)


def roles_for_action(action: Action) -> frozenset[str]:
    if action in RECEPTION_ACTIONS:
        return ONE_STOP
    if action in {Action.ASSIGN, Action.REASSIGN}:
        return ASSIGNERS
    if action == Action.ISSUE_APOLOGY:
        return APOLOGY_SIGNERS
    return DOSSIER_STAFF


def unit_for_action(dossier: Any, action: Action) -> int:
    return dossier.unit_id if action in RECEPTION_ACTIONS else dossier.decider_unit_id


def ensure_can(actor: Any, dossier: Any, action: Action) -> None:
    """PermissionDenied unless ``actor`` may do ``action`` on ``dossier``.

    The applicant's stop request may be recorded by either commune of a routed dossier.
    """
    roles = roles_for_action(action)
    if action == Action.STOP_AT_REQUEST and dossier.deciding_unit_id:
        if has_role(actor, dossier.unit_id, roles) or has_role(actor, dossier.deciding_unit_id, roles):
            return
        raise PermissionDenied(_("Your role does not allow this action."))
    ensure_role(actor, unit_for_action(dossier, action), roles)


def can(actor: Any, dossier: Any, action: Action) -> bool:
    try:
        ensure_can(actor, dossier, action)
    except PermissionDenied:
        return False
    return True


def is_leader(actor: Any, unit_id: int) -> bool:
    return has_role(actor, unit_id, LEADERS)


def ensure_dossier_scope(actor: Any, dossier: Any) -> None:
    """PermissionDenied unless the receiving or the deciding commune is in the actor's scope."""
    from thanthien.core.tenancy import ensure_in_scope, scope_for

    if dossier.deciding_unit_id and scope_for(actor).covers(dossier.deciding_unit_id):
        return
    ensure_in_scope(actor, dossier.unit_id)
