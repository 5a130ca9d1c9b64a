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
class Cursor:
    """A position in the officer's list: the sort value (due or submission time) and the id.

    Keyset pagination: the next page starts strictly after the last row shown, the previous one
    strictly before the first, so no page re-reads the rows of the pages before it. In a URL it is
    ``<microseconds since the epoch>_<id>`` (empty time for a dossier without a due date).
    """

    value: dt.datetime | None
    pk: int

    def encode(self) -> str:
        if self.value is None:
            return f"_{self.pk}"
        delta = self.value - _EPOCH
        return f"{(delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds}_{self.pk}"

    @classmethod
    def decode(cls, text: str | None) -> Cursor | None:
        """The cursor in ``text``, or ``None`` when it is missing or malformed (then: first page)."""
        if not text or len(text) > 60:
            return None
        micros, _, pk = text.partition("_")
        try:
            value = _EPOCH + dt.timedelta(microseconds=int(micros)) if micros else None
            return cls(value, int(pk)) if int(pk) > 0 else None
        except (ValueError, OverflowError):
            return None


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class DossierPage:
    rows: list[Dossier]
    number: int
    has_next: bool
    per_page: int
    has_previous: bool = False
    next_cursor: str = ""
    previous_cursor: str = ""


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


_REVERSE_DUE = [F("due_at").desc(nulls_first=True), F("id").desc()]


def _sort_value(d: Dossier, sort: str) -> dt.datetime | None:
    return d.submitted_at if sort == "newest" else d.due_at


Source = tuple[QuerySet[Dossier], list[Any]]


def _sources(base: QuerySet[Dossier], sort: str, after: Cursor | None, before: Cursor | None) -> list[Source]:
    """The filtered querysets (each with its index order) that together hold the rows wanted.

    Without a cursor: the whole list in list order. ``after``: the rows that follow it in list
    order; ``before``: the rows that precede it, in reverse order (nearest first). Each condition
    is a range on the sorted column plus a tie-break on the id, so PostgreSQL starts the index walk
    at the cursor. A due date may be empty (sorted last): those rows are a source of their own,
    ordered by id, so no ``OR … IS NULL`` spoils the range.
    """
    due_asc = [F("due_at").asc(), F("id").asc()]
    due_desc = [F("due_at").desc(), F("id").desc()]
    if sort == "newest":
        newest = [F("submitted_at").desc(), F("id").desc()]
        oldest = [F("submitted_at").asc(), F("id").asc()]
        if after is not None and after.value is not None:
            v, k = after.value, after.pk
            return [(base.filter(Q(submitted_at__lt=v) | Q(submitted_at=v, id__lt=k), submitted_at__lte=v), newest)]
        if before is not None and before.value is not None:
            v, k = before.value, before.pk
            return [(base.filter(Q(submitted_at__gt=v) | Q(submitted_at=v, id__gt=k), submitted_at__gte=v), oldest)]
        return [(base, newest)]
    nulls = base.filter(due_at__isnull=True)
    if after is not None:
        if after.value is None:
            return [(nulls.filter(id__gt=after.pk), [F("id").asc()])]
        v, k = after.value, after.pk
        return [
            (base.filter(Q(due_at__gt=v) | Q(due_at=v, id__gt=k), due_at__gte=v), due_asc),
            (nulls, [F("id").asc()]),
        ]
    if before is not None:
        if before.value is None:
            return [(nulls.filter(id__lt=before.pk), [F("id").desc()]), (base.filter(due_at__isnull=False), due_desc)]
        v, k = before.value, before.pk
        return [(base.filter(Q(due_at__lt=v) | Q(due_at=v, id__lt=k), due_at__lte=v), due_desc)]
    return [(base, _order(DossierFilters(sort=sort)))]


_SENTINEL = -424242  # a unit id that cannot exist, to find the unit's placeholder in compiled SQL


def _ids_per_unit(sources: list[Source], units: list[int], want: int) -> RawSQL:
    """The ids of the first ``want`` rows of each unit and source, plus those routed here, as one subquery.

    One subquery per unit (a role covers its commune and the units it succeeded) walks that
    unit's ``(unit, …)`` index in the source's order and stops at ``LIMIT``. The per-unit SQL is
    compiled once with a sentinel unit id. PostgreSQL runs it as a ``LATERAL`` join over the unit
    ids (one plan, however many units); other databases get a ``UNION ALL`` of one subquery per
    unit. Several sources (keyset pages, see :func:`_sources`) are joined with ``UNION ALL`` too.
    """
    parts: list[str] = []
    all_params: list[Any] = []
    for base, order in sources:
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
        rest = params[:position] + params[position + 1 :]
        if connection.vendor == "postgresql":
            per_unit = "%s".join(pieces[: position + 1]) + "u.unit_id" + "%s".join(pieces[position + 1 :])
            parts.append(f"SELECT s.id FROM unnest(%s::bigint[]) AS u(unit_id), LATERAL ({per_unit}) AS s")  # noqa: S608
            all_params.extend([units, *rest])
        else:
            for unit_id in units:
                parts.append(f"SELECT id FROM ({sql}) AS s{len(parts)}")  # noqa: S608 — ORM-compiled SQL
                all_params.extend([*params[:position], unit_id, *params[position + 1 :]])
        parts.append(f"SELECT id FROM ({routed_sql}) AS r{len(parts)}")  # noqa: S608 — ORM-compiled SQL
        all_params.extend(routed_params)
    return RawSQL(" UNION ALL ".join(parts), all_params)  # noqa: S611 — ORM-compiled SQL, bound params


def _with_related(qs: QuerySet[Dossier]) -> QuerySet[Dossier]:
    return qs.select_related("procedure", "handler", "unit", "deciding_unit")


def dossier_list(
    *,
    actor: Any,
    filters: DossierFilters | None = None,
    page: int = 1,
    after: Cursor | str | None = None,
    before: Cursor | str | None = None,
    per_page: int = PAGE_SIZE,
    now: dt.datetime | None = None,
) -> DossierPage:
    """One page of the dossiers the actor may see, filtered; one query whatever the filters or the page.

    Pages follow each other by cursor (keyset): ``after`` the last row of a page gives the next,
    ``before`` its first row the previous; each reads only its own rows however deep it is. Without
    a cursor, ``page`` counts from the start (offset: kept for the API; it re-reads the rows of the
    pages before it). With a cursor ``page`` is only the number shown.
    """
    f = filters or DossierFilters()
    now = now or timezone.now()
    page = max(1, int(page))
    after = Cursor.decode(after) if isinstance(after, str) else after
    before = None if after is not None else Cursor.decode(before) if isinstance(before, str) else before
    keyset = after is not None or before is not None
    want = per_page + 1 if keyset else page * per_page + 1
    sources = _sources(_apply_filters(Dossier.objects.unscoped(), f, now), f.sort, after, before)
    scope = scope_for(actor)
    if scope.everything:
        ids: Any = Q()
        for qs, order in sources:
            ids |= Q(pk__in=qs.order_by(*order).values("id")[:want])
    elif not scope.unit_ids:
        return DossierPage([], page, False, per_page)
    else:
        ids = Q(pk__in=_ids_per_unit(sources, sorted(scope.unit_ids), want))
    # The candidates (``want`` per unit and source) are merged, sorted and cut in the same statement,
    # so only the rows of the page (and one more, to know if another page follows) come back.
    merged = _with_related(Dossier.objects.unscoped().filter(ids))
    if before is not None:
        reverse = [F("submitted_at").asc(), F("id").asc()] if f.sort == "newest" else _REVERSE_DUE
        rows = list(merged.order_by(*reverse)[: per_page + 1])[::-1]
    else:
        rows = list(merged.order_by(*_order(f))[(0 if keyset else (page - 1) * per_page) : want])
    if before is not None:
        window = rows
        has_previous, has_next = len(window) > per_page, True
        shown = window[-per_page:] if has_previous else window
    else:
        window = rows
        has_previous, has_next = keyset or page > 1, len(window) > per_page
        shown = window[:per_page]
    cursor = lambda d: Cursor(_sort_value(d, f.sort), d.pk).encode()  # noqa: E731
    return DossierPage(
        shown,
        page,
        has_next,
        per_page,
        has_previous=has_previous and bool(shown),
        next_cursor=cursor(shown[-1]) if has_next and shown else "",
        previous_cursor=cursor(shown[0]) if has_previous and shown else "",
    )


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


def tracking_book(*, actor: Any, unit_id: int, year: int) -> QuerySet[Dossier]:
    """The tracking book (Sổ theo dõi hồ sơ, Mẫu 06) of a unit for a year, by the lines given at reception."""
    from thanthien.core.tenancy import ensure_in_scope

    ensure_in_scope(actor, unit_id)
    return (
        Dossier.objects.for_actor(actor)
        .filter(unit_id=unit_id, book_year=year)
        .select_related("procedure", "handler")
        .order_by("book_number", "id")
    )


def volunteer_roster(*, actor: Any, since: dt.datetime | None = None) -> QuerySet[VolunteerShift]:
    since = since or timezone.now() - dt.timedelta(days=1)
    return VolunteerShift.objects.for_actor(actor).filter(ends_at__gte=since).order_by("starts_at")
