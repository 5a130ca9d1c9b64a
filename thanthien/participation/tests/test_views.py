"""Staff and public pages: permissions, the fallback flow over HTTP, papers, public vote and opinion."""

import datetime as dt

import pytest
from django.urls import reverse

from thanthien.participation import consultation_services as cs
from thanthien.participation import decision_services as ds
from thanthien.participation import services as s
from thanthien.participation.models import Ballot, Decision, Initiative, Vote
from thanthien.participation.tests.factories import at, make_households
from thanthien.units.tests.factories import HamletFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("thanthien.participation.tests.urls")]


@pytest.fixture
def hamlet(commune_a):
    return HamletFactory(unit=commune_a, name="Đồng Tâm")


def test_staff_pages_need_sign_in_and_scope(client, chairman_a, officer_b, hamlet):
    meeting = s.meeting_create(
        actor=chairman_a,
        hamlet=hamlet,
        title="Họp thôn",
        scheduled_at=at(2026, 3, 20, 19),
        place="NVH",
        convener_name="A",
    )
    url = reverse("participation:meeting", args=[meeting.pk])
    assert client.get(url).status_code == 302
    client.force_login(officer_b)
    assert client.get(url).status_code == 404
    client.force_login(chairman_a)
    page = client.get(url)
    assert page.status_code == 200
    assert "Họp thôn" in page.content.decode()


def test_check_in_by_qr_code_and_live_count_partial(client, chairman_a, hamlet):
    households = make_households(hamlet, 3)
    meeting = s.meeting_create(
        actor=chairman_a, hamlet=hamlet, title="Họp", scheduled_at=at(2026, 3, 20, 19), place="NVH", convener_name="A"
    )
    client.force_login(chairman_a)
    client.post(reverse("participation:meeting_check_in", args=[meeting.pk]), {"code": households[0].code.lower()})
    response = client.post(
        reverse("participation:meeting_check_in", args=[meeting.pk]),
        {"household": households[1].pk},
        HTTP_HX_REQUEST="true",
    )
    assert 'data-testid="present">2<' in response.content.decode()


def test_fallback_ballot_flow_over_http_and_papers(client, chairman_a, officer_a, hamlet):
    households = make_households(hamlet, 4)
    meeting = s.meeting_create(
        actor=chairman_a, hamlet=hamlet, title="Họp", scheduled_at=at(2026, 3, 20, 19), place="NVH", convener_name="A"
    )
    decision = s.agenda_item_add(actor=chairman_a, meeting=meeting, kind="decide", title="Làm đường", matter=6).decision
    s.attendance_check_in(actor=chairman_a, meeting=meeting, household=households[0], at=at(2026, 3, 20, 19))
    client.force_login(chairman_a)
    client.post(reverse("participation:decision_quorum", args=[decision.pk]))
    decision.refresh_from_db()
    assert decision.form == Decision.Form.HOUSEHOLD_BALLOT
    client.post(
        reverse("participation:decision_plan", args=[decision.pk]),
        {
            "plan_adopted_on": "2026-03-21",
            "info_published_on": "2026-03-21",
            "team": "A\nB\nC",
            "opens_at": "2026-03-23T08:00",
            "closes_at": "2099-03-30T17:00",
        },
    )
    client.post(reverse("participation:decision_issue", args=[decision.pk]))
    assert Ballot.objects.unscoped().filter(decision=decision).count() == 4
    pdf = client.get(reverse("participation:decision_ballots", args=[decision.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    codes = list(Ballot.objects.unscoped().filter(decision=decision).values_list("code", flat=True))
    for code in codes[:3]:
        client.post(reverse("participation:decision_collect", args=[decision.pk]), {"code": code})
        client.post(reverse("participation:decision_entry", args=[decision.pk]), {"code": code, "choice": "agree"})
    client.force_login(officer_a)
    for code in codes[:3]:
        client.post(reverse("participation:decision_entry", args=[decision.pk]), {"code": code, "choice": "agree"})
    assert Vote.objects.unscoped().filter(decision=decision).count() == 3
    client.force_login(chairman_a)
    client.post(reverse("participation:decision_close", args=[decision.pk]))
    decision.refresh_from_db()
    assert decision.adopted is True  # 3 of 4 > 50%
    for name in ("decision_minutes", "decision_document"):
        response = client.get(reverse(f"participation:{name}", args=[decision.pk, "pdf"]))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    export = client.get(reverse("participation:decision_export", args=[decision.pk])).content.decode()
    assert export.count("\n") == 2


def test_public_online_vote_by_code_gives_a_receipt_and_refuses_a_second_vote(client, chairman_a, hamlet):
    households = make_households(hamlet, 2)
    decision = Decision.objects.create(
        unit=hamlet.unit,
        hamlet=hamlet,
        matter=6,
        question="Dọn vệ sinh",
        form=Decision.Form.ONLINE_VOTE,
        status=Decision.Status.VOTING,
        opens_at=at(2020, 1, 1),
        closes_at=at(2099, 1, 1),
    )
    ds.ballots_issue(actor=chairman_a, decision=decision, at=at(2026, 3, 1))
    code = Ballot.objects.unscoped().get(decision=decision, household=households[0]).code
    page = client.get(reverse("participation_public:vote_code"), {"code": code})
    assert "Dọn vệ sinh" in page.content.decode()
    done = client.post(reverse("participation_public:vote_code"), {"code": code, "choice": "agree"})
    receipt = Vote.objects.unscoped().get(decision=decision).receipt
    assert receipt in done.content.decode()
    again = client.post(reverse("participation_public:vote_code"), {"code": code, "choice": "disagree"})
    assert Vote.objects.unscoped().filter(decision=decision).count() == 1
    assert "đã biểu quyết" in again.content.decode()
    check = client.get(reverse("participation_public:receipt"), {"receipt": receipt})
    assert households[0].code in check.content.decode()


def test_public_vote_by_phone_needs_a_verified_phone_of_the_representative(client, chairman_a, hamlet):
    households = make_households(hamlet, 2)
    decision = Decision.objects.create(
        unit=hamlet.unit,
        hamlet=hamlet,
        matter=6,
        question="Q",
        form=Decision.Form.ONLINE_VOTE,
        status=Decision.Status.VOTING,
        opens_at=at(2020, 1, 1),
        closes_at=at(2099, 1, 1),
    )
    url = reverse("participation_public:vote_phone", args=[decision.pk])
    assert client.get(url).status_code == 302  # to the phone page
    session = client.session
    session["citizen_phone"] = households[1].members.get().phone
    session.save()
    client.post(url, {"choice": "disagree"})
    vote = Vote.objects.unscoped().get(decision=decision)
    assert (vote.household, vote.choice) == (households[1], "disagree")


def test_public_consultation_takes_an_opinion_and_shows_the_synthesis(client, chairman_a, commune_a):
    c = cs.consultation_create(actor=chairman_a, unit=commune_a, matter=7, title="Quy chế", plan="P", draft="Điều 1")
    url = reverse("participation_public:consultation", args=[c.pk])
    assert client.get(url).status_code == 404  # drafts are not public
    today = dt.date.today()
    cs.consultation_open(actor=chairman_a, consultation=c, published_on=today, closes_on=today + dt.timedelta(days=25))
    response = client.post(url, {"text": "Nên thêm giờ tiếp dân", "stance": "other"})
    assert response.status_code == 200
    opinion = c.opinions.get()
    assert opinion.receipt in response.content.decode()
    c.status = "closed"
    c.save(update_fields=["status"])
    cs.opinion_answer(actor=chairman_a, opinion=opinion, decision="partly_accepted", reason="Thêm chiều thứ Bảy.")
    cs.consultation_publish_synthesis(
        actor=chairman_a, consultation=c, synthesis="Đã tiếp thu", authority_approves=True, at=at(2026, 4, 1)
    )
    page = client.get(url).content.decode()
    assert "Đã tiếp thu" in page and "Thêm chiều thứ Bảy." in page


def test_initiative_pages_collect_support_and_put_it_on_the_agenda(client, chairman_a, hamlet):
    households = make_households(hamlet, 10)
    meeting = s.meeting_create(
        actor=chairman_a,
        hamlet=hamlet,
        title="Họp thôn",
        scheduled_at=at(2099, 3, 20, 19),
        place="NVH",
        convener_name="A",
    )
    client.force_login(chairman_a)
    client.post(
        reverse("participation:initiative_new"),
        {"hamlet": hamlet.pk, "title": "Lắp đèn ngõ 3", "proposer_name": "Phạm Thị Hoa"},
    )
    initiative = Initiative.objects.get()
    url = reverse("participation:initiative", args=[initiative.pk])
    accept = reverse("participation:initiative_accept", args=[initiative.pk])
    client.post(accept, {"meeting": meeting.pk})
    assert initiative.supports.count() == 0 and meeting.agenda.count() == 0  # 0 of 10: refused
    today = dt.date.today().isoformat()
    client.post(
        reverse("participation:initiative_support", args=[initiative.pk]),
        {"code": households[0].code, "signed_on": today},
    )
    assert "ĐẠT" in client.get(url).content.decode()
    client.post(accept, {"meeting": meeting.pk})
    assert meeting.agenda.get().title == "Lắp đèn ngõ 3"


def test_a_candidate_that_is_not_a_number_is_not_found_not_a_500(client, chairman_a, hamlet):
    meeting = s.meeting_create(
        actor=chairman_a, hamlet=hamlet, title="Họp", scheduled_at=at(2026, 3, 20, 19), place="NVH", convener_name="A"
    )
    decision = s.agenda_item_add(actor=chairman_a, meeting=meeting, kind="decide", title="Bầu", matter=4).decision
    client.force_login(chairman_a)
    url = reverse("participation:decision_candidate", args=[decision.pk])
    assert client.post(url, {"candidate": "abc", "votes": "3"}).status_code == 404
