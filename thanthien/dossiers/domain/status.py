"""The dossier lifecycle (vòng đời hồ sơ) as data: statuses, actions and allowed transitions.

Source: legal-rules §2.9, which ties every state to NĐ 61/2018/NĐ-CP Điều 15–20 (the same logic
continues under NĐ 118/2025/NĐ-CP Điều 17–21) and TT 01/2018/TT-VPCP Điều 9 (forms Mẫu 01–05).

* Statuses are short English slugs; their labels are translatable (Vietnamese by default).
* :data:`TRANSITIONS` maps each action to ``(from_states, to_state)``. ``None`` as a source means
  "not yet in the system" (a paper dossier at the counter). ``None`` as a target marks an
  *event*: the action is recorded but the status does not change. The apology and new
  appointment (xin lỗi, hẹn lại — Mẫu 04, NĐ 61 Điều 19 khoản 9) is such an event: it can happen
  in several statuses and must not hide the status the dossier is in.
* :func:`check_transition` is the single gate that services call before writing.

Guards that need more than the status (the ≤ 3-working-day limit for a supplement request in
processing, the once-only apology, immediate procedures) live in :mod:`.deadlines`; the service
calls both.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .common import DossierRuleError

__all__ = [
    "ACTIVE_STATES",
    "BOOK_ENTRY_ACTIONS",
    "CLOCK_STATES",
    "FINAL_STATES",
    "LEGAL_BASIS",
    "STATUS_CHOICES",
    "TRANSITIONS",
    "Action",
    "ClockState",
    "DossierStatus",
    "IllegalTransition",
    "Transition",
    "allowed_actions",
    "can",
    "check_transition",
    "enters_tracking_book",
    "is_event",
    "is_final",
]


class DossierStatus(StrEnum):
    """Where a dossier (hồ sơ) is in its lifecycle. Vietnamese name of the legal state beside each."""

    SUBMITTED_ONLINE = "submitted_online"  # chờ tiếp nhận (nộp trực tuyến) — NĐ 61 Điều 17.2
    SUPPLEMENT_REQUESTED_AT_RECEPTION = "supplement_requested_at_reception"  # yêu cầu bổ sung — Mẫu 02
    REFUSED_AT_RECEPTION = "refused_at_reception"  # từ chối tiếp nhận — Mẫu 03 (final)
    RECEIVED = "received"  # đã tiếp nhận — Mẫu 01, the clock starts
    TRANSFERRED = "transferred"  # đã chuyển xử lý — NĐ 61 Điều 18
    IN_PROCESSING = "in_processing"  # đang xử lý (đã phân công) — Điều 19.1
    SUPPLEMENT_REQUESTED_IN_PROCESSING = "supplement_requested_in_processing"  # chờ bổ sung — Điều 19.4
    CONSULTATION = "consultation"  # lấy ý kiến — Điều 19.5
    INTER_AGENCY = "inter_agency"  # liên thông — Điều 19.6–7
    AWAITING_FEES = "awaiting_fees"  # chờ thực hiện nghĩa vụ tài chính
    REFUSED_IN_PROCESSING = "refused_in_processing"  # từ chối giải quyết — Điều 19.8 (final)
    STOPPED_AT_REQUEST = "stopped_at_request"  # dừng giải quyết — NĐ 118 Điều 21 (final)
    RESULT_READY = "result_ready"  # có kết quả, chờ trả — Điều 20
    RETURNED = "returned"  # đã trả kết quả — Điều 20 (final; early / on time / late)

    @property
    def label(self) -> Promise:
        return _STATUS_LABELS[self]

    @property
    def is_final(self) -> bool:
        return self in FINAL_STATES


_STATUS_LABELS: dict[DossierStatus, Promise] = {
    DossierStatus.SUBMITTED_ONLINE: pgettext_lazy("dossier status", "Awaiting reception"),
    DossierStatus.SUPPLEMENT_REQUESTED_AT_RECEPTION: pgettext_lazy(
        "dossier status", "Supplement requested at reception"
    ),
    DossierStatus.REFUSED_AT_RECEPTION: pgettext_lazy("dossier status", "Refused at reception"),
    DossierStatus.RECEIVED: pgettext_lazy("dossier status", "Received"),
    DossierStatus.TRANSFERRED: pgettext_lazy("dossier status", "Transferred for processing"),
    DossierStatus.IN_PROCESSING: pgettext_lazy("dossier status", "In processing"),
    DossierStatus.SUPPLEMENT_REQUESTED_IN_PROCESSING: pgettext_lazy(
        "dossier status", "Awaiting supplement during processing"
    ),
    DossierStatus.CONSULTATION: pgettext_lazy("dossier status", "Consulting other bodies"),
    DossierStatus.INTER_AGENCY: pgettext_lazy("dossier status", "Inter-agency processing"),
    DossierStatus.AWAITING_FEES: pgettext_lazy("dossier status", "Awaiting fees and financial obligations"),
    DossierStatus.REFUSED_IN_PROCESSING: pgettext_lazy("dossier status", "Refused"),
    DossierStatus.STOPPED_AT_REQUEST: pgettext_lazy("dossier status", "Stopped at the applicant's request"),
    DossierStatus.RESULT_READY: pgettext_lazy("dossier status", "Result ready for return"),
    DossierStatus.RETURNED: pgettext_lazy("dossier status", "Result returned"),
}

#: For ``models.CharField(choices=STATUS_CHOICES)``; labels stay lazy.
STATUS_CHOICES: list[tuple[str, Promise]] = [(s.value, s.label) for s in DossierStatus]

FINAL_STATES: frozenset[DossierStatus] = frozenset(
    {
        DossierStatus.REFUSED_AT_RECEPTION,
        DossierStatus.REFUSED_IN_PROCESSING,
        DossierStatus.STOPPED_AT_REQUEST,
        DossierStatus.RETURNED,
    }
)


class ClockState(StrEnum):
    """What the legal processing clock is doing in a status (legal-rules §2.9)."""

    NOT_STARTED = "not_started"  # before Mẫu 01: NĐ 61 Điều 15.3, 17.1
    RUNNING = "running"  # from reception (Điều 17.1c) to the result
    RESTARTS = "restarts"  # supplement in processing: starts again from zero (Điều 19.4)
    FEES = "fees"  # awaiting fees: paused or running, per DossierRules.fees_pause_clock (❓ U)
    STOPPED = "stopped"  # result ready or final


CLOCK_STATES: dict[DossierStatus, ClockState] = {
    DossierStatus.SUBMITTED_ONLINE: ClockState.NOT_STARTED,
    DossierStatus.SUPPLEMENT_REQUESTED_AT_RECEPTION: ClockState.NOT_STARTED,
    DossierStatus.REFUSED_AT_RECEPTION: ClockState.STOPPED,
    DossierStatus.RECEIVED: ClockState.RUNNING,
    DossierStatus.TRANSFERRED: ClockState.RUNNING,
    DossierStatus.IN_PROCESSING: ClockState.RUNNING,
    DossierStatus.SUPPLEMENT_REQUESTED_IN_PROCESSING: ClockState.RESTARTS,
    DossierStatus.CONSULTATION: ClockState.RUNNING,
    DossierStatus.INTER_AGENCY: ClockState.RUNNING,
    DossierStatus.AWAITING_FEES: ClockState.FEES,
    DossierStatus.REFUSED_IN_PROCESSING: ClockState.STOPPED,
    DossierStatus.STOPPED_AT_REQUEST: ClockState.STOPPED,
    DossierStatus.RESULT_READY: ClockState.STOPPED,
    DossierStatus.RETURNED: ClockState.STOPPED,
}

#: Statuses in which the dossier is being handled and its due date still matters.
ACTIVE_STATES: frozenset[DossierStatus] = frozenset(
    s for s, c in CLOCK_STATES.items() if c in {ClockState.RUNNING, ClockState.FEES}
)


class Action(StrEnum):
    """Something an actor does to a dossier. Each maps to one row of :data:`TRANSITIONS`."""

    SUBMIT_ONLINE = "submit_online"
    REQUEST_SUPPLEMENT_AT_RECEPTION = "request_supplement_at_reception"
    RESUBMIT = "resubmit"
    REFUSE_AT_RECEPTION = "refuse_at_reception"
    RECEIVE = "receive"
    TRANSFER = "transfer"
    ASSIGN = "assign"
    REASSIGN = "reassign"
    REQUEST_SUPPLEMENT = "request_supplement"
    COMPLETE_SUPPLEMENT = "complete_supplement"
    REQUEST_CONSULTATION = "request_consultation"
    CLOSE_CONSULTATION = "close_consultation"
    SEND_INTER_AGENCY = "send_inter_agency"
    RECEIVE_INTER_AGENCY = "receive_inter_agency"
    REQUEST_FEES = "request_fees"
    CONFIRM_FEES_PAID = "confirm_fees_paid"
    ISSUE_APOLOGY = "issue_apology"
    REFUSE = "refuse"
    STOP_AT_REQUEST = "stop_at_request"
    RECORD_RESULT = "record_result"
    RECORD_IMMEDIATE_RESULT = "record_immediate_result"
    RETURN_RESULT = "return_result"

    @property
    def label(self) -> Promise:
        return _ACTION_LABELS[self]


_ACTION_LABELS: dict[Action, Promise] = {
    Action.SUBMIT_ONLINE: _("Submit online"),
    Action.REQUEST_SUPPLEMENT_AT_RECEPTION: _("Request a supplement at reception"),
    Action.RESUBMIT: _("Resubmit the completed dossier"),
    Action.REFUSE_AT_RECEPTION: _("Refuse at reception"),
    Action.RECEIVE: _("Receive the dossier"),
    Action.TRANSFER: _("Transfer for processing"),
    Action.ASSIGN: _("Assign a handler"),
    Action.REASSIGN: _("Reassign the handler"),
    Action.REQUEST_SUPPLEMENT: _("Request a supplement during processing"),
    Action.COMPLETE_SUPPLEMENT: _("Record the completed supplement"),
    Action.REQUEST_CONSULTATION: _("Consult other bodies"),
    Action.CLOSE_CONSULTATION: _("Close the consultation"),
    Action.SEND_INTER_AGENCY: _("Send to another agency"),
    Action.RECEIVE_INTER_AGENCY: _("Receive back from another agency"),
    Action.REQUEST_FEES: _("Request fees and financial obligations"),
    Action.CONFIRM_FEES_PAID: _("Confirm fees paid"),
    Action.ISSUE_APOLOGY: _("Issue an apology and a new appointment"),
    Action.REFUSE: _("Refuse to settle the dossier"),
    Action.STOP_AT_REQUEST: _("Stop at the applicant's request"),
    Action.RECORD_RESULT: _("Record the result"),
    Action.RECORD_IMMEDIATE_RESULT: _("Record an immediate result"),
    Action.RETURN_RESULT: _("Return the result"),
}


class Transition(NamedTuple):
    """``from_states`` → ``to_state``; ``to_state is None`` marks an event (the status stays)."""

    from_states: frozenset[DossierStatus | None]
    to_state: DossierStatus | None


S = DossierStatus
_RUNNING_FOR_STOP = frozenset(
    {S.RECEIVED, S.TRANSFERRED, S.IN_PROCESSING, S.SUPPLEMENT_REQUESTED_IN_PROCESSING}
    | {S.CONSULTATION, S.INTER_AGENCY, S.AWAITING_FEES}
)
_APOLOGY_STATES = frozenset(
    {S.RECEIVED, S.TRANSFERRED, S.IN_PROCESSING, S.CONSULTATION, S.INTER_AGENCY, S.AWAITING_FEES}
)


def _t(sources: set[DossierStatus | None] | frozenset[DossierStatus], target: DossierStatus | None) -> Transition:
    return Transition(frozenset(sources), target)


#: The lifecycle. One row per action: ``(from_states, to_state)``.
TRANSITIONS: dict[Action, Transition] = {
    Action.SUBMIT_ONLINE: _t({None}, S.SUBMITTED_ONLINE),
    Action.REQUEST_SUPPLEMENT_AT_RECEPTION: _t({None, S.SUBMITTED_ONLINE}, S.SUPPLEMENT_REQUESTED_AT_RECEPTION),
    Action.RESUBMIT: _t({S.SUPPLEMENT_REQUESTED_AT_RECEPTION}, S.SUBMITTED_ONLINE),
    Action.REFUSE_AT_RECEPTION: _t(
        {None, S.SUBMITTED_ONLINE, S.SUPPLEMENT_REQUESTED_AT_RECEPTION}, S.REFUSED_AT_RECEPTION
    ),
    Action.RECEIVE: _t({None, S.SUBMITTED_ONLINE, S.SUPPLEMENT_REQUESTED_AT_RECEPTION}, S.RECEIVED),
    Action.TRANSFER: _t({S.RECEIVED}, S.TRANSFERRED),
    Action.ASSIGN: _t({S.TRANSFERRED}, S.IN_PROCESSING),
    Action.REASSIGN: _t({S.IN_PROCESSING}, S.IN_PROCESSING),
    Action.REQUEST_SUPPLEMENT: _t({S.IN_PROCESSING}, S.SUPPLEMENT_REQUESTED_IN_PROCESSING),
    Action.COMPLETE_SUPPLEMENT: _t({S.SUPPLEMENT_REQUESTED_IN_PROCESSING}, S.IN_PROCESSING),
    Action.REQUEST_CONSULTATION: _t({S.IN_PROCESSING}, S.CONSULTATION),
    Action.CLOSE_CONSULTATION: _t({S.CONSULTATION}, S.IN_PROCESSING),
    Action.SEND_INTER_AGENCY: _t({S.IN_PROCESSING}, S.INTER_AGENCY),
    Action.RECEIVE_INTER_AGENCY: _t({S.INTER_AGENCY}, S.IN_PROCESSING),
    Action.REQUEST_FEES: _t({S.IN_PROCESSING}, S.AWAITING_FEES),
    Action.CONFIRM_FEES_PAID: _t({S.AWAITING_FEES}, S.IN_PROCESSING),
    Action.ISSUE_APOLOGY: _t(_APOLOGY_STATES, None),
    Action.REFUSE: _t(
        {S.IN_PROCESSING, S.SUPPLEMENT_REQUESTED_IN_PROCESSING, S.AWAITING_FEES}, S.REFUSED_IN_PROCESSING
    ),
    Action.STOP_AT_REQUEST: _t(_RUNNING_FOR_STOP, S.STOPPED_AT_REQUEST),
    Action.RECORD_RESULT: _t({S.IN_PROCESSING}, S.RESULT_READY),
    Action.RECORD_IMMEDIATE_RESULT: _t({S.RECEIVED}, S.RESULT_READY),
    Action.RETURN_RESULT: _t({S.RESULT_READY}, S.RETURNED),
}
del S

#: The actions that give a dossier its line in the unit's tracking book (Sổ theo dõi hồ sơ, Mẫu 06):
#: the reception that issues Mẫu 01 (NĐ 61/2018 Điều 17 khoản 1 điểm c, khoản 3; TT 01/2018 Điều 10),
#: i.e. every action into :attr:`DossierStatus.RECEIVED`. A supplement request or a refusal at
#: reception (Mẫu 02, 03) and an online submission still awaiting reception give none; a dossier
#: enters the book at most once, since nothing leads back from ``received`` to a reception.
BOOK_ENTRY_ACTIONS: frozenset[Action] = frozenset(
    a for a, t in TRANSITIONS.items() if t.to_state == DossierStatus.RECEIVED
)

#: The legal hook of each action (legal-rules §2.3–2.9). Shown in the audit trail and in docs.
LEGAL_BASIS: dict[Action, str] = {
    Action.SUBMIT_ONLINE: "NĐ 61/2018/NĐ-CP Điều 17 khoản 2; NĐ 45/2020/NĐ-CP",
    Action.REQUEST_SUPPLEMENT_AT_RECEPTION: "NĐ 61/2018/NĐ-CP Điều 15 khoản 3, Điều 17 khoản 1 điểm a; Mẫu 02 TT 01/2018/TT-VPCP",
    Action.RESUBMIT: "NĐ 61/2018/NĐ-CP Điều 17 khoản 2",
    Action.REFUSE_AT_RECEPTION: "NĐ 61/2018/NĐ-CP Điều 17 khoản 1 điểm b; Mẫu 03 TT 01/2018/TT-VPCP",
    Action.RECEIVE: "NĐ 61/2018/NĐ-CP Điều 17 khoản 1 điểm c, khoản 3; Mẫu 01 TT 01/2018/TT-VPCP",
    Action.TRANSFER: "NĐ 61/2018/NĐ-CP Điều 18",
    Action.ASSIGN: "NĐ 61/2018/NĐ-CP Điều 19 khoản 1",
    Action.REASSIGN: "NĐ 61/2018/NĐ-CP Điều 19 khoản 1",
    Action.REQUEST_SUPPLEMENT: "NĐ 61/2018/NĐ-CP Điều 19 khoản 4; Mẫu 02 TT 01/2018/TT-VPCP",
    Action.COMPLETE_SUPPLEMENT: "NĐ 61/2018/NĐ-CP Điều 19 khoản 4 (thời gian giải quyết được tính lại từ đầu)",
    Action.REQUEST_CONSULTATION: "NĐ 61/2018/NĐ-CP Điều 19 khoản 5",
    Action.CLOSE_CONSULTATION: "NĐ 61/2018/NĐ-CP Điều 19 khoản 5",
    Action.SEND_INTER_AGENCY: "NĐ 61/2018/NĐ-CP Điều 19 khoản 6, 7",
    Action.RECEIVE_INTER_AGENCY: "NĐ 61/2018/NĐ-CP Điều 19 khoản 6, 7",
    Action.REQUEST_FEES: "Pháp luật chuyên ngành về phí, lệ phí, thuế (legal-rules §2.9, ❓ U)",
    Action.CONFIRM_FEES_PAID: "Pháp luật chuyên ngành về phí, lệ phí, thuế (legal-rules §2.9, ❓ U)",
    Action.ISSUE_APOLOGY: "NĐ 61/2018/NĐ-CP Điều 19 khoản 9; Mẫu 04 TT 01/2018/TT-VPCP",
    Action.REFUSE: "NĐ 61/2018/NĐ-CP Điều 19 khoản 8",
    Action.STOP_AT_REQUEST: "NĐ 118/2025/NĐ-CP Điều 21 (🟡 S)",
    Action.RECORD_RESULT: "NĐ 61/2018/NĐ-CP Điều 19 khoản 1, Điều 20",
    Action.RECORD_IMMEDIATE_RESULT: "NĐ 61/2018/NĐ-CP Điều 17 khoản 4",
    Action.RETURN_RESULT: "NĐ 61/2018/NĐ-CP Điều 20; Mẫu 05 TT 01/2018/TT-VPCP",
}


class IllegalTransition(DossierRuleError):
    """The action is not allowed in the dossier's current status.

    ``current`` and ``action`` are kept for the caller; the message names both by their labels.
    """

    def __init__(
        self, code: str, template: str | Promise, *, current: DossierStatus | None, action: Action | str
    ) -> None:
        self.current = current
        self.action = action
        action_label = action.label if isinstance(action, Action) else str(action)
        super().__init__(code, template, action=action_label, status=_status_label(current))


def _status_label(status: DossierStatus | None) -> Promise:
    return status.label if status is not None else _("new, not yet in the system")


def is_final(status: DossierStatus | str) -> bool:
    return DossierStatus(status) in FINAL_STATES


def is_event(action: Action | str) -> bool:
    """True when the action is recorded without changing the status (e.g. the apology)."""
    return TRANSITIONS[Action(action)].to_state is None


def check_transition(current: DossierStatus | str | None, action: Action | str) -> DossierStatus:
    """The status after ``action``, or :class:`IllegalTransition` with a translatable reason.

    ``current is None`` means the dossier is not in the system yet (a paper dossier at the
    counter). Events (the apology) return ``current`` unchanged.
    """
    status = DossierStatus(current) if current is not None else None
    try:
        act = Action(action)
    except ValueError:
        raise IllegalTransition(
            "dossier.unknown_action", _("Unknown action “%(action)s”."), current=status, action=str(action)
        ) from None
    sources, target = TRANSITIONS[act]
    if status in sources and target is not None:
        return target
    if status in sources and status is not None:
        return status  # an event: recorded, the status stays
    if status is not None and status in FINAL_STATES:
        raise IllegalTransition(
            "dossier.final_status",
            _("The dossier is “%(status)s”, a final status: “%(action)s” is no longer possible."),
            current=status,
            action=act,
        )
    raise IllegalTransition(
        "dossier.illegal_transition",
        _("“%(action)s” is not allowed while the dossier is “%(status)s”."),
        current=status,
        action=act,
    )


def enters_tracking_book(action: Action | str) -> bool:
    """True when ``action`` gives the dossier its tracking-book line (see :data:`BOOK_ENTRY_ACTIONS`)."""
    return Action(action) in BOOK_ENTRY_ACTIONS


def can(current: DossierStatus | str | None, action: Action | str) -> bool:
    try:
        check_transition(current, action)
    except IllegalTransition:
        return False
    return True


def allowed_actions(current: DossierStatus | str | None) -> tuple[Action, ...]:
    """The actions possible from ``current``, in lifecycle order (for buttons and the API)."""
    status = DossierStatus(current) if current is not None else None
    return tuple(a for a, t in TRANSITIONS.items() if status in t.from_states)
