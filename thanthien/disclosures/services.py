"""Writes of the disclosure register. Keyword-only, actor first; each checks the role, writes in a
transaction and records one audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record
from thanthien.core.search import fold_join, nfc
from thanthien.units.models import AdminUnit, Hamlet
from thanthien.units.permissions import ensure_role

from .domain import greetings as greeting_rules
from .domain.channels import Channel
from .domain.rules import CATEGORY_BY_NUMBER, Form
from .models import (
    Broadcast,
    ChannelUse,
    DisclosureItem,
    DisclosurePlan,
    Greeting,
    OutreachSession,
    PlanEntry,
    Posting,
)
from .permissions import EDITORS, LEADERS
from .selectors import forget_public_version

PHOTO_MAX_BYTES = 5 * 1024 * 1024
# Magic numbers of the accepted photo types: the browser-sent content type is not trusted.
PHOTO_SIGNATURES = {b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png", b"RIFF": "webp"}


def _validate_category(category: int) -> None:
    if category not in CATEGORY_BY_NUMBER:
        raise ValidationError(_("Choose a category from 1 to 14."))


def _validate_forms(forms: list[str]) -> list[str]:
    valid = {f.value for f in Form}
    bad = [f for f in forms if f not in valid]
    if bad:
        raise ValidationError(_("Unknown form of disclosure."))
    return sorted(set(forms))


def _changed(item: DisclosureItem) -> None:
    """Public pages of the commune are cached by register version: drop it once committed."""
    unit_id = item.unit_id
    transaction.on_commit(lambda: forget_public_version(unit_id))


def _search_text(item: DisclosureItem) -> str:
    return fold_join(item.title, item.document_ref, item.summary)[:1200]


def validate_photo(photo: UploadedFile) -> str:
    """Check size and type from the file's first bytes; return the extension to store."""
    if photo.size is not None and photo.size > PHOTO_MAX_BYTES:
        raise ValidationError(_("The photo is larger than 5 MB."))
    head = photo.read(12)
    photo.seek(0)
    for magic, ext in PHOTO_SIGNATURES.items():
        if head.startswith(magic) and (ext != "webp" or head[8:12] == b"WEBP"):
            return ext
    raise ValidationError(_("The photo must be a JPEG, PNG or WebP image."))


@transaction.atomic
def item_create(
    *,
    actor: Any,
    unit: AdminUnit,
    category: int,
    title: str,
    summary: str = "",
    document_ref: str = "",
    decided_on: dt.date | None = None,
    forms: list[str] | None = None,
) -> DisclosureItem:
    """Add a draft item to the register."""
    ensure_role(actor, unit.pk, EDITORS)
    _validate_category(category)
    item = DisclosureItem(
        unit=unit,
        category=category,
        title=nfc(title).strip(),
        summary=nfc(summary).strip(),
        document_ref=document_ref.strip(),
        decided_on=decided_on,
        forms=_validate_forms(forms or []),
    )
    item.search_text = _search_text(item)
    item.full_clean(exclude=["search_text"])
    item.save()
    _changed(item)
    audit_record(actor=actor, action="disclosure.created", obj=item, new={"title": item.title, "category": category})
    return item


@transaction.atomic
def item_update(*, actor: Any, item: DisclosureItem, **changes: Any) -> DisclosureItem:
    """Change a draft. A published item is changed by :func:`item_revise` (re-disclosure)."""
    ensure_role(actor, item.unit_id, EDITORS)
    item = DisclosureItem.objects.select_for_update().get(pk=item.pk)
    if item.status != DisclosureItem.Status.DRAFT:
        raise ValidationError(_("A published item cannot be edited; publish a revised version instead."))
    allowed = {"category", "title", "summary", "document_ref", "decided_on", "forms"}
    if set(changes) - allowed:
        raise TypeError(f"Cannot change {set(changes) - allowed}")
    old = {k: getattr(item, k) for k in changes}
    if "category" in changes:
        _validate_category(changes["category"])
    if "forms" in changes:
        changes["forms"] = _validate_forms(changes["forms"])
    for key, value in changes.items():
        setattr(item, key, nfc(value).strip() if isinstance(value, str) else value)
    item.search_text = _search_text(item)
    item.save()
    _changed(item)
    audit_record(actor=actor, action="disclosure.updated", obj=item, old=old, new=changes)
    return item


@transaction.atomic
def item_publish(*, actor: Any, item: DisclosureItem, on: dt.date | None = None) -> DisclosureItem:
    """Publish on the commune website (Điều 13 khoản 1); a revision withdraws the version it replaces."""
    ensure_role(actor, item.unit_id, EDITORS)
    item = DisclosureItem.objects.select_for_update().get(pk=item.pk)
    if item.status == DisclosureItem.Status.PUBLISHED:
        return item
    day = on or timezone.localdate()
    item.status = DisclosureItem.Status.PUBLISHED
    item.published_on = day
    item.forms = sorted({*item.forms, Form.WEBSITE.value})
    item.save(update_fields=["status", "published_on", "forms", "updated_at"])
    ChannelUse.objects.create(item=item, channel=Channel.WEB, at=timezone.now(), by=actor)
    replaced = DisclosureItem.objects.filter(pk=item.supersedes_id).first() if item.supersedes_id else None
    if replaced is not None and replaced.status != DisclosureItem.Status.WITHDRAWN:
        old_status = replaced.status
        replaced.status = DisclosureItem.Status.WITHDRAWN
        replaced.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="disclosure.withdrawn",
            obj=replaced,
            old={"status": old_status},
            new={"status": replaced.status, "replaced_by": item.pk},
        )
    _changed(item)
    audit_record(actor=actor, action="disclosure.published", obj=item, new={"published_on": day})
    return item


@transaction.atomic
def item_withdraw(*, actor: Any, item: DisclosureItem) -> DisclosureItem:
    ensure_role(actor, item.unit_id, LEADERS)
    old = item.status
    item.status = DisclosureItem.Status.WITHDRAWN
    item.save(update_fields=["status", "updated_at"])
    _changed(item)
    audit_record(actor=actor, action="disclosure.withdrawn", obj=item, old={"status": old})
    return item


@transaction.atomic
def item_revise(
    *, actor: Any, item: DisclosureItem, title: str, summary: str, decided_on: dt.date | None
) -> DisclosureItem:
    """Re-disclosure on change (Điều 14): a new draft that replaces ``item`` once published."""
    ensure_role(actor, item.unit_id, EDITORS)
    revised = item_create(
        actor=actor,
        unit=item.unit,
        category=item.category,
        title=title,
        summary=summary,
        document_ref=item.document_ref,
        decided_on=decided_on,
        forms=list(item.forms),
    )
    revised.supersedes = item
    revised.save(update_fields=["supersedes"])
    audit_record(actor=actor, action="disclosure.revised", obj=revised, old={"replaces": item.pk})
    return revised


def _hamlet_of(item: DisclosureItem, hamlet: Hamlet | None) -> None:
    if hamlet is not None and hamlet.unit_id != item.unit_id:
        raise ValidationError(_("This hamlet belongs to another commune."))


@transaction.atomic
def posting_add(
    *,
    actor: Any,
    item: DisclosureItem,
    hamlet: Hamlet | None,
    started_on: dt.date,
    ended_on: dt.date | None = None,
    photo: UploadedFile | None = None,
) -> Posting:
    """Record a posting at the office (``hamlet`` None) or at a hamlet house, with optional photo."""
    ensure_role(actor, item.unit_id, EDITORS)
    _hamlet_of(item, hamlet)
    if ended_on is not None and ended_on < started_on:
        raise ValidationError(_("The end date is before the start date."))
    posting = Posting(item=item, hamlet=hamlet, started_on=started_on, ended_on=ended_on)
    if photo is not None:
        ext = validate_photo(photo)
        posting.photo.save(f"posting-{item.pk}.{ext}", photo, save=False)
    posting.save()
    forms = sorted({*item.forms, Form.NOTICE_BOARD.value})
    if forms != item.forms:
        item.forms = forms
        item.save(update_fields=["forms", "updated_at"])
    audit_record(
        actor=actor,
        action="disclosure.posting_added",
        obj=posting,
        unit=item.unit_id,
        new={"item": item.pk, "hamlet": hamlet.pk if hamlet else None, "started_on": started_on},
    )
    return posting


@transaction.atomic
def posting_end(*, actor: Any, posting: Posting, ended_on: dt.date, photo: UploadedFile | None = None) -> Posting:
    """Record when a posting was taken down."""
    ensure_role(actor, posting.item.unit_id, EDITORS)
    if ended_on < posting.started_on:
        raise ValidationError(_("The end date is before the start date."))
    old = posting.ended_on
    posting.ended_on = ended_on
    fields = ["ended_on"]
    if photo is not None:
        ext = validate_photo(photo)
        posting.photo.save(f"posting-{posting.item_id}.{ext}", photo, save=False)
        fields.append("photo")
    posting.save(update_fields=fields)
    audit_record(
        actor=actor,
        action="disclosure.posting_ended",
        obj=posting,
        unit=posting.item.unit_id,
        old={"ended_on": old},
        new={"ended_on": ended_on},
    )
    return posting


@transaction.atomic
def broadcast_add(*, actor: Any, item: DisclosureItem, aired_on: dt.date, days: int = 1) -> list[Broadcast]:
    """Record ``days`` consecutive radio broadcasts from ``aired_on`` (one per day)."""
    ensure_role(actor, item.unit_id, EDITORS)
    if not 1 <= days <= 31:
        raise ValidationError(_("Record between 1 and 31 days at a time."))
    made = []
    for i in range(days):
        day = aired_on + dt.timedelta(days=i)
        row, _created = Broadcast.objects.get_or_create(item=item, aired_on=day)
        made.append(row)
    forms = sorted({*item.forms, Form.RADIO.value})
    if forms != item.forms:
        item.forms = forms
        item.save(update_fields=["forms", "updated_at"])
    audit_record(actor=actor, action="disclosure.broadcast_recorded", obj=item, new={"from": aired_on, "days": days})
    return made


@transaction.atomic
def broadcast_note(*, actor: Any, broadcast: Broadcast, note: str) -> Broadcast:
    """Note how a broadcast went (time slot, which loudspeakers)."""
    ensure_role(actor, broadcast.item.unit_id, EDITORS)
    old = broadcast.note
    broadcast.note = nfc(note).strip()[:200]
    broadcast.save(update_fields=["note"])
    audit_record(
        actor=actor,
        action="disclosure.broadcast_noted",
        obj=broadcast,
        unit=broadcast.item.unit_id,
        old={"note": old},
        new={"note": broadcast.note},
    )
    return broadcast


CHANNEL_FORMS = {
    Channel.WEB: Form.WEBSITE,
    Channel.PAPER: Form.NOTICE_BOARD,
    Channel.LOUDSPEAKER: Form.RADIO,
    Channel.ZALO: Form.SOCIAL,
}


@transaction.atomic
def channel_log(*, actor: Any, item: DisclosureItem, channel: str) -> ChannelUse:
    """Log that an output for ``channel`` was produced for a published item."""
    ensure_role(actor, item.unit_id, EDITORS)
    channel = Channel(channel)
    use = ChannelUse.objects.create(item=item, channel=channel, at=timezone.now(), by=actor)
    if channel in (Channel.ZALO,):
        forms = sorted({*item.forms, CHANNEL_FORMS[channel].value, Form.HAMLET_HEAD.value})
        if forms != item.forms:
            item.forms = forms
            item.save(update_fields=["forms", "updated_at"])
    audit_record(actor=actor, action="disclosure.channel_used", obj=item, new={"channel": channel.value})
    return use


# ---- plan ----------------------------------------------------------------------------------


@transaction.atomic
def plan_entry_add(
    *,
    actor: Any,
    unit: AdminUnit,
    year: int,
    category: int,
    content: str,
    forms: list[str],
    due_on: dt.date,
    responsible: str,
) -> PlanEntry:
    """Add a line to the commune's yearly disclosure plan (Điều 14 khoản 1)."""
    ensure_role(actor, unit.pk, EDITORS)
    _validate_category(category)
    if due_on.year != year:
        raise ValidationError(_("The planned date must fall in the plan's year."))
    plan, _created = DisclosurePlan.objects.get_or_create(unit=unit, year=year)
    entry = PlanEntry.objects.create(
        plan=plan,
        category=category,
        content=nfc(content).strip(),
        forms=_validate_forms(forms),
        due_on=due_on,
        responsible=nfc(responsible).strip(),
    )
    audit_record(
        actor=actor, action="disclosure.plan_entry_added", obj=entry, unit=unit.pk, new={"content": entry.content}
    )
    return entry


@transaction.atomic
def plan_entry_update(*, actor: Any, entry: PlanEntry, content: str, due_on: dt.date, responsible: str) -> PlanEntry:
    ensure_role(actor, entry.plan.unit_id, EDITORS)
    old = {"content": entry.content, "due_on": entry.due_on, "responsible": entry.responsible}
    entry.content, entry.due_on, entry.responsible = nfc(content).strip(), due_on, nfc(responsible).strip()
    entry.save(update_fields=["content", "due_on", "responsible"])
    audit_record(actor=actor, action="disclosure.plan_entry_updated", obj=entry, unit=entry.plan.unit_id, old=old)
    return entry


@transaction.atomic
def plan_adopt(*, actor: Any, plan: DisclosurePlan, adopted_on: dt.date) -> DisclosurePlan:
    """The People's Committee adopts the yearly plan (Điều 14 khoản 1); a leader records it."""
    ensure_role(actor, plan.unit_id, LEADERS)
    old = plan.adopted_on
    plan.adopted_on = adopted_on
    plan.save(update_fields=["adopted_on"])
    audit_record(
        actor=actor, action="disclosure.plan_adopted", obj=plan, old={"adopted_on": old}, new={"adopted_on": adopted_on}
    )
    return plan


# ---- law spreading and greetings -------------------------------------------------------------


@transaction.atomic
def outreach_add(
    *, actor: Any, unit: AdminUnit, hamlet: Hamlet, held_on: dt.date, topic: str, attendance: int
) -> OutreachSession:
    """Record a law-propaganda conference in a hamlet (date, topic, attendance)."""
    ensure_role(actor, unit.pk, EDITORS)
    if hamlet.unit_id != unit.pk:
        raise ValidationError(_("This hamlet belongs to another commune."))
    session = OutreachSession.objects.create(
        unit=unit, hamlet=hamlet, held_on=held_on, topic=nfc(topic).strip(), attendance=attendance
    )
    audit_record(actor=actor, action="disclosure.outreach_recorded", obj=session, new={"attendance": attendance})
    return session


@transaction.atomic
def outreach_update(*, actor: Any, session: OutreachSession, attendance: int) -> OutreachSession:
    ensure_role(actor, session.unit_id, EDITORS)
    old = session.attendance
    session.attendance = attendance
    session.save(update_fields=["attendance"])
    audit_record(actor=actor, action="disclosure.outreach_updated", obj=session, old={"attendance": old})
    return session


@transaction.atomic
def greetings_prepare(
    *, actor: Any, unit: AdminUnit, today: dt.date, holidays: list[Any], chairman: str = ""
) -> list[Greeting]:
    """Create the draft greetings due before the coming holidays (idempotent).

    ``holidays``: calendar entries (``day``, ``name``) of the working-day engine. ``actor`` None
    is the scheduler (a system task); a user must be an editor of the commune.
    """
    if actor is not None:
        ensure_role(actor, unit.pk, EDITORS)
    made = []
    for occasion in greeting_rules.upcoming(holidays, today=today):
        if Greeting.objects.filter(unit=unit, occasion_on=occasion.day).exists():
            continue
        texts = greeting_rules.draft_greeting(occasion=occasion, commune=unit.full_name, chairman=chairman)
        greeting = Greeting.objects.create(
            unit=unit,
            occasion_on=occasion.day,
            occasion=occasion.name,
            web_text=texts.web,
            loudspeaker_text=texts.loudspeaker,
            social_text=texts.social,
        )
        audit_record(
            actor=actor,
            actor_label="" if actor else "system",
            action="greeting.drafted",
            obj=greeting,
            new={"occasion": occasion.name},
        )
        made.append(greeting)
    return made


@transaction.atomic
def greeting_update(
    *, actor: Any, greeting: Greeting, web_text: str, loudspeaker_text: str, social_text: str
) -> Greeting:
    ensure_role(actor, greeting.unit_id, LEADERS)
    greeting.web_text, greeting.loudspeaker_text, greeting.social_text = (
        nfc(web_text).strip(),
        nfc(loudspeaker_text).strip(),
        nfc(social_text).strip(),
    )
    greeting.save(update_fields=["web_text", "loudspeaker_text", "social_text"])
    audit_record(actor=actor, action="greeting.updated", obj=greeting)
    return greeting


@transaction.atomic
def greeting_publish(*, actor: Any, greeting: Greeting) -> Greeting:
    """The chairman (or a leader) publishes the greeting on the commune home page."""
    ensure_role(actor, greeting.unit_id, LEADERS)
    greeting.status = Greeting.Status.PUBLISHED
    greeting.published_at = timezone.now()
    greeting.save(update_fields=["status", "published_at"])
    audit_record(actor=actor, action="greeting.published", obj=greeting)
    return greeting
