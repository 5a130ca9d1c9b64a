"""Reads of the citizen side: the public status page (hot path), scores, ratings, letters."""

from __future__ import annotations

import datetime as dt
import functools
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thanthien.clocks.models import Clock
from thanthien.clocks.selectors import calendar_for_dates
from thanthien.core.tenancy import ensure_in_scope
from thanthien.disclosures.domain import rules as disclosure_rules
from thanthien.disclosures.models import DisclosureItem, Posting
from thanthien.dossiers.domain import scores as score_rules
from thanthien.dossiers.domain.codes import normalise_tracking_code
from thanthien.dossiers.domain.common import VIETNAM_TZ, Channel, local_date
from thanthien.dossiers.domain.deadlines import Due
from thanthien.dossiers.domain.status import Action, DossierStatus
from thanthien.dossiers.models import Dossier, DossierEvent
from thanthien.procedures.models import Procedure
from thanthien.reception.domain.status import OPEN as OPEN_PETITION
from thanthien.reception.models import Petition

from .domain import unit_scores
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
_PUBLIC_ACTIONS_ORDERED = tuple(sorted(_PUBLIC_ACTIONS))  # the SQL's parameters, in a fixed order


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


@functools.cache
def _public_status_sql(vendor: str) -> str:
    """The status query as SQL text, built once per database vendor from the models' columns.

    Why raw SQL: the page is the hot path (≥ 1,000 requests/s with every request a different
    dossier) and compiling the equivalent ORM query cost more than running it. One statement:
    the dossier LEFT JOIN its public events, so a dossier without events still comes back.
    """
    from django.db import connection

    qn = connection.ops.quote_name
    d, e = Dossier._meta, DossierEvent._meta
    columns = ", ".join(f"d.{qn(d.pk.column if name == 'pk' else d.get_field(name).column)}" for name in _PUBLIC_FIELDS)
    actions = ", ".join(["%s"] * len(_PUBLIC_ACTIONS_ORDERED))
    return (
        f"SELECT {columns}, e.{qn(e.get_field('action').column)}, e.{qn(e.get_field('at').column)} "  # noqa: S608 — identifiers from the models
        f"FROM {qn(d.db_table)} d LEFT JOIN {qn(e.db_table)} e "
        f"ON e.{qn(e.get_field('dossier').column)} = d.{qn(d.pk.column)} "
        f"AND e.{qn(e.get_field('action').column)} IN ({actions}) "
        f"WHERE d.{qn(d.get_field('tracking_code').column)} = %s "
        f"ORDER BY e.{qn(e.get_field('at').column)}, e.{qn(e.pk.column)}"
    )


def _aware(value: Any) -> Any:
    # SQLite hands back naive UTC datetimes to a raw cursor (the ORM would add the zone).
    if isinstance(value, dt.datetime) and timezone.is_naive(value):
        return value.replace(tzinfo=dt.UTC)
    return value


def public_status(code: str) -> PublicStatus | None:
    """The public view of a dossier by tracking code: one indexed query, plain values only."""
    from django.db import connection

    normal = normalise_tracking_code(code or "")
    if not normal:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_public_status_sql(connection.vendor), [*_PUBLIC_ACTIONS_ORDERED, normal])
        rows = cursor.fetchall()
    if not rows:
        return None
    width = len(_PUBLIC_FIELDS)
    row = {name: _aware(value) for name, value in zip(_PUBLIC_FIELDS, rows[0][:width], strict=True)}
    events = [(r[width], _aware(r[width + 1])) for r in rows if r[width] is not None]
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
class Evidence:
    """One numerator/denominator behind a score (dashboard honesty: the counts are shown)."""

    key: str
    part: int
    whole: int | None = None

    @property
    def label(self) -> Any:
        return _EVIDENCE_LABELS[self.key]


_EVIDENCE_LABELS = {
    "points": _("points ÷ dossiers scored"),
    "received_and_returned": _("dossiers received and returned at the one-stop ÷ dossiers finished"),
    "procedures_full": _("procedures run fully at the one-stop ÷ procedures with finished dossiers"),
    "catalogue_published": _("commune procedures in force published in the catalogue ÷ in force"),
    "tthc_items_posted": _("procedure lists (disclosure item 13) posted at the office ÷ lists"),
    "tthc_items_web": _("procedure lists on the commune website ÷ lists"),
    "tthc_items_late": _("procedure lists published late or out of date ÷ lists"),
    "feedback_on_time": _("reports and recommendations handled on time ÷ handled or overdue"),
    "feedback_prolonged": _("reports and recommendations with an extension ÷ received"),
    "feedback_pending": _("still within time, not judged yet ÷ received"),
    "procedures_online": _("commune procedures online (full or partial) ÷ in force"),
    "dossiers_online": _("dossiers submitted online ÷ dossiers received"),
    "online_late": _("online dossiers late ÷ online dossiers"),
}


@dataclass(frozen=True)
class IndicatorRow:
    """One TT 01/2018 indicator on the page: its score and the counts it was computed from."""

    indicator: score_rules.Indicator
    score: Decimal | None
    scope: str  # "dossier" (Σ points ÷ dossiers) or "unit"
    evidence: tuple[Evidence, ...] = ()

    @property
    def staff(self) -> bool:
        return self.indicator in score_rules.STAFF_INDICATORS


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
    rows: tuple[IndicatorRow, ...] = ()
    unit_scorecard: score_rules.Scorecard | None = None
    unit_band: Any = None


def _baseline_trips(channel_in: str, channel_out: str) -> int:
    """Trips a citizen needs anyway: handing in and picking up at the counter."""
    return (channel_in == Channel.DIRECT) + (channel_out == Channel.DIRECT)


_FINISHED = [DossierStatus.RETURNED, DossierStatus.REFUSED_IN_PROCESSING]


def score_report(
    *, actor: Any, unit_id: int, year: int, quarter: int | None = None, officer_id: int | None = None
) -> ScoreReport:
    """The nine-indicator scorecard of a commune (or of one officer) for a quarter or a year.

    Per-dossier indicators come from the dossiers returned or refused in processing in the
    period: 1 (timeliness against the original appointment), 2 (each hand-off step's
    timeliness, Mẫu 05), 3 (trips beyond handing in and picking up, from the citizen's rating;
    without a rating, the supplement requests), 4 (the one-stop only for direct dossiers, none
    for fully online or postal ones), 7 (timeliness; no complaint data yet).

    Unit indicators (always for the whole commune, also when one officer is shown): 5 (dossiers
    received and returned at the one-stop), 6 (category-13 disclosure and the catalogue),
    8 (reports and recommendations handled on time), 9 (online procedures and dossiers); see
    :mod:`thanthien.onestop.domain.unit_scores`. Indicators without data are left out (Điều 15).
    A fixed number of queries whatever the number of dossiers.
    """
    ensure_in_scope(actor, unit_id)
    first, last = quarter_bounds(year, quarter)
    today = timezone.localdate()
    finished = Dossier.objects.for_actor(actor).filter(
        unit_id=unit_id, returned_on__range=(first, last), status__in=_FINISHED
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
    collected: dict[score_rules.Indicator, list[int | None]] = {}
    for item in facts:
        for indicator, value in score_rules.score_dossier(item).items():
            collected.setdefault(indicator, []).append(value)
    card = score_rules.scorecard(collected)
    staff_points = {i: v for i, v in card.indicators.items() if i in score_rules.STAFF_INDICATORS}
    staff_card = score_rules.Scorecard(staff_points, sum(staff_points.values(), Decimal(0)))
    kpis, late_online = _kpis(actor, unit_id, first, last)

    unit = _unit_indicators(actor, unit_id, first, last, min(last, today), kpis, late_online)
    unit_points = {i: [p] for i, (p, _evidence) in unit.items()}
    dossier_points = {i: v for i, v in collected.items() if i not in unit}
    # With an officer, only their own dossiers count (1–4, 7); the unit indicators stay the commune's.
    unit_card = None if officer_id else score_rules.scorecard({**dossier_points, **unit_points})
    page_rows = []
    for indicator in score_rules.ALL_INDICATORS:
        if indicator in unit:
            points, evidence = unit[indicator]
            page_rows.append(
                IndicatorRow(indicator, None if points is None else score_rules.round_1(points), "unit", evidence)
            )
            continue
        values = [p for p in collected.get(indicator, []) if p is not None]
        page_rows.append(
            IndicatorRow(
                indicator,
                card.indicators.get(indicator),
                "dossier",
                (Evidence("points", sum(values), len(values)),),
            )
        )
    if officer_id:
        band = score_rules.staff_band(staff_card.total)
        full_card = card
    else:
        band = score_rules.unit_band(unit_card.total)
        full_card = unit_card
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
        scorecard=full_card,
        staff_scorecard=staff_card,
        band=band,
        kpis=kpis,
        ratings=len(rating_rows),
        rating_means=means,
        extra_payment_reports=sum(1 for r in rating_rows if r[4]),
        rows=tuple(page_rows),
        unit_scorecard=unit_card,
        unit_band=None if unit_card is None else score_rules.unit_band(unit_card.total),
    )


# ---- unit-level indicators 5, 6, 8, 9 ------------------------------------------------------------

_UnitResult = dict[score_rules.Indicator, tuple[int | None, tuple[Evidence, ...]]]


def _day_bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Aware datetimes of the period in Vietnam time: [first 00:00, last + 1 day 00:00)."""
    start = dt.datetime.combine(first, dt.time(0), tzinfo=VIETNAM_TZ)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=VIETNAM_TZ)
    return start, end


def _unit_indicators(
    actor: Any,
    unit_id: int,
    first: dt.date,
    last: dt.date,
    reference: dt.date,
    kpis: score_rules.CommuneKpis,
    late_online: int,
) -> _UnitResult:
    """Indicators 5, 6, 8 and 9 of the commune for the period (eight queries in all).

    ``reference`` is the day the period is judged on: its last day, or today while it runs.
    """
    in_force = Procedure.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=last),
        Q(valid_to__isnull=True) | Q(valid_to__gte=first),
        competent_level=Procedure.Level.COMMUNE,
    )
    catalogue = in_force.aggregate(
        total=Count("pk"),
        published=Count("pk", filter=Q(is_published=True)),
        online=Count("pk", filter=Q(online_level__in=[Procedure.OnlineLevel.FULL, Procedure.OnlineLevel.PARTIAL])),
        latest_change=Max("valid_from", filter=Q(valid_from__lte=reference)),
    )
    result: _UnitResult = {}
    result[score_rules.Indicator.ONE_STOP] = _indicator_5(actor, unit_id, first, last)
    result[score_rules.Indicator.PUBLICATION] = _indicator_6(actor, unit_id, last, reference, catalogue)
    result[score_rules.Indicator.FEEDBACK] = _indicator_8(actor, unit_id, first, last, reference)
    online = unit_scores.OnlineFacts(
        eligible_procedures=catalogue["total"],
        online_procedures=catalogue["online"],
        dossiers=kpis.received,
        online_dossiers=kpis.online,
        late_online_dossiers=late_online,
    )
    result[score_rules.Indicator.ONLINE] = (
        unit_scores.online_points(online),
        (
            Evidence("procedures_online", online.online_procedures, online.eligible_procedures),
            Evidence("dossiers_online", online.online_dossiers, online.dossiers),
            Evidence("online_late", online.late_online_dossiers, online.online_dossiers),
        ),
    )
    return result


def _indicator_5(actor: Any, unit_id: int, first: dt.date, last: dt.date) -> tuple[int | None, tuple[Evidence, ...]]:
    """Dossiers finished in the period: received and returned at the one-stop; decided there."""
    dossiers = list(
        Dossier.objects.for_actor(actor)
        .filter(unit_id=unit_id, returned_on__range=(first, last), status__in=_FINISHED)
        .values_list("pk", "procedure_id", "deciding_unit_id", "status")
    )
    actions: dict[int, set[str]] = {}
    for dossier_id, action in (
        DossierEvent.objects.unscoped()
        .filter(
            dossier_id__in=[d[0] for d in dossiers],
            action__in=[
                Action.RECEIVE,
                Action.RETURN_RESULT,
                Action.REFUSE,
                Action.SEND_INTER_AGENCY,
            ],
        )
        .values_list("dossier_id", "action")
    ):
        actions.setdefault(dossier_id, set()).add(action)
    both = 0
    full_by_procedure: dict[int, bool] = {}
    for pk, procedure_id, deciding_unit_id, status in dossiers:
        done = actions.get(pk, set())
        received = Action.RECEIVE in done
        returned = Action.RETURN_RESULT in done or (
            status == DossierStatus.REFUSED_IN_PROCESSING and Action.REFUSE in done
        )
        both += received and returned
        full = received and returned and deciding_unit_id in (None, unit_id) and Action.SEND_INTER_AGENCY not in done
        full_by_procedure[procedure_id] = full_by_procedure.get(procedure_id, True) and full
    facts = unit_scores.OneStopFacts(
        dossiers=len(dossiers),
        received_and_returned=both,
        procedures=len(full_by_procedure),
        fully_at_one_stop=sum(full_by_procedure.values()),
    )
    return unit_scores.one_stop_points(facts), (
        Evidence("received_and_returned", facts.received_and_returned, facts.dossiers),
        Evidence("procedures_full", facts.fully_at_one_stop, facts.procedures),
    )


def _indicator_6(
    actor: Any, unit_id: int, last: dt.date, reference: dt.date, catalogue: dict[str, Any]
) -> tuple[int | None, tuple[Evidence, ...]]:
    """Category-13 items (TTHC list) of the commune, their office postings, and the catalogue."""
    items = list(
        DisclosureItem.objects.for_actor(actor)
        .filter(unit_id=unit_id, category=TTHC_CATEGORY, published_on__lte=last)
        .exclude(status=DisclosureItem.Status.WITHDRAWN)
        .values_list("pk", "status", "decided_on", "published_on")
    )
    posted_items = set(
        Posting.objects.unscoped()
        .filter(item_id__in=[i[0] for i in items], hamlet_id__isnull=True, started_on__lte=reference)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=reference))
        .order_by()
        .values_list("item_id", flat=True)
    )
    electronic = any(status == DisclosureItem.Status.PUBLISHED for _pk, status, _d, _p in items)
    days = [d for _pk, _s, decided, published in items for d in (decided, published) if d]
    latest_change = catalogue["latest_change"]
    calendar = calendar_for_dates(reference, *days, *([latest_change] if latest_change else []), extra_days=10)
    late = sum(
        1
        for _pk, _s, decided, published in items
        if decided and published and published > disclosure_rules.publish_due(decided, calendar)
    )
    latest_publication = max((p for _pk, _s, _d, p in items if p), default=None)
    stale = bool(
        latest_change
        and (latest_publication is None or latest_publication < latest_change)
        and disclosure_rules.publish_due(latest_change, calendar) < reference
    )
    facts = unit_scores.PublicationFacts(
        procedures_in_force=catalogue["total"],
        procedures_published=catalogue["published"],
        posted=bool(posted_items),
        electronic=electronic,
        timely=not late and not stale,
    )
    return unit_scores.publication_points(facts), (
        Evidence("catalogue_published", facts.procedures_published, facts.procedures_in_force),
        Evidence("tthc_items_posted", len(posted_items), len(items)),
        Evidence("tthc_items_web", sum(1 for i in items if i[1] == DisclosureItem.Status.PUBLISHED), len(items)),
        Evidence("tthc_items_late", late + stale, len(items)),
    )


#: Luật THDCCS Điều 11 khoản 13: administrative procedures done by the commune (the TTHC list).
TTHC_CATEGORY = 13

_FEEDBACK_KINDS = [Petition.Kind.REPORT, Petition.Kind.RECOMMENDATION]
_ON_TIME = {Clock.Timeliness.EARLY, Clock.Timeliness.ON_TIME}


def _indicator_8(
    actor: Any, unit_id: int, first: dt.date, last: dt.date, reference: dt.date
) -> tuple[int | None, tuple[Evidence, ...]]:
    """Reports and recommendations received in the period, by their clock (or due date)."""
    start, end = _day_bounds(first, last)
    rows = (
        Petition.objects.for_actor(actor)
        .filter(unit_id=unit_id, kind__in=_FEEDBACK_KINDS, received_at__gte=start, received_at__lt=end)
        .values_list("status", "due_date", "answered_at", "extensions", "clock__timeliness", "clock__extended_due_at")
    )
    received = considered = on_time = prolonged = 0
    for status, due_date, answered_at, extensions, clock_timeliness, clock_extended in rows:
        received += 1
        prolonged += bool(extensions or clock_extended)
        if status in OPEN_PETITION:
            if due_date is not None and due_date < reference:
                considered += 1  # open and overdue: not handled on time
            continue
        considered += 1
        if clock_timeliness:
            on_time += clock_timeliness in _ON_TIME
        elif due_date is None or answered_at is None:
            on_time += 1  # closed without a legal limit or an answer date: nothing shows it late
        else:
            on_time += local_date(answered_at) <= due_date
    facts = unit_scores.FeedbackFacts(received=received, considered=considered, on_time=on_time, prolonged=prolonged)
    return unit_scores.feedback_points(facts), (
        Evidence("feedback_on_time", facts.on_time, facts.considered),
        Evidence("feedback_prolonged", facts.prolonged, facts.received),
        Evidence("feedback_pending", facts.pending, facts.received),
    )


def _kpis(actor: Any, unit_id: int, first: dt.date, last: dt.date) -> tuple[score_rules.CommuneKpis, int]:
    """On-time rate, online rate, postal share, apologies: dossiers received in the period.

    Also the online dossiers late (finished late, or open past the due date) for indicator 9.
    """
    # The period ends at 24:00 of its last day in Vietnam (a due time of 24:00 is not yet late).
    end = min(timezone.now(), _day_bounds(first, last)[1])
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
    online = score_rules.commune_kpis([r for r in records if r.channel_in == Channel.ONLINE], end)
    return score_rules.commune_kpis(records, end), online.late + online.open_overdue


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
