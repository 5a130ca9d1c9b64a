"""Writes for the online vote (biểu quyết trực tuyến, NĐ 59 Điều 5): the preliminary poll and
opening the vote once it passed. Same conventions as ``services.py`` (permission, transaction,
audit event).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record

from .ballot_services import ballots_issue
from .decision_open_services import _ensure_unlocked
from .domain.matters import DecisionForm, FormGround, Scope, form_permitted
from .domain.thresholds import Team, team_size_valid
from .models import Decision
from .services import _ensure_manager, _err, hamlet_roll


def online_poll_open(
    *,
    actor: Any,
    decision: Decision,
    team: Sequence[str],
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    leaders_agreed: bool,
    devices_available: bool,
) -> Decision:
    """Open the preliminary question "vote online?" for an item-6 decision (NĐ 59 Điều 5.1–5.2)."""
    _ensure_manager(actor, decision.unit_id, decision.hamlet_id)
    _ensure_unlocked(decision)
    if decision.matter != 6:
        raise _err("matter", _("Online voting is allowed only for Article 15 item 6 matters."))
    if not (leaders_agreed and devices_available):
        raise _err(
            "grounds", _("The hamlet head and the Front committee must agree, and households must have devices.")
        )
    members = [m.strip() for m in team if m.strip()]
    if not team_size_valid(Team.ONLINE_VOTE_TEAM, len(members)):
        raise _err("team", _("The online-vote team has 3 to 5 members."))
    grounds = {FormGround.ONLINE_AGREED.value, FormGround.ONLINE_DEVICES.value}
    decision.grounds = sorted({*decision.grounds, *grounds})
    decision.form = Decision.Form.ONLINE_VOTE
    decision.team = members
    with transaction.atomic():
        decision.save(update_fields=["grounds", "form", "team"])
        poll = Decision.objects.create(
            unit_id=decision.unit_id,
            hamlet_id=decision.hamlet_id,
            purpose=Decision.Purpose.ONLINE_POLL,
            parent=decision,
            matter=6,
            question=_("Do you agree to decide “%(q)s” by online vote?") % {"q": decision.question},
            form=Decision.Form.ONLINE_VOTE,
            status=Decision.Status.VOTING,
            opens_at=opens_at,
            closes_at=closes_at,
            total_households=len(hamlet_roll(decision.hamlet_id)),
            team=members,
        )
        audit_record(actor=actor, action="decision.online_poll_opened", obj=poll, new={"parent": decision.pk})
    ballots_issue(actor=actor, decision=poll, at=opens_at)
    return poll


def online_vote_open(*, actor: Any, decision: Decision, opens_at: dt.datetime, closes_at: dt.datetime) -> Decision:
    """Open the online vote once the preliminary poll passed (> 50% of ALL households agreed)."""
    _ensure_manager(actor, decision.unit_id, decision.hamlet_id)
    grounds = [FormGround(g) for g in decision.grounds if g in FormGround._value2member_map_]
    if not form_permitted(decision.matter, Scope.HAMLET, DecisionForm.ONLINE_VOTE, grounds):
        raise _err("form", _("The online vote may open only after the preliminary question passed."))
    decision.opens_at = opens_at
    decision.closes_at = closes_at
    with transaction.atomic():
        decision.save(update_fields=["opens_at", "closes_at"])
        audit_record(actor=actor, action="decision.online_vote_opened", obj=decision, new={"opens_at": opens_at})
    ballots_issue(actor=actor, decision=decision, at=opens_at)
    return decision
