"""Legal time limits as effective-dated rows, computed on the shared working-day engine (no DB)."""

import datetime as dt

import pytest

from thanthien.clocks.domain.calendar import WorkingCalendar
from thanthien.clocks.domain.sources import ANNOUNCED_SWAPS, statutory_holidays
from thanthien.reception.domain import rules
from thanthien.reception.domain.classification import Facts, Issue, Kind, classify, eligibility_issues
from thanthien.reception.domain.codes import normalise_code, tracking_code
from thanthien.reception.domain.masking import MASK, redact
from thanthien.reception.domain.status import Status, can_move, open311_status, open311_statuses

D = dt.date


@pytest.fixture(scope="module")
def cal():
    return WorkingCalendar(
        first_year=2024, last_year=2027, holidays=statutory_holidays(2024, 2027), overrides=ANNOUNCED_SWAPS
    )


@pytest.mark.parametrize(
    ("code", "on", "amount", "measure"),
    [
        ("reception.answer", D(2025, 1, 1), 10, "working_days"),
        ("reception.chairman_frequency", D(2026, 6, 30), 1, "per_week"),
        ("reception.chairman_frequency", D(2026, 7, 1), 2, "per_month"),
        ("complaint.acceptance", D(2026, 1, 5), 10, "working_days"),
        ("complaint.resolution", D(2026, 1, 5), 30, "calendar_days"),
        ("complaint.resolution.remote_complex", D(2026, 1, 5), 60, "calendar_days"),
        ("complaint.decision_send", D(2026, 1, 5), 3, "working_days"),
        ("denunciation.initial", D(2026, 1, 5), 7, "working_days"),
        ("denunciation.initial.multi_place", D(2026, 1, 5), 10, "working_days"),
        ("denunciation.forward", D(2026, 1, 5), 5, "working_days"),
        ("denunciation.resolution", D(2026, 1, 5), 30, "calendar_days"),
        ("feedback.forward", D(2026, 1, 5), 5, "working_days"),
        ("board.answer", D(2026, 1, 5), 15, "calendar_days"),
        ("info.in_person.simple", D(2026, 1, 5), 0, "immediate"),
        ("info.electronic.simple", D(2026, 1, 5), 3, "working_days"),
        ("info.post.simple", D(2026, 1, 5), 5, "working_days"),
        ("info.post.complex", D(2026, 1, 5), 15, "working_days"),
    ],
)
def test_rule_in_force_on_a_day(code, on, amount, measure):
    rule = rules.rule_for(code, on)
    assert (rule.amount, rule.measure.value) == (amount, measure)


def test_online_reception_notice_exists_only_from_the_amendment():
    with pytest.raises(rules.UnknownRule):
        rules.rule_for("reception.online_notice_ahead", D(2026, 6, 30))
    assert rules.rule_for("reception.online_notice_ahead", D(2026, 7, 1)).amount == 5


@pytest.mark.parametrize(
    ("remote", "complex_case", "days"),
    [(False, False, 30), (False, True, 45), (True, False, 45), (True, True, 60)],
)
def test_complaint_resolution_depends_on_the_remote_flag(remote, complex_case, days):
    code = rules.complaint_resolution_code(remote=remote, complex_case=complex_case)
    assert rules.rule_for(code, D(2026, 1, 5)).amount == days


@pytest.mark.parametrize(
    ("code", "start", "due"),
    [
        # 10 working days from Mon 5/1/2026: Mon 19/1/2026
        ("reception.answer", D(2026, 1, 5), D(2026, 1, 19)),
        # across Tết 2026 (14–22/2/2026 off): 7 working days from Thu 12/2: Fri 13/2 is day 1,
        # Mon 23/2 day 2 … Mon 2/3 day 7
        ("denunciation.initial", D(2026, 2, 12), D(2026, 3, 2)),
        # 30 calendar days from 2/3/2026 end 1/4/2026 (a Wednesday)
        ("complaint.resolution", D(2026, 3, 2), D(2026, 4, 1)),
        # 30 calendar days ending on a Saturday roll to Monday (BLDS Điều 148)
        ("denunciation.resolution", D(2026, 3, 5), D(2026, 4, 6)),
        ("info.in_person.simple", D(2026, 3, 5), D(2026, 3, 5)),
        ("complaint.decision_send", D(2026, 4, 29), D(2026, 5, 6)),
    ],
)
def test_due_dates_on_the_working_day_engine(cal, code, start, due):
    assert rules.compute_due(rules.rule_for(code, start), start, cal) == due


def test_frequency_is_not_a_period(cal):
    with pytest.raises(ValueError):
        rules.compute_due(rules.rule_for("reception.chairman_frequency", D(2026, 1, 1)), D(2026, 1, 1), cal)


@pytest.mark.parametrize(
    ("on", "first", "last", "sessions"),
    [
        (D(2026, 6, 1), D(2026, 6, 1), D(2026, 6, 28), 4),  # 1 a week, 4 weeks
        (D(2026, 7, 1), D(2026, 7, 1), D(2026, 9, 30), 6),  # 2 a month, 3 months
    ],
)
def test_chairman_frequency_changes_on_1_7_2026(on, first, last, sessions):
    assert rules.chairman_sessions_required(on, first=first, last=last) == sessions


@pytest.mark.parametrize(("published", "ok"), [(D(2026, 3, 2), True), (D(2026, 3, 3), False)])
def test_schedule_published_five_working_days_ahead(cal, published, ok):
    # session Mon 9/3/2026; published Mon 2/3 → 5 working days; Tue 3/3 → 4
    assert (
        rules.schedule_published_in_time(session_day=D(2026, 3, 9), published_on=published, calendar=cal, on=published)
        is ok
    )


@pytest.mark.parametrize(("used", "ok"), [(0, True), (1, True), (2, False)])
def test_denunciation_has_at_most_two_extensions(used, ok):
    assert rules.can_extend_denunciation(used, D(2026, 1, 5)) is ok


@pytest.mark.parametrize(
    ("channel", "complex_case", "extension", "code"),
    [
        ("in_person", False, False, "info.in_person.simple"),
        ("electronic", True, False, "info.electronic.complex"),
        ("post", False, True, "info.post.extension"),
    ],
)
def test_info_request_codes(channel, complex_case, extension, code):
    assert rules.info_request_code(channel=channel, complex_case=complex_case, extension=extension) == code


def test_info_request_unknown_channel():
    with pytest.raises(ValueError):
        rules.info_request_code(channel="fax-ish", complex_case=False)


@pytest.mark.parametrize(
    ("kind", "facts", "issues"),
    [
        ("complaint", Facts(), []),
        ("complaint", Facts(signed=False), [Issue.UNSIGNED]),
        ("complaint", Facts(signed=False, written=False), []),
        ("complaint", Facts(dated=False, names_respondent=False), [Issue.UNDATED, Issue.NO_RESPONDENT]),
        ("denunciation", Facts(has_name=False), [Issue.NO_NAME]),
        ("denunciation", Facts(names_accused=False, states_violation=False), [Issue.NO_ACCUSED, Issue.NO_VIOLATION]),
        ("report", Facts(has_name=False, signed=False, has_address=False), []),
        ("report", Facts(already_guided=True), [Issue.ALREADY_GUIDED]),
        ("recommendation", Facts(in_vietnamese=False), [Issue.NOT_VIETNAMESE]),
        ("complaint", Facts(already_handled=True), [Issue.ALREADY_HANDLED]),
        ("complaint", Facts(already_handled=True, new_complaint_allowed=True), []),
        ("complaint", Facts(sent_to_many=True), [Issue.SENT_TO_MANY]),
        ("complaint", Facts(signatories=4), []),
        ("complaint", Facts(signatories=5), [Issue.NO_REPRESENTATIVE]),
        ("complaint", Facts(signatories=8, representatives=2), []),
        ("complaint", Facts(signatories=8, representatives=3), [Issue.TOO_MANY_REPRESENTATIVES]),
        ("complaint", Facts(signatories=30, representatives=5), []),
        ("complaint", Facts(signatories=30, representatives=6), [Issue.TOO_MANY_REPRESENTATIVES]),
        ("mixed", Facts(names_accused=False), [Issue.NO_ACCUSED]),
    ],
)
def test_eligibility_checks(kind, facts, issues):
    assert eligibility_issues(kind, facts) == issues


def test_classify_marks_not_eligible():
    assert classify(Kind.COMPLAINT, Facts(signed=False))[0] == Kind.NOT_ELIGIBLE
    assert classify(Kind.REPORT, Facts())[0] == Kind.REPORT


@pytest.mark.parametrize(
    ("status", "open311"),
    [("received", "open"), ("assigned", "open"), ("reopened", "open"), ("answered", "closed"), ("forwarded", "closed")],
)
def test_open311_status_mapping(status, open311):
    assert open311_status(status) == open311


def test_open311_status_filter():
    assert "received" in open311_statuses("open")
    assert "received" not in open311_statuses("closed")
    assert open311_statuses("open,closed") == {s.value for s in Status}


@pytest.mark.parametrize(
    ("current", "target", "ok"),
    [
        ("received", "classified", True),
        ("answered", "reopened", True),
        ("closed", "answered", False),
        ("refused", "answered", False),
    ],
)
def test_transitions(current, target, ok):
    assert can_move(current, target) is ok


def test_redact_removes_personal_data():
    text = "Ông Nguyễn Văn A, SĐT 0912 345 678, email a@b.vn, CCCD 019186001234 phản ánh"
    out = redact(text, ["Nguyễn Văn A"])
    assert "0912" not in out and "a@b.vn" not in out and "019186001234" not in out and "Nguyễn Văn A" not in out
    assert MASK in out and "phản ánh" in out


def test_tracking_code_shape():
    code = tracking_code("PA", D(2026, 1, 5))
    assert code.startswith("PA-260105-") and len(code) == 18
    assert normalise_code(" pa-260105-abcd efgh ") == "PA-260105-ABCDEFGH"


@pytest.mark.parametrize("kind", ["acceptance", "refusal", "forwarding", "result"])
def test_notices_are_official_papers(kind):
    from thanthien.reception.domain.notices import NoticeInput, build_notice

    paper = build_notice(
        kind,
        NoticeInput(
            commune_name="phường Phan Đình Phùng",
            place="Phan Đình Phùng",
            code="PA-260302-ABCDEFGH",
            kind="complaint",
            subject="Đèn đường",
            received_on=D(2026, 3, 2),
            recipient="Ông Nguyễn Văn Tố",
            reason="Hết thời hiệu",
            forwarded_to="Điện lực",
            answer="Đã sửa",
            due_date=D(2026, 4, 3),
        ),
    )
    assert paper.doc_type == "THÔNG BÁO" and paper.issuing_body.startswith("ỦY BAN NHÂN DÂN")
    text = " ".join(getattr(b, "text", "") if isinstance(getattr(b, "text", ""), str) else "" for b in paper.blocks)
    assert {"acceptance": "03/4/2026", "refusal": "Hết thời hiệu", "forwarding": "Điện lực", "result": "Đã sửa"}[
        kind
    ] in text
