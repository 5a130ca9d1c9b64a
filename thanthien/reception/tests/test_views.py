"""Staff and public pages: status codes, permissions, masking on the page, no-JS public flow."""

import pytest
from django.urls import reverse

from thanthien.reception import services
from thanthien.reception.domain.masking import MASK
from thanthien.reception.models import Petition

from .factories import make_denunciation, make_petition

pytestmark = [pytest.mark.django_db, pytest.mark.urls("thanthien.reception.tests.urls")]


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("reception:list"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_officer_list_and_detail(client, officer_a, commune_a):
    p = make_petition(commune_a)
    client.force_login(officer_a)
    response = client.get(reverse("reception:list"))
    assert response.status_code == 200 and p.code in response.content.decode()
    assert client.get(reverse("reception:detail", args=[p.pk])).status_code == 200


def test_other_commune_detail_is_404(client, officer_b, commune_a):
    p = make_petition(commune_a)
    client.force_login(officer_b)
    assert client.get(reverse("reception:detail", args=[p.pk])).status_code == 404
    assert p.code not in client.get(reverse("reception:list")).content.decode()


def test_list_query_count_is_fixed(client, officer_a, commune_a, django_assert_max_num_queries):
    for _ in range(3):
        make_petition(commune_a)
    client.force_login(officer_a)
    client.get(reverse("reception:list"))  # warm caches (session, roles)
    with django_assert_max_num_queries(12) as ctx:
        client.get(reverse("reception:list"))
    small = len(ctx.captured_queries)
    for _ in range(20):
        make_petition(commune_a)
    with django_assert_max_num_queries(small):
        client.get(reverse("reception:list"))


def test_denouncer_masked_on_pages_and_export(client, officer_a, officer2_a, chairman_a, commune_a):
    p = make_denunciation(commune_a, signed=True, dated=True)
    services.petition_assign(actor=chairman_a, petition=p, handler=officer_a)
    client.force_login(officer2_a)
    for url in (
        reverse("reception:list"),
        reverse("reception:detail", args=[p.pk]),
        reverse("reception:list") + "?format=csv",
    ):
        body = client.get(url).content.decode()
        assert "Trần Bí Mật" not in body and "0912345678" not in body
    assert MASK in client.get(reverse("reception:detail", args=[p.pk])).content.decode()
    client.force_login(officer_a)
    assert "Trần Bí Mật" in client.get(reverse("reception:detail", args=[p.pk])).content.decode()


def test_officer_registers_classifies_and_answers(client, officer_a, commune_a):
    client.force_login(officer_a)
    response = client.post(
        reverse("reception:new"),
        {
            "channel": "hotline",
            "topic": "roads",
            "subject": "Ổ gà",
            "content": "Đường thôn có ổ gà",
            "signatories": 1,
            "representatives": 0,
        },
    )
    p = Petition.objects.unscoped().get()
    assert response.status_code == 302 and p.channel == "hotline"
    client.post(
        reverse("reception:classify", args=[p.pk]),
        {
            "kind": "report",
            "in_vietnamese": "on",
            "has_name": "on",
            "has_address": "on",
            "signatories": 1,
            "representatives": 0,
        },
    )
    client.post(reverse("reception:answer", args=[p.pk]), {"answer": "Đã vá đường"})
    p.refresh_from_db()
    assert (p.kind, p.status, p.answer) == ("report", "answered", "Đã vá đường")


def test_notice_pdf(client, officer_a, commune_a):
    p = make_petition(commune_a)
    client.force_login(officer_a)
    response = client.get(reverse("reception:notice", args=[p.pk, "acceptance", "pdf"]))
    assert response.status_code == 200 and response.content[:4] == b"%PDF"
    assert client.get(reverse("reception:notice", args=[p.pk, "bogus", "pdf"])).status_code == 404


def test_public_report_track_rate_without_login(client, commune_a, officer_a):
    response = client.post(
        reverse("reception_public:new", args=[commune_a.slug]),
        {
            "topic": "waste",
            "subject": "Rác",
            "content": "Rác tồn đọng ở chợ",
            "submitter_name": "Bà Hoa",
            "submitter_phone": "0911111111",
        },
    )
    p = Petition.objects.unscoped().get()
    assert response.status_code == 302 and response["Location"].endswith(f"/tra-cuu/{p.code}/")
    page = client.get(response["Location"]).content.decode()
    assert p.code in page and "Bà Hoa" not in page
    services.petition_answer(actor=officer_a, petition=p, answer="Đã thu gom")
    assert "Đã thu gom" in client.get(response["Location"]).content.decode()
    client.post(reverse("reception_public:rate", args=[p.code]), {"rating": "4", "comment": "Tốt"})
    p.refresh_from_db()
    assert p.rating == 4
    client.post(reverse("reception_public:reopen", args=[p.code]), {"reason": "Lại có rác"})
    p.refresh_from_db()
    assert p.status == "reopened"


def test_public_lookup_unknown_code_is_404(client):
    assert client.get(reverse("reception_public:track", args=["PA-000000-XXXXXXXX"])).status_code == 404
    response = client.get(reverse("reception_public:lookup"), {"code": "pa-260101-abcdefgh"})
    assert response.status_code == 302 and response["Location"].endswith("/PA-260101-ABCDEFGH/")


def test_public_schedule_and_info_request(client, commune_a):
    assert client.get(reverse("reception_public:schedule", args=[commune_a.slug])).status_code == 200
    response = client.post(
        reverse("reception_public:info_new", args=[commune_a.slug]),
        {
            "requester_name": "Lò Văn Páo",
            "address": "Thôn Na",
            "id_number": "019186001234",
            "information": "Quy hoạch",
            "delivery": "email",
            "purpose": "Tìm hiểu",
        },
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    response = client.post(reverse("reception_public:info_new", args=[commune_a.slug]), {"requester_name": "A"})
    assert response.status_code == 200 and "id_number" in response.content.decode()


def test_public_published_answers_have_no_personal_data(client, commune_a, officer_a):
    p = make_petition(commune_a, submitter_name="Đinh Văn Kín")
    services.petition_answer(
        actor=officer_a, petition=p, answer="Gửi ông Đinh Văn Kín (0912345678): đã sửa.", publish=True
    )
    body = client.get(reverse("reception_public:answers", args=[commune_a.slug])).content.decode()
    assert "đã sửa" in body and "Đinh Văn Kín" not in body and "0912345678" not in body


def test_staff_sessions_and_info_pages(client, officer_a, commune_a):
    client.force_login(officer_a)
    assert client.get(reverse("reception:sessions")).status_code == 200
    assert client.get(reverse("reception:info_requests")).status_code == 200


def test_dialogue_conference_questions_answers_published(client, officer_a, commune_a):
    import datetime as dt

    from django.utils import timezone

    from thanthien.reception.models import DialogueConference, DialogueQuestion

    client.force_login(officer_a)
    when = (timezone.localtime() + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    client.post(
        reverse("reception:conferences"),
        {"action": "schedule", "title": "Đối thoại quý IV", "held_at": when, "place": "Hội trường"},
    )
    conference = DialogueConference.objects.unscoped().get()
    client.logout()
    public = reverse("reception_public:dialogue", args=[commune_a.slug])
    client.post(public, {"conference": conference.pk, "question": "Khi nào làm đường liên thôn?"})
    question = DialogueQuestion.objects.unscoped().get()
    assert "Năm 2027" not in client.get(public).content.decode()
    client.force_login(officer_a)
    client.post(reverse("reception:conferences"), {"action": "answer", "question": question.pk, "answer": "Năm 2027"})
    client.post(reverse("reception:conferences"), {"action": "publish", "conference": conference.pk})
    client.logout()
    assert "Năm 2027" in client.get(public).content.decode()


def test_home_panel_shows_escalated_items_to_the_chairman(client, chairman_a, commune_a):
    p = make_petition(commune_a)
    Petition.objects.unscoped().filter(pk=p.pk).update(escalated_at=p.received_at, warned_at=p.received_at)
    client.force_login(chairman_a)
    body = client.get("/staff/").content.decode()
    assert p.code in body


def test_sessions_page_checks_the_chairman_frequency(client, officer_a, commune_a):
    import datetime as dt

    from thanthien.reception.selectors import chairman_frequency_status

    june = chairman_frequency_status(unit=commune_a, today=dt.date(2026, 6, 15))
    july = chairman_frequency_status(unit=commune_a, today=dt.date(2026, 7, 15))
    assert (june["required"], june["ok"]) == (5, False)  # 1 a week: June 2026 spans 5 weeks
    assert july["required"] == 2 and july["rule"].valid_from == dt.date(2026, 7, 1)
    client.force_login(officer_a)
    assert 'id="frequency"' in client.get(reverse("reception:sessions")).content.decode()


def test_the_bare_public_address_leads_to_the_lookup_and_to_the_communes(client):
    response = client.get("/phan-anh/", follow=True)
    assert response.redirect_chain == [("/phan-anh/tra-cuu/", 302)]
    assert 'href="/xa/"' in response.content.decode()


def test_a_question_for_a_conference_that_is_not_a_number_is_not_found_not_a_500(client, commune_a):
    url = reverse("reception_public:dialogue", args=[commune_a.slug])
    assert client.post(url, {"conference": "abc", "question": "Đường thôn bao giờ làm?"}).status_code == 404
