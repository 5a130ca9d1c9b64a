"""Reads of administrative units, hamlets, households and staff roles."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from thanthien.core.search import fold, search_filter

from .domain.people import voter_cutoff
from .models import AdminUnit, Hamlet, Household, Person, StaffRole, UnitSuccession


def _unit_graph() -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    children: dict[int, list[int]] = defaultdict(list)
    for unit_id, parent_id in AdminUnit.objects.values_list("id", "parent_id"):
        if parent_id:
            children[parent_id].append(unit_id)
    predecessors: dict[int, list[int]] = defaultdict(list)
    for pred, succ in UnitSuccession.objects.values_list("predecessor_id", "successor_id"):
        predecessors[succ].append(pred)
    return children, predecessors


def _walk(start: set[int] | list[int], children: dict[int, list[int]], predecessors: dict[int, list[int]]) -> set[int]:
    seen: set[int] = set()
    stack = list(start)
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        stack.extend(children.get(current, ()))
        stack.extend(predecessors.get(current, ()))
    return seen


def covered_unit_ids(unit_ids: set[int]) -> set[int]:
    """The units themselves, every descendant, and the history they took over.

    A province role covers its districts and communes; a role in a unit created on 1/7/2025
    also covers the units it succeeded (their records are now its records).
    """
    children, predecessors = _unit_graph()
    return _walk(unit_ids, children, predecessors)


def covered_unit_ids_many(unit_ids: list[int]) -> dict[int, set[int]]:
    """``covered_unit_ids`` for each unit separately, with one read of the unit graph."""
    if not unit_ids:
        return {}
    children, predecessors = _unit_graph()
    return {unit_id: _walk([unit_id], children, predecessors) for unit_id in set(unit_ids)}


def active_roles(user: Any, on: dt.date | None = None) -> QuerySet[StaffRole]:
    day = on or timezone.localdate()
    return (
        StaffRole.objects.unscoped()
        .filter(user=user)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("unit", "hamlet")
    )


def unit_ids_covered_by_roles(user: Any) -> set[int]:
    role_units = set(active_roles(user).values_list("unit_id", flat=True))
    if not role_units:
        return set()
    return covered_unit_ids(role_units)


def current_communes(on: dt.date | None = None) -> QuerySet[AdminUnit]:
    day = on or timezone.localdate()
    return (
        AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("parent")
    )


def unit_search(query: str, *, level: str | None = None) -> QuerySet[AdminUnit]:
    qs = AdminUnit.objects.all()
    if level:
        qs = qs.filter(level=level)
    return search_filter(qs, query)


def hamlet_list(*, actor: Any, unit: AdminUnit | None = None) -> QuerySet[Hamlet]:
    qs = Hamlet.objects.for_actor(actor)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs


def household_list(*, actor: Any, hamlet: Hamlet | None = None, query: str = "") -> QuerySet[Household]:
    qs = Household.objects.for_actor(actor).select_related("hamlet")
    if hamlet is not None:
        qs = qs.filter(hamlet=hamlet)
    if query:
        qs = search_filter(qs, query)
    return qs


def voters_of_household(household: Household, on: dt.date) -> QuerySet[Person]:
    """Members aged 18 or more on ``on`` (cử tri)."""
    return household.members.filter(birth_date__lte=voter_cutoff(on))


# --- units: tree, search, history ------------------------------------------------------------
REFORM_DATE = dt.date(2025, 7, 1)


@dataclass
class UnitNode:
    unit: AdminUnit
    children: list[UnitNode] = field(default_factory=list)


def valid_on(qs: QuerySet[AdminUnit], day: dt.date) -> QuerySet[AdminUnit]:
    return qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def unit_tree(*, on: dt.date) -> list[UnitNode]:
    """The administrative tree valid on ``on``: provinces → (districts →) communes. One query."""
    # Vietnamese order ("Bạch" after "Bình" is wrong): sort on the folded name, then the name.
    units = sorted(valid_on(AdminUnit.objects.all(), on), key=lambda u: (fold(u.name), u.name, u.code))
    nodes = {u.pk: UnitNode(u) for u in units}
    roots: list[UnitNode] = []
    for unit in units:
        node = nodes[unit.pk]
        parent = nodes.get(unit.parent_id) if unit.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


def unit_search_results(query: str, *, limit: int = 50) -> list[AdminUnit]:
    """Units matching ``query`` accent-insensitively ("dinh hoa" finds "Định Hóa"), old and new,
    current units first, with parent and successors loaded."""
    qs = search_filter(AdminUnit.objects.select_related("parent"), query)
    qs = qs.prefetch_related(
        Prefetch("successions", queryset=UnitSuccession.objects.select_related("successor")),
    ).order_by(F("valid_to").desc(nulls_first=True), "level", "name")
    return list(qs[:limit])


def unit_by_slug(slug: str) -> AdminUnit:
    return AdminUnit.objects.select_related("parent").get(slug=slug)


def unit_successors(unit: AdminUnit) -> list[UnitSuccession]:
    return list(unit.successions.select_related("successor").order_by("successor__name"))


def unit_predecessors(unit: AdminUnit) -> list[UnitSuccession]:
    return list(unit.predecessions.select_related("predecessor", "predecessor__parent").order_by("predecessor__name"))


def unit_children(unit: AdminUnit) -> list[AdminUnit]:
    return list(unit.children.order_by("name"))


# --- hamlets and the household registry ----------------------------------------------------
def hamlets_with_counts(*, actor: Any, unit: AdminUnit) -> QuerySet[Hamlet]:
    """Hamlets of ``unit`` the actor may see, with their active households counted."""
    return (
        Hamlet.objects.for_actor(actor)
        .filter(unit=unit)
        .annotate(household_count=Count("households", filter=Q(households__is_active=True)))
        .order_by("name")
    )


def hamlet_get(*, actor: Any, pk: int) -> Hamlet:
    return Hamlet.objects.for_actor(actor).select_related("unit").get(pk=pk)


def household_registry(*, actor: Any, hamlet: Hamlet, on: dt.date, query: str = "") -> QuerySet[Household]:
    """The registry of one hamlet: representative, member and voter counts, phone. One query."""
    cutoff = voter_cutoff(on)
    representative = Person.objects.unscoped().filter(household=OuterRef("pk"), is_representative=True)
    qs = (
        Household.objects.for_actor(actor)
        .filter(hamlet=hamlet)
        .annotate(
            member_count=Count("members"),
            voter_count=Count("members", filter=Q(members__birth_date__lte=cutoff)),
            representative_name=Subquery(representative.values("full_name")[:1]),
        )
        .order_by("code")
    )
    if query:
        qs = search_filter(qs, query)
    return qs


def household_get(*, actor: Any, pk: int) -> Household:
    return Household.objects.for_actor(actor).select_related("hamlet", "unit").get(pk=pk)


def household_members(household: Household) -> list[Person]:
    return list(household.members.all())


def person_get(*, actor: Any, pk: int) -> Person:
    return Person.objects.for_actor(actor).select_related("household").get(pk=pk)


def commune_registry_totals(*, actor: Any, unit: AdminUnit, on: dt.date) -> dict[str, int]:
    """Households, people and voters of a commune (active households only)."""
    cutoff = voter_cutoff(on)
    people = Person.objects.for_actor(actor).filter(household__unit=unit, household__is_active=True)
    return {
        "households": Household.objects.for_actor(actor).filter(unit=unit, is_active=True).count(),
        **people.aggregate(people=Count("id"), voters=Count("id", filter=Q(birth_date__lte=cutoff))),
    }


# --- staff -----------------------------------------------------------------------------------
def staff_roles_for_listing() -> QuerySet[StaffRole]:
    """Every staff role with user, unit and hamlet (commands only: demo_logins)."""
    return (
        StaffRole.objects.unscoped()
        .select_related("user", "unit", "hamlet")
        .order_by("unit__code", "role", "user__username")
    )
