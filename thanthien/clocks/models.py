"""Calendar data (overrides, office-hours rules) and the generic legal clock (đồng hồ thời hạn).

The rules that turn these rows into due dates live in ``clocks/domain/calendar.py``; every write
goes through ``clocks/services.py``.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from thanthien.core.tenancy import UnitOwned


class CalendarOverride(models.Model):
    """An administrator's calendar row (ngày nghỉ / ngày làm việc bù) with its legal basis.

    Wins over the statutory holidays and the weekend for its date (legal-rules §4.1: swaps are
    announced each year and must be entered as data).
    """

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Make-up working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    legal_basis = models.CharField(_("legal basis"), max_length=500)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=["day_off", "working_day"]), name="override_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"


class WorkingTimeRule(models.Model):
    """Office hours (giờ hành chính) and the receipt cut-off in force from ``effective_from``.

    Effective-dated: the rule with the latest ``effective_from`` on or before a day applies to
    it. ``hours_per_day`` is the day↔hour conversion of provincial procedures (8 h/day);
    ``receipt_cutoff`` is the 15:00 rule of NĐ 61/2018/NĐ-CP Điều 18.
    """

    effective_from = models.DateField(_("effective from"), unique=True)
    morning_start = models.TimeField(_("morning start"), default=dt.time(7, 30))
    morning_end = models.TimeField(_("morning end"), default=dt.time(11, 30))
    afternoon_start = models.TimeField(_("afternoon start"), default=dt.time(13, 30))
    afternoon_end = models.TimeField(_("afternoon end"), default=dt.time(17, 30))
    hours_per_day = models.PositiveSmallIntegerField(_("working hours per day"), default=8)
    receipt_cutoff = models.TimeField(_("receipt cut-off"), default=dt.time(15, 0))
    legal_basis = models.CharField(_("legal basis"), max_length=500)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("working time rule")
        verbose_name_plural = _("working time rules")
        ordering = ["effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(morning_start__lt=models.F("morning_end"))
                & models.Q(morning_end__lte=models.F("afternoon_start"))
                & models.Q(afternoon_start__lt=models.F("afternoon_end")),
                name="working_time_rule_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_day__gte=1, hours_per_day__lte=24), name="working_time_rule_hours"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.effective_from.isoformat()}"


class Clock(UnitOwned):
    """A legal clock (đồng hồ thời hạn): one period running for one subject of one unit.

    Dossiers, complaints, information requests… hold a foreign key to a clock or call the
    services in ``clocks/services.py``; the sweep marks clocks near their end and overdue, and a
    calendar change recomputes every running clock. Dates: ``due_at`` is the instant the period
    ends (24:00 of ``due_date`` for day measures), ``original_due_at`` the end computed at the
    (re)start without pauses or extension (report lateness against it, legal-rules §2.10).
    """

    class Measure(models.TextChoices):
        WORKING_DAYS = "working_days", _("working days")
        WORKING_HOURS = "working_hours", _("working hours")
        CALENDAR_DAYS = "calendar_days", _("calendar days")

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        PAUSED = "paused", _("Paused")
        STOPPED = "stopped", _("Stopped")
        DONE = "done", _("Done")

    class Timeliness(models.TextChoices):
        EARLY = "early", _("Early")
        ON_TIME = "on_time", _("On time")
        LATE = "late", _("Late")

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="clocks")
    kind = models.CharField(_("kind"), max_length=60, db_index=True, help_text=_("e.g. dossier.processing"))
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("subject type"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.CharField(_("subject id"), max_length=64, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    subject_label = models.CharField(_("subject"), max_length=255, blank=True)

    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    amount = models.PositiveIntegerField(_("amount"))
    receipt_cutoff = models.BooleanField(
        _("apply the receipt cut-off"),
        default=False,
        help_text=_("Received after the cut-off or on a day off: counted from the next working day."),
    )
    started_at = models.DateTimeField(_("started at"))
    # The current run: where it started and how much was left then, in base units (days for
    # day measures, seconds for working hours). A resume opens a new run.
    run_started_at = models.DateTimeField(_("run started at"))
    run_units = models.PositiveIntegerField(_("units left at run start"))
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    paused_units = models.PositiveIntegerField(_("units left when paused"), null=True, blank=True)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    due_at = models.DateTimeField(_("due at"))
    due_date = models.DateField(_("due date"))
    warn_at = models.DateTimeField(_("warn at"))
    original_due_at = models.DateTimeField(_("original due at"))
    extended_due_at = models.DateTimeField(_("extended due at"), null=True, blank=True)
    extension_reason = models.CharField(_("extension reason"), max_length=500, blank=True)
    restart_count = models.PositiveSmallIntegerField(_("restarts"), default=0)
    # 0 while the first run (from started_at, with the receipt cut-off) is the current one.
    pause_count = models.PositiveSmallIntegerField(_("pauses"), default=0)
    stopped_at = models.DateTimeField(_("stopped at"), null=True, blank=True)
    timeliness = models.CharField(_("timeliness"), max_length=10, choices=Timeliness.choices, blank=True)
    original_timeliness = models.CharField(
        _("timeliness against the original due date"), max_length=10, choices=Timeliness.choices, blank=True
    )
    warned_at = models.DateTimeField(_("warned at"), null=True, blank=True)
    overdue_notified_at = models.DateTimeField(_("overdue notified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("legal clock")
        verbose_name_plural = _("legal clocks")
        ordering = ["due_at"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="clock_status_due"),
            models.Index(fields=["status", "warn_at"], name="clock_status_warn"),
            models.Index(fields=["subject_type", "subject_id"], name="clock_subject"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(measure__in=["working_days", "working_hours", "calendar_days"]),
                name="clock_measure_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["running", "paused", "stopped", "done"]), name="clock_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_label}".strip()

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RUNNING, self.Status.PAUSED)

    @property
    def is_extended(self) -> bool:
        return self.extended_due_at is not None
