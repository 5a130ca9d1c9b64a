"""Reads of dossiers (hồ sơ) for pages and the API, scoped to what the actor may see.

The officer's list must stay fast on a million dossiers with a fixed number of queries. A
dossier is visible to the receiving commune and, when routed, to the deciding commune; an
``OR`` over the two columns, or an ``IN`` over several units (a commune's role also covers the
units it succeeded), defeats the ordered indexes. So the list takes, per unit of the scope
(a ``LATERAL`` join on PostgreSQL, a ``UNION ALL`` elsewhere) and for dossiers routed here, an
id subquery walking the ``(unit, …)`` index in list order and stopping at ``LIMIT``; the page's
rows and their joins come in the same statement and are merged in Python: one query whatever the filters or the page. No ``COUNT(*)``: the page
knows only whether a next one exists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from thanthien.core.search import search_filter
from thanthien.core.tenancy import scope_for

from .domain.status import FINAL_STATES
from .models import (
    ACTIVE_STATUSES,
    OPEN_STATUSES,
    Dossier,
    DossierApology,
    DossierComponent,
    DossierEvent,
    VolunteerShift,
)
from .permissions import ensure_dossier_scope

PAGE_SIZE = 50
ACTIVE = ACTIVE_STATUSES  # same lists as the partial indexes, so PostgreSQL can use them
OPEN = OPEN_STATUSES
FINAL = [s.value for s in FINAL_STATES]

STATES = ("open", "due_soon", "overdue", "predicted_late", "finished")
SORTS = ("due", "newest")


@dataclass(frozen=True)
class DossierFilters:
    """Filters of the officer's list. ``state`` is one of :data:`STATES` (or empty for all)."""

    status: str = ""
    state: str = ""
    procedure_id: int | None = None
    handler_id: int | None = None
    q: str = ""
    sort: str = "due"
    due_soon_days: int = 2


@dataclass(frozen=True)
class DossierPage:
    rows: list[Dossier]
    number: int
    has_next: bool
    per_page: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def _apply_filters(qs: QuerySet[Dossier], f: DossierFilters, now: dt.datetime) -> QuerySet[Dossier]:
    if f.status:
        qs = qs.filter(status=f.status)
    if f.state == "open":
        qs = qs.filter(status__in=OPEN)
    elif f.state == "finished":
        qs = qs.filter(status__in=FINAL)
    elif f.state == "overdue":
        qs = qs.filter(status__in=ACTIVE, due_at__lt=now)
    elif f.state == "due_soon":
        qs = qs.filter(status__in=ACTIVE, due_at__gte=now, due_at__lt=now + dt.timedelta(days=f.due_soon_days))
    elif f.state == "predicted_late":
        qs = qs.filter(status__in=ACTIVE, predicted_late=True)
    if f.procedure_id:
        qs = qs.filter(procedure_id=f.procedure_id)
    if f.handler_id:
        qs = qs.filter(handler_id=f.handler_id)
    if f.q:
        qs = search_filter(qs, f.q)
    return qs


def _order(f: DossierFilters) -> list[Any]:
    if f.sort == "newest":
        return [F("submitted_at").desc(), F("id").desc()]
    return [F("due_at").asc(nulls_last=True), F("id").asc()]


def _sort_key(sort: str):
    if sort == "newest":
        return lambda d: (-d.submitted_at.timestamp(), -d.pk)
    return lambda d: (d.due_at is None, d.due_at.timestamp() if d.due_at else 0, d.pk)


_SENTINEL = -424242  # a unit id that cannot exist, to find the unit's placeholder in compiled SQL


def _ids_per_unit(base: QuerySet[Dossier], units: list[int], order: list[Any], want: int) -> RawSQL:
    """The ids of the first ``want`` rows of each unit, plus those routed here, as one subquery.

    One source per unit (a role covers its commune and the units it succeeded) walks that
    unit's ``(unit, …)`` index in list order and stops at ``LIMIT``. The per-unit SQL is compiled
    once with a sentinel unit id. PostgreSQL runs it as a ``LATERAL`` join over the unit ids (one
    plan, however many units); other databases get a ``UNION ALL`` of one subquery per unit.
    """
    sql, params = base.filter(unit_id=_SENTINEL).order_by(*order).values("id")[:want].query.sql_with_params()
    params = list(params)
    position = params.index(_SENTINEL)
    pieces = sql.split("%s")
    routed_sql, routed_params = (
        base.filter(deciding_unit_id__in=units)
        .exclude(unit_id__in=units)
        .order_by(*order)
        .values("id")[:want]
        .query.sql_with_params()
    )
    if connection.vendor == "postgresql":
        per_unit = "%s".join(pieces[: position + 1]) + "u.unit_id" + "%s".join(pieces[position + 1 :])
        rest = params[:position] + params[position + 1 :]
        query = (
            f"SELECT s.id FROM unnest(%s::bigint[]) AS u(unit_id), LATERAL ({per_unit}) AS s"  # noqa: S608
            f" UNION ALL SELECT id FROM ({routed_sql}) AS r"
        )
        return RawSQL(query, [units, *rest, *routed_params])  # noqa: S611 — ORM-compiled SQL, bound params
    parts, all_params = [], []
    for i, unit_id in enumerate(units):
        parts.append(f"SELECT id FROM ({sql}) AS s{i}")  # noqa: S608 — ORM-compiled SQL
        all_params.extend([*params[:position], unit_id, *params[position + 1 :]])
    parts.append(f"SELECT id FROM ({routed_sql}) AS r")  # noqa: S608 — ORM-compiled SQL
    all_params.extend(routed_params)
    return RawSQL(" UNION ALL ".join(parts), all_params)  # noqa: S611 — ORM-compiled SQL, bound params


def _with_related(qs: QuerySet[Dossier]) -> QuerySet[Dossier]:
    return qs.select_related("procedure", "handler", "unit", "deciding_unit")


def dossier_list(
    *,
    actor: Any,
    filters: DossierFilters | None = None,
    page: int = 1,
    per_page: int = PAGE_SIZE,
    now: dt.datetime | None = None,
) -> DossierPage:
    """One page of the dossiers the actor may see, filtered; one query whatever the filters."""
    f = filters or DossierFilters()
    now = now or timezone.now()
    page = max(1, int(page))
    want = page * per_page + 1
    order = _order(f)
    scope = scope_for(actor)
    base = _apply_filters(Dossier.objects.unscoped(), f, now)
    if scope.everything:
        ids: Any = base.order_by(*order).values("id")[:want]
    elif not scope.unit_ids:
        return DossierPage([], page, False, per_page)
    else:
        ids = _ids_per_unit(base, sorted(scope.unit_ids), order, want)
    rows = list(_with_related(Dossier.objects.unscoped().filter(pk__in=ids)))
    rows.sort(key=_sort_key(f.sort))
    window = rows[(page - 1) * per_page : want]
    return DossierPage(window[:per_page], page, len(window) > per_page, per_page)


def dossier_get(*, actor: Any, pk: int) -> Dossier:
    """One dossier with its hand-offs, apology, fees and components; ``Dossier.DoesNotExist``."""
    dossier = (
        _with_related(Dossier.objects.for_actor(actor))
        .select_related("received_by", "entered_by")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=DossierEvent.objects.unscoped().select_related("giver", "receiver").order_by("at", "id"),
            ),
            "fees",
            "components",
            "apologies",
            "procedure__components",
            "procedure__steps",
        )
        .get(pk=pk)
    )
    ensure_dossier_scope(actor, dossier)
    return dossier


def dossier_get_by_code(*, actor: Any, code: str) -> Dossier:
    return dossier_get(actor=actor, pk=Dossier.objects.for_actor(actor).values_list("pk", flat=True).get(code=code))


def attention_list(*, actor: Any, mine: bool = False, limit: int = 10, now: dt.datetime | None = None) -> list[Dossier]:
    """Active dossiers expected to be late or already overdue (home panels), nearest due first."""
    now = now or timezone.now()
    qs = Dossier.objects.for_actor(actor).filter(status__in=ACTIVE).filter(Q(predicted_late=True) | Q(due_at__lt=now))
    if mine:
        qs = qs.filter(handler_id=actor.pk)
    return list(_with_related(qs).order_by(F("due_at").asc(nulls_last=True), "id")[:limit])


def extra_components_open(*, actor: Any, limit: int = 10) -> list[DossierComponent]:
    """Components requested beyond the published list, not yet reviewed by a leader."""
    return list(
        DossierComponent.objects.for_actor(actor)
        .filter(is_extra=True, reviewed_at__isnull=True)
        .select_related("dossier", "requested_by")
        .order_by("id")[:limit]
    )


def apology_drafts(*, actor: Any, limit: int = 10) -> list[DossierApology]:
    return list(
        DossierApology.objects.for_actor(actor)
        .filter(state=DossierApology.State.DRAFT)
        .select_related("dossier", "dossier__procedure")
        .order_by("original_due_at")[:limit]
    )


def tracking_book(*, actor: Any, unit_id: int, year: int) -> QuerySet[Dossier]:
    """The tracking book (Sổ theo dõi hồ sơ, Mẫu 06) of a unit for a year, in reception order."""
    from thanthien.core.tenancy import ensure_in_scope

    ensure_in_scope(actor, unit_id)
    return (
        Dossier.objects.for_actor(actor)
        .filter(unit_id=unit_id, received_on__year=year)
        .select_related("procedure", "handler")
        .order_by("received_at", "id")
    )


def volunteers_on_duty(*, unit_id: int, at: dt.datetime | None = None) -> QuerySet[VolunteerShift]:
    """Volunteers on duty now at a commune's one-stop centre (public information)."""
    at = at or timezone.now()
    return VolunteerShift.objects.unscoped().filter(unit_id=unit_id, starts_at__lte=at, ends_at__gt=at)


def volunteer_roster(*, actor: Any, since: dt.datetime | None = None) -> QuerySet[VolunteerShift]:
    since = since or timezone.now() - dt.timedelta(days=1)
    return VolunteerShift.objects.for_actor(actor).filter(ends_at__gte=since).order_by("starts_at")


def dossier_public_status(tracking_code: str) -> Dossier | None:
    """A dossier by its public tracking code (for the citizen's status page: no personal data shown)."""
    from .domain.codes import normalise_tracking_code

    code = normalise_tracking_code(tracking_code or "")
    if not code:
        return None
    return Dossier.objects.unscoped().select_related("procedure", "unit").filter(tracking_code=code).first()
