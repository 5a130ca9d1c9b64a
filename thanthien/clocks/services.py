"""Writes: legal clocks and the working calendar.

Clock API for other apps (dossiers, complaints, information requests…)::

    clock = clock_start(actor=officer, unit=dossier.unit, kind="dossier.processing",
                        started_at=received_at, amount=10, measure="working_days",
                        subject=dossier, receipt_cutoff=True)
    clock_pause(actor=..., clock=clock, at=now)      # time stops counting (what is left is kept)
    clock_resume(actor=..., clock=clock, at=now)     # counting goes on from ``at``
    clock_restart(actor=..., clock=clock, at=now)    # from zero (NĐ 61/2018 Điều 19 khoản 4)
    clock_extend(actor=..., clock=clock, until=new_date, reason="Mẫu 04 …")
    clock_stop(actor=..., clock=clock, at=now, done=True)  # classifies early / on time / late

``actor=None`` is a system action (a task, a citizen's online submission): the calling service
has already checked permission. Calendar writes (overrides, office-hours rules) need a calendar
manager and, on commit, publish a new calendar version and enqueue the recompute of every
running clock.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record
from thanthien.core.tenancy import ensure_in_scope

from .domain.calendar import Due, Measure, OfficeHours, WorkingCalendar, classify_completion
from .events import emit_on_commit
from .models import CalendarOverride, Clock, WorkingTimeRule
from .permissions import can_manage_calendar
from .selectors import bump_calendar_version, calendar_for_dates

_ONE_MICROSECOND = dt.timedelta(microseconds=1)


# ---- helpers -----------------------------------------------------------------------------------


def _require_aware(value: dt.datetime, field: str) -> None:
    if not isinstance(value, dt.datetime) or timezone.is_naive(value):
        raise ValidationError({field: [_("A date and time with a time zone is required.")]})


def _check_clock_actor(actor: Any, clock: Clock) -> None:
    if actor is not None:
        ensure_in_scope(actor, clock.unit_id)


def _base_units(measure: str, amount: int) -> int:
    return amount * 3600 if measure == Measure.WORKING_HOURS else amount


def _calendar_for_clock(clock: Clock, *extra: dt.datetime | None) -> WorkingCalendar:
    moments = [m for m in (clock.started_at, clock.run_started_at, clock.extended_due_at, *extra) if m is not None]
    days = [timezone.localtime(m).date() for m in moments]
    # Working days the period may span after its start (calendar days are an upper bound).
    extra_days = clock.amount // 8 + 1 if clock.measure == Measure.WORKING_HOURS else clock.amount
    return calendar_for_dates(*days, extra_days=extra_days)


def _last_day_of(moment: dt.datetime, calendar: WorkingCalendar) -> dt.date:
    """The day a due instant belongs to: 24:00 belongs to the day that ends."""
    return (moment - _ONE_MICROSECOND).astimezone(calendar.tz).date()


def _computed_fields(clock: Clock, calendar: WorkingCalendar) -> dict[str, Any]:
    """The due fields of ``clock`` under ``calendar`` (not saved)."""
    original = calendar.due(clock.started_at, clock.amount, clock.measure, receipt_cutoff=clock.receipt_cutoff)
    if clock.extended_due_at is not None:
        current = Due(clock.extended_due_at, _last_day_of(clock.extended_due_at, calendar))
    elif clock.status == Clock.Status.PAUSED:
        current = Due(clock.due_at, clock.due_date)
    elif clock.pause_count == 0:
        current = original
    else:
        current = calendar.due_in_units(clock.run_started_at, clock.run_units, clock.measure)
    return {
        "original_due_at": original.due_at,
        "due_at": current.due_at,
        "due_date": current.due_date,
        "warn_at": calendar.warn_from(current, clock.measure),
    }


def _apply(clock: Clock, values: dict[str, Any]) -> list[str]:
    changed = [name for name, value in values.items() if getattr(clock, name) != value]
    for name in changed:
        setattr(clock, name, values[name])
    return changed


def _clock_state(clock: Clock) -> dict[str, Any]:
    return {
        "status": clock.status,
        "due_at": clock.due_at.isoformat() if clock.due_at else None,
        "original_due_at": clock.original_due_at.isoformat() if clock.original_due_at else None,
    }


def _reset_notices(clock: Clock, now: dt.datetime) -> list[str]:
    """Clear the warned/overdue marks when the end moved back into the future."""
    changed = []
    if clock.warned_at is not None and clock.warn_at > now:
        clock.warned_at = None
        changed.append("warned_at")
    if clock.overdue_notified_at is not None and clock.due_at >= now:
        clock.overdue_notified_at = None
        changed.append("overdue_notified_at")
    return changed


def _save(clock: Clock, fields: list[str]) -> None:
    if fields:
        clock.save(update_fields=[*dict.fromkeys(fields), "updated_at"])


# ---- clocks ------------------------------------------------------------------------------------


def clock_start(
    *,
    actor: Any,
    unit: Any,
    kind: str,
    started_at: dt.datetime,
    amount: int,
    measure: str,
    subject: Any = None,
    subject_label: str = "",
    receipt_cutoff: bool = False,
) -> Clock:
    """Start a legal clock of ``amount`` ``measure`` at ``started_at``.

    ``receipt_cutoff=True`` applies NĐ 61/2018 Điều 18: received after the cut-off (15:00) or on
    a day off, the dossier counts as received on the next working day. Counting follows BLDS
    2015 Điều 147–148 (first day excluded; a last day off rolls to the next working day).
    """
    if actor is not None:
        ensure_in_scope(actor, unit.pk)
    _require_aware(started_at, "started_at")
    if measure not in Clock.Measure.values:
        raise ValidationError({"measure": [_("Unknown measure.")]})
    if not isinstance(amount, int) or amount < 0:
        raise ValidationError({"amount": [_("The amount must be a whole number, zero or more.")]})
    if not kind:
        raise ValidationError({"kind": [_("The clock kind is required.")]})
    clock = Clock(
        unit=unit,
        kind=kind,
        subject_label=subject_label or (str(subject) if subject is not None else ""),
        measure=measure,
        amount=amount,
        receipt_cutoff=receipt_cutoff,
        started_at=started_at,
        run_started_at=started_at,
        run_units=_base_units(measure, amount),
        status=Clock.Status.RUNNING,
    )
    if subject is not None:
        clock.subject_type = ContentType.objects.get_for_model(subject)
        clock.subject_id = str(subject.pk)
    calendar = _calendar_for_clock(clock)
    _apply(clock, _computed_fields(clock, calendar))
    with transaction.atomic():
        clock.save()
        audit_record(actor=actor, action="clock.started", obj=clock, unit=unit, new=_clock_state(clock))
    return clock


def clock_pause(*, actor: Any, clock: Clock, at: dt.datetime) -> Clock:
    """Stop the clock from counting; what is left of the period is kept for :func:`clock_resume`."""
    _check_clock_actor(actor, clock)
    _require_aware(at, "at")
    if clock.status != Clock.Status.RUNNING:
        raise ValidationError(_("Only a running clock can be paused."))
    calendar = _calendar_for_clock(clock, at)
    old = _clock_state(clock)
    with transaction.atomic():
        clock.paused_units = calendar.remaining_units(at, Due(clock.due_at, clock.due_date), clock.measure)
        clock.paused_at = at
        clock.status = Clock.Status.PAUSED
        _save(clock, ["paused_units", "paused_at", "status"])
        audit_record(actor=actor, action="clock.paused", obj=clock, unit=clock.unit, old=old, new=_clock_state(clock))
    return clock


def clock_resume(*, actor: Any, clock: Clock, at: dt.datetime) -> Clock:
    """Count again from ``at`` with what was left at the pause (a new run; the extension, if any,
    is absorbed into it)."""
    _check_clock_actor(actor, clock)
    _require_aware(at, "at")
    if clock.status != Clock.Status.PAUSED:
        raise ValidationError(_("Only a paused clock can be resumed."))
    if clock.paused_at and at < clock.paused_at:
        raise ValidationError(_("A clock cannot resume before it was paused."))
    old = _clock_state(clock)
    clock.status = Clock.Status.RUNNING
    clock.run_started_at = at
    clock.run_units = clock.paused_units or 0
    clock.paused_at = None
    clock.paused_units = None
    clock.pause_count += 1
    clock.extended_due_at = None
    calendar = _calendar_for_clock(clock, at)
    fields = ["status", "run_started_at", "run_units", "paused_at", "paused_units", "pause_count", "extended_due_at"]
    fields += _apply(clock, _computed_fields(clock, calendar))
    fields += _reset_notices(clock, at)
    with transaction.atomic():
        _save(clock, fields)
        audit_record(actor=actor, action="clock.resumed", obj=clock, unit=clock.unit, old=old, new=_clock_state(clock))
    return clock


def clock_restart(*, actor: Any, clock: Clock, at: dt.datetime, amount: int | None = None) -> Clock:
    """Restart the period from zero at ``at`` (e.g. the complete dossier arrives after a request
    to supplement during processing: NĐ 61/2018/NĐ-CP Điều 19 khoản 4)."""
    _check_clock_actor(actor, clock)
    _require_aware(at, "at")
    if not clock.is_open:
        raise ValidationError(_("A finished clock cannot be restarted."))
    if amount is not None and amount < 0:
        raise ValidationError({"amount": [_("The amount must be a whole number, zero or more.")]})
    old = _clock_state(clock)
    clock.amount = clock.amount if amount is None else amount
    clock.started_at = at
    clock.run_started_at = at
    clock.run_units = _base_units(clock.measure, clock.amount)
    clock.status = Clock.Status.RUNNING
    clock.paused_at = None
    clock.paused_units = None
    clock.pause_count = 0
    clock.extended_due_at = None
    clock.extension_reason = ""
    clock.warned_at = None
    clock.overdue_notified_at = None
    clock.restart_count += 1
    calendar = _calendar_for_clock(clock)
    _apply(clock, _computed_fields(clock, calendar))
    with transaction.atomic():
        clock.save()
        audit_record(
            actor=actor, action="clock.restarted", obj=clock, unit=clock.unit, old=old, new=_clock_state(clock)
        )
    return clock


def clock_extend(*, actor: Any, clock: Clock, until: dt.date | dt.datetime, reason: str) -> Clock:
    """Set a new end (the new appointment of an apology slip, legal-rules §2.6).

    A date means 24:00 of that day. ``original_due_at`` keeps the first end for reporting.
    """
    _check_clock_actor(actor, clock)
    if not clock.is_open:
        raise ValidationError(_("A finished clock cannot be extended."))
    if not reason.strip():
        raise ValidationError({"reason": [_("The reason is required.")]})
    calendar = _calendar_for_clock(clock)
    if isinstance(until, dt.datetime):
        _require_aware(until, "until")
        new_end = until
    else:
        new_end = calendar.end_of_day(until)
    if new_end <= clock.due_at:
        raise ValidationError({"until": [_("The new due date must be later than the current one.")]})
    old = _clock_state(clock)
    clock.extended_due_at = new_end
    clock.extension_reason = reason.strip()
    calendar = _calendar_for_clock(clock)
    fields = ["extended_due_at", "extension_reason", *_apply(clock, _computed_fields(clock, calendar))]
    fields += _reset_notices(clock, timezone.now())
    with transaction.atomic():
        _save(clock, fields)
        audit_record(actor=actor, action="clock.extended", obj=clock, unit=clock.unit, old=old, new=_clock_state(clock))
    return clock


def clock_stop(*, actor: Any, clock: Clock, at: dt.datetime, done: bool = True) -> Clock:
    """Stop the clock: ``done`` (the result was returned) or stopped (withdrawn, refused…).

    A done clock is classified early / on time / late against its current and its original end
    (legal-rules §2.10; TT 01/2018/TT-VPCP Chỉ số 1).
    """
    _check_clock_actor(actor, clock)
    _require_aware(at, "at")
    if not clock.is_open:
        raise ValidationError(_("This clock has already stopped."))
    old = _clock_state(clock)
    calendar = _calendar_for_clock(clock, at)
    clock.status = Clock.Status.DONE if done else Clock.Status.STOPPED
    clock.stopped_at = at
    fields = ["status", "stopped_at"]
    if done:
        clock.timeliness = classify_completion(at, Due(clock.due_at, clock.due_date), calendar.tz).value
        original = Due(clock.original_due_at, _last_day_of(clock.original_due_at, calendar))
        clock.original_timeliness = classify_completion(at, original, calendar.tz).value
        fields += ["timeliness", "original_timeliness"]
    with transaction.atomic():
        _save(clock, fields)
        audit_record(actor=actor, action="clock.stopped", obj=clock, unit=clock.unit, old=old, new=_clock_state(clock))
    return clock


def clocks_recompute_open(*, now: dt.datetime | None = None) -> int:
    """Recompute the ends of every running or paused clock under the current calendar.

    Run by the task :func:`thanthien.clocks.tasks.recompute_clocks` after a calendar change
    (system action). Returns the number of clocks whose dates moved.
    """
    now = now or timezone.now()
    moved = 0
    open_clocks = Clock.objects.unscoped().filter(status__in=[Clock.Status.RUNNING, Clock.Status.PAUSED])
    for clock in open_clocks.select_related("unit").iterator(chunk_size=500):
        calendar = _calendar_for_clock(clock)
        old = _clock_state(clock)
        fields = _apply(clock, _computed_fields(clock, calendar))
        if not fields:
            continue
        fields += _reset_notices(clock, now)
        with transaction.atomic():
            _save(clock, fields)
            audit_record(
                actor=None, action="clock.recomputed", obj=clock, unit=clock.unit, old=old, new=_clock_state(clock)
            )
            if "due_at" in fields:
                emit_on_commit(clock, "moved")
        moved += 1
    return moved


def clocks_mark_due(*, now: dt.datetime) -> dict[str, int]:
    """Mark running clocks past their end as overdue and those in their last working day as
    warned (the D−1 alert, legal-rules §2.6). Idempotent: a clock is marked once; a second run
    at the same ``now`` changes nothing. System action; listeners hear "overdue" / "warned"."""
    running = Clock.objects.unscoped().filter(status=Clock.Status.RUNNING).select_related("unit")
    counts = {"overdue": 0, "warned": 0}
    with transaction.atomic():
        for clock in running.filter(overdue_notified_at__isnull=True, due_at__lt=now).select_for_update(of=("self",)):
            clock.overdue_notified_at = now
            fields = ["overdue_notified_at"]
            if clock.warned_at is None:  # no "approaching" notice for a clock already past its end
                clock.warned_at = now
                fields.append("warned_at")
            _save(clock, fields)
            audit_record(actor=None, action="clock.overdue", obj=clock, unit=clock.unit, new={"at": now.isoformat()})
            emit_on_commit(clock, "overdue")
            counts["overdue"] += 1
        for clock in running.filter(warned_at__isnull=True, warn_at__lte=now, due_at__gte=now).select_for_update(
            of=("self",)
        ):
            clock.warned_at = now
            _save(clock, ["warned_at"])
            audit_record(actor=None, action="clock.warned", obj=clock, unit=clock.unit, new={"at": now.isoformat()})
            emit_on_commit(clock, "warned")
            counts["warned"] += 1
    return counts


# ---- calendar ----------------------------------------------------------------------------------


def _require_calendar_manager(actor: Any) -> None:
    if not can_manage_calendar(actor):
        raise PermissionDenied(_("Only administrators can change the working calendar."))


def _on_calendar_change() -> None:
    def publish() -> None:
        from .tasks import recompute_clocks

        bump_calendar_version()
        recompute_clocks.enqueue()

    transaction.on_commit(publish)


def _override_state(row: CalendarOverride) -> dict[str, Any]:
    return {"date": row.date.isoformat(), "kind": row.kind, "name": row.name, "legal_basis": row.legal_basis}


def calendar_override_save(
    *,
    actor: Any,
    date: dt.date,
    kind: str,
    name: str,
    legal_basis: str,
    override: CalendarOverride | None = None,
) -> CalendarOverride:
    """Create or change an override row (a day off or a make-up working day) with its legal basis."""
    _require_calendar_manager(actor)
    errors: dict[str, list[str]] = {}
    if kind not in CalendarOverride.Kind.values:
        errors["kind"] = [_("Choose a day off or a make-up working day.")]
    if not name.strip():
        errors["name"] = [_("The name is required.")]
    if not legal_basis.strip():
        errors["legal_basis"] = [_("The legal basis is required.")]
    clash = CalendarOverride.objects.filter(date=date)
    if override is not None:
        clash = clash.exclude(pk=override.pk)
    if clash.exists():
        errors["date"] = [_("This date already has an override.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        old = _override_state(override) if override is not None else None
        row = override or CalendarOverride()
        row.date, row.kind, row.name, row.legal_basis = date, kind, name.strip(), legal_basis.strip()
        row.save()
        audit_record(
            actor=actor,
            action="calendar.override_updated" if old else "calendar.override_created",
            obj=row,
            old=old,
            new=_override_state(row),
        )
        _on_calendar_change()
    return row


def calendar_override_delete(*, actor: Any, override: CalendarOverride) -> None:
    _require_calendar_manager(actor)
    with transaction.atomic():
        old = _override_state(override)
        audit_record(actor=actor, action="calendar.override_deleted", obj=override, old=old)
        override.delete()
        _on_calendar_change()


def _rule_state(rule: WorkingTimeRule) -> dict[str, Any]:
    return {
        "effective_from": rule.effective_from.isoformat(),
        "hours": [
            t.isoformat(timespec="minutes")
            for t in (rule.morning_start, rule.morning_end, rule.afternoon_start, rule.afternoon_end)
        ],
        "hours_per_day": rule.hours_per_day,
        "receipt_cutoff": rule.receipt_cutoff.isoformat(timespec="minutes"),
        "legal_basis": rule.legal_basis,
    }


def working_time_rule_save(
    *,
    actor: Any,
    effective_from: dt.date,
    morning_start: dt.time,
    morning_end: dt.time,
    afternoon_start: dt.time,
    afternoon_end: dt.time,
    hours_per_day: int,
    receipt_cutoff: dt.time,
    legal_basis: str,
    rule: WorkingTimeRule | None = None,
) -> WorkingTimeRule:
    """Create or change the office hours and receipt cut-off in force from ``effective_from``."""
    _require_calendar_manager(actor)
    errors: dict[str, list[str]] = {}
    try:
        hours = OfficeHours(
            effective_from=effective_from,
            morning_start=morning_start,
            morning_end=morning_end,
            afternoon_start=afternoon_start,
            afternoon_end=afternoon_end,
            hours_per_day=hours_per_day,
            receipt_cutoff=receipt_cutoff,
        )
    except ValueError:
        errors["morning_start"] = [_("Office hours must be in order: morning, then afternoon.")]
    else:
        if hours.office_seconds != hours_per_day * 3600:
            errors["hours_per_day"] = [_("The office hours must add up to the working hours per day.")]
        if not morning_start <= receipt_cutoff <= afternoon_end:
            errors["receipt_cutoff"] = [_("The cut-off must fall within office hours.")]
    if not legal_basis.strip():
        errors["legal_basis"] = [_("The legal basis is required.")]
    clash = WorkingTimeRule.objects.filter(effective_from=effective_from)
    if rule is not None:
        clash = clash.exclude(pk=rule.pk)
    if clash.exists():
        errors["effective_from"] = [_("A rule already starts on this date.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        old = _rule_state(rule) if rule is not None else None
        row = rule or WorkingTimeRule()
        row.effective_from = effective_from
        row.morning_start, row.morning_end = morning_start, morning_end
        row.afternoon_start, row.afternoon_end = afternoon_start, afternoon_end
        row.hours_per_day, row.receipt_cutoff = hours_per_day, receipt_cutoff
        row.legal_basis = legal_basis.strip()
        row.save()
        audit_record(
            actor=actor,
            action="calendar.rule_updated" if old else "calendar.rule_created",
            obj=row,
            old=old,
            new=_rule_state(row),
        )
        _on_calendar_change()
    return row


def working_time_rule_delete(*, actor: Any, rule: WorkingTimeRule) -> None:
    _require_calendar_manager(actor)
    if WorkingTimeRule.objects.count() <= 1:
        raise ValidationError(_("The last working time rule cannot be deleted."))
    with transaction.atomic():
        audit_record(actor=actor, action="calendar.rule_deleted", obj=rule, old=_rule_state(rule))
        rule.delete()
        _on_calendar_change()
