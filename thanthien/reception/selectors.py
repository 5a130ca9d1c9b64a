"""Reads for display, scoped to the actor. The denouncer's identity is masked for everyone but
the assigned handler and the leaders: in lists, details, exports and search results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from thanthien.core.search import search_filter
from thanthien.units.models import AdminUnit

from .domain.codes import normalise_code
from .domain.masking import MASK
from .domain.status import OPEN
from .models import DialogueConference, InfoRequest, Petition, PetitionStep, ReceptionSession, ReceptionSetting
from .permissions import LEADERS, can_see_identity
from .services import IDENTITY_FIELDS

LIST_FIELDS = (
    "id",
    "unit_id",
    "code",
    "channel",
    "kind",
    "status",
    "topic",
    "subject",
    "received_at",
    "due_date",
    "warned_at",
    "escalated_at",
    "assigned_to_id",
    "assigned_to__full_name",
    "assigned_to__username",
    "submitter_name",
    "duplicate_of_id",
)


def mask_identity(p: Petition, actor: Any) -> Petition:
    """Blank the identity fields on this instance if the actor may not see them (never saved:
    services always re-read the row)."""
    p.identity_visible = can_see_identity(actor, p)
    if not p.identity_visible and p.is_denunciation:
        for field in IDENTITY_FIELDS:
            if getattr(p, field, ""):
                setattr(p, field, MASK)
    return p


@dataclass(frozen=True)
class PetitionFilters:
    status: str = ""
    kind: str = ""
    channel: str = ""
    mine: bool = False
    overdue: bool = False
    open_only: bool = False
    q: str = ""


def _leader_unit_ids(actor: Any) -> set[int]:
    from thanthien.units.permissions import held_roles

    ids: set[int] = set()
    for held in held_roles(actor):
        if held.role in LEADERS:
            ids |= held.covered
    return ids


def petition_list(*, actor: Any, filters: PetitionFilters | None = None) -> QuerySet[Petition]:
    """The handler's filtered list. A fixed number of queries: one for the page, one for the
    count (plus the actor's roles, cached per request)."""
    f = filters or PetitionFilters()
    qs = Petition.objects.for_actor(actor).select_related("assigned_to").only(*LIST_FIELDS)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.channel:
        qs = qs.filter(channel=f.channel)
    if f.mine and actor is not None:
        qs = qs.filter(assigned_to=actor)
    if f.open_only:
        qs = qs.filter(status__in=[s.value for s in OPEN])
    if f.overdue:
        qs = qs.filter(status__in=[s.value for s in OPEN], due_date__lt=timezone.localdate())
    if f.q:
        code = normalise_code(f.q)
        qs = qs.filter(code=code) if code.startswith(("PA-", "TT-")) else search_filter(qs, f.q)
    return qs.order_by("-received_at", "-id")


def petition_page(
    *, actor: Any, filters: PetitionFilters | None = None, limit: int = 50, offset: int = 0
) -> list[Petition]:
    """One page of the list, with identities masked where needed."""
    rows = list(petition_list(actor=actor, filters=filters)[offset : offset + limit])
    leader_units = _leader_unit_ids(actor)
    actor_id = getattr(actor, "pk", None)
    for p in rows:
        visible = (not p.is_denunciation) or p.assigned_to_id == actor_id or p.unit_id in leader_units
        p.identity_visible = visible
        if not visible and p.submitter_name:
            p.submitter_name = MASK
    return rows


def petition_get(*, actor: Any, pk: int) -> Petition:
    p = (
        Petition.objects.for_actor(actor)
        .select_related("unit", "assigned_to", "clock", "duplicate_of", "session")
        .get(pk=pk)
    )
    return mask_identity(p, actor)


def petition_duplicates(*, actor: Any, petition: Petition) -> list[Petition]:
    rows = list(Petition.objects.for_actor(actor).filter(duplicate_of=petition).only(*LIST_FIELDS))
    return [mask_identity(p, actor) for p in rows]


def petition_export_rows(*, actor: Any, filters: PetitionFilters | None = None) -> list[dict[str, Any]]:
    """Rows for a CSV export, masked like the list."""
    rows = []
    for p in petition_page(actor=actor, filters=filters, limit=10_000):
        rows.append(
            {
                "code": p.code,
                "received_at": timezone.localtime(p.received_at).strftime("%d/%m/%Y %H:%M"),
                "channel": p.get_channel_display(),
                "kind": p.get_kind_display(),
                "status": p.get_status_display(),
                "subject": p.subject,
                "submitter": p.submitter_name,
                "due_date": p.due_date.strftime("%d/%m/%Y") if p.due_date else "",
            }
        )
    return rows


def handlers_for(*, actor: Any, unit_id: int) -> list[Any]:
    from thanthien.accounts.models import User

    from .permissions import HANDLERS

    return list(
        User.objects.filter(roles__unit_id=unit_id, roles__role__in=HANDLERS, is_active=True)
        .distinct()
        .order_by("full_name")
    )


# ---- public reads (no actor: explicit unscoped calls) ---------------------------------------------


def public_petition_by_code(code: str) -> Petition | None:
    """What a citizen sees by code: status, answer, never the identity of anyone."""
    return (
        Petition.objects.unscoped()
        .select_related("unit")
        .defer(*IDENTITY_FIELDS)
        .filter(code=normalise_code(code))
        .first()
    )


def public_answers(*, unit: AdminUnit, limit: int = 20) -> QuerySet[Petition]:
    return (
        Petition.objects.unscoped()
        .filter(unit=unit, publish_answer=True)
        .exclude(public_summary="")
        .only("code", "subject", "topic", "public_summary", "answered_at")
        .order_by("-answered_at")[:limit]
    )


def public_schedule(*, unit: AdminUnit, today: dt.date | None = None) -> QuerySet[ReceptionSession]:
    day = today or timezone.localdate()
    return (
        ReceptionSession.objects.unscoped()
        .filter(unit=unit)
        .filter(Q(day__gte=day) | Q(postponed_to__gte=day))
        .order_by("day", "start_time")
    )


def public_setting(*, unit: AdminUnit) -> ReceptionSetting | None:
    return ReceptionSetting.objects.unscoped().filter(unit=unit).first()


def public_conferences(*, unit: AdminUnit) -> QuerySet[DialogueConference]:
    return DialogueConference.objects.unscoped().filter(unit=unit).prefetch_related("questions").order_by("-held_at")


def public_info_request_by_code(code: str) -> InfoRequest | None:
    return (
        InfoRequest.objects.unscoped()
        .filter(code=normalise_code(code))
        .only("code", "status", "due_date", "received_at", "refusal_reason", "refusal_ground", "unit_id")
        .first()
    )


# ---- staff reads ------------------------------------------------------------------------------


def session_list(*, actor: Any) -> QuerySet[ReceptionSession]:
    return ReceptionSession.objects.for_actor(actor).order_by("-day", "-start_time")


def info_request_list(*, actor: Any) -> QuerySet[InfoRequest]:
    """The request register (Sổ theo dõi cung cấp thông tin theo yêu cầu, Luật TCTT Điều 26)."""
    return InfoRequest.objects.for_actor(actor).order_by("-received_at")


def conference_list(*, actor: Any) -> QuerySet[DialogueConference]:
    return DialogueConference.objects.for_actor(actor).prefetch_related("questions")


def question_get(*, actor: Any, pk: int) -> Any:
    from django.http import Http404

    from .models import DialogueQuestion

    question = DialogueQuestion.objects.for_actor(actor).filter(pk=pk).first()
    if question is None:
        raise Http404
    return question


def petition_attention(*, actor: Any, mine: bool, limit: int = 10) -> list[Petition]:
    """Open items warned (mine) or escalated (the leader's view), nearest due first."""
    qs = Petition.objects.for_actor(actor).filter(status__in=[s.value for s in OPEN])
    qs = qs.filter(assigned_to=actor, warned_at__isnull=False) if mine else qs.filter(escalated_at__isnull=False)
    return list(qs.only("id", "code", "subject", "due_date", "escalated_at", "warned_at").order_by("due_date")[:limit])


def step_attention(*, actor: Any, escalated_only: bool, limit: int = 10) -> list[PetitionStep]:
    """Decisions and notices not yet sent to every recipient whose clock warned (officers) or
    ran out (leaders), nearest due first (LKN Điều 32; LTC Điều 29.3)."""
    qs = PetitionStep.objects.for_actor(actor).filter(completed_at__isnull=True)
    qs = qs.filter(escalated_at__isnull=False) if escalated_only else qs.filter(warned_at__isnull=False)
    return list(qs.select_related("petition").order_by("due_date")[:limit])


def chairman_frequency_status(*, unit: AdminUnit, today: dt.date) -> dict[str, Any]:
    """The chairman's sessions this month against the frequency in force (effective-dated:
    1 a week under the 2013 law, the amending law's figure from 1/7/2026)."""
    from .domain import rules

    first = today.replace(day=1)
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    last = nxt - dt.timedelta(days=1)
    rule = rules.chairman_frequency(first)
    held_or_planned = (
        ReceptionSession.objects.unscoped()
        .filter(unit=unit, is_chairman=True, day__range=(first, last))
        .exclude(status=ReceptionSession.Status.CANCELLED)
        .count()
    )
    required = rules.chairman_sessions_required(first, first=first, last=last)
    return {"rule": rule, "required": required, "scheduled": held_or_planned, "ok": held_or_planned >= required}
