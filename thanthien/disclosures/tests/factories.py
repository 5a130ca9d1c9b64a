import datetime as dt

import factory
from factory.django import DjangoModelFactory

from thanthien.core.search import fold_join
from thanthien.disclosures.models import (
    Broadcast,
    DisclosureItem,
    DisclosurePlan,
    Greeting,
    OutreachSession,
    PlanEntry,
    Posting,
)
from thanthien.units.tests.factories import CommuneFactory, HamletFactory


class ItemFactory(DjangoModelFactory):
    class Meta:
        model = DisclosureItem

    unit = factory.SubFactory(CommuneFactory)
    category = 7
    title = factory.Sequence(lambda n: f"Danh sách hộ nghèo được hỗ trợ bảo hiểm y tế đợt {n}")
    summary = "Danh sách gồm 25 hộ được Ủy ban nhân dân xét duyệt."
    decided_on = dt.date(2026, 3, 2)
    published_on = dt.date(2026, 3, 4)
    status = DisclosureItem.Status.PUBLISHED
    forms = factory.LazyFunction(lambda: ["website"])
    search_text = factory.LazyAttribute(lambda o: fold_join(o.title, o.summary)[:1200])


class PostingFactory(DjangoModelFactory):
    class Meta:
        model = Posting

    item = factory.SubFactory(ItemFactory)
    started_on = dt.date(2026, 3, 4)


class BroadcastFactory(DjangoModelFactory):
    class Meta:
        model = Broadcast

    item = factory.SubFactory(ItemFactory)
    aired_on = dt.date(2026, 3, 4)


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = DisclosurePlan

    unit = factory.SubFactory(CommuneFactory)
    year = 2026


class PlanEntryFactory(DjangoModelFactory):
    class Meta:
        model = PlanEntry

    plan = factory.SubFactory(PlanFactory)
    category = 2
    content = "Dự toán ngân sách năm 2026"
    due_on = dt.date(2026, 1, 15)
    responsible = "Công chức Tài chính - Kế toán"


class OutreachFactory(DjangoModelFactory):
    class Meta:
        model = OutreachSession

    unit = factory.SubFactory(CommuneFactory)
    hamlet = factory.SubFactory(HamletFactory, unit=factory.SelfAttribute("..unit"))
    held_on = dt.date(2026, 4, 10)
    topic = "Luật Thực hiện dân chủ ở cơ sở"
    attendance = 80


class GreetingFactory(DjangoModelFactory):
    class Meta:
        model = Greeting

    unit = factory.SubFactory(CommuneFactory)
    occasion_on = factory.Sequence(lambda n: dt.date(2026, 9, 2) + dt.timedelta(days=400 * n))
    occasion = "Quốc khánh"
    web_text = "Chúc mừng Quốc khánh"
    loudspeaker_text = "Kính thưa bà con"
    social_text = "Chúc mừng"
