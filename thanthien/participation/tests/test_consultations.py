"""Consultations: 20 days open, one register, every opinion answered, synthesis, majority explanation."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thanthien.accounts import senders
from thanthien.participation import consultation_services as cs
from thanthien.participation import selectors
from thanthien.participation.models import Consultation
from thanthien.participation.tests.factories import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(chairman_a, commune_a):
    c = cs.consultation_create(
        actor=chairman_a,
        unit=commune_a,
        matter=7,
        title="Dự thảo Quy chế dân chủ",
        plan="Kế hoạch 20 ngày",
        draft="Điều 1...",
        forms=["portal", "meeting", "box_hotline"],
    )
    cs.consultation_open(
        actor=chairman_a, consultation=c, published_on=dt.date(2026, 3, 1), closes_on=dt.date(2026, 3, 21)
    )
    return c


def test_a_consultation_stays_open_at_least_20_days(chairman_a, commune_a):
    c = cs.consultation_create(actor=chairman_a, unit=commune_a, matter=7, title="T", plan="P", draft="D")
    with pytest.raises(ValidationError):
        cs.consultation_open(
            actor=chairman_a, consultation=c, published_on=dt.date(2026, 3, 1), closes_on=dt.date(2026, 3, 20)
        )


def test_officer_of_another_commune_cannot_enter_opinions(consultation, officer_b):
    with pytest.raises(PermissionDenied):
        cs.opinion_submit(actor=officer_b, consultation=consultation, channel="meeting", text="x", at=at(2026, 3, 5))


def test_citizens_send_through_the_portal_only_while_open(consultation):
    with pytest.raises(ValidationError):
        cs.opinion_submit(actor=None, consultation=consultation, channel="meeting", text="x", at=at(2026, 3, 5))
    with pytest.raises(ValidationError):
        cs.opinion_submit(actor=None, consultation=consultation, channel="portal", text="x", at=at(2026, 3, 22))
    opinion = cs.opinion_submit(
        actor=None, consultation=consultation, channel="portal", text="Ý kiến", at=at(2026, 3, 5)
    )
    assert selectors.public_opinion_by_receipt(opinion.receipt.lower()) == opinion


def test_synthesis_waits_for_every_opinion_and_explains_going_against_the_majority(
    consultation, chairman_a, officer_a, django_capture_on_commit_callbacks
):
    senders.outbox.clear()
    a = cs.opinion_submit(
        actor=None,
        consultation=consultation,
        channel="portal",
        text="Không đồng ý",
        stance="disagree",
        author_phone="0912345678",
        at=at(2026, 3, 5),
    )
    b = cs.opinion_submit(
        actor=officer_a,
        consultation=consultation,
        channel="meeting",
        text="Không đồng ý 2",
        stance="disagree",
        at=at(2026, 3, 6),
    )
    c = cs.opinion_submit(
        actor=officer_a,
        consultation=consultation,
        channel="box_hotline",
        text="Đồng ý",
        stance="agree",
        at=at(2026, 3, 7),
    )
    with pytest.raises(ValidationError):  # 20 days not over
        cs.consultation_close(actor=chairman_a, consultation=consultation, on=dt.date(2026, 3, 20))
    cs.consultation_close(actor=chairman_a, consultation=consultation, on=dt.date(2026, 3, 21))
    group = cs.opinion_group_create(actor=chairman_a, consultation=consultation, title="Phản đối giờ tiếp dân")
    cs.opinion_answer(actor=chairman_a, opinion=a, group=group)
    cs.opinion_answer(actor=chairman_a, opinion=b, group=group)
    kwargs = {
        "actor": chairman_a,
        "consultation": consultation,
        "synthesis": "Tổng hợp",
        "authority_approves": True,
        "at": at(2026, 3, 25),
    }
    with pytest.raises(ValidationError) as exc:  # group unanswered, c unanswered
        cs.consultation_publish_synthesis(**kwargs)
    assert "ledger" in exc.value.message_dict
    cs.opinion_group_answer(actor=chairman_a, group=group, decision="not_accepted", reason="Giờ tiếp dân theo luật.")
    with pytest.raises(ValidationError):
        cs.opinion_answer(actor=chairman_a, opinion=c, decision="accepted", reason="  ")
    cs.opinion_answer(actor=chairman_a, opinion=c, decision="accepted", reason="Giữ nguyên dự thảo.")
    with pytest.raises(ValidationError) as exc:  # 2 against, 1 for, adopted anyway: needs an explanation
        cs.consultation_publish_synthesis(**kwargs)
    assert "majority_explanation" in exc.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        cs.consultation_publish_synthesis(**kwargs, majority_explanation="Luật bắt buộc giờ tiếp dân cố định.")
    assert [m.to for m in senders.outbox] == ["0912345678"]
    assert a.receipt in senders.outbox[0].text
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.PUBLISHED
    a.refresh_from_db()
    assert a.notified_at is not None
    assert selectors.public_consultation_get(consultation.pk) == consultation
