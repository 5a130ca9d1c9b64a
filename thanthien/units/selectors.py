"""Reads of administrative units, hamlets, households and staff roles."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from thanthien.core.search import search_filter

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


def covered_unit_ids(unit_ids: set[int]) -> set[int]:
    """The units themselves, every descendant, and the history they took over.

    A province role covers its districts and communes; a role in a unit created on 1/7/2025
    also covers the units it succeeded (their records are now its records).
    """
    children, predecessors = _unit_graph()
    seen: set[int] = set()
    stack = list(unit_ids)
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        stack.extend(children.get(current, ()))
        stack.extend(predecessors.get(current, ()))
    return seen


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
    try:
        cutoff = on.replace(year=on.year - 18)
    except ValueError:  # 29 February
        cutoff = on.replace(year=on.year - 18, day=28)
    return household.members.filter(birth_date__lte=cutoff)
