"""Reads of the citizen side: the public status page (hot path), scores, ratings, letters."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from thanthien.core.tenancy import ensure_in_scope
from thanthien.dossiers.domain import scores as score_rules
from thanthien.dossiers.domain.codes import normalise_tracking_code
from thanthien.dossiers.domain.common import Channel
from thanthien.dossiers.domain.deadlines import Due
from thanthien.dossiers.domain.status import Action, DossierStatus
from thanthien.dossiers.models import Dossier, DossierEvent

from .domain.masking import mask_name, mask_phone
from .models import Booking, BookingSlot, LifeEventLetter, ServiceRating

# ---- the public status page ---------------------------------------------------------------------

_PUBLIC_FIELDS = (
    "pk",
    "tracking_code",
    "status",
    "applicant_name",
    "applicant_phone",
    "channel_in",
    "channel_out",
    "submitted_at",
    "received_at",
    "original_due_at",
    "due_at",
    "extended_due_at",
    "result_at",
    "returned_at",
    "timeliness",
    "procedure_id",
    "unit_id",
)

#: Events shown on the public timeline (the rest is internal hand-off detail).
_PUBLIC_ACTIONS = frozenset(
    (
        "submit_online",
        "receive",
        "request_supplement_at_reception",
        "refuse_at_reception",
        "transfer",
        "request_supplement",
        "complete_supplement",
        "issue_apology",
        "refuse",
        "stop_at_request",
        "record_result",
        "record_immediate_result",
        "return_result",
    )
)


@dataclass(frozen=True)
class PublicStatus:
    """What anyone holding the tracking code may see: no identifier, no address, masked name."""

    tracking_code: str
    status: DossierStatus
    procedure: str
    commune: str
    commune_phone: str
    name: str
    phone: str
    channel_out: str
    submitted_at: dt.datetime | None
    received_at: dt.datetime | None
    original_due_at: dt.datetime | None
    extended_due_at: dt.datetime | None
    result_at: dt.datetime | None
    returned_at: dt.datetime | None
    timeliness: str
    timeline: list[tuple[Any, dt.datetime]] = field(default_factory=list)

    @property
    def can_rate(self) -> bool:
        return self.status in (DossierStatus.RESULT_READY, DossierStatus.RETURNED)


_NAMES_TTL = 300.0
_names_cache: dict[tuple[str, int], tuple[float, object]] = {}


def _names(procedure_id: int, unit_id: int) -> tuple[str, tuple[str, str]]:
    """Procedure name and commune (name, phone) for the public page, kept 5 minutes per process.

    They change rarely; caching them keeps the hot query to two tables (no extra joins).
    """
    from thanthien.procedures.models import Procedure
    from thanthien.units.models import UNIT_TYPE_PREFIX, AdminUnit

    now = time.monotonic()
    hit = _names_cache.get(("p", procedure_id))
    if hit is None or now - hit[0] > _NAMES_TTL:
        name = Procedure.objects.filter(pk=procedure_id).values_list("name", flat=True).first() or ""
        hit = _names_cache[("p", procedure_id)] = (now, name)
    unit = _names_cache.get(("u", unit_id))
    if unit is None or now - unit[0] > _NAMES_TTL:
        row = AdminUnit.objects.filter(pk=unit_id).values_list("unit_type", "name", "phone").first() or ("", "", "")
        commune = f"{UNIT_TYPE_PREFIX.get(row[0], '')} {row[1]}".strip()
        unit = _names_cache[("u", unit_id)] = (now, (commune, row[2] or ""))
    return hit[1], unit[1]  # type: ignore[return-value]


def clear_names_cache() -> None:
    _names_cache.clear()


def public_status(code: str) -> PublicStatus | None:
    """The public view of a dossier by tracking code: two indexed queries, plain values only."""
    normal = normalise_tracking_code(code or "")
    if not normal:
        return None
    # One query on the hot path: the public events joined to their dossier (every dossier has
    # at least its submission or reception event); a dossier without any falls back to a second.
    joined = list(
        DossierEvent.objects.unscoped()
        .filter(dossier__tracking_code=normal)
        .order_by("at", "id")
        .values_list("action", "at", *(f"dossier__{f}" for f in _PUBLIC_FIELDS))
    )
    if joined:
        row = dict(zip(_PUBLIC_FIELDS, joined[0][2:], strict=True))
        events = [(r[0], r[1]) for r in joined if r[0] in _PUBLIC_ACTIONS]
    else:
        rows = list(Dossier.objects.unscoped().filter(tracking_code=normal).order_by().values(*_PUBLIC_FIELDS)[:1])
        if not rows:
            return None
        row, events = rows[0], []
    procedure, (commune, commune_phone) = _names(row["procedure_id"], row["unit_id"])
    return PublicStatus(
        tracking_code=row["tracking_code"],
        status=DossierStatus(row["status"]),
        procedure=procedure,
        commune=commune,
        commune_phone=commune_phone,
        name=mask_name(row["applicant_name"]),
        phone=mask_phone(row["applicant_phone"]),
        channel_out=row["channel_out"],
        submitted_at=row["submitted_at"],
        received_at=row["received_at"],
        original_due_at=row["original_due_at"] or row["due_at"],
        extended_due_at=row["extended_due_at"],
        result_at=row["result_at"],
        returned_at=row["returned_at"],
        timeliness=row["timeliness"],
        timeline=[(Action(action).label, at) for action, at in events],
    )


def dossier_by_tracking_code(code: str) -> Dossier | None:
    """The dossier itself (for the citizen's rating from the QR code)."""
    normal = normalise_tracking_code(code or "")
    if not normal:
        return None
    return Dossier.objects.unscoped().select_related("procedure", "unit").filter(tracking_code=normal).first()


# ---- scores (TT 01/2018 Điều 13, 15) and commune KPIs -----------------------------------------------


def quarter_bounds(year: int, quarter: int | None) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter (1–4), or of the year when ``quarter`` is None."""
    if quarter is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    first = dt.date(year, 3 * (quarter - 1) + 1, 1)
    last = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
    return first, last


@dataclass(frozen=True)
class ScoreReport:
    unit_id: int
    first: dt.date
    last: dt.date
    officer_id: int | None
    dossiers: int
    scorecard: score_rules.Scorecard
    staff_scorecard: score_rules.Scorecard
    band: Any
    kpis: score_rules.CommuneKpis
    ratings: int
    rating_means: dict[str, Decimal | None]
    extra_payment_reports: int


def _baseline_trips(channel_in: str, channel_out: str) -> int:
    """Trips a citizen needs anyway: handing in and picking up at the counter."""
    return (channel_in == Channel.DIRECT) + (channel_out == Channel.DIRECT)


def score_report(
    *, actor: Any, unit_id: int, year: int, quarter: int | None = None, officer_id: int | None = None
) -> ScoreReport:
    """The nine-indicator scorecard of a commune (or of one officer) for a quarter or a year.

    Per-dossier indicators come from the dossiers returned or refused in processing in the
    period: 1 (timeliness against the original appointment), 2 (each hand-off step's
    timeliness, Mẫu 05), 3 (trips beyond handing in and picking up, from the citizen's rating;
    without a rating, the supplement requests), 4 (the one-stop only for direct dossiers, none
    for fully online or postal ones), 7 (timeliness; no complaint data yet). Indicators 5, 6,
    8 and 9 need unit-level data the platform does not hold yet and are left out, as Điều 15
    allows ("indicators without data are left out of the total").
    """
    ensure_in_scope(actor, unit_id)
    first, last = quarter_bounds(year, quarter)
    finished = Dossier.objects.for_actor(actor).filter(
        unit_id=unit_id,
        returned_on__range=(first, last),
        status__in=[DossierStatus.RETURNED, DossierStatus.REFUSED_IN_PROCESSING],
    )
    if officer_id:
        finished = finished.filter(Q(handler_id=officer_id) | Q(received_by_id=officer_id))
    rows = list(finished.values("pk", "timeliness", "channel_in", "channel_out", "supplement_requests"))
    ids = [r["pk"] for r in rows]
    steps: dict[int, list[str]] = {}
    supplements: dict[int, int] = {}
    for dossier_id, action, timeliness in (
        DossierEvent.objects.unscoped()
        .filter(dossier_id__in=ids)
        .values_list("dossier_id", "action", "step_timeliness")
    ):
        if timeliness:
            steps.setdefault(dossier_id, []).append(timeliness)
        if action == "request_supplement_at_reception":
            supplements[dossier_id] = supplements.get(dossier_id, 0) + 1
    trips = dict(ServiceRating.objects.unscoped().filter(dossier_id__in=ids).values_list("dossier_id", "trips"))
    facts = []
    for r in rows:
        if not r["timeliness"]:
            continue
        if r["pk"] in trips:
            contacts = max(0, trips[r["pk"]] - _baseline_trips(r["channel_in"], r["channel_out"]))
        else:
            contacts = supplements.get(r["pk"], 0) + r["supplement_requests"]
        direct = Channel.DIRECT in (r["channel_in"], r["channel_out"])
        facts.append(
            score_rules.DossierScoreFacts(
                timeliness=r["timeliness"],
                step_timeliness=tuple(steps.get(r["pk"], ())),
                contacts=contacts,
                contacted_one_stop=direct,
            )
        )
    card = score_rules.scorecard_from_dossiers(facts)
    staff_points = {i: v for i, v in card.indicators.items() if i in score_rules.STAFF_INDICATORS}
    staff_card = score_rules.Scorecard(staff_points, sum(staff_points.values(), Decimal(0)))
    band = score_rules.staff_band(staff_card.total) if officer_id else score_rules.unit_band(card.total)
    kpis = _kpis(actor, unit_id, first, last)
    ratings = ServiceRating.objects.unscoped().filter(unit_id=unit_id, rated_on__range=(first, last))
    if officer_id:
        ratings = ratings.filter(Q(handler_id=officer_id) | Q(receiver_id=officer_id))
    rating_rows = list(
        ratings.values_list("score_access", "score_procedure", "score_staff", "score_result", "extra_payment_asked")
    )
    means: dict[str, Decimal | None] = {}
    for index, name in enumerate(("access", "procedure", "staff", "result")):
        values = [r[index] for r in rating_rows]
        means[name] = (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1")) if values else None
    return ScoreReport(
        unit_id=unit_id,
        first=first,
        last=last,
        officer_id=officer_id,
        dossiers=len(facts),
        scorecard=card,
        staff_scorecard=staff_card,
        band=band,
        kpis=kpis,
        ratings=len(rating_rows),
        rating_means=means,
        extra_payment_reports=sum(1 for r in rating_rows if r[4]),
    )


def _kpis(actor: Any, unit_id: int, first: dt.date, last: dt.date) -> score_rules.CommuneKpis:
    """On-time rate, online rate, postal share, apologies: dossiers received in the period."""
    end = min(timezone.now(), dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=dt.UTC))
    rows = (
        Dossier.objects.for_actor(actor)
        .filter(unit_id=unit_id, received_on__range=(first, last))
        .values_list(
            "status",
            "received_at",
            "original_due_at",
            "original_due_date",
            "due_at",
            "due_date",
            "channel_in",
            "channel_out",
            "finished_at",
            "extended_due_at",
            "extended_due_date",
        )
    )
    records = []
    for status, received, odue_at, odue_date, due_at, due_date, cin, cout, fin, edue_at, edue_date in rows:
        due = Due(odue_at or due_at, odue_date or due_date) if (odue_at or due_at) else None
        if due is None or received is None:
            continue
        records.append(
            score_rules.DossierRecord(
                status=DossierStatus(status),
                received_at=received,
                due=due,
                channel_in=Channel(cin),
                channel_out=Channel(cout) if cout else None,
                finished_at=fin if status in ("returned", "refused_in_processing") else None,
                extended_due=Due(edue_at, edue_date) if edue_at and edue_date else None,
                apology_issued=edue_at is not None,
            )
        )
    return score_rules.commune_kpis(records, end)


# ---- bookings and letters -------------------------------------------------------------------------


def open_slots(*, unit_id: int, now: dt.datetime | None = None, days: int = 14) -> list[BookingSlot]:
    now = now or timezone.now()
    return list(
        BookingSlot.objects.unscoped()
        .filter(unit_id=unit_id, starts_at__gt=now, starts_at__lte=now + dt.timedelta(days=days))
        .order_by("starts_at")
    )


def bookings_of_phone(phone: str, *, now: dt.datetime | None = None) -> list[Booking]:
    now = now or timezone.now()
    return list(
        Booking.objects.unscoped()
        .filter(phone=phone, slot__ends_at__gte=now)
        .select_related("slot", "unit", "procedure")
        .order_by("slot__starts_at")
    )


def letters(*, actor: Any, pending_only: bool = False, limit: int = 200) -> list[LifeEventLetter]:
    qs = LifeEventLetter.objects.for_actor(actor).select_related("dossier", "dossier__procedure", "unit")
    if pending_only:
        qs = qs.filter(handed_over_at__isnull=True)
    return list(qs[:limit])
