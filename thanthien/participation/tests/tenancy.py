"""Tenancy cases for the unit-owned models of participation (walked by core's cross-unit test)."""

import datetime as dt

from thanthien.core.tests.tenancy_cases import TenancyCase
from thanthien.participation import consultation_services as cs
from thanthien.participation import decision_services as ds
from thanthien.participation import services as s
from thanthien.participation import supervision_services as ss
from thanthien.participation.models import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotEntry,
    Candidate,
    CommunityMeeting,
    Consultation,
    Decision,
    Initiative,
    InitiativeSupport,
    NoticeDelivery,
    Opinion,
    OpinionGroup,
    ProgressUpdate,
    Vote,
)
from thanthien.participation.tests import factories as f

CASES = [
    TenancyCase(
        model=CommunityMeeting,
        make=lambda unit: f.MeetingFactory(hamlet__unit=unit),
        change=lambda actor, m: s.meeting_update(actor=actor, meeting=m, title="Họp thôn quý II"),
        role="chairman",
    ),
    TenancyCase(
        model=AgendaItem,
        make=lambda unit: f.AgendaItemFactory(meeting__hamlet__unit=unit),
        change=lambda actor, item: s.agenda_item_update(actor=actor, item=item, title="Báo cáo thu chi quỹ"),
        role="chairman",
    ),
    TenancyCase(
        model=NoticeDelivery,
        make=lambda unit: f.NoticeDeliveryFactory(meeting__hamlet__unit=unit),
        change=lambda actor, d: s.notice_delivery_record(
            actor=actor, meeting=d.meeting, household=d.household, channel="phone", informed_at=f.at(2026, 3, 16)
        ),
        role=None,
        note="Reach log is append-only: a new channel adds a row, nothing edits an old one.",
    ),
    TenancyCase(
        model=Attendance,
        make=lambda unit: f.AttendanceFactory(meeting__hamlet__unit=unit),
        change=lambda actor, a: s.attendance_update(actor=actor, attendance=a, representative_name="Đỗ Thị Lan"),
        role="chairman",
    ),
    TenancyCase(
        model=Decision,
        make=lambda unit: f.DecisionFactory(hamlet__unit=unit),
        change=lambda actor, d: ds.decision_update(actor=actor, decision=d, question="Làm mương thoát nước"),
        role="chairman",
    ),
    TenancyCase(
        model=Candidate,
        make=lambda unit: f.CandidateFactory(decision__hamlet__unit=unit),
        change=lambda actor, c: ds.candidate_votes_set(actor=actor, candidate=c, votes=12),
        role="chairman",
    ),
    TenancyCase(
        model=Ballot,
        make=lambda unit: f.BallotFactory(decision__hamlet__unit=unit),
        change=lambda actor, b: ds.ballot_collect(actor=actor, ballot=b, at=f.at(2026, 3, 23)),
        role="chairman",
    ),
    TenancyCase(
        model=BallotEntry,
        make=lambda unit: f.BallotEntryFactory(ballot__decision__hamlet__unit=unit),
        change=lambda actor, e: ds.ballot_entry_record(actor=actor, ballot=e.ballot, choice="disagree"),
        role=None,
        note="Double entry is append-only: each clerk keys a ballot once; a mismatch is resolved by a new vote.",
    ),
    TenancyCase(
        model=Vote,
        make=lambda unit: f.VoteFactory(decision__hamlet__unit=unit),
        change=lambda actor, v: ds.vote_cast(
            actor=actor,
            decision=v.decision,
            household=v.household,
            channel="paper_ballot",
            choice="disagree",
            at=f.at(2026, 3, 24),
        ),
        role=None,
        note="Votes are append-only: a household votes once and nobody may change a vote.",
    ),
    TenancyCase(
        model=ProgressUpdate,
        make=lambda unit: f.ProgressUpdateFactory(decision__hamlet__unit=unit),
        change=lambda actor, p: ss.progress_update(actor=actor, update=p, note="Đã hoàn thành 50%"),
        role="chairman",
    ),
    TenancyCase(
        model=Initiative,
        make=lambda unit: f.InitiativeFactory(hamlet__unit=unit),
        change=lambda actor, i: ss.initiative_update(actor=actor, initiative=i, front_committee_approved=True),
        role="chairman",
    ),
    TenancyCase(
        model=InitiativeSupport,
        make=lambda unit: f.InitiativeSupportFactory(initiative__hamlet__unit=unit),
        change=lambda actor, sp: ss.initiative_support_update(actor=actor, support=sp, signed_on=dt.date(2026, 3, 10)),
        role="chairman",
    ),
    TenancyCase(
        model=Consultation,
        make=lambda unit: f.ConsultationFactory(unit=unit),
        change=lambda actor, c: cs.consultation_update(actor=actor, consultation=c, title="Dự thảo sửa đổi"),
        role="chairman",
    ),
    TenancyCase(
        model=OpinionGroup,
        make=lambda unit: f.OpinionGroupFactory(consultation__unit=unit),
        change=lambda actor, g: cs.opinion_group_answer(
            actor=actor, group=g, decision="accepted", reason="Đã bổ sung vào Điều 5 dự thảo."
        ),
        role="chairman",
    ),
    TenancyCase(
        model=Opinion,
        make=lambda unit: f.OpinionFactory(consultation__unit=unit),
        change=lambda actor, o: cs.opinion_answer(
            actor=actor, opinion=o, decision="not_accepted", reason="Trái với quy định về giờ làm việc."
        ),
        role="chairman",
    ),
]
