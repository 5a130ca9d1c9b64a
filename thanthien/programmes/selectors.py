"""Reads of programmes: lists, detail with members (old → new names) and targets."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet

from thanthien.units.models import AdminUnit, UnitSuccession

from .models import Programme, ProgrammeMember


def programme_list() -> QuerySet[Programme]:
    """Every programme with its member count (programmes are province data, readable by staff)."""
    return Programme.objects.select_related("province", "previous").annotate(member_count=Count("members"))


def programme_get(code: str) -> Programme:
    return Programme.objects.select_related("province", "previous").get(code=code)


@dataclass
class MemberRow:
    member: ProgrammeMember
    district: AdminUnit | None
    successors: list[UnitSuccession] = field(default_factory=list)
    predecessors: list[UnitSuccession] = field(default_factory=list)


def programme_members(programme: Programme) -> list[MemberRow]:
    """Members with their former district and their successors / predecessors (one query each)."""
    members = list(
        programme.members.select_related("unit", "unit__parent")
        .prefetch_related(
            Prefetch("unit__successions", queryset=UnitSuccession.objects.select_related("successor")),
            Prefetch("unit__predecessions", queryset=UnitSuccession.objects.select_related("predecessor")),
        )
        .order_by("joined_on", "unit__code")
    )
    rows = []
    for member in members:
        parent = member.unit.parent
        rows.append(
            MemberRow(
                member=member,
                district=parent if parent and parent.level == AdminUnit.Level.DISTRICT else None,
                successors=list(member.unit.successions.all()),
                predecessors=list(member.unit.predecessions.all()),
            )
        )
    return rows


def programme_successor_units(code: str) -> list[AdminUnit]:
    """Current units that took over the members of programme ``code`` (each once, by code)."""
    links = (
        UnitSuccession.objects.filter(predecessor__programme_memberships__programme__code=code)
        .select_related("successor")
        .order_by("successor__code")
    )
    seen: dict[int, AdminUnit] = {}
    for link in links:
        seen.setdefault(link.successor_id, link.successor)
    return list(seen.values())


def programmes_of_unit(unit: AdminUnit) -> QuerySet[ProgrammeMember]:
    return unit.programme_memberships.select_related("programme").order_by("-programme__start_date")
