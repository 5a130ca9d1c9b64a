"""The dossier lifecycle (legal-rules §2.9): every legal and every illegal transition. No database."""

from collections import deque

import pytest
from django.utils import translation

from thanthien.dossiers.domain.status import (
    ACTIVE_STATES,
    BOOK_ENTRY_ACTIONS,
    CLOCK_STATES,
    FINAL_STATES,
    LEGAL_BASIS,
    STATUS_CHOICES,
    TRANSITIONS,
    Action,
    ClockState,
    DossierStatus,
    IllegalTransition,
    allowed_actions,
    can,
    check_transition,
    enters_tracking_book,
    is_event,
    is_final,
)

S = DossierStatus
A = Action

# The expected lifecycle, written out independently of TRANSITIONS so that a wrong row fails.
EXPECTED: dict[Action, tuple[set, DossierStatus | None]] = {
    A.SUBMIT_ONLINE: ({None}, S.SUBMITTED_ONLINE),
    A.REQUEST_SUPPLEMENT_AT_RECEPTION: ({None, S.SUBMITTED_ONLINE}, S.SUPPLEMENT_REQUESTED_AT_RECEPTION),
    A.RESUBMIT: ({S.SUPPLEMENT_REQUESTED_AT_RECEPTION}, S.SUBMITTED_ONLINE),
    A.REFUSE_AT_RECEPTION: ({None, S.SUBMITTED_ONLINE, S.SUPPLEMENT_REQUESTED_AT_RECEPTION}, S.REFUSED_AT_RECEPTION),
    A.RECEIVE: ({None, S.SUBMITTED_ONLINE, S.SUPPLEMENT_REQUESTED_AT_RECEPTION}, S.RECEIVED),
    A.TRANSFER: ({S.RECEIVED}, S.TRANSFERRED),
    A.ASSIGN: ({S.TRANSFERRED}, S.IN_PROCESSING),
    A.REASSIGN: ({S.IN_PROCESSING}, S.IN_PROCESSING),
    A.REQUEST_SUPPLEMENT: ({S.IN_PROCESSING}, S.SUPPLEMENT_REQUESTED_IN_PROCESSING),
    A.COMPLETE_SUPPLEMENT: ({S.SUPPLEMENT_REQUESTED_IN_PROCESSING}, S.IN_PROCESSING),
    A.REQUEST_CONSULTATION: ({S.IN_PROCESSING}, S.CONSULTATION),
    A.CLOSE_CONSULTATION: ({S.CONSULTATION}, S.IN_PROCESSING),
    A.SEND_INTER_AGENCY: ({S.IN_PROCESSING}, S.INTER_AGENCY),
    A.RECEIVE_INTER_AGENCY: ({S.INTER_AGENCY}, S.IN_PROCESSING),
    A.REQUEST_FEES: ({S.IN_PROCESSING}, S.AWAITING_FEES),
    A.CONFIRM_FEES_PAID: ({S.AWAITING_FEES}, S.IN_PROCESSING),
    A.ISSUE_APOLOGY: (
        {S.RECEIVED, S.TRANSFERRED, S.IN_PROCESSING, S.CONSULTATION, S.INTER_AGENCY, S.AWAITING_FEES},
        None,
    ),
    A.REFUSE: ({S.IN_PROCESSING, S.SUPPLEMENT_REQUESTED_IN_PROCESSING, S.AWAITING_FEES}, S.REFUSED_IN_PROCESSING),
    A.STOP_AT_REQUEST: (
        {
            S.RECEIVED,
            S.TRANSFERRED,
            S.IN_PROCESSING,
            S.SUPPLEMENT_REQUESTED_IN_PROCESSING,
            S.CONSULTATION,
            S.INTER_AGENCY,
            S.AWAITING_FEES,
        },
        S.STOPPED_AT_REQUEST,
    ),
    A.RECORD_RESULT: ({S.IN_PROCESSING}, S.RESULT_READY),
    A.RECORD_IMMEDIATE_RESULT: ({S.RECEIVED}, S.RESULT_READY),
    A.RETURN_RESULT: ({S.RESULT_READY}, S.RETURNED),
}

ALL_CURRENT = [None, *DossierStatus]

LEGAL = [
    (action, source, target if target is not None else source)
    for action, (sources, target) in EXPECTED.items()
    for source in sorted(sources, key=lambda s: "" if s is None else s.value)
]
ILLEGAL = [
    (action, current)
    for action, (sources, _target) in EXPECTED.items()
    for current in ALL_CURRENT
    if current not in sources
]


def test_the_table_covers_every_action():
    assert set(EXPECTED) == set(Action) == set(TRANSITIONS)


@pytest.mark.parametrize(("action", "current", "expected"), LEGAL)
def test_legal_transition_gives_the_expected_status(action, current, expected):
    assert check_transition(current, action) == expected
    assert can(current, action)
    assert action in allowed_actions(current)


@pytest.mark.parametrize(("action", "current"), ILLEGAL)
def test_illegal_transition_is_refused_with_a_code(action, current):
    with pytest.raises(IllegalTransition) as info:
        check_transition(current, action)
    expected_code = "dossier.final_status" if current in FINAL_STATES else "dossier.illegal_transition"
    assert info.value.code == expected_code
    assert info.value.current == current
    assert info.value.action == action
    assert not can(current, action)
    assert action not in allowed_actions(current)


def test_string_slugs_are_accepted():
    assert check_transition("received", "transfer") == S.TRANSFERRED


def test_unknown_action_is_refused():
    with pytest.raises(IllegalTransition) as info:
        check_transition(S.RECEIVED, "teleport")
    assert info.value.code == "dossier.unknown_action"
    assert "teleport" in str(info.value)


def test_unknown_status_is_a_programming_error():
    with pytest.raises(ValueError):
        check_transition("lost", Action.TRANSFER)


@pytest.mark.parametrize("status", sorted(FINAL_STATES))
def test_final_status_allows_nothing(status):
    assert is_final(status)
    assert allowed_actions(status) == ()


@pytest.mark.parametrize(
    "status",
    [S.REFUSED_AT_RECEPTION, S.REFUSED_IN_PROCESSING, S.STOPPED_AT_REQUEST, S.RETURNED],
)
def test_the_four_final_statuses_of_the_brief(status):
    assert status in FINAL_STATES


def test_apology_is_an_event_that_keeps_the_status():
    assert is_event(Action.ISSUE_APOLOGY)
    assert not is_event(Action.RECEIVE)
    assert check_transition(S.CONSULTATION, Action.ISSUE_APOLOGY) == S.CONSULTATION


@pytest.mark.parametrize(
    ("status", "clock"),
    [
        (S.SUBMITTED_ONLINE, ClockState.NOT_STARTED),
        (S.SUPPLEMENT_REQUESTED_AT_RECEPTION, ClockState.NOT_STARTED),
        (S.RECEIVED, ClockState.RUNNING),
        (S.IN_PROCESSING, ClockState.RUNNING),
        (S.SUPPLEMENT_REQUESTED_IN_PROCESSING, ClockState.RESTARTS),
        (S.AWAITING_FEES, ClockState.FEES),
        (S.RESULT_READY, ClockState.STOPPED),
        (S.RETURNED, ClockState.STOPPED),
    ],
)
def test_clock_state_of_each_status(status, clock):
    assert CLOCK_STATES[status] == clock


def test_every_status_has_a_clock_state_and_active_states_are_running():
    assert set(CLOCK_STATES) == set(DossierStatus)
    assert S.IN_PROCESSING in ACTIVE_STATES
    assert S.SUPPLEMENT_REQUESTED_IN_PROCESSING not in ACTIVE_STATES
    assert not ACTIVE_STATES & FINAL_STATES


def _reachable_from(start):
    seen, queue = {start}, deque([start])
    while queue:
        current = queue.popleft()
        for action in allowed_actions(current):
            target = check_transition(current, action)
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def test_every_status_is_reachable_from_a_new_dossier():
    assert _reachable_from(None) - {None} == set(DossierStatus)


@pytest.mark.parametrize("status", [s for s in DossierStatus if s not in FINAL_STATES])
def test_every_open_status_can_still_end(status):
    assert _reachable_from(status) & FINAL_STATES


@pytest.mark.parametrize("action", list(Action))
def test_every_action_cites_its_legal_source_and_has_a_label(action):
    assert LEGAL_BASIS[action].strip()
    assert str(action.label)


def test_status_choices_list_every_status_once():
    assert [value for value, _label in STATUS_CHOICES] == [s.value for s in DossierStatus]


@pytest.mark.parametrize(
    ("status", "vietnamese"),
    [
        (S.SUBMITTED_ONLINE, "Chờ tiếp nhận"),
        (S.RECEIVED, "Đã tiếp nhận"),
        (S.REFUSED_AT_RECEPTION, "Từ chối tiếp nhận"),
        (S.STOPPED_AT_REQUEST, "Dừng giải quyết theo đề nghị của người nộp hồ sơ"),
        (S.RETURNED, "Đã trả kết quả"),
    ],
)
def test_status_labels_are_vietnamese_by_default(status, vietnamese):
    with translation.override("vi"):
        assert str(status.label) == vietnamese


def test_illegal_transition_message_is_vietnamese_and_names_both_sides():
    with pytest.raises(IllegalTransition) as info:
        check_transition(S.IN_PROCESSING, Action.RETURN_RESULT)
    with translation.override("vi"):
        message = str(info.value.message)
    assert message == "Không thể thực hiện thao tác “Trả kết quả” khi hồ sơ đang ở trạng thái “Đang xử lý”."
    with translation.override("en"):
        assert str(info.value.message) == "“Return the result” is not allowed while the dossier is “In processing”."


def test_final_status_message_is_vietnamese():
    with pytest.raises(IllegalTransition) as info:
        check_transition(S.RETURNED, Action.ISSUE_APOLOGY)
    with translation.override("vi"):
        assert "trạng thái kết thúc" in str(info.value.message)


# ---- the tracking book (Sổ theo dõi hồ sơ, Mẫu 06): which event gives a dossier its line ----------


def test_only_the_reception_gives_a_tracking_book_line():
    assert {Action.RECEIVE} == BOOK_ENTRY_ACTIONS
    assert [a for a in Action if enters_tracking_book(a.value)] == [Action.RECEIVE]


@pytest.mark.parametrize(
    "action", [A.SUBMIT_ONLINE, A.REQUEST_SUPPLEMENT_AT_RECEPTION, A.REFUSE_AT_RECEPTION, A.RESUBMIT]
)
def test_reception_outcomes_without_form_01_give_no_line(action):
    assert not enters_tracking_book(action)


def test_a_dossier_enters_the_book_at_most_once():
    """Nothing leads from a received dossier back to a status where it could be received again."""
    sources = set().union(*(TRANSITIONS[a].from_states for a in BOOK_ENTRY_ACTIONS))
    assert not (_reachable_from(S.RECEIVED) & sources)
