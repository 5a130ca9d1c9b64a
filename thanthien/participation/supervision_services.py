"""Writes for supervision (public progress of decisions, Luật Điều 30–31) and citizen initiatives
(Luật Điều 16). Same conventions as ``services.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record
from thanthien.units.models import Hamlet, Household

from .domain.matters import AgendaItemKind
from .domain.thresholds import (
    initiative_accepted,
    valid_initiative_supporters,
)
from .models import (
    AgendaItem,
    CommunityMeeting,
    Decision,
    Initiative,
    InitiativeSupport,
    ProgressUpdate,
)
from .services import (
    _ensure_clerk,
    _ensure_manager,
    _err,
    agenda_item_add,
    hamlet_roll,
)

# --- Supervision -------------------------------------------------------------------------------


def decision_publish(*, actor: Any, decision: Decision, public: bool = True) -> Decision:
    _ensure_manager(actor, decision.unit_id, decision.hamlet_id)
    if public and decision.status != Decision.Status.CLOSED:
        raise _err("status", _("Only a closed decision can be published."))
    decision.is_public = public
    with transaction.atomic():
        decision.save(update_fields=["is_public"])
        audit_record(actor=actor, action="decision.published", obj=decision, new={"public": public})
    return decision


def progress_add(
    *, actor: Any, decision: Decision, on: dt.date, status: str, note: str, evidence: str = ""
) -> ProgressUpdate:
    """A public step in carrying out an adopted decision (status, timeline, evidence)."""
    _ensure_manager(actor, decision.unit_id, decision.hamlet_id)
    if status not in ProgressUpdate.Status.values:
        raise _err("status", _("Unknown status."))
    if not note.strip():
        raise _err("note", _("Say what was done."))
    with transaction.atomic():
        update = ProgressUpdate.objects.create(
            unit_id=decision.unit_id,
            decision=decision,
            on=on,
            status=status,
            note=note.strip(),
            evidence=evidence.strip(),
        )
        audit_record(actor=actor, action="decision.progress_added", obj=update, new={"status": status, "on": on})
    return update


def progress_update(*, actor: Any, update: ProgressUpdate, note: str, evidence: str | None = None) -> ProgressUpdate:
    decision = update.decision
    _ensure_manager(actor, decision.unit_id, decision.hamlet_id)
    old = {"note": update.note, "evidence": update.evidence}
    update.note = note.strip()
    if evidence is not None:
        update.evidence = evidence.strip()
    with transaction.atomic():
        update.save(update_fields=["note", "evidence"])
        audit_record(actor=actor, action="decision.progress_updated", obj=update, old=old, new={"note": update.note})
    return update


# --- Citizen initiatives (Luật Điều 16) ----------------------------------------------------------


def initiative_create(
    *, actor: Any, hamlet: Hamlet, title: str, proposer_name: str, description: str = ""
) -> Initiative:
    _ensure_clerk(actor, hamlet.unit_id, hamlet.pk)
    with transaction.atomic():
        initiative = Initiative.objects.create(
            unit_id=hamlet.unit_id,
            hamlet=hamlet,
            title=title.strip(),
            proposer_name=proposer_name.strip(),
            description=description.strip(),
        )
        audit_record(actor=actor, action="initiative.created", obj=initiative, new={"title": initiative.title})
    return initiative


def initiative_update(*, actor: Any, initiative: Initiative, front_committee_approved: bool) -> Initiative:
    """Record the hamlet Front committee's approval (lets an initiative below 10% go ahead)."""
    _ensure_manager(actor, initiative.unit_id, initiative.hamlet_id)
    old = {"front_committee_approved": initiative.front_committee_approved}
    initiative.front_committee_approved = front_committee_approved
    with transaction.atomic():
        initiative.save(update_fields=["front_committee_approved"])
        audit_record(
            actor=actor,
            action="initiative.updated",
            obj=initiative,
            old=old,
            new={"front_committee_approved": front_committee_approved},
        )
    return initiative


def initiative_support_add(
    *, actor: Any, initiative: Initiative, household: Household, signed_on: dt.date
) -> InitiativeSupport:
    _ensure_clerk(actor, initiative.unit_id, initiative.hamlet_id)
    if household.hamlet_id != initiative.hamlet_id:
        raise _err("household", _("This household is not in the initiative's hamlet."))
    try:
        with transaction.atomic():
            support = InitiativeSupport.objects.create(
                unit_id=initiative.unit_id, initiative=initiative, household=household, signed_on=signed_on
            )
            audit_record(
                actor=actor,
                action="initiative.supported",
                obj=support,
                new={"household": household.pk, "signed_on": signed_on},
            )
    except IntegrityError:
        raise _err("household", _("This household already supports the initiative.")) from None
    return support


def initiative_support_update(*, actor: Any, support: InitiativeSupport, signed_on: dt.date) -> InitiativeSupport:
    """Renew a household's support (a new signature restarts the 3 months)."""
    _ensure_clerk(actor, support.unit_id, support.initiative.hamlet_id)
    old = {"signed_on": support.signed_on}
    support.signed_on = signed_on
    with transaction.atomic():
        support.save(update_fields=["signed_on"])
        audit_record(
            actor=actor, action="initiative.support_renewed", obj=support, old=old, new={"signed_on": signed_on}
        )
    return support


def initiative_accept(
    *, actor: Any, initiative: Initiative, meeting: CommunityMeeting, today: dt.date, matter: int = 6
) -> AgendaItem:
    """Put the initiative on the agenda when ≥ 10% of households support it within 3 months."""
    _ensure_manager(actor, initiative.unit_id, initiative.hamlet_id)
    if meeting.hamlet_id != initiative.hamlet_id:
        raise _err("meeting", _("The meeting must be in the initiative's hamlet."))
    supports = initiative.supports.values_list("household_id", "signed_on")
    valid = valid_initiative_supporters(supports, today) & set(hamlet_roll(initiative.hamlet_id))
    result = initiative_accepted(
        len(valid), len(hamlet_roll(initiative.hamlet_id)), front_committee_approved=initiative.front_committee_approved
    )
    if not result.adopted:
        raise _err("supports", result.explanation)
    item = agenda_item_add(
        actor=actor,
        meeting=meeting,
        kind=AgendaItemKind.DECIDE,
        title=initiative.title,
        description=initiative.description,
        matter=matter,
    )
    initiative.status = Initiative.Status.ACCEPTED
    initiative.agenda_item = item
    with transaction.atomic():
        initiative.save(update_fields=["status", "agenda_item"])
        audit_record(
            actor=actor,
            action="initiative.accepted",
            obj=initiative,
            new={"supporters": len(valid), "agenda_item": item.pk},
        )
    return item
