"""Staff downloads of the pilot notice."""

import pytest
from django.urls import reverse

from .factories import make_pilot_programme
from .helpers import page_sizes_mm, poppler_text, pypdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return make_pilot_programme()


def test_anonymous_is_sent_to_login(client, programme):
    for url in (reverse("papers:index"), reverse("papers:programme_notice", args=[programme.code, "pdf"])):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_index_lists_programmes_with_download_links(client, officer_a, programme):
    client.force_login(officer_a)
    response = client.get(reverse("papers:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert programme.name in body
    assert reverse("papers:programme_notice", args=[programme.code, "pdf"]) in body
    assert reverse("papers:programme_notice", args=[programme.code, "docx"]) in body


def test_notice_pdf_download(client, officer_a, programme):
    client.force_login(officer_a)
    response = client.get(reverse("papers:programme_notice", args=[programme.code, "pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="thong-bao-danh-sach-thi-diem-thi-diem-2024.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    pdf = response.content
    assert page_sizes_mm(pdf) == [(210, 297)]
    text = poppler_text(pdf) or pypdf_text(pdf)
    assert "Phường Trưng Vương" in text and "Phường Phan Đình Phùng" in text and "Huyện Định Hóa" in text


def test_notice_docx_download(client, officer_a, programme):
    client.force_login(officer_a)
    response = client.get(reverse("papers:programme_notice", args=[programme.code, "docx"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert response.content[:2] == b"PK"


@pytest.mark.parametrize(("code", "fmt"), [("thi-diem-2024", "html"), ("khong-co", "pdf")])
def test_unknown_format_or_programme_is_404(client, officer_a, programme, code, fmt):
    client.force_login(officer_a)
    assert client.get(reverse("papers:programme_notice", args=[code, fmt])).status_code == 404


def test_post_is_refused(client, officer_a, programme):
    client.force_login(officer_a)
    assert client.post(reverse("papers:programme_notice", args=[programme.code, "pdf"])).status_code == 405


def test_a_vietnamese_file_name_is_folded_with_its_d():
    from thanthien.papers import samples
    from thanthien.papers.render import paper_response

    response = paper_response(samples.pilot_notice(), "docx", filename="Đăng ký Định Hóa")
    assert 'filename="dang-ky-dinh-hoa.docx"' in response["Content-Disposition"]
