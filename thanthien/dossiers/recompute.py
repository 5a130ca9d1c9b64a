"""Recompute the due dates of open dossiers after the working calendar changed.

Why: a day off added or a make-up Saturday announced after a dossier was received changes its
legal due date (NĐ 61/2018 Điều 17–19 count in working days). Dossiers whose appointment was
already moved with an apology slip (Mẫu 04) keep the new date agreed with the citizen.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max, Q

from thanthien.audit.services import audit_record

from .domain import deadlines
from .domain.status import CLOCK_STATES, Action, ClockState
from .models import Dossier
from .services import calendar_around, dossier_rules, time_limit_of

_RUNNING = [s.value for s, c in CLOCK_STATES.items() if c in {ClockState.RUNNING, ClockState.FEES}]


def dossiers_recompute_due() -> int:
    """Recompute ``due_at`` of every open, not-extended dossier; returns how many moved."""
    moved = 0
    open_dossiers = (
        Dossier.objects.unscoped()
        .filter(status__in=_RUNNING, received_at__isnull=False, extended_due_at__isnull=True)
        .select_related("procedure")
        .annotate(restarted_at=Max("events__at", filter=Q(events__action=Action.COMPLETE_SUPPLEMENT.value)))
    )
    rules = dossier_rules()
    for dossier in open_dossiers.iterator(chunk_size=500):
        start = dossier.restarted_at or dossier.received_at
        limit = time_limit_of(dossier.procedure)
        cal = calendar_around(start, dossier.due_at, extra_days=int(dossier.procedure.time_amount or 0) + 30)
        due = deadlines.due_at_reception(start, limit, cal, channel=dossier.channel_in, rules=rules)
        if due.due_at == dossier.due_at:
            continue
        with transaction.atomic():
            old = {"due_at": dossier.due_at}
            changes = {"due_at": due.due_at, "due_date": due.due_date}
            if dossier.original_due_at == dossier.due_at:
                changes.update(original_due_at=due.due_at, original_due_date=due.due_date)
            Dossier.objects.unscoped().filter(pk=dossier.pk).update(**changes)
            audit_record(
                actor=None,
                action="dossier.due_recomputed",
                obj=dossier,
                unit=dossier.unit,
                old=old,
                new={"due_at": due.due_at},
                note="calendar changed",
            )
        moved += 1
    return moved
