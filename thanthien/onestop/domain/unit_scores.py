"""Unit-level TT 01/2018/TT-VPCP indicators (5, 6, 8, 9) from counts the scores selector gathers.

Pure Python: plain counts and flags in, points out; the thresholds stay in
``thanthien.dossiers.domain.scores`` (``ScoringRules``). This module only states how the
platform's records become the inputs of Điều 13 khoản 5, 6, 8 and 9 (legal-rules §2.11), and
which choices we made where the text is silent (docs/onestop.md, "Scores").
"""

from __future__ import annotations

from dataclasses import dataclass

from thanthien.dossiers.domain import scores as score_rules

__all__ = [
    "FeedbackFacts",
    "OneStopFacts",
    "OnlineFacts",
    "PublicationFacts",
    "feedback_points",
    "one_stop_points",
    "online_points",
    "publication_points",
]


@dataclass(frozen=True)
class OneStopFacts:
    """Khoản 5 over the commune's dossiers finished in the period.

    ``received_and_returned``: dossiers with a reception *and* a return (or a refusal handed back)
    recorded at the one-stop. ``procedures`` / ``fully_at_one_stop``: distinct procedures of
    those dossiers, and those whose every dossier was also decided in the commune without being
    sent to another agency (received, appraised and approved at the one-stop).
    """

    dossiers: int
    received_and_returned: int
    procedures: int
    fully_at_one_stop: int


def one_stop_points(facts: OneStopFacts, level: str = score_rules.UnitLevel.COMMUNE) -> int | None:
    """Points of khoản 5; ``None`` without finished dossiers (no data, Điều 15)."""
    if facts.dossiers == 0:
        return None
    return score_rules.indicator_5_one_stop(
        level=level,
        procedures=facts.procedures,
        fully_at_one_stop=facts.fully_at_one_stop,
        eligible=facts.dossiers,
        received_and_returned_at_one_stop=facts.received_and_returned,
    )


@dataclass(frozen=True)
class PublicationFacts:
    """Khoản 6 for a commune: its TTHC list (disclosure category 13) and the catalogue behind it.

    ``posted``: a category-13 item posted at the commune office (niêm yết) and still up at the end
    of the period; ``electronic``: a category-13 item published on the commune website.
    ``accurate``: every commune procedure in force is published in the catalogue.
    ``timely``: no category-13 item published after its 5-working-day limit, and the list was
    republished after the latest procedure change once that limit had passed.
    """

    procedures_in_force: int
    procedures_published: int
    posted: bool
    electronic: bool
    timely: bool

    @property
    def accurate(self) -> bool:
        return self.procedures_published == self.procedures_in_force


def publication_points(facts: PublicationFacts) -> int | None:
    """Posted and electronic, accurate and timely → 2; posted or electronic → 1; else 0.

    Our choice: posted and electronic but inaccurate or late → 1 (it is still "posted or
    electronic"). ``None`` when the catalogue holds no commune procedure in force.
    """
    if facts.procedures_in_force == 0:
        return None
    points = score_rules.indicator_6_publication(posted=facts.posted, electronic=facts.electronic)
    if points == 2 and not (facts.accurate and facts.timely):
        return 1
    return points


@dataclass(frozen=True)
class FeedbackFacts:
    """Khoản 8: reports and recommendations (phản ánh, kiến nghị) received in the period.

    ``considered``: those finished, plus those still open past their due date; ``pending``: open
    and still within time (not judged yet); ``on_time``: finished on or before the due date;
    ``prolonged``: with an extension (gia hạn) of the time limit.
    """

    received: int
    considered: int
    on_time: int
    prolonged: int

    @property
    def pending(self) -> int:
        return self.received - self.considered


def feedback_points(facts: FeedbackFacts) -> int | None:
    """None received → 2; all considered on time and none prolonged → 2; ≥ 90% → 1; else 0.

    Our choice: items received but all still running within time give no data (``None``).
    """
    if facts.received == 0:
        return score_rules.indicator_8_feedback(received=0, on_time=0, prolonged=0)
    if facts.considered == 0:
        return None
    return score_rules.indicator_8_feedback(
        received=facts.considered, on_time=facts.on_time, prolonged=min(facts.prolonged, facts.considered)
    )


@dataclass(frozen=True)
class OnlineFacts:
    """Khoản 9: commune procedures in force and those online (full or partial, i.e. level 3/4);
    dossiers received in the period, those submitted online, and online ones late."""

    eligible_procedures: int
    online_procedures: int
    dossiers: int
    online_dossiers: int
    late_online_dossiers: int


def online_points(facts: OnlineFacts) -> int | None:
    """Points of khoản 9; ``None`` when the catalogue holds no commune procedure in force (the
    shares of eligible procedures cannot be measured)."""
    if facts.eligible_procedures == 0:
        return None
    return score_rules.indicator_9_online(
        eligible_procedures=facts.eligible_procedures,
        online_procedures=facts.online_procedures,
        dossiers=facts.dossiers,
        online_dossiers=facts.online_dossiers,
        late_online_dossiers=facts.late_online_dossiers,
    )
