import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from thanthien.audit.models import AuditEvent
from thanthien.clocks.selectors import calendar_for_range
from thanthien.disclosures import selectors, services
from thanthien.disclosures.domain.rules import Finding
from thanthien.disclosures.models import ChannelUse, DisclosureItem, Greeting
from thanthien.disclosures.tests.factories import ItemFactory
from thanthien.units.tests.factories import HamletFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _photo(content=PNG, name="a.png"):
    return SimpleUploadedFile(name, content, content_type="image/png")


def test_create_publish_logs_web_channel_and_audit(officer_a, commune_a):
    item = services.item_create(
        actor=officer_a, unit=commune_a, category=12, title="Mức thu phí chợ năm 2026", decided_on=dt.date(2026, 1, 5)
    )
    assert item.status == DisclosureItem.Status.DRAFT
    assert item.search_text.startswith("muc thu phi cho")
    services.item_publish(actor=officer_a, item=item, on=dt.date(2026, 1, 7))
    item.refresh_from_db()
    assert item.status == "published" and item.published_on == dt.date(2026, 1, 7)
    assert "website" in item.forms
    assert list(ChannelUse.objects.unscoped().filter(item=item).values_list("channel", flat=True)) == ["web"]
    assert AuditEvent.objects.filter(action="disclosure.published", object_id=str(item.pk)).exists()


def test_officer_of_another_commune_cannot_create(officer_b, commune_a):
    with pytest.raises(PermissionDenied):
        services.item_create(actor=officer_b, unit=commune_a, category=1, title="x")


def test_published_item_is_changed_only_by_re_disclosure(officer_a, commune_a):
    item = ItemFactory(unit=commune_a)
    with pytest.raises(ValidationError):
        services.item_update(actor=officer_a, item=item, title="Sửa")
    revised = services.item_revise(
        actor=officer_a, item=item, title="Danh sách điều chỉnh", summary="", decided_on=None
    )
    services.item_publish(actor=officer_a, item=revised)
    item.refresh_from_db()
    assert item.status == DisclosureItem.Status.WITHDRAWN
    assert revised.supersedes_id == item.pk
    # The replaced version's withdrawal is in the audit trail too.
    assert AuditEvent.objects.filter(action="disclosure.withdrawn", object_id=str(item.pk)).exists()


def test_posting_photo_is_type_checked_and_stored_privately(officer_a, commune_a, settings):
    item = ItemFactory(unit=commune_a)
    with pytest.raises(ValidationError):
        services.posting_add(
            actor=officer_a,
            item=item,
            hamlet=None,
            started_on=dt.date(2026, 3, 4),
            photo=_photo(b"GIF89a....", "a.png"),
        )
    posting = services.posting_add(
        actor=officer_a, item=item, hamlet=None, started_on=dt.date(2026, 3, 4), photo=_photo()
    )
    assert posting.photo.path.startswith(str(settings.MEDIA_ROOT))
    assert "notice_board" in DisclosureItem.objects.unscoped().get(pk=item.pk).forms


def test_photo_larger_than_5_mb_is_refused(officer_a, commune_a):
    item = ItemFactory(unit=commune_a)
    big = SimpleUploadedFile("b.png", PNG + b"\x00" * (5 * 1024 * 1024), content_type="image/png")
    with pytest.raises(ValidationError):
        services.posting_add(actor=officer_a, item=item, hamlet=None, started_on=dt.date(2026, 3, 4), photo=big)


def test_posting_in_a_hamlet_of_another_commune_is_refused(officer_a, commune_a, commune_b):
    item = ItemFactory(unit=commune_a)
    with pytest.raises(ValidationError):
        services.posting_add(
            actor=officer_a, item=item, hamlet=HamletFactory(unit=commune_b), started_on=dt.date(2026, 3, 4)
        )


def test_compliance_flags_item_taken_down_before_30_days(officer_a, commune_a):
    item = ItemFactory(unit=commune_a, category=1)
    posting = services.posting_add(
        actor=officer_a, item=item, hamlet=None, started_on=dt.date(2026, 3, 4), photo=_photo()
    )
    services.posting_end(actor=officer_a, posting=posting, ended_on=dt.date(2026, 3, 20))
    rows = selectors.compliance_rows(
        actor=officer_a,
        unit=commune_a,
        today=dt.date(2026, 4, 20),
        calendar=calendar_for_range(2025, 2027),
        only_problems=True,
    )
    assert [r.item.pk for r in rows] == [item.pk]
    assert Finding.POSTED_TOO_SHORT in rows[0].findings


def test_compliance_rows_use_a_fixed_number_of_queries(officer_a, commune_a, django_assert_max_num_queries):
    for _ in range(5):
        ItemFactory(unit=commune_a)
    cal = calendar_for_range(2025, 2027)
    with django_assert_max_num_queries(8):
        selectors.compliance_rows(actor=officer_a, unit=commune_a, today=dt.date(2026, 4, 20), calendar=cal)


def test_broadcast_days_are_recorded_once_per_day(officer_a, commune_a):
    item = ItemFactory(unit=commune_a)
    services.broadcast_add(actor=officer_a, item=item, aired_on=dt.date(2026, 3, 4), days=3)
    services.broadcast_add(actor=officer_a, item=item, aired_on=dt.date(2026, 3, 5), days=3)
    assert len(selectors.item_broadcast_days(item)) == 4


def test_greeting_drafts_before_holiday_and_only_leaders_publish(officer_a, chairman_a, commune_a):
    cal = calendar_for_range(2026, 2027)
    entries = [e for e in cal.entries_for_year(2026) if e.kind == "holiday"]
    made = services.greetings_prepare(actor=None, unit=commune_a, today=dt.date(2026, 8, 25), holidays=entries)
    assert [g.occasion_on.month for g in made] == [9]
    assert services.greetings_prepare(actor=None, unit=commune_a, today=dt.date(2026, 8, 25), holidays=entries) == []
    greeting = made[0]
    with pytest.raises(PermissionDenied):
        services.greeting_publish(actor=officer_a, greeting=greeting)
    services.greeting_publish(actor=chairman_a, greeting=greeting)
    assert Greeting.objects.unscoped().get(pk=greeting.pk).status == "published"


def test_plan_entry_must_fall_in_its_year(officer_a, commune_a):
    with pytest.raises(ValidationError):
        services.plan_entry_add(
            actor=officer_a,
            unit=commune_a,
            year=2026,
            category=2,
            content="Dự toán",
            forms=["website"],
            due_on=dt.date(2027, 1, 1),
            responsible="Kế toán",
        )


def test_outreach_coverage_shows_every_hamlet(officer_a, commune_a):
    h1, h2 = HamletFactory(unit=commune_a), HamletFactory(unit=commune_a)
    services.outreach_add(
        actor=officer_a, unit=commune_a, hamlet=h1, held_on=dt.date(2026, 4, 1), topic="Luật", attendance=70
    )
    coverage = {c.hamlet.pk: c for c in selectors.outreach_coverage(commune_a)}
    assert coverage[h1.pk].sessions == 1 and coverage[h1.pk].attendance == 70
    assert coverage[h2.pk].sessions == 0


def test_quarterly_list_paper_renders(commune_a):
    from thanthien.disclosures.papers import quarterly_list
    from thanthien.papers.render import render_pdf

    ItemFactory(unit=commune_a, published_on=dt.date(2026, 2, 1))
    items = selectors.quarterly_items(commune_a, year=2026, quarter=1)
    paper = quarterly_list(commune_a, items, year=2026, quarter=1, issued_on=None)
    assert paper.summary == "Danh mục thông tin đã công khai quý 1 năm 2026"
    assert render_pdf(paper).startswith(b"%PDF")


def test_greeting_sweep_drafts_once_per_commune_with_the_chairmans_name(chairman_a, commune_a):
    from thanthien.disclosures.sweeps import prepare_greetings

    now = dt.datetime(2026, 8, 25, 9, tzinfo=dt.UTC)
    assert prepare_greetings(now=now) >= 1
    greeting = Greeting.objects.unscoped().get(unit=commune_a)
    assert "Hoàng Văn Dũng" in greeting.web_text
    assert prepare_greetings(now=now) == 0
