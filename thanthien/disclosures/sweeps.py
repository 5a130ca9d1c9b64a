"""Periodic sweep: the chairman's greeting drafts before each public holiday (plan R1.6).

Idempotent: a commune gets one draft per occasion (``greetings_prepare`` skips existing ones).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from thanthien.clocks.selectors import calendar_for_range
from thanthien.clocks.sweep import register_sweep
from thanthien.units.models import AdminUnit, StaffRole

from .services import greetings_prepare


def prepare_greetings(*, now: dt.datetime) -> int:
    today = timezone.localdate(now)
    calendar = calendar_for_range(today.year, today.year + 1)
    holidays = [
        e for year in (today.year, today.year + 1) for e in calendar.entries_for_year(year) if e.kind == "holiday"
    ]
    chairmen = {
        role.unit_id: role.user.full_name
        for role in StaffRole.objects.unscoped().filter(role=StaffRole.Role.CHAIRMAN).select_related("user")
    }
    made = 0
    communes = AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE, valid_to__isnull=True)
    for unit in communes.iterator():
        made += len(
            greetings_prepare(actor=None, unit=unit, today=today, holidays=holidays, chairman=chairmen.get(unit.pk, ""))
        )
    return made


register_sweep("disclosures.greetings", prepare_greetings)
