"""Tenancy cases for reception: each record is changed through its real service."""

import datetime as dt

from thanthien.core.tests.tenancy_cases import TenancyCase
from thanthien.reception import services
from thanthien.reception.models import (
    ComplaintDialogue,
    DialogueConference,
    DialogueQuestion,
    Handoff,
    InfoRequest,
    Petition,
    PetitionStep,
    ReceptionSession,
    ReceptionSetting,
    StepDelivery,
)
from thanthien.units.tests.factories import make_staff

from .factories import at, make_denunciation, make_petition


def _setting(unit):
    return ReceptionSetting.objects.create(unit=unit, place="Trụ sở UBND", regular_hours="Thứ Năm")


def _session(unit):
    return ReceptionSession.objects.create(
        unit=unit,
        day=dt.date(2026, 3, 12),
        start_time=dt.time(8),
        end_time=dt.time(11),
        place="Trụ sở",
        host="Chủ tịch",
    )


def _handoff(unit):
    p = make_petition(unit)
    return Handoff.objects.create(
        unit=unit, petition=p, body_kind="water", body_name="Công ty nước", sent_at=at(2026, 3, 3)
    )


def _conference(unit):
    return DialogueConference.objects.create(unit=unit, title="Đối thoại", held_at=at(2030, 1, 3), place="Hội trường")


def _question(unit):
    return DialogueQuestion.objects.create(unit=unit, conference=_conference(unit), question="Khi nào làm đường?")


def _info(unit):
    return services.info_request_receive(
        actor=None,
        unit=unit,
        channel="electronic",
        requester_name="Lò Văn Páo",
        address="Thôn Na",
        id_number="019186001234",
        information="Quyết định giao đất năm 2024",
        delivery="email",
        purpose="Biết quyền lợi",
        received_at=at(2026, 3, 2),
    )


def _accepted(unit, kind):
    officer = make_staff("one_stop_officer", unit)
    p = (
        make_denunciation(unit, signed=True, dated=True)
        if kind == "denunciation"
        else make_petition(unit, signed=True, dated=True)
    )
    p = services.petition_classify(actor=officer, petition=p, kind=kind, at=at(2026, 3, 3))
    return officer, services.petition_accept(actor=officer, petition=p, at=at(2026, 3, 4))


def _notice_step(unit):
    officer, p = _accepted(unit, "denunciation")
    step = p.steps.get(kind="denunciation_notice")
    services.step_delivery_record(
        actor=officer, step=step, recipient="denouncer", sent_on=dt.date(2026, 3, 5), method="hand", at=at(2026, 3, 5)
    )
    return step


def _deliver(actor, step, recipient):
    return services.step_delivery_record(
        actor=actor, step=step, recipient=recipient, sent_on=dt.date(2026, 3, 6), method="post", at=at(2026, 3, 6)
    )


def _dialogue(unit):
    officer, p = _accepted(unit, "complaint")
    return services.complaint_dialogue_schedule(
        actor=officer,
        petition=p,
        held_at=at(2026, 3, 9, 14),
        place="UBND",
        content="Đối thoại",
        notified_on=dt.date(2026, 3, 5),
    )


CASES = [
    TenancyCase(
        model=Petition,
        make=make_petition,
        change=lambda actor, p: services.petition_classify(actor=actor, petition=p, kind="report", at=at(2026, 3, 3)),
    ),
    TenancyCase(
        model=ReceptionSetting,
        make=_setting,
        change=lambda actor, s: services.reception_setting_save(
            actor=actor, unit=s.unit, place="Nhà văn hóa", regular_hours="Thứ Ba"
        ),
    ),
    TenancyCase(
        model=ReceptionSession,
        make=_session,
        change=lambda actor, s: services.session_postpone(
            actor=actor, session=s, new_day=dt.date(2026, 3, 19), reason="Họp đột xuất"
        ),
    ),
    TenancyCase(
        model=Handoff, make=_handoff, change=lambda actor, h: services.handoff_acknowledge(actor=actor, handoff=h)
    ),
    TenancyCase(
        model=DialogueConference,
        make=_conference,
        change=lambda actor, c: services.conference_publish(actor=actor, conference=c),
    ),
    TenancyCase(
        model=DialogueQuestion,
        make=_question,
        change=lambda actor, q: services.conference_answer(actor=actor, question=q, answer="Năm sau"),
    ),
    TenancyCase(
        model=InfoRequest,
        make=_info,
        change=lambda actor, r: services.info_request_refuse(
            actor=actor, request=r, ground="not_ours", reason="Không thuộc trách nhiệm"
        ),
    ),
    TenancyCase(
        model=PetitionStep,
        make=_notice_step,
        change=lambda actor, s: _deliver(actor, s, "accused"),
    ),
    TenancyCase(
        model=StepDelivery,
        make=lambda unit: _notice_step(unit).deliveries.get(),
        change=lambda actor, d: _deliver(actor, d.step, "accused"),
        role=None,
        note="A delivery is append-only: once recorded as sent it is never edited; the change "
        "attempted here is recording another delivery on its step, which must be refused outside the commune.",
    ),
    TenancyCase(
        model=ComplaintDialogue,
        make=_dialogue,
        change=lambda actor, d: services.complaint_dialogue_record(
            actor=actor,
            dialogue=d,
            participants="Chủ tịch",
            discussion="Trao đổi",
            results="Thống nhất",
            signed=True,
            at=at(2026, 3, 9, 16),
        ),
    ),
]
