"""Steps after acceptance that must reach named recipients (pure rules, no ORM).

- Complaint decision (quyết định giải quyết khiếu nại): sent within 03 working days to the
  complainant, the direct superior, related persons and bodies, and the inspectorate
  (Luật Khiếu nại 2011 Điều 32).
- Denunciation acceptance notices: to the denouncer and to the accused (content only, never the
  denouncer's identity) within 05 working days of acceptance (Luật Tố cáo 2018 Điều 29.3).
- Denunciation extension notices (Luật Tố cáo 2018 Điều 30): decided in writing and notified to
  the denouncer and the accused; the law sets no term, so no clock is started.
"""

from __future__ import annotations

from collections.abc import Iterable

DECISION = "decision"
DENUNCIATION_NOTICE = "denunciation_notice"
EXTENSION_NOTICE = "extension_notice"

RECIPIENTS: dict[str, tuple[str, ...]] = {
    DECISION: ("complainant", "superior", "related", "inspectorate"),
    DENUNCIATION_NOTICE: ("denouncer", "accused"),
    EXTENSION_NOTICE: ("denouncer", "accused"),
}

# Rule code (``domain/rules.py``) of the step's clock; None = no legal term.
CLOCK_RULE: dict[str, str | None] = {
    DECISION: "complaint.decision_send",
    DENUNCIATION_NOTICE: "denunciation.notice",
    EXTENSION_NOTICE: None,
}


def missing_recipients(kind: str, reached: Iterable[str]) -> tuple[str, ...]:
    """The recipients of ``kind`` not reached yet, in legal order."""
    done = set(reached)
    return tuple(r for r in RECIPIENTS[kind] if r not in done)


def is_complete(kind: str, reached: Iterable[str]) -> bool:
    return not missing_recipients(kind, reached)
