"""The catalogue as flat tables: export rows, parse imported rows, and the validation report.

Columns (stable English keys; the Vietnamese meaning is in docs/procedures.md):

* ``procedures``: one row per procedure (see :data:`PROCEDURE_COLUMNS`);
* ``components``: ``procedure_code, order, name, original_count, copy_count, is_required, note``;
* ``steps``: ``procedure_code, order, name, actor_role, hours``.

The file is authoritative for the procedures it contains: each one is created or updated and
its components and steps are replaced by the file's rows. Procedures absent from the file are
left alone. Validation collects every problem as ``(table, row, column, message)`` in
Vietnamese; nothing is written unless the whole file is valid (see ``services``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.db.models import Model
from django.utils.translation import gettext as _

from thanthien.core.search import fold

from .domain.records import ComponentRecord, Problem, ProcedureRecord, StepRecord, record_problems
from .models import Procedure, ProcedureComponent, ProcedureStep
from .tabular import Tables

PROCEDURE_COLUMNS = [
    "code",
    "name",
    "field_code",
    "field_name",
    "competent_level",
    "time_amount",
    "time_measure",
    "is_immediate",
    "time_note",
    "fee_amount",
    "fee_unit",
    "fee_note",
    "online_level",
    "postal_eligible",
    "postal_ineligible_reason",
    "result_type",
    "legal_basis",
    "valid_from",
    "valid_to",
    "is_published",
    "confidence",
    "source_note",
]
COMPONENT_COLUMNS = ["procedure_code", "order", "name", "original_count", "copy_count", "is_required", "note"]
STEP_COLUMNS = ["procedure_code", "order", "name", "actor_role", "hours"]
COLUMNS = {"procedures": PROCEDURE_COLUMNS, "components": COMPONENT_COLUMNS, "steps": STEP_COLUMNS}

YES, NO = "có", "không"
_TRUE = {"1", "true", "yes", "y", "x", "co", "dung"}
_FALSE = {"0", "false", "no", "n", "khong", "sai"}
_THOUSANDS = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")

# Accepted spellings of choice values (folded): the code itself or its Vietnamese label.
CHOICE_ALIASES: dict[str, dict[str, str]] = {
    "competent_level": {
        "commune": "commune",
        "xa": "commune",
        "cap xa": "commune",
        "province": "province",
        "tinh": "province",
        "cap tinh": "province",
        "other": "other",
        "khac": "other",
    },
    "time_measure": {
        "working_days": "working_days",
        "ngay lam viec": "working_days",
        "working_hours": "working_hours",
        "gio lam viec": "working_hours",
        "calendar_days": "calendar_days",
        "ngay": "calendar_days",
        "ngay theo lich": "calendar_days",
    },
    "online_level": {
        "full": "full",
        "toan trinh": "full",
        "partial": "partial",
        "mot phan": "partial",
        "none": "none",
        "khong": "none",
    },
    "confidence": {
        "verified": "verified",
        "da xac minh": "verified",
        "likely": "likely",
        "kha chac": "likely",
        "uncertain": "uncertain",
        "chua chac chan": "uncertain",
    },
}


# ------------------------------------------------------------------ export


def _yes_no(value: bool) -> str:
    return YES if value else NO


def procedure_rows(procedures: Iterable[Procedure]) -> dict[str, list[dict[str, Any]]]:
    """Flat rows of ``procedures`` (with ``field``, ``components`` and ``steps`` prefetched)."""
    tables: dict[str, list[dict[str, Any]]] = {"procedures": [], "components": [], "steps": []}
    for p in procedures:
        tables["procedures"].append(
            {
                "code": p.code,
                "name": p.name,
                "field_code": p.field.code,
                "field_name": p.field.name,
                "competent_level": p.competent_level,
                "time_amount": p.time_amount,
                "time_measure": p.time_measure,
                "is_immediate": _yes_no(p.is_immediate),
                "time_note": p.time_note,
                "fee_amount": p.fee_amount,
                "fee_unit": p.fee_unit,
                "fee_note": p.fee_note,
                "online_level": p.online_level,
                "postal_eligible": _yes_no(p.postal_eligible),
                "postal_ineligible_reason": p.postal_ineligible_reason,
                "result_type": p.result_type,
                "legal_basis": p.legal_basis,
                "valid_from": p.valid_from,
                "valid_to": p.valid_to,
                "is_published": _yes_no(p.is_published),
                "confidence": p.confidence,
                "source_note": p.source_note,
            }
        )
        for c in p.components.all():
            tables["components"].append(
                {
                    "procedure_code": p.code,
                    "order": c.order,
                    "name": c.name,
                    "original_count": c.original_count,
                    "copy_count": c.copy_count,
                    "is_required": _yes_no(c.is_required),
                    "note": c.note,
                }
            )
        for s in p.steps.all():
            tables["steps"].append(
                {
                    "procedure_code": p.code,
                    "order": s.order,
                    "name": s.name,
                    "actor_role": s.actor_role,
                    "hours": s.hours,
                }
            )
    return tables


def record_of(procedure: Procedure) -> ProcedureRecord:
    """The plain-value record of a stored procedure (children prefetched or fetched)."""
    p = procedure
    return ProcedureRecord(
        code=p.code,
        name=p.name,
        field_code=p.field.code,
        time_amount=Decimal(p.time_amount),
        time_measure=p.time_measure,
        result_type=p.result_type,
        competent_level=p.competent_level,
        is_immediate=p.is_immediate,
        time_note=p.time_note,
        fee_amount=Decimal(p.fee_amount),
        fee_unit=p.fee_unit,
        fee_note=p.fee_note,
        online_level=p.online_level,
        postal_eligible=p.postal_eligible,
        postal_ineligible_reason=p.postal_ineligible_reason,
        legal_basis=p.legal_basis,
        valid_from=p.valid_from,
        valid_to=p.valid_to,
        is_published=p.is_published,
        confidence=p.confidence,
        source_note=p.source_note,
        components=tuple(
            ComponentRecord(c.order, c.name, c.original_count, c.copy_count, c.is_required, c.note)
            for c in p.components.all()
        ),
        steps=tuple(StepRecord(s.order, s.name, s.actor_role, Decimal(s.hours)) for s in p.steps.all()),
    )


def same_record(a: ProcedureRecord, b: ProcedureRecord) -> bool:
    """Equal as stored (decimals compare by value, children in order)."""
    return a == b


# ------------------------------------------------------------------ messages


def problem_message(problem: Problem) -> str:
    """Vietnamese text of a domain problem."""
    p = problem.params
    messages = {
        "code_invalid": _(
            "The code must be 1–30 letters, digits, dots, dashes or underscores (national codes look like 1.001193)."
        ),
        "required": _("This value is required."),
        "choice": _("Use one of: %(choices)s.") % {"choices": ", ".join(p.get("choices", ()))},
        "negative": _("The value cannot be negative."),
        "whole_dong": _("The fee must be a whole number of đồng."),
        "postal_reason_required": _(
            "Give the reason why the procedure cannot go through the postal service (e.g. the person must appear in person)."
        ),
        "validity_order": _("The end of validity is before its start."),
        "order_positive": _("The order must be 1 or more."),
        "order_duplicate": _("Order %(order)s is used twice for this procedure.") % {"order": p.get("order")},
        "hours_positive": _("A step needs more than 0 hours."),
        "steps_missing": _("The procedure has no internal steps."),
        "steps_budget": _(
            "The steps add up to %(total)s hours; the time limit requires exactly %(expected)s hours (8 hours per working day)."
        )
        % {"total": _num(p.get("total")), "expected": _num(p.get("expected"))},
        "steps_ceiling": _(
            "The steps add up to %(total)s hours; a time limit in calendar days allows at most %(ceiling)s hours."
        )
        % {"total": _num(p.get("total")), "ceiling": _num(p.get("ceiling"))},
    }
    return messages.get(problem.code, problem.code)


def _num(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _storage_problems(record: ProcedureRecord) -> list[tuple[str, str]]:
    """Lengths and digits the database columns can hold."""
    out: list[tuple[str, str]] = []

    def check(where: str, model: type[Model], name: str, value: Any) -> None:
        f = model._meta.get_field(name)
        if isinstance(f, models.CharField) and f.max_length and len(str(value)) > f.max_length:
            out.append((where, _("At most %(max)s characters.") % {"max": f.max_length}))
        if isinstance(f, models.DecimalField) and isinstance(value, Decimal):
            _sign, digits, exponent = value.normalize().as_tuple()
            places = max(0, -int(exponent))
            whole = max(0, len(digits) + int(exponent))
            if places > f.decimal_places or whole > f.max_digits - f.decimal_places:
                out.append((where, _("The number is too large or has too many decimals.")))

    for name in ("code", "name", *[n for n in PROCEDURE_COLUMNS if n not in {"field_code", "field_name"}]):
        if hasattr(record, name):
            check(name, Procedure, name, getattr(record, name))
    for i, c in enumerate(record.components):
        for name in ("name",):
            check(f"components[{i}].{name}", ProcedureComponent, name, getattr(c, name))
        for name in ("original_count", "copy_count", "order"):
            if getattr(c, name) > 32767:
                out.append((f"components[{i}].{name}", _("The number is too large or has too many decimals.")))
    for i, s in enumerate(record.steps):
        for name in ("name", "actor_role", "hours"):
            check(f"steps[{i}].{name}", ProcedureStep, name, getattr(s, name))
        if s.order > 32767:
            out.append((f"steps[{i}].order", _("The number is too large or has too many decimals.")))
    return out


def record_messages(record: ProcedureRecord) -> list[tuple[str, str]]:
    """Every problem of ``record`` as ``(where, Vietnamese message)``: domain rules and storage limits."""
    messages = [(p.where, problem_message(p)) for p in record_problems(record)]
    return messages + _storage_problems(record)


# ------------------------------------------------------------------ import


@dataclass(frozen=True)
class Issue:
    """One line of the validation report."""

    table: str
    row: int
    column: str
    message: str


@dataclass
class ParsedCatalogue:
    records: list[ProcedureRecord] = field(default_factory=list)
    new_fields: dict[str, str] = field(default_factory=dict)  # code -> name of fields to create
    issues: list[Issue] = field(default_factory=list)


class _Cells:
    """Typed access to one row's cells, collecting parse issues."""

    def __init__(self, table: str, number: int, values: Mapping[str, str], issues: list[Issue]):
        self.table, self.number, self.values, self.issues = table, number, values, issues

    def issue(self, column: str, message: str) -> None:
        self.issues.append(Issue(self.table, self.number, column, message))

    def text(self, column: str) -> str:
        return str(self.values.get(column, "") or "").strip()

    def boolean(self, column: str, default: bool) -> bool:
        raw = self.text(column)
        if not raw:
            return default
        key = fold(raw)
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
        self.issue(column, _("Write “có” or “không”."))
        return default

    def decimal(self, column: str, default: Decimal | None = None, *, whole_thousands: bool = False) -> Decimal:
        raw = self.text(column).replace("\u00a0", " ")
        if not raw:
            if default is None:
                self.issue(column, _("This value is required."))
                return Decimal(0)
            return default
        if whole_thousands and _THOUSANDS.match(raw):
            raw = re.sub(r"[.,\s]", "", raw)
        raw = raw.replace(" ", "").replace(",", ".")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            self.issue(column, _("“%(value)s” is not a number.") % {"value": self.text(column)})
            return default if default is not None else Decimal(0)
        if not value.is_finite():
            self.issue(column, _("“%(value)s” is not a number.") % {"value": self.text(column)})
            return Decimal(0)
        return value

    def integer(self, column: str, default: int | None = None) -> int:
        value = self.decimal(column, None if default is None else Decimal(default))
        if value != value.to_integral_value():
            self.issue(column, _("Write a whole number."))
            return int(value)
        return int(value)

    def date(self, column: str) -> dt.date | None:
        raw = self.text(column)
        if not raw:
            return None
        for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
            try:
                return dt.datetime.strptime(raw, fmt).date()  # noqa: DTZ007 — a calendar date, no time zone
            except ValueError:
                continue
        self.issue(column, _("“%(value)s” is not a date (write YYYY-MM-DD or DD/MM/YYYY).") % {"value": raw})
        return None

    def choice(self, column: str, default: str) -> str:
        raw = self.text(column)
        if not raw:
            return default
        value = CHOICE_ALIASES[column].get(fold(raw))
        if value is None:
            self.issue(
                column,
                _("Use one of: %(choices)s.") % {"choices": ", ".join(sorted(set(CHOICE_ALIASES[column].values())))},
            )
            return default
        return value


def parse_tables(tables: Tables, *, known_fields: Mapping[str, str]) -> ParsedCatalogue:
    """Parse and validate a table set. ``known_fields`` maps existing field codes to names."""
    out = ParsedCatalogue()
    issues = out.issues
    heads: dict[str, tuple[int, dict[str, Any]]] = {}
    for number, values in tables.get("procedures", []):
        cells = _Cells("procedures", number, values, issues)
        if "__bad_record__" in values:
            cells.issue(
                "record",
                _("Unknown record type “%(value)s” (use procedure, component or step).")
                % {"value": values["__bad_record__"]},
            )
            continue
        code = cells.text("code")
        if not code:
            cells.issue("code", _("This value is required."))
            continue
        if code in heads:
            cells.issue(
                "code",
                _("Procedure %(code)s appears more than once (first on row %(row)s).")
                % {"code": code, "row": heads[code][0]},
            )
            continue
        field_code = cells.text("field_code")
        field_name = cells.text("field_name")
        if field_code and field_code not in known_fields:
            if not field_name:
                cells.issue(
                    "field_name",
                    _("Field “%(code)s” does not exist yet: give its name to create it.") % {"code": field_code},
                )
            else:
                out.new_fields.setdefault(field_code, field_name)
        heads[code] = (
            number,
            {
                "code": code,
                "name": cells.text("name"),
                "field_code": field_code,
                "competent_level": cells.choice("competent_level", "commune"),
                "time_amount": cells.decimal("time_amount"),
                "time_measure": cells.choice("time_measure", "working_days"),
                "is_immediate": cells.boolean("is_immediate", False),
                "time_note": cells.text("time_note"),
                "fee_amount": cells.decimal("fee_amount", Decimal(0), whole_thousands=True),
                "fee_unit": cells.text("fee_unit"),
                "fee_note": cells.text("fee_note"),
                "online_level": cells.choice("online_level", "none"),
                "postal_eligible": cells.boolean("postal_eligible", True),
                "postal_ineligible_reason": cells.text("postal_ineligible_reason"),
                "result_type": cells.text("result_type"),
                "legal_basis": cells.text("legal_basis"),
                "valid_from": cells.date("valid_from"),
                "valid_to": cells.date("valid_to"),
                "is_published": cells.boolean("is_published", False),
                "confidence": cells.choice("confidence", "verified"),
                "source_note": cells.text("source_note"),
            },
        )

    children: dict[str, dict[str, list[tuple[int, Any]]]] = {
        "components": defaultdict(list),
        "steps": defaultdict(list),
    }
    for table in ("components", "steps"):
        for number, values in tables.get(table, []):
            cells = _Cells(table, number, values, issues)
            code = cells.text("procedure_code")
            if not code:
                cells.issue("procedure_code", _("This value is required."))
                continue
            if code not in heads:
                cells.issue(
                    "procedure_code",
                    _("Procedure %(code)s is not in the procedures table of this file.") % {"code": code},
                )
                continue
            if table == "components":
                child: Any = ComponentRecord(
                    order=cells.integer("order"),
                    name=cells.text("name"),
                    original_count=cells.integer("original_count", 1),
                    copy_count=cells.integer("copy_count", 0),
                    is_required=cells.boolean("is_required", True),
                    note=cells.text("note"),
                )
            else:
                child = StepRecord(
                    order=cells.integer("order"),
                    name=cells.text("name"),
                    actor_role=cells.text("actor_role"),
                    hours=cells.decimal("hours"),
                )
            children[table][code].append((number, child))

    for code, (number, head) in heads.items():
        comps = sorted(children["components"][code], key=lambda item: item[1].order)
        steps = sorted(children["steps"][code], key=lambda item: item[1].order)
        record = ProcedureRecord(**head, components=tuple(c for _, c in comps), steps=tuple(s for _, s in steps))
        for where, message in record_messages(record):
            table, row, column = _locate(where, number, comps, steps)
            issues.append(Issue(table, row, column, message))
        out.records.append(record)
    issues.sort(
        key=lambda i: (("procedures", "components", "steps", "").index(i.table) if i.table in COLUMNS else 3, i.row)
    )
    return out


_CHILD = re.compile(r"^(components|steps)\[(\d+)\]\.(\w+)$")


def _locate(
    where: str, number: int, comps: list[tuple[int, Any]], steps: list[tuple[int, Any]]
) -> tuple[str, int, str]:
    match = _CHILD.match(where)
    if match:
        kind, index, column = match.group(1), int(match.group(2)), match.group(3)
        rows = comps if kind == "components" else steps
        return kind, rows[index][0], column
    if where == "steps":
        return "procedures", number, "steps"
    return "procedures", number, where
