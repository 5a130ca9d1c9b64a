"""Factories and small builders for participation tests (hamlets with households and representatives)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import factory
from factory.django import DjangoModelFactory

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
from thanthien.units.models import Household, Person
from thanthien.units.tests.factories import HamletFactory, HouseholdFactory, UserFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year: int, month: int, day: int, hour: int = 8, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN)


def make_households(hamlet, n: int, *, start: int = 0, phones: bool = True) -> list[Household]:
    """``n`` households of ``hamlet``, each with a representative (bulk: fast for big hamlets)."""
    households = Household.objects.bulk_create(
        [
            Household(
                unit_id=hamlet.unit_id,
                hamlet=hamlet,
                code=f"H{hamlet.pk}-{start + i:05d}",
                address=f"Thôn {hamlet.name}",
                phone=f"097{hamlet.pk % 100:02d}{start + i:05d}" if phones else "",
            )
            for i in range(n)
        ]
    )
    Person.objects.bulk_create(
        [
            Person(
                unit_id=hamlet.unit_id,
                household=h,
                full_name=f"Nguyễn Văn Hộ {start + i}",
                is_representative=True,
                phone=h.phone,
            )
            for i, h in enumerate(households)
        ]
    )
    return households


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = CommunityMeeting

    hamlet = factory.SubFactory(HamletFactory)
    unit = factory.LazyAttribute(lambda o: o.hamlet.unit)
    title = "Họp bàn làm đường bê tông"
    convener_name = "Trần Văn Thôn"
    scheduled_at = factory.LazyFunction(lambda: at(2026, 3, 20, 19))
    place = "Nhà văn hóa thôn"


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    unit = factory.LazyAttribute(lambda o: o.meeting.unit)
    kind = "inform"
    title = "Thông tin về kế hoạch năm"


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = Decision

    hamlet = factory.SubFactory(HamletFactory)
    unit = factory.LazyAttribute(lambda o: o.hamlet.unit)
    matter = 6
    question = "Tổ chức dọn vệ sinh đường làng hằng tháng"
    form = Decision.Form.HOUSEHOLD_BALLOT


class NoticeDeliveryFactory(DjangoModelFactory):
    class Meta:
        model = NoticeDelivery

    meeting = factory.SubFactory(MeetingFactory)
    unit = factory.LazyAttribute(lambda o: o.meeting.unit)
    household = factory.LazyAttribute(lambda o: HouseholdFactory(hamlet=o.meeting.hamlet))
    channel = "invitation"
    informed_at = factory.LazyFunction(lambda: at(2026, 3, 15))


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    unit = factory.LazyAttribute(lambda o: o.meeting.unit)
    household = factory.LazyAttribute(lambda o: HouseholdFactory(hamlet=o.meeting.hamlet))
    checked_in_at = factory.LazyFunction(lambda: at(2026, 3, 20, 19))


class CandidateFactory(DjangoModelFactory):
    class Meta:
        model = Candidate

    decision = factory.SubFactory(DecisionFactory, matter=4, form=Decision.Form.MEETING)
    unit = factory.LazyAttribute(lambda o: o.decision.unit)
    full_name = "Lê Văn Cường"


class BallotFactory(DjangoModelFactory):
    class Meta:
        model = Ballot

    decision = factory.SubFactory(DecisionFactory)
    unit = factory.LazyAttribute(lambda o: o.decision.unit)
    household = factory.LazyAttribute(lambda o: HouseholdFactory(hamlet=o.decision.hamlet))
    code = factory.Sequence(lambda n: f"TEST{n:06d}")
    issued_at = factory.LazyFunction(lambda: at(2026, 3, 22))


class BallotEntryFactory(DjangoModelFactory):
    class Meta:
        model = BallotEntry

    ballot = factory.SubFactory(BallotFactory, collected_at=factory.LazyFunction(lambda: at(2026, 3, 23)))
    unit = factory.LazyAttribute(lambda o: o.ballot.unit)
    clerk = factory.SubFactory(UserFactory)
    choice = "agree"


class VoteFactory(DjangoModelFactory):
    class Meta:
        model = Vote

    decision = factory.SubFactory(DecisionFactory, status=Decision.Status.VOTING)
    unit = factory.LazyAttribute(lambda o: o.decision.unit)
    household = factory.LazyAttribute(lambda o: HouseholdFactory(hamlet=o.decision.hamlet))
    channel = "paper_ballot"
    choice = "agree"
    recorded_at = factory.LazyFunction(lambda: at(2026, 3, 23))
    receipt = factory.Sequence(lambda n: f"R{n:09d}")


class ProgressUpdateFactory(DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    decision = factory.SubFactory(DecisionFactory, status=Decision.Status.CLOSED, adopted=True)
    unit = factory.LazyAttribute(lambda o: o.decision.unit)
    on = dt.date(2026, 4, 1)
    status = "in_progress"
    note = "Đã khởi công"


class InitiativeFactory(DjangoModelFactory):
    class Meta:
        model = Initiative

    hamlet = factory.SubFactory(HamletFactory)
    unit = factory.LazyAttribute(lambda o: o.hamlet.unit)
    title = "Lắp đèn đường ngõ 3"
    proposer_name = "Phạm Thị Hoa"


class InitiativeSupportFactory(DjangoModelFactory):
    class Meta:
        model = InitiativeSupport

    initiative = factory.SubFactory(InitiativeFactory)
    unit = factory.LazyAttribute(lambda o: o.initiative.unit)
    household = factory.LazyAttribute(lambda o: HouseholdFactory(hamlet=o.initiative.hamlet))
    signed_on = dt.date(2026, 3, 1)


class ConsultationFactory(DjangoModelFactory):
    class Meta:
        model = Consultation

    unit = factory.SubFactory("thanthien.units.tests.factories.CommuneFactory")
    matter = 7
    title = "Dự thảo Quy chế thực hiện dân chủ ở xã"
    plan = "Lấy ý kiến Nhân dân trong 20 ngày qua cổng thông tin và hội nghị."
    draft = "Điều 1. Phạm vi điều chỉnh..."


class OpinionGroupFactory(DjangoModelFactory):
    class Meta:
        model = OpinionGroup

    consultation = factory.SubFactory(ConsultationFactory)
    unit = factory.LazyAttribute(lambda o: o.consultation.unit)
    title = "Ý kiến về giờ tiếp dân"


class OpinionFactory(DjangoModelFactory):
    class Meta:
        model = Opinion

    consultation = factory.SubFactory(ConsultationFactory, status=Consultation.Status.OPEN)
    unit = factory.LazyAttribute(lambda o: o.consultation.unit)
    channel = "portal"
    text = "Đề nghị tiếp dân cả sáng thứ Bảy."
    received_at = factory.LazyFunction(lambda: at(2026, 3, 5))
    receipt = factory.Sequence(lambda n: f"OP{n:08d}")
