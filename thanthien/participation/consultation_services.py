"""Writes for consultations (Nhân dân tham gia ý kiến, Luật 10/2022/QH15 Điều 25–28).

One register of opinions fed by every channel of Điều 26; the tiếp thu – giải trình ledger (a
decision and a reason for every opinion or group); the synthesis published as disclosure item 11
(Điều 11) once the ledger is complete; contributors told what became of their input.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record
from thanthien.units.models import AdminUnit, StaffRole
from thanthien.units.permissions import ensure_role

from .domain import clocks as rule_clocks
from .domain.consultation import GroupAnswer, OpinionAnswer, majority_check, synthesis_ready
from .models import Consultation, Opinion, OpinionGroup
from .services import _code

R = StaffRole.Role
CONSULTATION_MANAGERS = frozenset({R.CHAIRMAN, R.VICE_CHAIRMAN, R.SPECIALIST_OFFICER, R.ADMINISTRATOR})
OPINION_CLERKS = CONSULTATION_MANAGERS | frozenset({R.ONE_STOP_OFFICER})


def _err(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def consultation_create(
    *, actor: Any, unit: AdminUnit, matter: int, title: str, plan: str, draft: str, forms: list[str] | None = None
) -> Consultation:
    """A consultation plan and draft (Điều 28.1)."""
    ensure_role(actor, unit.pk, CONSULTATION_MANAGERS)
    if matter not in range(1, 10):
        raise _err("matter", _("Choose a matter from Article 25, items 1 to 9."))
    if not plan.strip() or not draft.strip():
        raise _err("plan", _("A consultation needs a plan and a draft."))
    bad = [f for f in forms or [] if f not in Opinion.Channel.values]
    if bad:
        raise _err("forms", _("Unknown consultation form."))
    with transaction.atomic():
        consultation = Consultation.objects.create(
            unit=unit,
            matter=matter,
            title=title.strip(),
            plan=plan.strip(),
            draft=draft.strip(),
            forms=list(forms or [Opinion.Channel.PORTAL]),
        )
        audit_record(
            actor=actor,
            action="consultation.created",
            obj=consultation,
            new={"title": consultation.title, "matter": matter},
        )
    return consultation


def consultation_update(
    *, actor: Any, consultation: Consultation, title: str | None = None, draft: str | None = None
) -> Consultation:
    ensure_role(actor, consultation.unit_id, CONSULTATION_MANAGERS)
    if consultation.status != Consultation.Status.DRAFT:
        raise _err("status", _("An open consultation cannot change its draft."))
    old = {"title": consultation.title}
    if title is not None:
        consultation.title = title.strip()
    if draft is not None:
        consultation.draft = draft.strip()
    with transaction.atomic():
        consultation.save(update_fields=["title", "draft"])
        audit_record(
            actor=actor, action="consultation.updated", obj=consultation, old=old, new={"title": consultation.title}
        )
    return consultation


def consultation_open(
    *, actor: Any, consultation: Consultation, published_on: dt.date, closes_on: dt.date
) -> Consultation:
    """Publish the draft; opinions are taken for at least 20 days (Điều 28)."""
    ensure_role(actor, consultation.unit_id, CONSULTATION_MANAGERS)
    if consultation.status != Consultation.Status.DRAFT:
        raise _err("status", _("This consultation is already open."))
    if not rule_clocks.consultation_duration_ok(published_on, closes_on):
        raise _err("closes_on", _("A consultation stays open at least 20 days from publication."))
    consultation.published_on = published_on
    consultation.closes_on = closes_on
    consultation.status = Consultation.Status.OPEN
    with transaction.atomic():
        consultation.save(update_fields=["published_on", "closes_on", "status"])
        audit_record(
            actor=actor,
            action="consultation.opened",
            obj=consultation,
            new={"published_on": published_on, "closes_on": closes_on},
        )
    return consultation


def opinion_submit(
    *,
    actor: Any,
    consultation: Consultation,
    channel: str,
    text: str,
    at: dt.datetime,
    author_name: str = "",
    author_phone: str = "",
    stance: str = Opinion.Stance.OTHER,
) -> Opinion:
    """Add an opinion to the register. ``actor`` None: a citizen on the portal; staff enter the others."""
    if actor is not None:
        ensure_role(actor, consultation.unit_id, OPINION_CLERKS)
    elif channel != Opinion.Channel.PORTAL:
        raise _err("channel", _("Citizens send opinions through the portal."))
    if channel not in Opinion.Channel.values:
        raise _err("channel", _("Unknown channel."))
    if stance not in Opinion.Stance.values:
        raise _err("stance", _("Unknown stance."))
    if not text.strip():
        raise _err("text", _("Write your opinion."))
    if consultation.status != Consultation.Status.OPEN:
        raise _err("status", _("This consultation is not taking opinions."))
    day = timezone.localtime(at).date()
    if consultation.closes_on and day > consultation.closes_on:
        raise _err("status", _("This consultation is closed."))
    with transaction.atomic():
        opinion = Opinion.objects.create(
            unit_id=consultation.unit_id,
            consultation=consultation,
            channel=channel,
            text=text.strip(),
            author_name=author_name.strip()[:150],
            author_phone=author_phone.strip()[:20],
            stance=stance,
            received_at=at,
            receipt=_code(10),
        )
        audit_record(
            actor=actor,
            actor_label="" if actor else _("citizen"),
            action="consultation.opinion_received",
            obj=opinion,
            new={"channel": channel, "stance": stance},
        )
    return opinion


def opinion_group_create(*, actor: Any, consultation: Consultation, title: str) -> OpinionGroup:
    ensure_role(actor, consultation.unit_id, CONSULTATION_MANAGERS)
    with transaction.atomic():
        group = OpinionGroup.objects.create(
            unit_id=consultation.unit_id, consultation=consultation, title=title.strip()
        )
        audit_record(actor=actor, action="consultation.group_created", obj=group, new={"title": group.title})
    return group


def _check_decision(decision: str, reason: str) -> None:
    if decision not in Opinion.Decision.values:
        raise _err("decision", _("Choose accepted, partly accepted or not accepted."))
    if not reason.strip():
        raise _err("reason", _("Give the reason (where the draft changed, or why not)."))


def opinion_answer(
    *, actor: Any, opinion: Opinion, decision: str = "", reason: str = "", group: OpinionGroup | None = None
) -> Opinion:
    """Tiếp thu – giải trình for one opinion: its own decision and reason, or filed under a group."""
    ensure_role(actor, opinion.unit_id, CONSULTATION_MANAGERS)
    if opinion.consultation.status == Consultation.Status.PUBLISHED:
        raise _err("status", _("The synthesis is published; the ledger is closed."))
    if group is not None and group.consultation_id != opinion.consultation_id:
        raise _err("group", _("The group belongs to another consultation."))
    if group is None or decision:
        _check_decision(decision, reason)
    old = {"decision": opinion.decision, "reason": opinion.reason, "group": opinion.group_id}
    opinion.decision = decision
    opinion.reason = reason.strip()
    opinion.group = group
    opinion.answered_at = timezone.now()
    with transaction.atomic():
        opinion.save(update_fields=["decision", "reason", "group", "answered_at"])
        audit_record(
            actor=actor,
            action="consultation.opinion_answered",
            obj=opinion,
            old=old,
            new={"decision": decision, "reason": opinion.reason, "group": opinion.group_id},
        )
    return opinion


def opinion_group_answer(*, actor: Any, group: OpinionGroup, decision: str, reason: str) -> OpinionGroup:
    ensure_role(actor, group.unit_id, CONSULTATION_MANAGERS)
    _check_decision(decision, reason)
    old = {"decision": group.decision, "reason": group.reason}
    group.decision = decision
    group.reason = reason.strip()
    with transaction.atomic():
        group.save(update_fields=["decision", "reason"])
        audit_record(actor=actor, action="consultation.group_answered", obj=group, old=old, new={"decision": decision})
    return group


def consultation_close(*, actor: Any, consultation: Consultation, on: dt.date) -> Consultation:
    ensure_role(actor, consultation.unit_id, CONSULTATION_MANAGERS)
    if consultation.status != Consultation.Status.OPEN:
        raise _err("status", _("This consultation is not open."))
    if consultation.published_on and not rule_clocks.consultation_duration_ok(consultation.published_on, on):
        raise _err("closes_on", _("A consultation stays open at least 20 days from publication."))
    consultation.status = Consultation.Status.CLOSED
    with transaction.atomic():
        consultation.save(update_fields=["status"])
        audit_record(actor=actor, action="consultation.closed", obj=consultation, new={"on": on})
    return consultation


def ledger_check(consultation: Consultation) -> Any:
    """The domain check: every opinion has a decision and a reason, its own or its group's."""
    opinions = [
        OpinionAnswer(o.pk, o.decision or None, o.reason, o.group_id)
        for o in consultation.opinions.all().only("pk", "decision", "reason", "group_id")
    ]
    groups = [GroupAnswer(g.pk, g.decision or None, g.reason) for g in consultation.groups.all()]
    return synthesis_ready(opinions, groups)


def consultation_publish_synthesis(
    *,
    actor: Any,
    consultation: Consultation,
    synthesis: str,
    authority_approves: bool,
    majority_explanation: str = "",
    at: dt.datetime,
) -> Consultation:
    """Publish the synthesis and explanations (Điều 11 item 11, Điều 28) and tell each contributor.

    Refused while any opinion lacks a decision and reason, or when the authority goes against the
    majority without an explanation.
    """
    ensure_role(actor, consultation.unit_id, frozenset({R.CHAIRMAN, R.VICE_CHAIRMAN, R.ADMINISTRATOR}))
    if consultation.status != Consultation.Status.CLOSED:
        raise _err("status", _("Close the consultation first."))
    check = ledger_check(consultation)
    if not check.ready:
        raise _err("ledger", _("%(n)d opinions still need a decision and a reason.") % {"n": len(check.missing)})
    agree = consultation.opinions.filter(stance=Opinion.Stance.AGREE).count()
    disagree = consultation.opinions.filter(stance=Opinion.Stance.DISAGREE).count()
    majority = majority_check(
        agree=agree, disagree=disagree, authority_approves=authority_approves, explanation=majority_explanation
    )
    if not majority.ok:
        raise _err("majority_explanation", _("The decision goes against the majority of opinions: explain why."))
    if not synthesis.strip():
        raise _err("synthesis", _("Write the synthesis."))
    consultation.synthesis = synthesis.strip()
    consultation.authority_approves = authority_approves
    consultation.majority_explanation = majority_explanation.strip()
    consultation.synthesis_published_at = at
    consultation.status = Consultation.Status.PUBLISHED
    with transaction.atomic():
        consultation.save(
            update_fields=[
                "synthesis",
                "authority_approves",
                "majority_explanation",
                "synthesis_published_at",
                "status",
            ]
        )
        notified = consultation.opinions.exclude(author_phone="").update(notified_at=at)
        audit_record(
            actor=actor,
            action="consultation.synthesis_published",
            obj=consultation,
            new={"opinions": check.answered, "notified": notified, "authority_approves": authority_approves},
        )
        transaction.on_commit(lambda: _notify_contributors(consultation.pk))
    return consultation


def _notify_contributors(consultation_id: int) -> None:
    """Send each contributor who left a phone number a message with their receipt (best effort)."""
    from thanthien.accounts.senders import SendError, get_sender

    sender = get_sender()
    for opinion in Opinion.objects.unscoped().filter(consultation_id=consultation_id).exclude(author_phone=""):
        text = _("Your opinion %(receipt)s has been answered: %(decision)s. See the synthesis on the commune site.") % {
            "receipt": opinion.receipt,
            "decision": _decision_label(opinion),
        }
        try:
            sender.send(opinion.author_phone, text)
        except SendError:
            continue


def _decision_label(opinion: Opinion) -> str:
    value = opinion.decision or (opinion.group.decision if opinion.group else "")
    return str(Opinion.Decision(value).label) if value in Opinion.Decision.values else ""
