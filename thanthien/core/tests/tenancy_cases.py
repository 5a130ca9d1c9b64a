"""Registry of tenancy cases: how to make and how to change a record of each unit-owned model.

Each app lists its cases in ``thanthien/<app>/tests/tenancy.py``::

    from thanthien.core.tests.tenancy_cases import TenancyCase

    CASES = [
        TenancyCase(
            model=Household,
            make=lambda unit: HouseholdFactory(hamlet__unit=unit),
            change=lambda actor, household: household_update(actor=actor, household=household,
                                                             address="Số 2"),
            role="one_stop_officer",
        ),
    ]

- ``make(unit)`` returns a saved instance owned by the commune ``unit``.
- ``change(actor, instance)`` calls the app's real service (or endpoint) to modify the
  instance. Out of scope it must raise ``PermissionDenied``, ``Http404`` or ``DoesNotExist``.
- ``role`` is a role that may make that change in its own commune: the cross-unit test proves
  that ``change`` really changes the row for such a user of the owning commune (so a case whose
  ``change`` always refuses cannot pass), and that the same role in another commune is refused.
  Set ``role=None`` only for records that nobody may change (append-only), and say why in
  ``note``.

A plain dict with the same keys is accepted too.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404

REFUSALS = (PermissionDenied, Http404, ObjectDoesNotExist)


@dataclass(frozen=True)
class TenancyCase:
    model: type[models.Model]
    make: Callable[[Any], models.Model]
    change: Callable[[Any, models.Model], Any]
    role: str | None = "one_stop_officer"
    note: str = ""

    @property
    def label(self) -> str:
        return self.model._meta.label


def _as_case(raw: Any, origin: str) -> TenancyCase:
    if isinstance(raw, TenancyCase):
        return raw
    if isinstance(raw, dict):
        try:
            return TenancyCase(**raw)
        except TypeError as exc:
            raise TypeError(f"bad tenancy case in {origin}: {exc}") from exc
    raise TypeError(f"bad tenancy case in {origin}: {raw!r}")


def _tenancy_modules() -> Iterable[tuple[str, Any]]:
    for config in apps.get_app_configs():
        if not config.name.startswith("thanthien."):
            continue
        module_name = f"{config.name}.tests.tenancy"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            # Only "this app has no tenancy.py (or no tests package)" is tolerated; a broken
            # import inside an existing tenancy.py must fail loudly.
            if exc.name in {module_name, f"{config.name}.tests"}:
                continue
            raise
        yield module_name, module


def collect_cases() -> dict[type[models.Model], TenancyCase]:
    """Every case of every installed app, by model. Two cases for one model is an error."""
    cases: dict[type[models.Model], TenancyCase] = {}
    for module_name, module in _tenancy_modules():
        for raw in getattr(module, "CASES", []):
            case = _as_case(raw, module_name)
            if case.model in cases:
                raise ValueError(f"two tenancy cases for {case.label} (second one in {module_name})")
            cases[case.model] = case
    return cases


def row_state(instance: models.Model) -> dict[str, Any]:
    """Every stored value of ``instance``'s row (concrete fields and many-to-many ids)."""
    model = type(instance)
    manager = model._base_manager
    state: dict[str, Any] = dict(manager.filter(pk=instance.pk).values().get())
    for field in model._meta.many_to_many:
        state[field.name] = sorted(getattr(manager.get(pk=instance.pk), field.name).values_list("pk", flat=True))
    return state


def _fresh(instance: models.Model) -> models.Model:
    return type(instance)._base_manager.get(pk=instance.pk)


def check_read_isolation(case: TenancyCase, *, outsider: Any, insider: Any, unit: Any) -> None:
    """A record made in ``unit`` is visible to ``insider`` (of that unit) and not to ``outsider``."""
    instance = case.make(unit)
    model = case.model
    assert instance.owner_unit_id() == unit.pk, f"{case.label}: make(unit) must create the record in that unit"
    assert not model.objects.for_actor(outsider).filter(pk=instance.pk).exists(), (
        f"{case.label}: a user of another commune can read it"
    )
    assert model.objects.for_actor(insider).filter(pk=instance.pk).exists(), (
        f"{case.label}: a user of the owning commune cannot read it"
    )


def check_change_refused(case: TenancyCase, *, outsiders: Iterable[Any], unit: Any) -> None:
    """Each outsider's ``change`` raises a refusal and leaves the row exactly as it was."""
    instance = case.make(unit)
    before = row_state(instance)
    for outsider in outsiders:
        with pytest.raises(REFUSALS):
            case.change(outsider, _fresh(instance))
        assert row_state(instance) == before, f"{case.label}: {outsider} changed a record of another commune"


def check_change_allowed(case: TenancyCase, *, insider: Any, unit: Any) -> None:
    """The positive control: ``change`` by a user of the owning commune really changes the row."""
    instance = case.make(unit)
    before = row_state(instance)
    case.change(insider, _fresh(instance))
    assert row_state(instance) != before, f"{case.label}: change() did not change the row for its own commune"
