import datetime as dt
import gzip
import json

import pytest
from django.urls import reverse

from thanthien.disclosures.models import ChannelUse, DisclosureItem
from thanthien.disclosures.tests.factories import GreetingFactory, ItemFactory, OutreachFactory, PostingFactory
from thanthien.units.tests.factories import HamletFactory

# Public pages: ≤ 60 KB compressed without images (issue R1.1).
PAGE_BUDGET = 60 * 1024


@pytest.fixture
def staff(client, officer_a):
    client.force_login(officer_a)
    return client


def test_staff_register_and_item_flow(staff, commune_a):
    response = staff.post(
        reverse("disclosures:item_new") + f"?unit={commune_a.pk}",
        {
            "category": 7,
            "title": "Danh sách hộ cận nghèo được hỗ trợ",
            "summary": "Gồm 12 hộ",
            "decided_on": "2026-03-02",
        },
    )
    item = DisclosureItem.objects.unscoped().get(title="Danh sách hộ cận nghèo được hỗ trợ")
    assert response.status_code == 302
    staff.post(reverse("disclosures:item_publish", args=[item.pk]))
    for channel, marker in (("paper", b"%PDF"), ("loudspeaker", "Kính thưa".encode()), ("zalo", b"UBND")):
        response = staff.post(reverse("disclosures:channel_output", args=[item.pk, channel]))
        assert response.status_code == 200
        assert marker in response.content
    assert set(ChannelUse.objects.unscoped().filter(item=item).values_list("channel", flat=True)) == {
        "web",
        "paper",
        "loudspeaker",
        "zalo",
    }
    page = staff.get(reverse("disclosures:item", args=[item.pk]))
    assert (page.status_code == 200 and "Nhật ký kênh".encode() in page.content) or b"Channel log" in page.content


def test_other_commune_officer_gets_404_on_item(client, officer_b, commune_a):
    item = ItemFactory(unit=commune_a)
    client.force_login(officer_b)
    assert client.get(reverse("disclosures:item", args=[item.pk])).status_code == 404
    assert client.post(reverse("disclosures:item_publish", args=[item.pk])).status_code == 404


def test_anonymous_is_sent_to_login(client):
    assert client.get(reverse("disclosures:index")).status_code == 302


def test_compliance_view_flags_posting_shorter_than_30_days(staff, commune_a):
    item = ItemFactory(unit=commune_a, category=1, title="Kế hoạch phát triển kinh tế xã hội")
    PostingFactory(item=item, started_on=dt.date(2026, 3, 4), ended_on=dt.date(2026, 3, 14))
    response = staff.get(reverse("disclosures:compliance") + f"?unit={commune_a.pk}")
    assert response.status_code == 200
    assert b'data-finding="posted_too_short"' in response.content


@pytest.mark.parametrize("name", ["plan", "quarterly", "outreach", "greetings", "index", "compliance"])
def test_staff_pages_render(staff, commune_a, name):
    assert staff.get(reverse(f"disclosures:{name}") + f"?unit={commune_a.pk}").status_code == 200


def test_quarterly_paper_download(staff, commune_a):
    ItemFactory(unit=commune_a, published_on=dt.date(2026, 2, 1))
    response = staff.get(reverse("disclosures:quarterly") + f"?unit={commune_a.pk}&year=2026&quarter=1&format=docx")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"


# ---- public ----------------------------------------------------------------------------------


def _list_url(unit, **params):
    from urllib.parse import urlencode

    return reverse("disclosures_public:list", args=[unit.slug]) + (f"?{urlencode(params)}" if params else "")


def test_public_search_is_accent_insensitive_and_hides_drafts(client, commune_a, commune_b):
    ItemFactory(unit=commune_a, title="Hỗ trợ xây nhà đại đoàn kết")
    ItemFactory(unit=commune_a, title="Hỗ trợ nhà ở bản nháp", status="draft", published_on=None)
    ItemFactory(unit=commune_b, title="Hỗ trợ xây nhà xã khác")
    content = client.get(_list_url(commune_a, q="ho tro xay nha")).content.decode()
    assert "Hỗ trợ xây nhà đại đoàn kết" in content
    assert "bản nháp" not in content and "xã khác" not in content


def test_public_filters_by_category_and_year(client, commune_a):
    ItemFactory(unit=commune_a, title="Mục bảy", category=7, published_on=dt.date(2026, 3, 4))
    ItemFactory(unit=commune_a, title="Mục hai", category=2, published_on=dt.date(2025, 3, 4))
    content = client.get(_list_url(commune_a, category=2)).content.decode()
    assert "Mục hai" in content and "Mục bảy" not in content
    content = client.get(_list_url(commune_a, year=2026)).content.decode()
    assert "Mục bảy" in content and "Mục hai" not in content


def test_public_list_query_budget(client, commune_a, django_assert_max_num_queries):
    for _ in range(30):
        ItemFactory(unit=commune_a)
    with django_assert_max_num_queries(6):
        assert client.get(_list_url(commune_a)).status_code == 200


def test_public_detail_and_withdrawn_notice(client, commune_a):
    item = ItemFactory(unit=commune_a, status="withdrawn")
    response = client.get(reverse("disclosures_public:item", args=[commune_a.slug, item.pk]))
    assert response.status_code == 200
    draft = ItemFactory(unit=commune_a, status="draft", published_on=None)
    assert client.get(reverse("disclosures_public:item", args=[commune_a.slug, draft.pk])).status_code == 404


def test_open_data_csv_and_json(client, commune_a):
    ItemFactory(unit=commune_a, title="Dự toán ngân sách 2026", category=2)
    csv_text = b"".join(client.get(reverse("disclosures_public:csv", args=[commune_a.slug])).streaming_content).decode(
        "utf-8"
    )
    assert csv_text.startswith("\ufeffid,category")
    assert "Dự toán ngân sách 2026" in csv_text
    data = json.loads(client.get(reverse("disclosures_public:json", args=[commune_a.slug])).content)
    assert data["items"][0]["title"] == "Dự toán ngân sách 2026"
    assert data["items"][0]["url"].endswith(f"/cong-khai/{data['items'][0]['id']}/")


def test_feeds(client, commune_a):
    ItemFactory(unit=commune_a, title="Thông báo tuyển quân 2026")
    atom = client.get(reverse("disclosures_public:atom", args=[commune_a.slug]))
    rss = client.get(reverse("disclosures_public:rss", args=[commune_a.slug]))
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Thông báo tuyển quân 2026" in atom.content.decode()
    assert "<rss" in rss.content.decode()


def test_public_photo_served_through_view_only_for_published(client, officer_a, commune_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thanthien.disclosures import services

    item = ItemFactory(unit=commune_a)
    png = SimpleUploadedFile("p.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)
    posting = services.posting_add(actor=officer_a, item=item, hamlet=None, started_on=dt.date(2026, 3, 4), photo=png)
    url = reverse("disclosures_public:photo", args=[commune_a.slug, posting.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    DisclosureItem.objects.unscoped().filter(pk=item.pk).update(status="draft")
    assert client.get(url).status_code == 404


def test_law_page_shows_hamlet_coverage_and_regulation(client, commune_a):
    h = HamletFactory(unit=commune_a, name="Thôn Đồng Xe")
    HamletFactory(unit=commune_a, name="Thôn Nà Mỵ")
    OutreachFactory(unit=commune_a, hamlet=h)
    ItemFactory(unit=commune_a, category=4, title="Quy chế thực hiện dân chủ phường")
    content = client.get(reverse("disclosures_public:law", args=[commune_a.slug])).content.decode()
    assert "Quy chế thực hiện dân chủ phường" in content
    assert "Nà Mỵ" in content


def test_news_shows_published_greeting_only(client, commune_a):
    GreetingFactory(unit=commune_a, status="published", web_text="Chúc mừng năm mới bà con")
    GreetingFactory(unit=commune_a, status="draft", web_text="Bản nháp lời chúc")
    content = client.get(reverse("disclosures_public:news", args=[commune_a.slug])).content.decode()
    assert "Chúc mừng năm mới bà con" in content and "Bản nháp lời chúc" not in content


def test_unknown_commune_is_404(client, db):
    assert client.get("/xa/khong-co-xa-nay/cong-khai/").status_code == 404


@pytest.mark.parametrize("name", ["list", "news", "law", "procedures"])
def test_public_pages_fit_the_60_kb_budget(client, commune_a, name):
    for i in range(25):
        ItemFactory(unit=commune_a, title=f"Thông báo công khai số {i} về chính sách hỗ trợ người dân " * 2)
    response = client.get(reverse(f"disclosures_public:{name}", args=[commune_a.slug]))
    assert response.status_code == 200
    assert len(gzip.compress(response.content)) <= PAGE_BUDGET


def test_cached_list_shows_new_publication_at_once(
    client, officer_a, commune_a, settings, django_capture_on_commit_callbacks
):
    from django.test import Client

    from thanthien.disclosures import services

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}}
    ItemFactory(unit=commune_a, title="Nội dung đầu tiên")
    first = client.get(_list_url(commune_a)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        item = services.item_create(actor=officer_a, unit=commune_a, category=1, title="Kế hoạch mới được công khai")
        services.item_publish(actor=officer_a, item=item)
    other = Client()
    second = other.get(_list_url(commune_a)).content.decode()
    assert "Kế hoạch mới được công khai" not in first
    assert "Kế hoạch mới được công khai" in second
    assert Client().get(_list_url(commune_a)).content.decode() == second  # now from the cache


def test_commune_home_links_to_the_public_pages(client, commune_a):
    content = client.get(reverse("public:commune_detail", args=[commune_a.slug])).content.decode()
    assert f"/xa/{commune_a.slug}/cong-khai/" in content
    assert f"/xa/{commune_a.slug}/pho-bien-phap-luat/" in content


def test_plan_outreach_and_greeting_forms(client, officer_a, chairman_a, commune_a):
    hamlet = HamletFactory(unit=commune_a, name="Thôn Gốc Gạo")
    client.force_login(officer_a)
    client.post(
        reverse("disclosures:plan") + f"?unit={commune_a.pk}&year=2026",
        {
            "category": 2,
            "content": "Dự toán ngân sách",
            "forms": ["website", "notice_board"],
            "due_on": "2026-01-15",
            "responsible": "Kế toán",
        },
    )
    client.post(
        reverse("disclosures:outreach") + f"?unit={commune_a.pk}",
        {"hamlet": hamlet.pk, "held_on": "2026-04-01", "topic": "Luật dân chủ", "attendance": 60},
    )
    plan_page = client.get(reverse("disclosures:plan") + f"?unit={commune_a.pk}&year=2026").content.decode()
    assert "Dự toán ngân sách" in plan_page and "Trang thông tin điện tử của xã" in plan_page
    assert "Thôn Gốc Gạo" in client.get(reverse("disclosures_public:law", args=[commune_a.slug])).content.decode()
    greeting = GreetingFactory(unit=commune_a)
    url = reverse("disclosures:greeting", args=[greeting.pk])
    data = {"web_text": "Kính chúc bà con", "loudspeaker_text": "Kính thưa", "social_text": "Chúc", "publish": "1"}
    client.post(url, data)
    greeting.refresh_from_db()
    assert greeting.status == "draft"  # an officer may not publish
    client.force_login(chairman_a)
    client.post(url, data)
    greeting.refresh_from_db()
    assert greeting.status == "published" and greeting.web_text == "Kính chúc bà con"


def test_home_panel_lists_disclosure_alerts(client, officer_a, commune_a):
    item = ItemFactory(unit=commune_a, title="Kế hoạch gỡ sớm", category=1)
    PostingFactory(item=item, started_on=dt.date(2026, 3, 4), ended_on=dt.date(2026, 3, 10))
    client.force_login(officer_a)
    content = client.get("/staff/").content.decode()
    assert "Cảnh báo công khai" in content and "Kế hoạch gỡ sớm" in content


def test_public_item_page_fits_the_60_kb_budget(client, commune_a):
    item = ItemFactory(unit=commune_a, summary="Danh sách hộ được hỗ trợ theo quyết định của Ủy ban. " * 200)
    for i in range(30):
        PostingFactory(item=item, hamlet=HamletFactory(unit=commune_a, name=f"Thôn số {i}"))
    response = client.get(reverse("disclosures_public:item", args=[commune_a.slug, item.pk]))
    assert response.status_code == 200
    assert len(gzip.compress(response.content)) <= PAGE_BUDGET


def test_visitor_served_from_the_cache_can_switch_language(commune_a, settings):
    """The cached page holds nothing per visitor; the language switch works without a token."""
    from django.test import Client

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "c"}}
    ItemFactory(unit=commune_a, title="Nội dung đầu tiên")
    Client(enforce_csrf_checks=True).get(_list_url(commune_a))  # fills the cache
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(_list_url(commune_a))
    assert "csrfmiddlewaretoken" not in page.content.decode() and not page.cookies
    response = visitor.post("/i18n/setlang/", {"language": "en", "next": _list_url(commune_a)})
    assert response.status_code == 302
    assert "Nội dung đầu tiên" in visitor.get(_list_url(commune_a)).content.decode()
    assert visitor.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_list_cache_is_not_filled_by_made_up_parameters_and_varies_alike(commune_a, settings):
    from django.core.cache import cache
    from django.test import Client

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "v"}}
    ItemFactory(unit=commune_a, title="Nội dung đầu tiên")
    miss = Client().get(_list_url(commune_a))
    hit = Client().get(_list_url(commune_a))
    assert miss["Vary"] == hit["Vary"]
    before = len(cache._cache)
    for n in range(5):
        assert Client().get(_list_url(commune_a) + f"?zz={n}").status_code == 200
    assert len(cache._cache) == before


def test_a_unit_that_is_not_ones_own_is_refused_not_swapped_for_another(staff, commune_a, commune_b):
    assert staff.get(reverse("disclosures:plan") + f"?unit={commune_b.pk}").status_code == 403
    assert staff.get(reverse("disclosures:plan") + "?unit=abc").status_code == 403
    assert staff.get(reverse("disclosures:plan")).status_code == 200  # none named: one's own
