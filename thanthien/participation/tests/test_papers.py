"""Papers: the community decision document carries every Điều 20.2 field; minutes; bulk ballots."""

import datetime as dt
import io
import re

import pytest
import segno
from pypdf import PdfReader

from thanthien.papers.domain.paper import Paragraph, SignatureRow, Table
from thanthien.participation import decision_services as ds
from thanthien.participation import papers
from thanthien.participation.tests.factories import at, make_households
from thanthien.units.tests.factories import HamletFactory

pytestmark = pytest.mark.django_db


def _texts(paper):
    out = []
    for block in paper.blocks:
        if isinstance(block, Paragraph):
            out.append("".join(r.text for r in block.runs))
        elif isinstance(block, SignatureRow):
            out.extend(p.position for p in block.parties)
        elif isinstance(block, Table):
            out.extend(" ".join(str(c) for c in row) for row in block.rows)
    return "\n".join(out)


@pytest.fixture
def closed_ballot_decision(chairman_a, commune_a):
    hamlet = HamletFactory(unit=commune_a, name="Đồng Tâm")
    households = make_households(hamlet, 4)
    decision = ds.decision_create(
        actor=chairman_a, hamlet=hamlet, matter=6, question="Dọn vệ sinh", grounds=["hamlet_leaders_choice"]
    )
    ds.decision_ballot_plan(
        actor=chairman_a,
        decision=decision,
        plan_adopted_on=dt.date(2026, 3, 1),
        info_published_on=dt.date(2026, 3, 1),
        team=["Trần Thị Mặt Trận", "B", "C"],
        opens_at=at(2026, 3, 3),
        closes_at=at(2026, 3, 10),
    )
    ds.ballots_issue(actor=chairman_a, decision=decision, at=at(2026, 3, 3))
    for household, choice in zip(households[:3], ("agree", "agree", "disagree"), strict=True):
        ds.vote_cast(
            actor=chairman_a,
            decision=decision,
            household=household,
            channel="paper_ballot",
            choice=choice,
            at=at(2026, 3, 5),
        )
    ds.decision_close(actor=chairman_a, decision=decision, at=at(2026, 3, 10, 17))
    return decision


def test_community_decision_document_has_every_article_20_field(closed_ballot_decision):
    text = _texts(papers.community_decision_document(closed_ballot_decision))
    for label in (
        "a) Thời gian",
        "c) Nội dung đã thảo luận",
        "d) Hình thức quyết định",
        "e) Nội dung quyết định",
        "g) Chữ ký",
    ):
        assert label in text
    assert (
        "b) Tổng số hộ gia đình: 4; số đại diện hộ gia đình tham dự/tham gia: 3; số hộ gia đình không có đại diện tham gia: 1"
        in text
    )
    assert "đ) Kết quả biểu quyết: đồng ý 2/4 hộ" in text
    assert "KHÔNG ĐƯỢC THÔNG QUA" in text  # 2 of 4 is not more than half
    assert text.count("Đại diện hộ gia đình") == 2
    assert "Trưởng ban công tác Mặt trận" in text and "Trưởng thôn, Tổ trưởng tổ dân phố" in text


def test_vote_count_minutes_show_the_counts_over_all_households(closed_ballot_decision):
    text = _texts(papers.vote_count_minutes(closed_ballot_decision))
    assert "Tổng số hộ gia đình trong thôn, tổ dân phố 4 100%" in text
    assert "Đồng ý 2 50,00%" in text
    assert "03 bản" in text


def test_fast_qr_path_draws_exactly_the_dark_modules():
    text = "http://127.0.0.1:8000/tham-gia/bieu-quyet/?code=ABCDEFGH23"
    svg = papers.qr_svg_fast(text)
    matrix = segno.make(text, error="m", micro=False, mask=2, boost_error=False).matrix
    drawn = set()
    for x, y, w in re.findall(r"M(\d+) (\d+)h(\d+)", svg):
        drawn |= {(int(x) + i, int(y)) for i in range(int(w))}
    dark = {(x, y) for y, row in enumerate(matrix) for x, v in enumerate(row) if v}
    assert drawn == dark


def test_bulk_ballots_render_one_page_per_household(closed_ballot_decision):
    pdf = papers.ballots_pdf(closed_ballot_decision)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 4
    ballots = list(closed_ballot_decision.ballots.select_related("household").order_by("household__code"))
    text = reader.pages[1].extract_text()
    assert ballots[1].code in text and ballots[1].household.code in text
    assert "PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH" in text
