"""Reads for the public commune site (trang thông tin công khai của xã).

Administrative units are public facts, not unit-owned records; hamlet counts read the
unit-owned ``Hamlet`` table unscoped on purpose (a count is public, the rows are not).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from thanthien.core.domain.collation import vi_sorted
from thanthien.core.search import search_filter
from thanthien.units.models import AdminUnit, Hamlet, UnitSuccession
from thanthien.units.selectors import current_communes


def _today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def current_province(*, on: dt.date | None = None) -> AdminUnit | None:
    """The province in force today (Thái Nguyên after 1/7/2025), or None before data are loaded."""
    day = _today(on)
    return (
        AdminUnit.objects.filter(level=AdminUnit.Level.PROVINCE)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("code")
        .first()
    )


def commune_list(*, query: str = "", on: dt.date | None = None) -> list[AdminUnit]:
    """Current communes, wards and special zones in Vietnamese alphabetical order.

    ``query`` filters accent-insensitively ("dinh hoa" finds "Định Hóa"). A province has at
    most a few hundred communes, so sorting in Python (the database cannot collate Vietnamese
    the same way on SQLite and PostgreSQL) costs nothing.
    """
    qs: QuerySet[AdminUnit] = current_communes(_today(on))
    if query:
        qs = search_filter(qs, query)
    return vi_sorted(qs, key=lambda unit: unit.name)


def former_commune_list(*, query: str, on: dt.date | None = None, limit: int = 20) -> list[AdminUnit]:
    """Communes that ceased to exist before ``on`` and match ``query`` (people still use old names)."""
    if not query.strip():
        return []
    qs = (
        AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE, valid_to__lt=_today(on))
        .select_related("parent")
        .prefetch_related("successions__successor")
    )
    return vi_sorted(search_filter(qs, query).order_by("name")[:limit], key=lambda unit: unit.name)


def unit_by_slug(slug: str) -> AdminUnit | None:
    return AdminUnit.objects.select_related("parent").filter(slug=slug).first()


@dataclass(frozen=True)
class Succession:
    unit: AdminUnit
    kind: str
    effective_date: dt.date
    legal_basis: str


def successors_of(unit: AdminUnit) -> list[Succession]:
    """Units that took over ``unit`` (whole or part), current first."""
    rows = UnitSuccession.objects.filter(predecessor=unit).select_related("successor").order_by("successor__name")
    return [Succession(r.successor, r.kind, r.effective_date, r.legal_basis) for r in rows]


def predecessors_of(unit: AdminUnit) -> list[Succession]:
    """Units that ``unit`` was formed from (the names citizens may still know)."""
    rows = UnitSuccession.objects.filter(successor=unit).select_related("predecessor").order_by("predecessor__name")
    return [Succession(r.predecessor, r.kind, r.effective_date, r.legal_basis) for r in rows]


def hamlet_counts(unit: AdminUnit) -> dict[str, int]:
    """Number of hamlets (thôn, xóm) and residential groups (tổ dân phố) of a commune."""
    rows = (
        Hamlet.objects.unscoped()  # public fact: a count, not the rows
        .filter(unit=unit)
        .values("hamlet_type")
        .annotate(n=Count("id"))
    )
    counts = {row["hamlet_type"]: row["n"] for row in rows}
    return {
        "villages": counts.get(Hamlet.Type.VILLAGE, 0),
        "residential_groups": counts.get(Hamlet.Type.RESIDENTIAL_GROUP, 0),
        "total": sum(counts.values()),
    }


def ceased_before(unit: AdminUnit, *, on: dt.date | None = None) -> bool:
    """True for a unit that no longer exists (its validity ended before ``on``)."""
    return unit.valid_to is not None and unit.valid_to < _today(on)
