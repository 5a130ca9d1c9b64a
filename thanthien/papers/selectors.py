"""Reads that feed papers. Programmes and administrative units are province-wide public facts
(the pilot list was published in Kế hoạch 138/KH-UBND), so these reads are not unit-scoped."""

from __future__ import annotations

from django.db.models import QuerySet

from thanthien.programmes.models import Programme, ProgrammeMember
from thanthien.units.models import AdminUnit, UnitSuccession

from .domain.programme_notice import PilotRow, ProgrammeNotice

LISTED_KINDS = (ProgrammeMember.Kind.PILOT, ProgrammeMember.Kind.SCALE_UP)


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.select_related("province").order_by("-start_date", "name")


def programme_notice_data(programme: Programme) -> ProgrammeNotice:
    """The pilot units of ``programme`` in the order they were listed, with districts and successors.

    Two queries: the members with their parents, and the successions of those units.
    """
    members = list(
        ProgrammeMember.objects.filter(programme=programme, kind__in=LISTED_KINDS)
        .select_related("unit__parent")
        .order_by("id")
    )
    unit_ids = [m.unit_id for m in members]
    successions: dict[int, list[UnitSuccession]] = {}
    for link in (
        UnitSuccession.objects.filter(predecessor_id__in=unit_ids)
        .select_related("successor")
        .order_by("effective_date", "successor__name")
    ):
        successions.setdefault(link.predecessor_id, []).append(link)

    # Keep each district's units together, districts in the order of their first member.
    district_order: dict[int | None, int] = {}
    for member in members:
        district_order.setdefault(_district_id(member.unit), len(district_order))
    members.sort(key=lambda m: district_order[_district_id(m.unit)])

    rows = []
    for member in members:
        links = successions.get(member.unit_id, [])
        rows.append(
            PilotRow(
                district=_district_name(member.unit),
                unit=member.unit.full_name,
                successor=", ".join(link.successor.full_name for link in links),
                note=member.note,
            )
        )
    all_links = [link for links in successions.values() for link in links]
    basis = next((link.legal_basis for link in all_links if link.legal_basis), "")
    dates = sorted(link.effective_date for link in all_links)
    return ProgrammeNotice(
        province=programme.province.name,
        programme_name=programme.name,
        legal_basis=programme.legal_basis,
        rows=tuple(rows),
        succession_basis=basis,
        succession_date=dates[0] if dates else None,
    )


def _district(unit: AdminUnit) -> AdminUnit | None:
    parent = unit.parent
    return parent if parent is not None and parent.level == AdminUnit.Level.DISTRICT else None


def _district_id(unit: AdminUnit) -> int | None:
    district = _district(unit)
    return district.id if district else None


def _district_name(unit: AdminUnit) -> str:
    district = _district(unit)
    return district.full_name if district else ""
