"""Channel texts and greeting drafts, no database."""

import dataclasses
import datetime as dt

from thanthien.clocks.domain.calendar import CalendarEntry
from thanthien.disclosures.domain import channels, greetings

ITEM = channels.ItemText(
    commune="Phường Phan Đình Phùng",
    title="Danh sách hộ được hỗ trợ BHYT",
    summary="UBND phường công khai danh sách theo QĐ số 12. Xem https://example.vn/a",
    category_title="Hỗ trợ",
    published_on=dt.date(2026, 3, 4),
    url="https://thanthien.vn/xa/phan-dinh-phung/cong-khai/5/",
)


def test_loudspeaker_script_is_read_twice_without_links_or_abbreviations():
    script = channels.loudspeaker_script(ITEM)
    assert "http" not in script
    assert "UBND" not in script and "BHYT" not in script
    assert "bảo hiểm y tế" in script
    assert script.count("Danh sách hộ được hỗ trợ bảo hiểm y tế") == 2
    assert "ngày 4 tháng 3 năm 2026" in script


def test_zalo_message_is_short_and_links_the_page():
    long_item = dataclasses.replace(ITEM, summary="Nội dung dài " * 200)
    message = channels.zalo_message(long_item)
    assert len(message) <= channels.ZALO_MAX_CHARS
    assert message.endswith(ITEM.url)
    assert "…" in message


def _entry(day, name):
    return CalendarEntry(day, name, "holiday", False)


def test_consecutive_holiday_days_are_one_occasion_and_drafts_are_due_two_weeks_ahead():
    entries = [
        _entry(dt.date(2026, 4, 30), "Ngày Chiến thắng"),
        _entry(dt.date(2026, 5, 1), "Quốc tế Lao động"),
        _entry(dt.date(2026, 9, 2), "Quốc khánh (ngày 1)"),
        _entry(dt.date(2026, 9, 3), "Quốc khánh (ngày 2)"),
    ]
    assert [o.name for o in greetings.occasions(entries)] == ["Ngày Chiến thắng", "Quốc khánh"]
    assert greetings.upcoming(entries, today=dt.date(2026, 8, 18)) == []
    soon = greetings.upcoming(entries, today=dt.date(2026, 8, 19))
    assert [o.day for o in soon] == [dt.date(2026, 9, 2)]


def test_greeting_drafts_for_three_channels():
    texts = greetings.draft_greeting(
        occasion=greetings.Occasion(dt.date(2026, 9, 2), "Quốc khánh"), commune="Xã Định Hóa", chairman="Hoàng Văn Dũng"
    )
    assert "Quốc khánh năm 2026" in texts.web and "Hoàng Văn Dũng" in texts.web
    assert texts.loudspeaker.startswith("Kính thưa bà con")
    assert len(texts.social) < 300
