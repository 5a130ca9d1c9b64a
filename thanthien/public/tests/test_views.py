import re

import factory
import pytest
from django.urls import reverse

from thanthien.units.tests.factories import CommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


def test_landing_shows_province_and_current_communes_only(commune_a, commune_b, trung_vuong, client):
    ProvinceFactory()
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tỉnh Thái Nguyên" in html
    assert "Xã Định Hóa" in html
    assert "Phường Phan Đình Phùng" in html
    assert "Trưng Vương" not in html  # merged units are not listed among today's communes


def test_landing_lists_communes_in_vietnamese_alphabetical_order(client):
    for name in ["Yên Thử", "Định Thử", "Dương Thử", "An Thử"]:
        CommuneFactory(name=name)
    html = client.get("/").content.decode()
    positions = [html.index(f"Xã {name}<") for name in ["An Thử", "Dương Thử", "Định Thử", "Yên Thử"]]
    assert positions == sorted(positions)


def test_search_without_accents_finds_the_commune(commune_a, commune_b, client):
    response = client.get("/xa/", {"q": "dinh hoa"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/xa/dinh-hoa/"' in html
    assert "/xa/phan-dinh-phung/" not in html


def test_search_with_accents_and_upper_case_finds_the_commune(commune_b, client):
    html = client.get("/xa/", {"q": "ĐỊNH HÓA"}).content.decode()
    assert 'href="/xa/dinh-hoa/"' in html


def test_search_also_finds_former_units_and_says_so(trung_vuong, client):
    html = client.get("/xa/", {"q": "trung vuong"}).content.decode()
    assert 'href="/xa/trung-vuong/"' in html
    assert "Xã, phường trước đây" in html
    assert "nay thuộc Phường Phan Đình Phùng" in html


def test_search_with_no_match_shows_an_empty_state_with_a_way_out(commune_b, client):
    html = client.get("/xa/", {"q": "khong co xa nay"}).content.decode()
    assert "Không tìm thấy xã, phường" in html
    assert 'href="/xa/"' in html


def test_commune_list_paginates_and_keeps_the_query(client):
    CommuneFactory.create_batch(45, name=factory.Sequence(lambda n: f"Thử Nghiệm {n}"))
    html = client.get("/xa/", {"q": "thu nghiem"}).content.decode()
    assert "Trang 1 / 2" in html
    assert "?q=thu+nghiem&amp;page=2" in html
    page2 = client.get("/xa/", {"q": "thu nghiem", "page": 2}).content.decode()
    assert page2.count('class="item-list__title"') == 5


def test_commune_page_shows_office_contact_and_hamlet_count(dinh_hoa, client):
    response = client.get(reverse("public:commune_detail", args=["dinh-hoa"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Xã Định Hóa</h1>" in html
    assert "Tổ dân phố Trung Kiên, xã Định Hóa" in html
    assert 'href="tel:02083878123"' in html
    assert re.search(rf"Số thôn, tổ dân phố</dt><dd>{dinh_hoa.hamlet_total}\b", html)
    # the header names the commune the citizen is on
    assert 'class="site-header__commune"' in html


def test_commune_page_lists_the_units_it_was_formed_from(commune_a, trung_vuong, client):
    html = client.get("/xa/phan-dinh-phung/").content.decode()
    assert 'href="/xa/trung-vuong/"' in html
    assert "Phường Trưng Vương" in html


def test_former_unit_page_says_which_unit_it_belongs_to_now(trung_vuong, client):
    response = client.get("/xa/trung-vuong/")
    assert response.status_code == 200  # an old address is never a dead end
    text = re.sub(r"<[^>]+>", "", response.content.decode())
    text = re.sub(r"\s+", " ", text)
    assert "Phường Trưng Vương (trước 1/7/2025) nay thuộc Phường Phan Đình Phùng" in text
    assert 'href="/xa/phan-dinh-phung/"' in response.content.decode()


def test_unknown_commune_gives_a_vietnamese_404(client):
    response = client.get("/xa/khong-ton-tai/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_province_slug_redirects_to_the_landing_page(client):
    ProvinceFactory()
    response = client.get("/xa/tinh-thai-nguyen/")
    assert response.status_code == 301
    assert response["Location"] == "/"


def test_public_pages_carry_no_script(commune_b, trung_vuong, client):
    for url in ["/", "/xa/", "/xa/?q=dinh", "/xa/dinh-hoa/", "/xa/trung-vuong/"]:
        html = client.get(url).content.decode()
        assert "<script" not in html, url


def test_public_pages_switch_to_english(commune_b, client):
    client.cookies["django_language"] = "en"
    html = client.get("/xa/").content.decode()
    assert '<html lang="en">' in html
    assert "Communes and wards" in html


def test_language_switcher_posts_to_set_language(client, commune_b):
    html = client.get("/xa/dinh-hoa/").content.decode()
    assert 'action="/i18n/setlang/"' in html
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/xa/dinh-hoa/"})
    assert response.status_code == 302
    html = client.get("/xa/dinh-hoa/").content.decode()
    assert "People's Committee office" in html
    assert 'value="vi" lang="vi">Tiếng Việt</button>' in html  # offers the way back


@pytest.mark.parametrize("url", ["/", "/xa/", "/xa/?q=trung", "/xa/dinh-hoa/", "/xa/trung-vuong/"])
def test_public_pages_stay_within_a_query_budget(url, commune_b, trung_vuong, django_assert_max_num_queries, client):
    CommuneFactory.create_batch(30)
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200


def test_robots_txt_keeps_crawlers_out_of_staff_pages(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /staff/" in response.content.decode()


def test_healthz_answers_ok_after_asking_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
