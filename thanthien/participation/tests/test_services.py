"""Services of participation: meetings, fallback ballots, double entry, online votes, initiatives."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thanthien.clocks.models import Clock
from thanthien.participation import decision_services as ds
from thanthien.participation import selectors
from thanthien.participation import services as s
from thanthien.participation import supervision_services as ss
from thanthien.participation.models import Ballot, CommunityMeeting, Decision, Vote
from thanthien.participation.tests.factories import at, make_households
from thanthien.units.models import StaffRole
from thanthien.units.tests.factories import HamletFactory, StaffRoleFactory, UserFactory, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def hamlet(commune_a):
    return HamletFactory(unit=commune_a, name="Đồng Tâm")


@pytest.fixture
def head(hamlet):
    user = UserFactory(username="head", full_name="Trần Văn Thôn")
    StaffRoleFactory(user=user, role=StaffRole.Role.HAMLET_HEAD, unit=hamlet.unit, hamlet=hamlet)
    return user


@pytest.fixture
def clerk2(commune_a):
    return make_staff("one_stop_officer", commune_a, username="clerk2")


def _meeting(head, hamlet, *, matter=6):
    meeting = s.meeting_create(
        actor=head,
        hamlet=hamlet,
        title="Họp thôn tháng 3",
        scheduled_at=at(2026, 3, 20, 19),
        place="Nhà văn hóa",
        convener_name="Trần Văn Thôn",
    )
    item = s.agenda_item_add(actor=head, meeting=meeting, kind="decide", title="Dọn vệ sinh hằng tháng", matter=matter)
    return meeting, item.decision


def test_hamlet_head_of_another_hamlet_cannot_create_a_meeting(head, commune_a):
    other = HamletFactory(unit=commune_a)
    with pytest.raises(PermissionDenied):
        s.meeting_create(
            actor=head, hamlet=other, title="x", scheduled_at=at(2026, 3, 20), place="x", convener_name="x"
        )


def test_officer_may_not_convene_but_may_check_in(officer_a, head, hamlet):
    with pytest.raises(PermissionDenied):
        s.meeting_create(
            actor=officer_a, hamlet=hamlet, title="x", scheduled_at=at(2026, 3, 20), place="x", convener_name="x"
        )
    meeting, _ = _meeting(head, hamlet)
    household = make_households(hamlet, 1)[0]
    s.attendance_check_in(actor=officer_a, meeting=meeting, household=household, at=at(2026, 3, 20, 19))
    assert selectors.meeting_live_count(meeting) == {"total": 1, "present": 1, "percent": 100}


def test_notice_one_day_ahead_is_refused_and_two_days_ahead_accepted(head, hamlet):
    meeting, _ = _meeting(head, hamlet)
    with pytest.raises(ValidationError):
        s.meeting_notice_send(actor=head, meeting=meeting, sent_on=dt.date(2026, 3, 19), channels=["invitation"])
    s.meeting_notice_send(actor=head, meeting=meeting, sent_on=dt.date(2026, 3, 18), channels=["invitation", "radio"])
    assert meeting.status == CommunityMeeting.Status.NOTICED


def test_contribution_items_need_documents_two_days_ahead(head, hamlet):
    meeting, _ = _meeting(head, hamlet, matter=1)
    with pytest.raises(ValidationError) as exc:
        s.meeting_notice_send(actor=head, meeting=meeting, sent_on=dt.date(2026, 3, 17), channels=["invitation"])
    assert "documents_sent_on" in exc.value.message_dict
    s.meeting_notice_send(
        actor=head,
        meeting=meeting,
        sent_on=dt.date(2026, 3, 17),
        channels=["invitation"],
        documents_sent_on=dt.date(2026, 3, 18),
    )


def test_reach_counts_each_household_once_across_channels(head, hamlet):
    meeting, _ = _meeting(head, hamlet)
    h1, h2, _h3 = make_households(hamlet, 3)
    for channel in ("invitation", "sms"):
        s.notice_delivery_record(
            actor=head, meeting=meeting, household=h1, channel=channel, informed_at=at(2026, 3, 17)
        )
    s.notice_delivery_record(actor=head, meeting=meeting, household=h2, channel="phone", informed_at=at(2026, 3, 17))
    reach = selectors.meeting_reach(meeting)
    assert (reach.total, reach.informed, reach.percent) == (3, 2, 67)


def test_second_check_in_of_a_household_is_refused(head, hamlet):
    meeting, _ = _meeting(head, hamlet)
    household = make_households(hamlet, 1)[0]
    s.attendance_check_in(actor=head, meeting=meeting, household=household, at=at(2026, 3, 20, 19))
    with pytest.raises(ValidationError):
        s.attendance_check_in(actor=head, meeting=meeting, household=household, at=at(2026, 3, 20, 19, 5), method="qr")
    assert selectors.meeting_live_count(meeting)["present"] == 1


def test_secretary_and_counters_need_more_than_half_of_those_present(head, hamlet):
    meeting, _ = _meeting(head, hamlet)
    for household in make_households(hamlet, 10):
        s.attendance_check_in(actor=head, meeting=meeting, household=household, at=at(2026, 3, 20, 19))
    with pytest.raises(ValidationError):
        s.meeting_officers_adopt(
            actor=head,
            meeting=meeting,
            secretary_name="Lan",
            vote_counters=["A", "B", "C"],
            agree=5,
            vote_method="hands",
        )
    with pytest.raises(ValidationError):  # secret ballot: only 2 counters
        s.meeting_officers_adopt(
            actor=head,
            meeting=meeting,
            secretary_name="Lan",
            vote_counters=["A", "B"],
            agree=6,
            vote_method="secret",
            witnesses=["X", "Y"],
        )
    s.meeting_officers_adopt(
        actor=head,
        meeting=meeting,
        secretary_name="Lan",
        vote_counters=["A", "B", "C"],
        agree=6,
        vote_method="secret",
        witnesses=["X", "Y"],
    )
    assert meeting.procedural_present == 10


def test_meeting_short_of_households_falls_back_to_a_ballot_that_adopts_by_all_households(head, hamlet, clerk2):
    households = make_households(hamlet, 10)
    meeting, decision = _meeting(head, hamlet)
    for household in households[:5]:  # 5 of 10: item 6 needs 6 agreeing
        s.attendance_check_in(actor=head, meeting=meeting, household=household, at=at(2026, 3, 20, 19))
    ds.decision_quorum_check(actor=head, decision=decision, at=at(2026, 3, 20, 19, 30))
    assert decision.form == Decision.Form.HOUSEHOLD_BALLOT
    assert "meeting_short" in decision.grounds
    assert decision.status == Decision.Status.DRAFT

    ds.decision_ballot_plan(
        actor=head,
        decision=decision,
        plan_adopted_on=dt.date(2026, 3, 21),
        info_published_on=dt.date(2026, 3, 21),
        team=["Mặt trận", "B", "C"],
        opens_at=at(2026, 3, 23),
        closes_at=at(2026, 3, 30, 17),
    )
    assert ds.ballots_issue(actor=head, decision=decision, at=at(2026, 3, 23)) == 10
    assert ds.ballots_issue(actor=head, decision=decision, at=at(2026, 3, 23)) == 0  # idempotent
    ballots = list(selectors.ballots_for_print(decision))
    assert len({b.code for b in ballots}) == 10
    for ballot in ballots[:6]:
        ds.ballot_collect(actor=head, ballot=ballot, at=at(2026, 3, 25))
        assert ds.ballot_entry_record(actor=head, ballot=ballot, choice="agree") == "waiting"
        assert ds.ballot_entry_record(actor=clerk2, ballot=ballot, choice="agree") == "recorded"
    with pytest.raises(ValidationError):  # one witness is not enough (NĐ 59 Điều 4: two households)
        ds.decision_close(actor=head, decision=decision, at=at(2026, 3, 30, 17), witnesses=["Đỗ Văn X"])
    ds.decision_close(actor=head, decision=decision, at=at(2026, 3, 30, 17), witnesses=["Đỗ Văn X", "Lê Thị Y"])
    assert (decision.agree, decision.total_households, decision.adopted) == (6, 10, True)
    assert decision.witnesses == ["Đỗ Văn X", "Lê Thị Y"]
    assert Clock.objects.unscoped().filter(kind="participation.decision_document", subject_id=str(decision.pk)).exists()


def test_five_of_ten_agreeing_is_not_adopted(head, hamlet, clerk2):
    households = make_households(hamlet, 10)
    decision = ds.decision_create(actor=head, hamlet=hamlet, matter=6, question="Q", grounds=["hamlet_leaders_choice"])
    ds.decision_ballot_plan(
        actor=head,
        decision=decision,
        plan_adopted_on=dt.date(2026, 3, 21),
        info_published_on=dt.date(2026, 3, 21),
        team=["A", "B", "C"],
        opens_at=at(2026, 3, 23),
        closes_at=at(2026, 3, 30, 17),
    )
    ds.ballots_issue(actor=head, decision=decision, at=at(2026, 3, 23))
    for household in households[:5]:
        ds.vote_cast(
            actor=head,
            decision=decision,
            household=household,
            channel="paper_ballot",
            choice="agree",
            at=at(2026, 3, 24),
        )
    ds.decision_close(actor=head, decision=decision, at=at(2026, 3, 30, 17))
    assert decision.adopted is False
    assert "KHÔNG ĐẠT" in decision.result_explanation


def test_double_entry_mismatch_counts_nothing_until_resolved(head, hamlet, clerk2):
    make_households(hamlet, 3)
    decision = ds.decision_create(actor=head, hamlet=hamlet, matter=6, question="Q", grounds=["hamlet_leaders_choice"])
    ds.decision_ballot_plan(
        actor=head,
        decision=decision,
        plan_adopted_on=dt.date(2026, 3, 21),
        info_published_on=dt.date(2026, 3, 21),
        team=["A", "B", "C"],
        opens_at=at(2026, 3, 23),
        closes_at=at(2026, 3, 30, 17),
    )
    ds.ballots_issue(actor=head, decision=decision, at=at(2026, 3, 23))
    ballot = Ballot.objects.unscoped().filter(decision=decision).first()
    ds.ballot_collect(actor=head, ballot=ballot, at=at(2026, 3, 24))
    ds.ballot_entry_record(actor=head, ballot=ballot, choice="agree")
    with pytest.raises(ValidationError):
        ds.ballot_entry_record(actor=head, ballot=ballot, choice="agree")  # the same clerk twice
    assert ds.ballot_entry_record(actor=clerk2, ballot=ballot, choice="disagree") == "mismatch"
    assert not Vote.objects.unscoped().filter(decision=decision).exists()
    assert selectors.ballot_mismatches(decision) == [ballot]
    ds.ballot_entry_resolve(actor=head, ballot=ballot, choice="disagree")
    assert selectors.ballot_mismatches(decision) == []


def test_a_household_is_counted_once_across_channels_and_rules_lock_at_first_vote(head, hamlet):
    households = make_households(hamlet, 4)
    meeting, decision = _meeting(head, hamlet)
    for household in households:
        s.attendance_check_in(actor=head, meeting=meeting, household=household, at=at(2026, 3, 20, 19))
    ds.decision_quorum_check(actor=head, decision=decision, at=at(2026, 3, 20, 19, 30))
    assert decision.status == Decision.Status.VOTING
    ds.meeting_votes_record(actor=head, decision=decision, choices={households[0].pk: "agree"}, at=at(2026, 3, 20, 20))
    decision.refresh_from_db()
    assert decision.is_locked
    with pytest.raises(ValidationError):
        ds.decision_update(actor=head, decision=decision, question="Đổi câu hỏi")
    with pytest.raises(ValidationError):
        ds.meeting_votes_record(
            actor=head, decision=decision, choices={households[0].pk: "disagree"}, at=at(2026, 3, 20, 20)
        )
    assert Vote.objects.unscoped().filter(decision=decision).count() == 1


def test_meeting_with_enough_households_decides_and_starts_the_clocks(head, hamlet, chairman_a):
    households = make_households(hamlet, 5)
    meeting, decision = _meeting(head, hamlet, matter=3)  # village covenant: recognised by the UBND
    for household in households:
        s.attendance_check_in(actor=head, meeting=meeting, household=household, at=at(2026, 3, 20, 19))
    ds.decision_quorum_check(actor=head, decision=decision, at=at(2026, 3, 20, 19, 30))
    ds.meeting_votes_record(
        actor=head,
        decision=decision,
        choices={h.pk: "agree" if i < 3 else "disagree" for i, h in enumerate(households)},
        at=at(2026, 3, 20, 20),
    )
    ds.decision_close(actor=head, decision=decision, at=at(2026, 3, 20, 20, 30))
    assert decision.adopted is True
    assert decision.recognition == Decision.Recognition.WAITING
    assert ds.decision_due_dates(decision)["decision_document"] == dt.date(2026, 3, 27)
    ds.decision_sent_to_commune(actor=head, decision=decision, on=dt.date(2026, 3, 23))
    with pytest.raises(PermissionDenied):  # the hamlet head does not recognise his own decision
        ds.decision_recognise(actor=head, decision=decision, on=dt.date(2026, 3, 25))
    ds.decision_recognise(actor=chairman_a, decision=decision, on=dt.date(2026, 3, 25))
    assert decision.recognition == Decision.Recognition.RECOGNISED
    assert Clock.objects.unscoped().filter(kind="participation.recognition", subject_id=str(decision.pk)).exists()


def test_election_elects_candidates_with_more_than_half_of_all_households(head, hamlet):
    make_households(hamlet, 10)
    _meeting_obj, decision = _meeting(head, hamlet, matter=4)
    a = ds.candidate_add(actor=head, decision=decision, full_name="Lê Văn A")
    b = ds.candidate_add(actor=head, decision=decision, full_name="Lê Văn B")
    decision.status = Decision.Status.VOTING
    decision.save(update_fields=["status"])
    ds.candidate_votes_set(actor=head, candidate=a, votes=6)
    ds.candidate_votes_set(actor=head, candidate=b, votes=5)
    ds.decision_close(actor=head, decision=decision, at=at(2026, 3, 20, 21))
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.elected, b.elected) == (True, False)
    assert decision.adopted is True
    assert "Bầu Lê Văn A: 6/10" in decision.result_explanation


def test_online_vote_only_for_item_six_and_after_the_preliminary_poll(head, hamlet):
    households = make_households(hamlet, 4)
    covenant = ds.decision_create(actor=head, hamlet=hamlet, matter=3, question="Hương ước", form="meeting")
    with pytest.raises(ValidationError):
        ds.online_poll_open(
            actor=head,
            decision=covenant,
            team=["A", "B", "C"],
            opens_at=at(2026, 3, 1),
            closes_at=at(2026, 3, 3),
            leaders_agreed=True,
            devices_available=True,
        )
    decision = ds.decision_create(actor=head, hamlet=hamlet, matter=6, question="Q", form="meeting")
    poll = ds.online_poll_open(
        actor=head,
        decision=decision,
        team=["A", "B", "C"],
        opens_at=at(2026, 3, 1),
        closes_at=at(2026, 3, 3),
        leaders_agreed=True,
        devices_available=True,
    )
    with pytest.raises(ValidationError):
        ds.online_vote_open(actor=head, decision=decision, opens_at=at(2026, 3, 4), closes_at=at(2026, 3, 6))
    for household in households[:2]:  # 2 of 4 is not more than half
        ds.vote_cast(
            actor=None, decision=poll, household=household, channel="online", choice="agree", at=at(2026, 3, 2)
        )
    ds.decision_close(actor=head, decision=poll, at=at(2026, 3, 3))
    assert poll.adopted is False
    decision.refresh_from_db()
    with pytest.raises(ValidationError):
        ds.online_vote_open(actor=head, decision=decision, opens_at=at(2026, 3, 4), closes_at=at(2026, 3, 6))


def test_online_vote_with_receipt_and_audit_retally(head, hamlet):
    households = make_households(hamlet, 4)
    decision = ds.decision_create(actor=head, hamlet=hamlet, matter=6, question="Q", form="meeting")
    poll = ds.online_poll_open(
        actor=head,
        decision=decision,
        team=["A", "B", "C"],
        opens_at=at(2026, 3, 1),
        closes_at=at(2026, 3, 3),
        leaders_agreed=True,
        devices_available=True,
    )
    for household in households[:3]:
        ds.vote_cast(
            actor=None, decision=poll, household=household, channel="online", choice="agree", at=at(2026, 3, 2)
        )
    ds.decision_close(actor=head, decision=poll, at=at(2026, 3, 3))
    decision.refresh_from_db()
    ds.online_vote_open(actor=head, decision=decision, opens_at=at(2026, 3, 4), closes_at=at(2026, 3, 6))
    decision.refresh_from_db()
    assert decision.status == Decision.Status.VOTING
    code = Ballot.objects.unscoped().get(decision=decision, household=households[0]).code
    ballot = selectors.public_ballot_by_code(code.lower())
    vote = ds.vote_cast(
        actor=None,
        decision=decision,
        household=ballot.household,
        channel="online",
        choice="other",
        other_text="Làm vào Chủ nhật",
        at=at(2026, 3, 5),
        voter_label="mã hộ",
    )
    with pytest.raises(ValidationError):
        ds.vote_cast(
            actor=None, decision=decision, household=households[0], channel="online", choice="agree", at=at(2026, 3, 5)
        )
    with pytest.raises(ValidationError):  # after the close
        ds.vote_cast(
            actor=None, decision=decision, household=households[1], channel="online", choice="agree", at=at(2026, 3, 7)
        )
    with pytest.raises(ValidationError):  # staff cannot cast an online vote for a household
        ds.vote_cast(
            actor=head, decision=decision, household=households[1], channel="online", choice="agree", at=at(2026, 3, 5)
        )
    ds.vote_cast(
        actor=None, decision=decision, household=households[1], channel="online", choice="agree", at=at(2026, 3, 5)
    )
    assert selectors.public_vote_by_receipt(vote.receipt).household == households[0]
    exported = selectors.vote_audit_export(decision)
    again = selectors.tally_from_export(exported, s.hamlet_roll(hamlet))
    live = selectors.decision_result(decision)
    assert (again.agree, again.disagree, again.other, again.voted) == (live.agree, live.disagree, live.other, 2)


def test_cluster_meetings_need_200_households(head, hamlet):
    make_households(hamlet, 199)
    kwargs = {
        "actor": head,
        "hamlet": hamlet,
        "title": "Cụm 1",
        "scheduled_at": at(2026, 3, 20),
        "place": "x",
        "convener_name": "x",
    }
    with pytest.raises(ValidationError):
        s.meeting_create(cluster="Cụm 1", **kwargs)
    make_households(hamlet, 1, start=500)
    assert s.meeting_create(cluster="Cụm 1", **kwargs).cluster == "Cụm 1"


def test_initiative_needs_ten_percent_of_households_with_support_under_three_months(head, hamlet):
    households = make_households(hamlet, 20)
    meeting, _ = _meeting(head, hamlet)
    initiative = ss.initiative_create(actor=head, hamlet=hamlet, title="Đèn đường", proposer_name="Hoa")
    ss.initiative_support_add(actor=head, initiative=initiative, household=households[0], signed_on=dt.date(2026, 3, 1))
    ss.initiative_support_add(
        actor=head, initiative=initiative, household=households[1], signed_on=dt.date(2025, 11, 1)
    )
    with pytest.raises(ValidationError):  # the November support expired: 1 of 20 < 10%
        ss.initiative_accept(actor=head, initiative=initiative, meeting=meeting, today=dt.date(2026, 3, 10))
    ss.initiative_support_add(actor=head, initiative=initiative, household=households[2], signed_on=dt.date(2026, 3, 2))
    item = ss.initiative_accept(actor=head, initiative=initiative, meeting=meeting, today=dt.date(2026, 3, 10))
    assert item.decision.matter == 6


def test_progress_is_public_only_for_a_published_decision(head, hamlet):
    decision = ds.decision_create(actor=head, hamlet=hamlet, matter=6, question="Q", grounds=["hamlet_leaders_choice"])
    with pytest.raises(ValidationError):
        ss.decision_publish(actor=head, decision=decision)
    ss.progress_add(actor=head, decision=decision, on=dt.date(2026, 4, 1), status="in_progress", note="Khởi công")
    with pytest.raises(Decision.DoesNotExist):
        selectors.public_decision_get(decision.pk)
