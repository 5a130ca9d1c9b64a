"""The rating at return (R1.5): SIPAS factors, trips, extra payments, "4 xin, 4 luôn, 5 không". No DB."""

from decimal import Decimal

import pytest
from django.utils import translation

from thanthien.dossiers.domain.rating import (
    CONDUCT_CODE,
    CONDUCT_ITEMS,
    ConductGroup,
    RatingInvalid,
    ServiceFactor,
    summarise,
    validate_rating,
)


def payload(**overrides):
    data = {
        "scores": {"access": 5, "procedure": 4, "staff": 5, "result": 4},
        "trips": 1,
        "extra_payment_asked": False,
        "appointment_kept": True,
        "conduct_breaches": [],
        "comment": "  Cán bộ nhiệt tình.  ",
        "anonymous": True,
    }
    data.update(overrides)
    return data


def test_valid_rating():
    rating = validate_rating(payload())
    assert rating.scores == {
        ServiceFactor.ACCESS: 5,
        ServiceFactor.PROCEDURE: 4,
        ServiceFactor.STAFF: 5,
        ServiceFactor.RESULT: 4,
    }
    assert rating.trips == 1
    assert rating.comment == "Cán bộ nhiệt tình."
    assert rating.average == Decimal("4.5")
    assert rating.satisfied


def test_feedback_handling_is_optional_but_scored_when_given():
    rating = validate_rating(
        payload(scores={"access": 3, "procedure": 3, "staff": 3, "result": 3, "feedback_handling": 1})
    )
    assert rating.scores[ServiceFactor.FEEDBACK_HANDLING] == 1
    assert rating.average == Decimal("2.6")
    assert not rating.satisfied
    none_given = validate_rating(
        payload(scores={"access": 3, "procedure": 3, "staff": 3, "result": 3, "feedback_handling": None})
    )
    assert ServiceFactor.FEEDBACK_HANDLING not in none_given.scores


def test_minimal_payload_uses_defaults():
    rating = validate_rating(
        {"scores": {"access": 4, "procedure": 4, "staff": 4, "result": 4}, "trips": 0, "extra_payment_asked": True}
    )
    assert rating.anonymous is True
    assert rating.appointment_kept is None
    assert rating.conduct_breaches == frozenset()
    assert rating.extra_payment_asked is True


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"scores": {"access": 5, "procedure": 4, "staff": 5}}, "scores.result"),
        ({"scores": {"access": 0, "procedure": 4, "staff": 5, "result": 4}}, "scores.access"),
        ({"scores": {"access": 6, "procedure": 4, "staff": 5, "result": 4}}, "scores.access"),
        ({"scores": {"access": 4.5, "procedure": 4, "staff": 5, "result": 4}}, "scores.access"),
        ({"scores": {"access": True, "procedure": 4, "staff": 5, "result": 4}}, "scores.access"),
        ({"scores": {"access": "5", "procedure": 4, "staff": 5, "result": 4}}, "scores.access"),
        ({"scores": {"access": 5, "procedure": 4, "staff": 5, "result": 4, "price": 3}}, "scores.price"),
        ({"scores": [5, 4, 5, 4]}, "scores"),
        ({"trips": -1}, "trips"),
        ({"trips": 21}, "trips"),
        ({"trips": "1"}, "trips"),
        ({"trips": None}, "trips"),
        ({"extra_payment_asked": None}, "extra_payment_asked"),
        ({"extra_payment_asked": "no"}, "extra_payment_asked"),
        ({"appointment_kept": "yes"}, "appointment_kept"),
        ({"anonymous": 1}, "anonymous"),
        ({"conduct_breaches": ["no_bribes"]}, "conduct_breaches"),
        ({"conduct_breaches": "greet"}, "conduct_breaches"),
        ({"comment": "x" * 1001}, "comment"),
        ({"comment": 42}, "comment"),
        ({"rating": 5}, "rating"),
    ],
)
def test_invalid_payload_names_the_field(overrides, field):
    with pytest.raises(RatingInvalid) as info:
        validate_rating(payload(**overrides))
    assert field in info.value.fields
    assert info.value.code == "rating.invalid"


def test_several_errors_are_reported_together():
    with pytest.raises(RatingInvalid) as info:
        validate_rating({"scores": {}, "trips": -1})
    assert {
        "scores.access",
        "scores.procedure",
        "scores.staff",
        "scores.result",
        "trips",
        "extra_payment_asked",
    } <= set(info.value.fields)


def test_error_messages_are_vietnamese():
    with pytest.raises(RatingInvalid) as info:
        validate_rating(payload(trips=99))
    with translation.override("vi"):
        assert str(info.value.fields["trips"][0]) == "Số lần đi lại là số nguyên từ 0 đến 20."
        assert str(info.value.message) == "Phiếu đánh giá có lỗi."


def test_conduct_breaches_are_kept():
    rating = validate_rating(payload(conduct_breaches=["no_arrogance", "smile", "no_arrogance"]))
    assert rating.conduct_breaches == frozenset({"no_arrogance", "smile"})


def test_the_conduct_code_is_4_xin_4_luon_5_khong():
    counts = {group: sum(item.group == group for item in CONDUCT_CODE) for group in ConductGroup}
    assert counts == {ConductGroup.FOUR_PLEASE: 4, ConductGroup.FOUR_ALWAYS: 4, ConductGroup.FIVE_NO: 5}
    assert [i.source_text for i in CONDUCT_CODE if i.group == ConductGroup.FOUR_PLEASE] == [
        "Xin chào",
        "Xin lỗi",
        "Xin cảm ơn",
        "Xin phép",
    ]
    assert [i.source_text for i in CONDUCT_CODE if i.group == ConductGroup.FOUR_ALWAYS] == [
        "Luôn mỉm cười",
        "Luôn nhẹ nhàng",
        "Luôn lắng nghe",
        "Luôn giúp đỡ",
    ]
    assert CONDUCT_ITEMS["no_abuse_of_office"].source_text == "Không lợi dụng chức vụ, quyền hạn trong thực thi công vụ"
    assert len(CONDUCT_ITEMS) == 13


def test_conduct_labels_are_vietnamese():
    with translation.override("vi"):
        assert str(CONDUCT_ITEMS["greet"].label) == "Xin chào"
        assert str(CONDUCT_ITEMS["no_corruption"].label) == "Không tham nhũng, lãng phí, lợi ích nhóm"


def test_summary():
    ratings = [
        validate_rating(payload()),
        validate_rating(
            payload(
                scores={"access": 2, "procedure": 3, "staff": 2, "result": 3, "feedback_handling": 2},
                trips=3,
                extra_payment_asked=True,
                appointment_kept=False,
                conduct_breaches=["no_arrogance", "smile"],
            )
        ),
        validate_rating(
            payload(scores={"access": 4, "procedure": 4, "staff": 4, "result": 4}, trips=0, appointment_kept=None)
        ),
    ]
    summary = summarise(ratings)
    assert summary.count == 3
    assert summary.factor_means[ServiceFactor.ACCESS] == Decimal("3.7")  # 11 / 3
    assert summary.factor_means[ServiceFactor.FEEDBACK_HANDLING] == Decimal("2.0")
    assert summary.factor_satisfied_shares[ServiceFactor.STAFF] == Decimal("0.6667")
    assert summary.factor_satisfied_shares[ServiceFactor.FEEDBACK_HANDLING] == Decimal("0.0000")
    assert summary.satisfied_share == Decimal("0.6667")
    assert summary.mean_trips == Decimal("1.3")
    assert summary.extra_payment_share == Decimal("0.3333")
    assert summary.appointment_kept_share == Decimal("0.5000")
    assert summary.conduct_breaches["no_arrogance"] == 1
    assert summary.conduct_breaches["greet"] == 0


def test_summary_of_nothing():
    summary = summarise([])
    assert summary.count == 0
    assert summary.satisfied_share is None
    assert summary.factor_means[ServiceFactor.ACCESS] is None
    assert summary.mean_trips is None
