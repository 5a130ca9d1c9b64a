"""A procedure as plain values, and the rules every catalogue entry must satisfy.

Both the staff edit form and the spreadsheet import build :class:`ProcedureRecord` values and
ask :func:`record_problems` what is wrong, so the two paths cannot drift. Problems carry a
stable code and parameters; the application layer turns them into Vietnamese messages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .codes import is_valid_code
from .timelimits import TimeMeasure, check_step_hours

LEVELS = ("commune", "province", "other")
ONLINE_LEVELS = ("full", "partial", "none")
CONFIDENCES = ("verified", "likely", "uncertain")
MEASURES = tuple(m.value for m in TimeMeasure)


@dataclass(frozen=True)
class ComponentRecord:
    order: int
    name: str
    original_count: int = 1
    copy_count: int = 0
    is_required: bool = True
    note: str = ""


@dataclass(frozen=True)
class StepRecord:
    order: int
    name: str
    actor_role: str
    hours: Decimal


@dataclass(frozen=True)
class ProcedureRecord:
    code: str
    name: str
    field_code: str
    time_amount: Decimal
    time_measure: str
    result_type: str
    competent_level: str = "commune"
    is_immediate: bool = False
    time_note: str = ""
    fee_amount: Decimal = Decimal(0)
    fee_unit: str = ""
    fee_note: str = ""
    online_level: str = "none"
    postal_eligible: bool = True
    postal_ineligible_reason: str = ""
    legal_basis: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    is_published: bool = False
    confidence: str = "verified"
    source_note: str = ""
    components: tuple[ComponentRecord, ...] = ()
    steps: tuple[StepRecord, ...] = ()


@dataclass(frozen=True)
class Problem:
    """What is wrong: ``where`` is a record field, or ``components[i].field`` / ``steps[i].field``."""

    where: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)


def record_problems(record: ProcedureRecord) -> list[Problem]:
    """Every rule a catalogue entry breaks (empty list when the entry is valid)."""
    problems: list[Problem] = []
    add = problems.append
    if not is_valid_code(record.code):
        add(Problem("code", "code_invalid"))
    for name in ("name", "field_code", "result_type"):
        if not str(getattr(record, name) or "").strip():
            add(Problem(name, "required"))
    if record.competent_level not in LEVELS:
        add(Problem("competent_level", "choice", {"choices": LEVELS}))
    if record.time_measure not in MEASURES:
        add(Problem("time_measure", "choice", {"choices": MEASURES}))
    if record.online_level not in ONLINE_LEVELS:
        add(Problem("online_level", "choice", {"choices": ONLINE_LEVELS}))
    if record.confidence not in CONFIDENCES:
        add(Problem("confidence", "choice", {"choices": CONFIDENCES}))
    if record.time_amount < 0:
        add(Problem("time_amount", "negative"))
    if record.fee_amount < 0:
        add(Problem("fee_amount", "negative"))
    elif record.fee_amount != record.fee_amount.to_integral_value():
        add(Problem("fee_amount", "whole_dong"))
    if not record.postal_eligible and not record.postal_ineligible_reason.strip():
        add(Problem("postal_ineligible_reason", "postal_reason_required"))
    if record.valid_from and record.valid_to and record.valid_to < record.valid_from:
        add(Problem("valid_to", "validity_order"))
    problems.extend(_children_problems("components", record.components))
    problems.extend(_children_problems("steps", record.steps))
    for i, step in enumerate(record.steps):
        if not step.actor_role.strip():
            add(Problem(f"steps[{i}].actor_role", "required"))
        if step.hours <= 0:
            add(Problem(f"steps[{i}].hours", "hours_positive"))
    if not record.steps:
        add(Problem("steps", "steps_missing"))
    elif record.time_measure in MEASURES and record.time_amount >= 0 and all(s.hours > 0 for s in record.steps):
        check = check_step_hours(record.time_amount, record.time_measure, [s.hours for s in record.steps])
        if not check.ok:
            if check.expected is not None:
                add(Problem("steps", "steps_budget", {"total": check.total, "expected": check.expected}))
            else:
                add(Problem("steps", "steps_ceiling", {"total": check.total, "ceiling": check.ceiling}))
    return problems


def _children_problems(kind: str, children: tuple[Any, ...]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[int] = set()
    for i, child in enumerate(children):
        if child.order < 1:
            problems.append(Problem(f"{kind}[{i}].order", "order_positive"))
        elif child.order in seen:
            problems.append(Problem(f"{kind}[{i}].order", "order_duplicate", {"order": child.order}))
        seen.add(child.order)
        if not child.name.strip():
            problems.append(Problem(f"{kind}[{i}].name", "required"))
        if isinstance(child, ComponentRecord) and (child.original_count < 0 or child.copy_count < 0):
            problems.append(Problem(f"{kind}[{i}].original_count", "negative"))
    return problems
