"""Tenancy: every unit-owned record is reachable only inside the actor's scope.

A *scope* is the set of administrative-unit ids an actor may see. A commune role covers its
commune; a district role covers the communes of its district; a province role covers every
unit under the province, before and after the 1/7/2025 reform (predecessor units included);
a superuser covers everything. Unit-owned models inherit :class:`UnitOwned` and are reached
through ``Model.objects.for_actor(actor)``; an unscoped read is the explicit, greppable
``Model.objects.unscoped()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from thanthien.accounts.models import User


@dataclass(frozen=True)
class Scope:
    """The administrative units an actor may read and act in."""

    unit_ids: frozenset[int]
    everything: bool = False

    def covers(self, unit_id: int | None) -> bool:
        return self.everything or (unit_id is not None and unit_id in self.unit_ids)


EMPTY_SCOPE = Scope(frozenset())


def scope_for(actor: Any) -> Scope:
    """Scope of ``actor`` (a user, or None/anonymous for the empty scope). Cached per user object."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return EMPTY_SCOPE
    cached = getattr(actor, "_thanthien_scope", None)
    if cached is not None:
        return cached
    if actor.is_superuser:
        scope = Scope(frozenset(), everything=True)
    else:
        from thanthien.units.selectors import unit_ids_covered_by_roles

        scope = Scope(frozenset(unit_ids_covered_by_roles(actor)))
    actor._thanthien_scope = scope
    return scope


def forget_scope(actor: Any) -> None:
    """Drop the cached scope, and every other per-user cache named ``_thanthien_*`` (after roles change)."""
    target = actor._wrapped if isinstance(actor, LazyObject) else actor  # request.user is lazy
    if target is None or target is empty:
        return
    for name in [name for name in vars(target) if name.startswith("_thanthien_")]:
        delattr(target, name)


class UnitScopedQuerySet(models.QuerySet):
    def for_actor(self, actor: User | None) -> UnitScopedQuerySet:
        scope = scope_for(actor)
        if scope.everything:
            return self.all()
        if not scope.unit_ids:
            return self.none()
        return self.filter(**{f"{self.model.unit_field}__in": scope.unit_ids})


class UnitScopedManager(models.Manager.from_queryset(UnitScopedQuerySet)):  # type: ignore[misc]
    def unscoped(self) -> UnitScopedQuerySet:
        """Every row of every unit. Use only in commands, tasks and public selectors."""
        return super().get_queryset()


class UnitOwned(models.Model):
    """Abstract base of every record owned by an administrative unit (a commune, usually).

    ``unit_field`` names the foreign key that decides the owner; subclasses whose owner is
    reached through a relation may override it (e.g. ``"household__unit"``).
    """

    unit_field = "unit_id"

    objects = UnitScopedManager()

    class Meta:
        abstract = True

    def owner_unit_id(self) -> int | None:
        value: Any = self
        for part in self.unit_field.replace("__", ".").split("."):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value.pk if isinstance(value, models.Model) else value


def ensure_in_scope(actor: Any, unit_id: int | models.Model | None) -> None:
    """Raise PermissionDenied (with a Vietnamese message) if ``unit_id`` is outside the scope.

    ``unit_id`` may also be an ``AdminUnit`` or a unit-owned record (its owner unit is checked).
    """
    if isinstance(unit_id, UnitOwned):
        unit_id = unit_id.owner_unit_id()
    elif isinstance(unit_id, models.Model):
        unit_id = unit_id.pk
    if not scope_for(actor).covers(unit_id):
        raise PermissionDenied(_("You do not have access to this administrative unit's data."))


def scoped_get(actor: Any, model: type[UnitOwned], **lookup: Any) -> Any:
    """Fetch one unit-owned row inside the actor's scope, or raise ``model.DoesNotExist``."""
    return model.objects.for_actor(actor).get(**lookup)


def unit_owned_models() -> list[type[models.Model]]:
    """Every concrete unit-owned model (the cross-unit test walks this list)."""
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, UnitOwned) and not m._meta.abstract]
