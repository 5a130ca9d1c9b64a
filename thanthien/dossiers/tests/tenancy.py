"""Tenancy cases for the unit-owned models of the dossiers app (walked by core's cross-unit test)."""

import datetime as dt

from thanthien.clocks.domain.calendar import VIETNAM_TZ
from thanthien.core.tests.tenancy_cases import TenancyCase
from thanthien.dossiers import services
from thanthien.dossiers.models import (
    Dossier,
    DossierApology,
    DossierComponent,
    DossierEvent,
    DossierFee,
    VolunteerShift,
)
from thanthien.dossiers.tests.factories import MONDAY_10, DossierFactory, VolunteerShiftFactory

DUE_MONDAY_16 = dt.datetime(2026, 3, 17, 0, 0, tzinfo=VIETNAM_TZ)


def _apology(unit):
    dossier = DossierFactory(unit=unit, due_at=DUE_MONDAY_16, due_date=dt.date(2026, 3, 16))
    return DossierApology.objects.create(
        unit=unit, dossier=dossier, original_due_at=dossier.due_at, drafted_at=MONDAY_10
    )


def _event(unit):
    dossier = DossierFactory(unit=unit)
    return DossierEvent.objects.create(unit=unit, dossier=dossier, action="receive", to_status="received", at=MONDAY_10)


def _fee(unit):
    dossier = DossierFactory(unit=unit)
    return DossierFee.objects.create(unit=unit, dossier=dossier, amount=0, legal_amount=0, paid_at=MONDAY_10)


CASES = [
    TenancyCase(
        model=Dossier,
        make=lambda unit: DossierFactory(unit=unit),
        change=lambda actor, d: services.dossier_transition(actor=actor, dossier=d, action="transfer", at=MONDAY_10),
        role="one_stop_officer",
    ),
    TenancyCase(
        model=DossierApology,
        make=_apology,
        change=lambda actor, a: services.dossier_apology_issue(
            actor=actor,
            dossier=a.dossier,
            new_due_date=dt.date(2026, 3, 18),
            reason="Chờ xác minh",
            at=MONDAY_10,
        ),
        role="chairman",
    ),
    TenancyCase(
        model=DossierEvent,
        make=_event,
        change=lambda actor, e: services.dossier_transition(actor=actor, dossier=e.dossier, action="transfer"),
        role=None,
        note="The process-control log (Mẫu 05) is append-only; a transition adds rows, never edits them.",
    ),
    TenancyCase(
        model=DossierFee,
        make=_fee,
        change=lambda actor, f: services.dossier_fee_record(actor=actor, dossier=f.dossier, amount=0),
        role=None,
        note="Recorded fees are receipts: append-only; a correction is a new row.",
    ),
    TenancyCase(
        model=DossierComponent,
        make=lambda unit: DossierComponent.objects.create(
            unit=unit, dossier=DossierFactory(unit=unit), name="Sổ hộ khẩu", is_extra=True
        ),
        change=lambda actor, c: services.dossier_component_review(actor=actor, component=c),
        role="chairman",
    ),
    TenancyCase(
        model=VolunteerShift,
        make=lambda unit: VolunteerShiftFactory(unit=unit),
        change=lambda actor, s: services.volunteer_shift_save(
            actor=actor,
            shift=s,
            volunteer_name="Hà Thị Vân",
            starts_at=s.starts_at,
            ends_at=s.ends_at,
        ),
        role="one_stop_officer",
    ),
]
