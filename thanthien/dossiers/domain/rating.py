"""The citizen's rating at the return of a result (đánh giá khi trả kết quả; requirement R1.5).

What one rating holds, and why:

* the five SIPAS service factors (QĐ 2640/QĐ-BNV 2017, legal-rules §8.1), each on a 1–5 scale
  (rất không hài lòng … rất hài lòng): access (tiếp cận dịch vụ), procedure (thủ tục hành chính),
  staff (công chức trực tiếp giải quyết), result (kết quả cung ứng dịch vụ) and feedback handling
  (tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị — optional: only who gave feedback rates it);
* the number of trips (số lần đi lại) and whether anyone asked for money beyond the legal fee —
  the plan's "không phải trả thêm ngoài phí, lệ phí, phải đi lại nhiều lần" (Kế hoạch
  138/KH-UBND §III.1) and NĐ 61/2018 Điều 31 điểm c, e;
* whether the appointment was kept (Điều 31 điểm a);
* the conduct code "4 xin, 4 luôn, 5 không" of the plan (Kế hoạch 138/KH-UBND, văn hóa công vụ):
  the items the citizen says were *not* observed.

:func:`validate_rating` checks a payload (a form's or the API's cleaned data) and returns a
:class:`Rating` or raises :class:`RatingInvalid` with per-field messages in the API error shape.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, cast

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .common import DossierRuleError, interpolate

__all__ = [
    "CONDUCT_CODE",
    "CONDUCT_ITEMS",
    "MAX_COMMENT_LENGTH",
    "MAX_TRIPS",
    "REQUIRED_FACTORS",
    "SATISFIED_FROM",
    "SCALE",
    "ConductGroup",
    "ConductItem",
    "Rating",
    "RatingInvalid",
    "RatingSummary",
    "ServiceFactor",
    "summarise",
    "validate_rating",
]

#: The SIPAS answer scale: 1 rất không hài lòng, 2 không hài lòng, 3 bình thường, 4 hài lòng,
#: 5 rất hài lòng.
SCALE = range(1, 6)
#: "Satisfied" = hài lòng or rất hài lòng (the SIPAS satisfaction share).
SATISFIED_FROM = 4
#: Bounds of the free fields (our choice).
MAX_TRIPS = 20
MAX_COMMENT_LENGTH = 1000


class ServiceFactor(StrEnum):
    """The five SIPAS service factors (QĐ 2640/QĐ-BNV, legal-rules §8.1)."""

    ACCESS = "access"
    PROCEDURE = "procedure"
    STAFF = "staff"
    RESULT = "result"
    FEEDBACK_HANDLING = "feedback_handling"

    @property
    def label(self) -> Promise:
        return _FACTOR_LABELS[self]


_FACTOR_LABELS: dict[ServiceFactor, Promise] = {
    ServiceFactor.ACCESS: _("Access to the service"),
    ServiceFactor.PROCEDURE: _("The administrative procedure"),
    ServiceFactor.STAFF: _("The civil servant who handled it"),
    ServiceFactor.RESULT: _("The result"),
    ServiceFactor.FEEDBACK_HANDLING: _("Handling of feedback and petitions"),
}

#: Factors every rating must score; feedback handling only applies to who gave feedback.
REQUIRED_FACTORS: tuple[ServiceFactor, ...] = (
    ServiceFactor.ACCESS,
    ServiceFactor.PROCEDURE,
    ServiceFactor.STAFF,
    ServiceFactor.RESULT,
)


class ConductGroup(StrEnum):
    """The three parts of the conduct code (quy tắc ứng xử) in Kế hoạch 138/KH-UBND."""

    FOUR_PLEASE = "four_please"  # "4 xin"
    FOUR_ALWAYS = "four_always"  # "4 luôn"
    FIVE_NO = "five_no"  # "5 không"

    @property
    def label(self) -> Promise:
        return {
            ConductGroup.FOUR_PLEASE: _("The four courtesies (“4 xin”)"),
            ConductGroup.FOUR_ALWAYS: _("The four “always” (“4 luôn”)"),
            ConductGroup.FIVE_NO: _("The five “no” (“5 không”)"),
        }[self]


@dataclass(frozen=True)
class ConductItem:
    """One item of the conduct code: a stable ``code``, its group, a translatable label, and the
    plan's own Vietnamese wording (``source_text``) kept verbatim as the legal reference."""

    code: str
    group: ConductGroup
    label: Promise
    source_text: str


#: The conduct code, worded as in Kế hoạch 138/KH-UBND (24/7/2024) §III.1, "văn hóa công vụ".
CONDUCT_CODE: tuple[ConductItem, ...] = (
    ConductItem("greet", ConductGroup.FOUR_PLEASE, _("Greets"), "Xin chào"),
    ConductItem("apologise", ConductGroup.FOUR_PLEASE, _("Apologises"), "Xin lỗi"),
    ConductItem("thank", ConductGroup.FOUR_PLEASE, _("Thanks"), "Xin cảm ơn"),
    ConductItem("ask_permission", ConductGroup.FOUR_PLEASE, _("Asks permission"), "Xin phép"),
    ConductItem("smile", ConductGroup.FOUR_ALWAYS, _("Always smiles"), "Luôn mỉm cười"),
    ConductItem("gentle", ConductGroup.FOUR_ALWAYS, _("Always gentle"), "Luôn nhẹ nhàng"),
    ConductItem("listen", ConductGroup.FOUR_ALWAYS, _("Always listens"), "Luôn lắng nghe"),
    ConductItem("help", ConductGroup.FOUR_ALWAYS, _("Always helps"), "Luôn giúp đỡ"),
    ConductItem(
        "no_arrogance",
        ConductGroup.FIVE_NO,
        _("No high-handedness, arrogance, obstruction or harassment"),
        "Không cửa quyền, hách dịch, gây khó khăn, phiền hà",
    ),
    ConductItem(
        "no_indifference",
        ConductGroup.FIVE_NO,
        _("No bureaucracy, indifference or irresponsibility"),
        "Không quan liêu, vô cảm, vô trách nhiệm",
    ),
    ConductItem(
        "no_corruption",
        ConductGroup.FIVE_NO,
        _("No corruption, waste or group interests"),
        "Không tham nhũng, lãng phí, lợi ích nhóm",
    ),
    ConductItem(
        "no_flattery",
        ConductGroup.FIVE_NO,
        _("No flattery, string-pulling or dishonesty"),
        "Không xu nịnh, chạy chọt, gian dối",
    ),
    ConductItem(
        "no_abuse_of_office",
        ConductGroup.FIVE_NO,
        _("No abuse of position or power in public duty"),
        "Không lợi dụng chức vụ, quyền hạn trong thực thi công vụ",
    ),
)
CONDUCT_ITEMS: Mapping[str, ConductItem] = {item.code: item for item in CONDUCT_CODE}


@dataclass(frozen=True)
class Rating:
    """One validated rating. ``scores`` has the four required factors and, if given, feedback handling."""

    scores: Mapping[ServiceFactor, int]
    trips: int
    extra_payment_asked: bool
    appointment_kept: bool | None = None
    conduct_breaches: frozenset[str] = frozenset()
    comment: str = ""
    anonymous: bool = True

    @property
    def average(self) -> Decimal:
        """Mean of the scored factors, one decimal."""
        return (Decimal(sum(self.scores.values())) / len(self.scores)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def satisfied(self) -> bool:
        """Hài lòng overall: the mean of the scored factors is at least 4 (our choice)."""
        return Decimal(sum(self.scores.values())) / len(self.scores) >= SATISFIED_FROM


class RatingInvalid(DossierRuleError):
    """The rating payload is invalid; ``fields`` maps a field name to its messages."""

    def __init__(self, fields: Mapping[str, list[Promise | str]]) -> None:
        super().__init__("rating.invalid", _("The rating contains errors."))
        self.fields = dict(fields)


_FACTOR_VALUES = frozenset(f.value for f in ServiceFactor)
_ALLOWED_KEYS = frozenset(
    {"scores", "trips", "extra_payment_asked", "appointment_kept", "conduct_breaches", "comment", "anonymous"}
)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate_rating(payload: Mapping[str, Any]) -> Rating:
    """Validate a rating payload and return a :class:`Rating`.

    Shape::

        {"scores": {"access": 5, "procedure": 4, "staff": 5, "result": 5, "feedback_handling": 4},
         "trips": 1, "extra_payment_asked": false, "appointment_kept": true,
         "conduct_breaches": ["no_arrogance"], "comment": "…", "anonymous": true}

    ``trips`` may be 0 (fully online or by post). ``feedback_handling`` may be left out or null.
    """
    errors: dict[str, list[Promise | str]] = {}

    def add(field: str, message: Promise | str) -> None:
        errors.setdefault(field, []).append(message)

    for key in sorted(set(payload) - _ALLOWED_KEYS):
        add(key, _("Unknown field."))

    scores: dict[ServiceFactor, int] = {}
    raw_scores = payload.get("scores")
    if not isinstance(raw_scores, Mapping):
        add("scores", _("Give a score from 1 to 5 for each factor."))
        raw_scores = {}
    for key in raw_scores:
        if key not in _FACTOR_VALUES:
            add(f"scores.{key}", _("Unknown factor."))
    for factor in ServiceFactor:
        value = raw_scores.get(factor.value)
        if value is None:
            if factor in REQUIRED_FACTORS and isinstance(payload.get("scores"), Mapping):
                add(f"scores.{factor.value}", _("This factor must be scored."))
            continue
        if not _is_int(value) or value not in SCALE:
            add(f"scores.{factor.value}", _("A score is a whole number from 1 to 5."))
            continue
        scores[factor] = value

    trips = payload.get("trips")
    if not _is_int(trips) or not 0 <= trips <= MAX_TRIPS:
        add("trips", interpolate(_("The number of trips is a whole number from 0 to %(max)s."), max=MAX_TRIPS))

    extra_payment = payload.get("extra_payment_asked")
    if not isinstance(extra_payment, bool):
        add("extra_payment_asked", _("Answer yes or no."))

    appointment_kept = payload.get("appointment_kept")
    if appointment_kept is not None and not isinstance(appointment_kept, bool):
        add("appointment_kept", _("Answer yes or no."))

    anonymous = payload.get("anonymous", True)
    if not isinstance(anonymous, bool):
        add("anonymous", _("Answer yes or no."))

    breaches = payload.get("conduct_breaches", [])
    if isinstance(breaches, str) or not isinstance(breaches, Iterable):
        add("conduct_breaches", _("Choose items of the conduct code."))
        breaches = []
    breaches = list(breaches)
    unknown = [b for b in breaches if b not in CONDUCT_ITEMS]
    if unknown:
        add("conduct_breaches", interpolate(_("Unknown conduct item: %(items)s."), items=", ".join(map(str, unknown))))

    comment = payload.get("comment", "") or ""
    if not isinstance(comment, str):
        add("comment", _("The comment must be text."))
        comment = ""
    comment = comment.strip()
    if len(comment) > MAX_COMMENT_LENGTH:
        add("comment", interpolate(_("The comment may have at most %(max)s characters."), max=MAX_COMMENT_LENGTH))

    if errors:
        raise RatingInvalid(errors)
    return Rating(
        scores=dict(scores),
        trips=cast(int, trips),
        extra_payment_asked=cast(bool, extra_payment),
        appointment_kept=appointment_kept,
        conduct_breaches=frozenset(breaches),
        comment=comment,
        anonymous=cast(bool, anonymous),
    )


# ---- aggregation ---------------------------------------------------------------------------------


def _mean(values: Iterable[int | Decimal]) -> Decimal | None:
    items = [Decimal(v) for v in values]
    if not items:
        return None
    return (sum(items, Decimal(0)) / len(items)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _share(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class RatingSummary:
    """Aggregates of a set of ratings (for the monthly publication, NĐ 61/2018 Điều 32).

    Means have one decimal; shares are ratios 0–1 with 4 decimals; ``None`` means no data.
    """

    count: int
    factor_means: Mapping[ServiceFactor, Decimal | None]
    factor_satisfied_shares: Mapping[ServiceFactor, Decimal | None]
    satisfied_share: Decimal | None
    mean_trips: Decimal | None
    extra_payment_share: Decimal | None
    appointment_kept_share: Decimal | None
    conduct_breaches: Mapping[str, int]


def summarise(ratings: Iterable[Rating]) -> RatingSummary:
    """Per-factor means and satisfaction shares (SIPAS style), trips, extra payments, conduct breaches."""
    items = list(ratings)
    factor_means: dict[ServiceFactor, Decimal | None] = {}
    factor_satisfied: dict[ServiceFactor, Decimal | None] = {}
    for factor in ServiceFactor:
        values = [r.scores[factor] for r in items if factor in r.scores]
        factor_means[factor] = _mean(values)
        factor_satisfied[factor] = _share(sum(v >= SATISFIED_FROM for v in values), len(values))
    kept = [r.appointment_kept for r in items if r.appointment_kept is not None]
    breaches: Counter[str] = Counter()
    for rating in items:
        breaches.update(rating.conduct_breaches)
    return RatingSummary(
        count=len(items),
        factor_means=factor_means,
        factor_satisfied_shares=factor_satisfied,
        satisfied_share=_share(sum(r.satisfied for r in items), len(items)),
        mean_trips=_mean(r.trips for r in items),
        extra_payment_share=_share(sum(r.extra_payment_asked for r in items), len(items)),
        appointment_kept_share=_share(sum(kept), len(kept)),
        conduct_breaches={item.code: breaches[item.code] for item in CONDUCT_CODE},
    )
