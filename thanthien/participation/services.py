"""Writes for community meetings (Luật 10/2022/QH15 Điều 18; NĐ 59/2023 Điều 3) and shared helpers.

Every service: keyword-only, actor first; checks scope and role; applies the pure rules of
``participation/domain/`` (thresholds, fallbacks, tally, clocks); writes in one transaction;
records one audit event with a dotted code. Decisions, ballots and votes live in
``decision_services.py``; supervision and initiatives in ``supervision_services.py``; consultations in
``consultation_services.py``.

Who may act: the hamlet head of that hamlet, the commune chairman and vice-chairmen (and
administrators). Check-in and paper-ballot keying are also open to the commune's officers (clerks).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record
from thanthien.units.models import Hamlet, Household, StaffRole
from thanthien.units.permissions import ensure_role

from .domain import clocks as rule_clocks
from .domain.matters import AgendaItemKind
from .domain.thresholds import (
    Team,
    cluster_meetings_allowed,
    procedural_decision_adopted,
    team_size_valid,
    witnesses_valid,
)
from .models import (
    AgendaItem,
    Attendance,
    CommunityMeeting,
    Decision,
    NoticeDelivery,
)

R = StaffRole.Role
MANAGERS = frozenset({R.HAMLET_HEAD, R.CHAIRMAN, R.VICE_CHAIRMAN, R.ADMINISTRATOR})
CLERKS = MANAGERS | frozenset({R.ONE_STOP_OFFICER, R.SPECIALIST_OFFICER})
LEADERS = frozenset({R.CHAIRMAN, R.VICE_CHAIRMAN, R.ADMINISTRATOR})
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: codes are typed from paper


def _err(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def _aware(value: dt.datetime, field: str) -> None:
    if timezone.is_naive(value):
        raise _err(field, _("The time must include a time zone."))


def _ensure_manager(actor: Any, unit_id: int, hamlet_id: int | None) -> None:
    ensure_role(actor, unit_id, MANAGERS, hamlet_id=hamlet_id)


def _ensure_clerk(actor: Any, unit_id: int, hamlet_id: int | None) -> None:
    ensure_role(actor, unit_id, CLERKS, hamlet_id=hamlet_id)


def hamlet_roll(hamlet: Hamlet | int) -> list[int]:
    """Ids of all active households of the hamlet: the denominator of Điều 21.1."""
    hamlet_id = hamlet if isinstance(hamlet, int) else hamlet.pk
    return list(Household.objects.unscoped().filter(hamlet_id=hamlet_id, is_active=True).values_list("pk", flat=True))


def _calendar(*days: dt.date) -> Any:
    from thanthien.clocks.selectors import calendar_for_dates

    return calendar_for_dates(*days, extra_days=30)


# --- Meetings ----------------------------------------------------------------------------------


def meeting_create(
    *,
    actor: Any,
    hamlet: Hamlet,
    title: str,
    scheduled_at: dt.datetime,
    place: str,
    convener_name: str,
    kind: str = CommunityMeeting.Kind.MEETING,
    cluster: str = "",
    scattered: bool = False,
) -> CommunityMeeting:
    """Plan a community meeting of ``hamlet`` (Luật Điều 18; NĐ 59 Điều 3).

    A cluster (cụm) meeting is allowed with ≥ 200 households or scattered settlement.
    """
    _ensure_manager(actor, hamlet.unit_id, hamlet.pk)
    _aware(scheduled_at, "scheduled_at")
    if kind not in CommunityMeeting.Kind.values:
        raise _err("kind", _("Unknown meeting kind."))
    if not title.strip():
        raise _err("title", _("Give the meeting a title."))
    if cluster.strip() and not cluster_meetings_allowed(len(hamlet_roll(hamlet)), scattered=scattered):
        raise _err("cluster", _("Cluster meetings are allowed only for hamlets of 200 households or more."))
    meeting = CommunityMeeting(
        unit_id=hamlet.unit_id,
        hamlet=hamlet,
        kind=kind,
        title=title.strip(),
        cluster=cluster.strip(),
        convener_name=convener_name.strip(),
        scheduled_at=scheduled_at,
        place=place.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    with transaction.atomic():
        meeting.save()
        audit_record(
            actor=actor,
            action="meeting.created",
            obj=meeting,
            new={"title": meeting.title, "scheduled_at": scheduled_at, "hamlet": hamlet.pk, "kind": kind},
        )
    return meeting


def meeting_update(
    *, actor: Any, meeting: CommunityMeeting, title: str | None = None, place: str | None = None
) -> CommunityMeeting:
    """Change the title or place of a meeting not yet closed."""
    _ensure_manager(actor, meeting.unit_id, meeting.hamlet_id)
    if meeting.status == CommunityMeeting.Status.CLOSED:
        raise _err("status", _("A closed meeting cannot be changed."))
    old = {"title": meeting.title, "place": meeting.place}
    if title is not None:
        meeting.title = title.strip()
    if place is not None:
        meeting.place = place.strip()
    with transaction.atomic():
        meeting.save(update_fields=["title", "place"])
        audit_record(
            actor=actor,
            action="meeting.updated",
            obj=meeting,
            old=old,
            new={"title": meeting.title, "place": meeting.place},
        )
    return meeting


def agenda_item_add(
    *,
    actor: Any,
    meeting: CommunityMeeting,
    kind: str,
    title: str,
    description: str = "",
    matter: int | None = None,
) -> AgendaItem:
    """Add an agenda item; a ``decide`` item (Điều 15 items 1–6) opens a decision to vote on."""
    _ensure_manager(actor, meeting.unit_id, meeting.hamlet_id)
    if kind not in AgendaItemKind._value2member_map_:
        raise _err("kind", _("Unknown agenda item kind."))
    if meeting.status == CommunityMeeting.Status.CLOSED:
        raise _err("status", _("A closed meeting cannot be changed."))
    if kind == AgendaItemKind.DECIDE and matter not in range(1, 7):
        raise _err("matter", _("A decision item needs a matter from Article 15, items 1 to 6."))
    if kind != AgendaItemKind.DECIDE:
        matter = None
    with transaction.atomic():
        order = meeting.agenda.count() + 1
        item = AgendaItem.objects.create(
            unit_id=meeting.unit_id,
            meeting=meeting,
            order=order,
            kind=kind,
            title=title.strip(),
            description=description.strip(),
            matter=matter,
        )
        if kind == AgendaItemKind.DECIDE:
            Decision.objects.create(
                unit_id=meeting.unit_id,
                hamlet_id=meeting.hamlet_id,
                meeting=meeting,
                agenda_item=item,
                matter=matter,
                question=item.title,
                details=item.description,
                form=Decision.Form.MEETING,
            )
        audit_record(
            actor=actor,
            action="meeting.agenda_item_added",
            obj=meeting,
            new={"item": item.pk, "kind": kind, "title": item.title, "matter": matter},
        )
    return item


def agenda_item_update(*, actor: Any, item: AgendaItem, title: str, description: str | None = None) -> AgendaItem:
    """Reword an agenda item before the meeting closes (its decision's question follows while unlocked)."""
    meeting = item.meeting
    _ensure_manager(actor, meeting.unit_id, meeting.hamlet_id)
    if meeting.status == CommunityMeeting.Status.CLOSED:
        raise _err("status", _("A closed meeting cannot be changed."))
    old = {"title": item.title, "description": item.description}
    item.title = title.strip()
    if description is not None:
        item.description = description.strip()
    with transaction.atomic():
        item.save(update_fields=["title", "description"])
        Decision.objects.unscoped().filter(agenda_item=item, rules_locked_at__isnull=True).update(question=item.title)
        audit_record(actor=actor, action="meeting.agenda_item_updated", obj=item, old=old, new={"title": item.title})
    return item


def meeting_notice_send(
    *,
    actor: Any,
    meeting: CommunityMeeting,
    sent_on: dt.date,
    channels: Sequence[str],
    documents_sent_on: dt.date | None = None,
) -> CommunityMeeting:
    """Record that the notice (Mẫu 01) went out ≥ 2 days ahead (≥ 5 for the yearly conference).

    Documents for Điều 15 items 1–3 must reach every household ≥ 2 days ahead too (NĐ 59 Điều 3).
    """
    _ensure_manager(actor, meeting.unit_id, meeting.hamlet_id)
    day = timezone.localtime(meeting.scheduled_at).date()
    bad = [c for c in channels if c not in NoticeDelivery.Channel.values]
    if not channels or bad:
        raise _err("channels", _("Choose at least one notice channel."))
    if meeting.kind == CommunityMeeting.Kind.ANNUAL:
        timely = rule_clocks.annual_conference_notice_is_timely(sent_on, day)
    else:
        timely = rule_clocks.notice_is_timely(sent_on, day)
    if not timely:
        raise _err(
            "sent_on", _("The notice must go out at least 2 days before the meeting (5 for the yearly conference).")
        )
    needs_docs = any(
        rule_clocks.documents_required(m) for m in meeting.agenda.exclude(matter=None).values_list("matter", flat=True)
    )
    if needs_docs and not (documents_sent_on and documents_sent_on <= rule_clocks.latest_notice_date(day)):
        raise _err("documents_sent_on", _("Documents for items 1–3 must reach every household at least 2 days before."))
    old = {"status": meeting.status, "notice_sent_on": meeting.notice_sent_on}
    meeting.notice_sent_on = sent_on
    meeting.documents_sent_on = documents_sent_on
    meeting.notice_channels = list(dict.fromkeys(channels))
    if meeting.status == CommunityMeeting.Status.DRAFT:
        meeting.status = CommunityMeeting.Status.NOTICED
    with transaction.atomic():
        meeting.save(update_fields=["notice_sent_on", "documents_sent_on", "notice_channels", "status"])
        audit_record(
            actor=actor,
            action="meeting.notice_sent",
            obj=meeting,
            old=old,
            new={
                "notice_sent_on": sent_on,
                "channels": meeting.notice_channels,
                "documents_sent_on": documents_sent_on,
            },
        )
    return meeting


def notice_delivery_record(
    *,
    actor: Any,
    meeting: CommunityMeeting,
    household: Household,
    channel: str,
    informed_at: dt.datetime,
    what: str = NoticeDelivery.What.NOTICE,
) -> NoticeDelivery:
    """Record that one household was informed (reach tracking: who, how, when)."""
    _ensure_clerk(actor, meeting.unit_id, meeting.hamlet_id)
    _aware(informed_at, "informed_at")
    if household.hamlet_id != meeting.hamlet_id:
        raise _err("household", _("This household is not in the meeting's hamlet."))
    if channel not in NoticeDelivery.Channel.values:
        raise _err("channel", _("Unknown channel."))
    with transaction.atomic():
        delivery, created = NoticeDelivery.objects.get_or_create(
            meeting=meeting,
            household=household,
            what=what,
            channel=channel,
            defaults={"unit_id": meeting.unit_id, "informed_at": informed_at, "recorded_by": actor},
        )
        if created:
            audit_record(
                actor=actor,
                action="meeting.household_informed",
                obj=delivery,
                new={"meeting": meeting.pk, "household": household.pk, "channel": channel, "what": what},
            )
    return delivery


def meeting_open(*, actor: Any, meeting: CommunityMeeting, at: dt.datetime) -> CommunityMeeting:
    _ensure_manager(actor, meeting.unit_id, meeting.hamlet_id)
    _aware(at, "at")
    if meeting.status == CommunityMeeting.Status.CLOSED:
        raise _err("status", _("A closed meeting cannot be reopened."))
    old = {"status": meeting.status}
    meeting.status = CommunityMeeting.Status.OPEN
    meeting.opened_at = meeting.opened_at or at
    with transaction.atomic():
        meeting.save(update_fields=["status", "opened_at"])
        audit_record(actor=actor, action="meeting.opened", obj=meeting, old=old, new={"status": meeting.status})
    return meeting


def attendance_check_in(
    *,
    actor: Any,
    meeting: CommunityMeeting,
    household: Household,
    at: dt.datetime,
    method: str = Attendance.Method.CLERK,
    representative_name: str = "",
) -> Attendance:
    """Check in a household's representative (one row per household; a second check-in is refused)."""
    _ensure_clerk(actor, meeting.unit_id, meeting.hamlet_id)
    _aware(at, "at")
    if household.hamlet_id != meeting.hamlet_id or not household.is_active:
        raise _err("household", _("This household is not on the hamlet's roll."))
    if meeting.status == CommunityMeeting.Status.CLOSED:
        raise _err("status", _("The meeting is closed."))
    if not representative_name:
        rep = household.members.filter(is_representative=True).first()
        representative_name = rep.full_name if rep else ""
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                unit_id=meeting.unit_id,
                meeting=meeting,
                household=household,
                representative_name=representative_name.strip(),
                method=method,
                checked_in_at=at,
                checked_in_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            audit_record(
                actor=actor,
                action="meeting.checked_in",
                obj=attendance,
                new={"meeting": meeting.pk, "household": household.pk, "method": method},
            )
    except IntegrityError:
        raise _err("household", _("This household has already checked in.")) from None
    return attendance


def attendance_update(*, actor: Any, attendance: Attendance, representative_name: str) -> Attendance:
    """Correct the name of the representative who attended."""
    meeting = attendance.meeting
    _ensure_clerk(actor, meeting.unit_id, meeting.hamlet_id)
    old = {"representative_name": attendance.representative_name}
    attendance.representative_name = representative_name.strip()
    with transaction.atomic():
        attendance.save(update_fields=["representative_name"])
        audit_record(
            actor=actor,
            action="meeting.attendance_updated",
            obj=attendance,
            old=old,
            new={"representative_name": attendance.representative_name},
        )
    return attendance


def meeting_present_count(meeting: CommunityMeeting) -> int:
    return Attendance.objects.unscoped().filter(meeting=meeting).count()


def meeting_officers_adopt(
    *,
    actor: Any,
    meeting: CommunityMeeting,
    secretary_name: str,
    vote_counters: Sequence[str],
    agree: int,
    vote_method: str,
    witnesses: Sequence[str] = (),
) -> CommunityMeeting:
    """Secretary, vote counters and voting method, adopted by > 50% of those present (NĐ 59 Điều 3).

    A secret ballot needs a counting team of 3–5 and two household witnesses.
    """
    _ensure_manager(actor, meeting.unit_id, meeting.hamlet_id)
    present = meeting_present_count(meeting)
    if agree > present:
        raise _err("agree", _("More households agreed than are present."))
    result = procedural_decision_adopted(agree, present)
    if not result.adopted:
        raise _err("agree", result.explanation)
    counters = [c.strip() for c in vote_counters if c.strip()]
    names = [w.strip() for w in witnesses if w.strip()]
    if vote_method not in CommunityMeeting.VoteMethod.values:
        raise _err("vote_method", _("Choose show of hands or secret ballot."))
    if vote_method == CommunityMeeting.VoteMethod.SECRET_BALLOT:
        if not team_size_valid(Team.COUNTING_BOARD, len(counters)):
            raise _err("vote_counters", _("A secret ballot needs a counting team of 3 to 5 people."))
        if not witnesses_valid(len(names)):
            raise _err("witnesses", _("Two household representatives must witness the count."))
    meeting.secretary_name = secretary_name.strip()
    meeting.vote_counters = counters
    meeting.witnesses = names
    meeting.vote_method = vote_method
    meeting.procedural_agree = agree
    meeting.procedural_present = present
    with transaction.atomic():
        meeting.save(
            update_fields=[
                "secretary_name",
                "vote_counters",
                "witnesses",
                "vote_method",
                "procedural_agree",
                "procedural_present",
            ]
        )
        audit_record(
            actor=actor,
            action="meeting.officers_adopted",
            obj=meeting,
            new={"secretary": meeting.secretary_name, "counters": counters, "agree": agree, "present": present},
        )
    return meeting


def meeting_close(
    *, actor: Any, meeting: CommunityMeeting, at: dt.datetime, report: str | None = None
) -> CommunityMeeting:
    _ensure_manager(actor, meeting.unit_id, meeting.hamlet_id)
    _aware(at, "at")
    old = {"status": meeting.status}
    meeting.status = CommunityMeeting.Status.CLOSED
    meeting.closed_at = at
    if report is not None:
        meeting.report = report.strip()
    with transaction.atomic():
        meeting.save(update_fields=["status", "closed_at", "report"])
        audit_record(actor=actor, action="meeting.closed", obj=meeting, old=old, new={"status": meeting.status})
    return meeting
