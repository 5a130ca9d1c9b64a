"""Reads of the procedure catalogue.

Public selectors (no actor: the catalogue is public information that every commune must
post, NĐ 61/2018 Điều 13; QĐ 45/2016 Điều 13) return only procedures that are published and
valid on the given day. Staff selectors check that the actor may read the catalogue.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from thanthien.core.search import search_filter

from .models import Field, Procedure, ProcedureComponent, ProcedureStep
from .permissions import ensure_can_view_catalogue


def _with_children(qs: QuerySet[Procedure]) -> QuerySet[Procedure]:
    return qs.select_related("field").prefetch_related(
        Prefetch("components", queryset=ProcedureComponent.objects.order_by("order")),
        Prefetch("steps", queryset=ProcedureStep.objects.order_by("order")),
    )


def _valid_on(qs: QuerySet[Procedure], day: dt.date) -> QuerySet[Procedure]:
    return qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def _field_filter(qs: QuerySet[Procedure], field: str | Field | None) -> QuerySet[Procedure]:
    if isinstance(field, Field):
        return qs.filter(field=field)
    if field:
        return qs.filter(field__code=field)
    return qs


def procedure_public_list(
    query: str = "", field: str | Field | None = None, *, on: dt.date | None = None, level: str | None = None
) -> QuerySet[Procedure]:
    """Published procedures valid on ``on`` (default today), searched accent-insensitively.

    ``field`` is a field code or instance; ``level`` a competent level (``commune``...).
    Components and steps are prefetched in order.
    """
    day = on or timezone.localdate()
    qs = _valid_on(Procedure.objects.filter(is_published=True), day)
    qs = _field_filter(qs, field)
    if level:
        qs = qs.filter(competent_level=level)
    if query:
        qs = search_filter(qs, query)
    return _with_children(qs).order_by("field__order", "code")


def procedure_detail(code: str, *, on: dt.date | None = None) -> Procedure | None:
    """The published procedure ``code`` valid on ``on`` (default today), or None."""
    return procedure_public_list(on=on).filter(code=(code or "").strip()).first()


def field_list() -> QuerySet[Field]:
    return Field.objects.order_by("order", "name")


def public_field_list(*, on: dt.date | None = None) -> QuerySet[Field]:
    """Fields that have at least one published procedure valid on ``on``."""
    day = on or timezone.localdate()
    codes = _valid_on(Procedure.objects.filter(is_published=True), day).values("field_id")
    return Field.objects.filter(pk__in=codes).order_by("order", "name")


def procedure_list(
    *, actor: Any, query: str = "", field: str | Field | None = None, published: bool | None = None
) -> QuerySet[Procedure]:
    """Every catalogue entry (published or not, any validity) for staff pages."""
    ensure_can_view_catalogue(actor)
    qs = _field_filter(Procedure.objects.select_related("field"), field)
    if published is not None:
        qs = qs.filter(is_published=published)
    if query:
        qs = search_filter(qs, query)
    return qs.order_by("field__order", "code")


def procedure_get(*, actor: Any, code: str) -> Procedure:
    """One catalogue entry with its children; raises ``Procedure.DoesNotExist``."""
    ensure_can_view_catalogue(actor)
    return _with_children(Procedure.objects.all()).get(code=code)


def catalogue_for_export(*, actor: Any, codes: list[str] | None = None) -> QuerySet[Procedure]:
    ensure_can_view_catalogue(actor)
    qs = Procedure.objects.all()
    if codes is not None:
        qs = qs.filter(code__in=codes)
    return _with_children(qs).order_by("field__order", "code")
