"""Tenancy cases for the unit-owned models of disclosures (walked by core's cross-unit test)."""

import datetime as dt

from thanthien.core.tests.tenancy_cases import TenancyCase
from thanthien.disclosures import services as s
from thanthien.disclosures.models import (
    Broadcast,
    ChannelUse,
    DisclosureItem,
    DisclosurePlan,
    Greeting,
    OutreachSession,
    PlanEntry,
    Posting,
)
from thanthien.disclosures.tests import factories as f


def _channel_use(unit):
    item = f.ItemFactory(unit=unit)
    return ChannelUse.objects.create(item=item, channel="web", at=dt.datetime(2026, 3, 4, 8, tzinfo=dt.UTC))


CASES = [
    TenancyCase(
        model=DisclosureItem,
        make=lambda unit: f.ItemFactory(unit=unit, status=DisclosureItem.Status.DRAFT, published_on=None),
        change=lambda actor, item: s.item_update(actor=actor, item=item, title="Kế hoạch thu chi năm 2026"),
    ),
    TenancyCase(
        model=Posting,
        make=lambda unit: f.PostingFactory(item__unit=unit),
        change=lambda actor, p: s.posting_end(actor=actor, posting=p, ended_on=dt.date(2026, 4, 10)),
    ),
    TenancyCase(
        model=Broadcast,
        make=lambda unit: f.BroadcastFactory(item__unit=unit),
        change=lambda actor, b: s.broadcast_note(actor=actor, broadcast=b, note="Phát lúc 6 giờ sáng"),
    ),
    TenancyCase(
        model=ChannelUse,
        make=_channel_use,
        change=lambda actor, use: s.channel_log(actor=actor, item=use.item, channel="zalo"),
        role=None,
        note="The channel log is append-only: nobody edits a line; logging goes through channel_log.",
    ),
    TenancyCase(
        model=DisclosurePlan,
        make=lambda unit: f.PlanFactory(unit=unit),
        change=lambda actor, plan: s.plan_adopt(actor=actor, plan=plan, adopted_on=dt.date(plan.year, 1, 10)),
        role="chairman",
    ),
    TenancyCase(
        model=PlanEntry,
        make=lambda unit: f.PlanEntryFactory(plan__unit=unit),
        change=lambda actor, e: s.plan_entry_update(
            actor=actor, entry=e, content="Dự toán điều chỉnh", due_on=e.due_on, responsible="Kế toán"
        ),
    ),
    TenancyCase(
        model=OutreachSession,
        make=lambda unit: f.OutreachFactory(unit=unit),
        change=lambda actor, session: s.outreach_update(actor=actor, session=session, attendance=95),
    ),
    TenancyCase(
        model=Greeting,
        make=lambda unit: f.GreetingFactory(unit=unit),
        change=lambda actor, g: s.greeting_update(
            actor=actor, greeting=g, web_text="Chúc mừng", loudspeaker_text="Kính thưa", social_text="Chúc"
        ),
        role="chairman",
    ),
]
