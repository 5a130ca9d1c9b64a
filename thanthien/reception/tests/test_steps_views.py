"""Pages of the steps after acceptance, the complaint dialogue and the information request papers."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from thanthien.reception import services
from thanthien.reception.models import ComplaintDialogue, PetitionStep

from .factories import at, make_denunciation, make_petition

pytestmark = [pytest.mark.django_db, pytest.mark.urls("thanthien.reception.tests.urls")]


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [par.text for par in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture
def complaint(commune_a, officer_a):
    p = make_petition(commune_a, signed=True, dated=True, name="Lê Văn Khiếu")
    p = services.petition_classify(actor=officer_a, petition=p, kind="complaint", at=at(2026, 3, 3))
    return services.petition_accept(actor=officer_a, petition=p, at=at(2026, 3, 4))


def test_decision_page_flow_issue_send_papers(client, officer_a, complaint, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(officer_a)
    today = dt.date.today()
    response = client.post(
        reverse("reception:decision_issue", args=[complaint.pk]),
        {
            "decided_on": today.isoformat(),
            "summary": "Bác đơn khiếu nại",
            "document": SimpleUploadedFile("qd.pdf", b"%PDF-1.4 scan", content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    step = PetitionStep.objects.unscoped().get(petition=complaint, kind="decision")
    assert step.clock.kind == "reception.complaint.decision_send" and step.document
    page = client.get(reverse("reception:detail", args=[complaint.pk])).content.decode()
    assert "Bác đơn khiếu nại" in page and reverse("reception:step_deliver", args=[complaint.pk, step.pk]) in page
    for recipient in ("complainant", "superior", "related", "inspectorate"):
        client.post(
            reverse("reception:step_deliver", args=[complaint.pk, step.pk]),
            {"recipient": recipient, "sent_on": today.isoformat(), "method": "post"},
        )
    step.refresh_from_db()
    assert step.completed_at is not None and step.deliveries.count() == 4
    pdf = client.get(reverse("reception:step_paper", args=[complaint.pk, step.pk, "decision", "pdf"]))
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    docx = client.get(reverse("reception:step_paper", args=[complaint.pk, step.pk, "decision", "docx"]))
    text = _docx_text(docx.content)
    assert "QUYẾT ĐỊNH" in text and "Bác đơn khiếu nại" in text and "Thanh tra tỉnh" in text
    scan = client.get(reverse("reception:step_document", args=[complaint.pk, step.pk]))
    assert scan.status_code == 200 and b"".join(scan.streaming_content) == b"%PDF-1.4 scan"
    assert (
        client.get(reverse("reception:step_paper", args=[complaint.pk, step.pk, "accused", "pdf"])).status_code == 404
    )


def test_decision_scan_must_be_a_pdf_or_image(client, officer_a, complaint):
    client.force_login(officer_a)
    client.post(
        reverse("reception:decision_issue", args=[complaint.pk]),
        {
            "decided_on": dt.date.today().isoformat(),
            "summary": "Bác đơn",
            "document": SimpleUploadedFile("qd.exe", b"MZ", content_type="application/octet-stream"),
        },
    )
    assert not PetitionStep.objects.unscoped().filter(petition=complaint).exists()


def test_other_commune_cannot_reach_steps(client, officer_b, officer_a, complaint):
    step = services.complaint_decision_issue(
        actor=officer_a, petition=complaint, decided_on=dt.date(2026, 3, 10), summary="x", at=at(2026, 3, 10)
    )
    client.force_login(officer_b)
    assert (
        client.get(reverse("reception:step_paper", args=[complaint.pk, step.pk, "decision", "pdf"])).status_code == 404
    )
    response = client.post(
        reverse("reception:step_deliver", args=[complaint.pk, step.pk]),
        {"recipient": "complainant", "sent_on": "2026-03-11", "method": "post"},
    )
    assert response.status_code == 404 and step.deliveries.count() == 0


def test_notice_to_the_accused_never_names_the_denouncer(client, commune_a, officer_a, chairman_a):
    p = make_denunciation(commune_a, signed=True, dated=True)
    services.petition_assign(actor=chairman_a, petition=p, handler=officer_a)
    services.petition_classify(actor=officer_a, petition=p, kind="denunciation", at=at(2026, 3, 3))
    p = services.petition_accept(actor=officer_a, petition=p, at=at(2026, 3, 5))
    services.petition_extend(actor=chairman_a, petition=p, reason="Cần xác minh thêm")
    notice = p.steps.get(kind="denunciation_notice")
    extension = p.steps.get(kind="extension_notice")
    client.force_login(officer_a)  # the assigned handler: sees the identity on the page
    page = client.get(reverse("reception:detail", args=[p.pk])).content.decode()
    assert "Trần Bí Mật" in page and f"step-{notice.pk}" in page
    accused = _docx_text(client.get(reverse("reception:step_paper", args=[p.pk, notice.pk, "accused", "docx"])).content)
    assert "Tố cáo cán bộ địa chính" in accused and "Trần Bí Mật" not in accused and "Thôn Đồng Tâm" not in accused
    ext_accused = _docx_text(
        client.get(reverse("reception:step_paper", args=[p.pk, extension.pk, "extension-accused", "docx"])).content
    )
    assert "Cần xác minh thêm" in ext_accused and "Trần Bí Mật" not in ext_accused
    ext_denouncer = _docx_text(
        client.get(reverse("reception:step_paper", args=[p.pk, extension.pk, "extension-denouncer", "docx"])).content
    )
    assert "Trần Bí Mật" in ext_denouncer
    client.post(
        reverse("reception:step_deliver", args=[p.pk, notice.pk]),
        {"recipient": "accused", "sent_on": "2026-03-09", "method": "hand"},
    )
    assert notice.deliveries.filter(recipient="accused").exists()


def test_dialogue_schedule_minutes_and_papers(client, officer_a, complaint):
    client.force_login(officer_a)
    client.post(
        reverse("reception:dialogue_schedule", args=[complaint.pk]),
        {
            "held_at": "2026-03-09T14:00",
            "place": "Phòng họp UBND",
            "content": "Đối chiếu kết quả xác minh",
            "notified_on": "2026-03-05",
        },
    )
    d = ComplaintDialogue.objects.unscoped().get(petition=complaint)
    notice = _docx_text(
        client.get(reverse("reception:dialogue_paper", args=[complaint.pk, d.pk, "notice", "docx"])).content
    )
    assert "Phòng họp UBND" in notice and "Đối chiếu kết quả xác minh" in notice
    assert (
        client.get(reverse("reception:dialogue_paper", args=[complaint.pk, d.pk, "minutes", "pdf"])).status_code == 404
    )
    minutes = {"participants": "Chủ tịch UBND; ông Khiếu", "discussion": "Hai bên trình bày", "results": "Thống nhất"}
    client.post(reverse("reception:dialogue_record", args=[complaint.pk, d.pk]), minutes)  # not signed → refused
    d.refresh_from_db()
    assert d.minutes_at is None
    client.post(reverse("reception:dialogue_record", args=[complaint.pk, d.pk]), {**minutes, "signed": "on"})
    d.refresh_from_db()
    assert d.signed and d.minutes_at is not None
    pdf = client.get(reverse("reception:dialogue_paper", args=[complaint.pk, d.pk, "minutes", "pdf"]))
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    text = _docx_text(
        client.get(reverse("reception:dialogue_paper", args=[complaint.pk, d.pk, "minutes", "docx"])).content
    )
    assert "BIÊN BẢN" in text and "Chủ tịch UBND; ông Khiếu" in text and "Thống nhất" in text


def _info(unit, officer):
    return services.info_request_receive(
        actor=officer,
        unit=unit,
        channel="in_person",
        requester_name="Lò Văn Páo",
        address="Thôn Na",
        id_number="019186001234",
        information="Quyết định giao đất năm 2024",
        delivery="copy",
        purpose="Biết quyền lợi",
        complex_case=True,
        received_at=at(2026, 3, 2),
    )


def test_info_request_papers_02_to_05(client, commune_a, officer_a):
    r = _info(commune_a, officer_a)
    client.force_login(officer_a)
    page = client.get(reverse("reception:info_request", args=[r.pk])).content.decode()
    assert reverse("reception:info_paper", args=[r.pk, "mau-02", "pdf"]) in page
    assert reverse("reception:info_paper", args=[r.pk, "mau-05", "pdf"]) not in page
    receipt = _docx_text(client.get(reverse("reception:info_paper", args=[r.pk, "mau-02", "docx"])).content)
    assert "PHIẾU TIẾP NHẬN" in receipt and "Lò Văn Páo" in receipt and "019186001234" in receipt
    assert "Quyết định giao đất năm 2024" in receipt and r.code in receipt
    pdf = client.get(reverse("reception:info_paper", args=[r.pk, "mau-03", "pdf"]))
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    assert client.get(reverse("reception:info_paper", args=[r.pk, "mau-04", "pdf"])).status_code == 404
    r = services.info_request_extend(actor=officer_a, request=r, reason="Cần tham khảo ý kiến")
    extension = _docx_text(client.get(reverse("reception:info_paper", args=[r.pk, "mau-04", "docx"])).content)
    assert "gia hạn" in extension and "Cần tham khảo ý kiến" in extension and f"{r.due_date.day:02d}/" in extension
    services.info_request_refuse(actor=officer_a, request=r, ground="secret", reason="Thông tin thuộc bí mật nhà nước")
    refusal = _docx_text(client.get(reverse("reception:info_paper", args=[r.pk, "mau-05", "docx"])).content)
    assert "từ chối" in refusal and "Thông tin thuộc bí mật nhà nước" in refusal
    assert client.get(reverse("reception:info_paper", args=[r.pk, "mau-03", "pdf"])).status_code == 404
    assert client.get(reverse("reception:info_paper", args=[r.pk, "mau-09", "pdf"])).status_code == 404


def test_info_papers_of_other_commune_are_404(client, commune_a, officer_a, officer_b):
    r = _info(commune_a, officer_a)
    client.force_login(officer_b)
    assert client.get(reverse("reception:info_paper", args=[r.pk, "mau-02", "pdf"])).status_code == 404


@pytest.mark.urls("thanthien.config.urls")
def test_home_panel_lists_decisions_not_yet_sent(client, officer_a, chairman_a, complaint):
    step = services.complaint_decision_issue(
        actor=officer_a, petition=complaint, decided_on=dt.date(2026, 3, 10), summary="x", at=at(2026, 3, 10)
    )
    client.force_login(chairman_a)
    assert f"#step-{step.pk}" not in client.get("/staff/").content.decode()
    PetitionStep.objects.unscoped().filter(pk=step.pk).update(warned_at=step.started_at)
    client.force_login(officer_a)
    assert f"#step-{step.pk}" in client.get("/staff/").content.decode()
    client.force_login(chairman_a)
    assert f"#step-{step.pk}" not in client.get("/staff/").content.decode()  # leaders: escalated only
    PetitionStep.objects.unscoped().filter(pk=step.pk).update(escalated_at=step.started_at)
    assert f"#step-{step.pk}" in client.get("/staff/").content.decode()
