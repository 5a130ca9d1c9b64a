"""The administrative procedure catalogue (danh mục thủ tục hành chính, TTHC).

The catalogue is province-wide: the provincial People's Committee publishes the procedures
(quyết định công bố TTHC) and every commune applies the commune-level ones; a commune's
one-stop centre also accepts dossiers decided elsewhere in the province (NĐ 118/2025,
legal-rules §2.1). So these models are not unit-owned; edits are reserved to province
administrators (see ``permissions.py``).
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .domain.timelimits import TimeLimit, TimeMeasure


class Field(models.Model):
    """A field (lĩnh vực) of procedures, e.g. civil status (hộ tịch) or certification (chứng thực)."""

    code = models.SlugField(pgettext_lazy("procedures", "code"), max_length=60, unique=True)
    name = models.CharField(pgettext_lazy("procedures", "name"), max_length=200)
    order = models.PositiveSmallIntegerField(pgettext_lazy("procedures", "order"), default=100)

    class Meta:
        verbose_name = pgettext_lazy("procedures", "field")
        verbose_name_plural = pgettext_lazy("procedures", "fields")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    """An administrative procedure (thủ tục hành chính) as published in the catalogue."""

    class Level(models.TextChoices):
        COMMUNE = "commune", pgettext_lazy("procedures", "Commune")
        PROVINCE = "province", pgettext_lazy("procedures", "Province")
        OTHER = "other", pgettext_lazy("procedures", "Other")

    class Measure(models.TextChoices):
        WORKING_DAYS = TimeMeasure.WORKING_DAYS.value, pgettext_lazy("procedures", "working days")
        WORKING_HOURS = TimeMeasure.WORKING_HOURS.value, pgettext_lazy("procedures", "working hours")
        CALENDAR_DAYS = TimeMeasure.CALENDAR_DAYS.value, pgettext_lazy("procedures", "calendar days")

    class OnlineLevel(models.TextChoices):
        FULL = "full", _("Fully online")
        PARTIAL = "partial", _("Partly online")
        NONE = "none", _("Not online")

    class Confidence(models.TextChoices):
        VERIFIED = "verified", pgettext_lazy("procedures", "Verified")
        LIKELY = "likely", pgettext_lazy("procedures", "Likely")
        UNCERTAIN = "uncertain", pgettext_lazy("procedures", "Uncertain")

    code = models.CharField(pgettext_lazy("procedures", "code"), max_length=30, unique=True)
    name = models.CharField(pgettext_lazy("procedures", "name"), max_length=500)
    field = models.ForeignKey(
        Field, verbose_name=pgettext_lazy("procedures", "field"), on_delete=models.PROTECT, related_name="procedures"
    )
    competent_level = models.CharField(
        _("competent level"), max_length=10, choices=Level.choices, default=Level.COMMUNE
    )
    time_amount = models.DecimalField(_("time limit"), max_digits=6, decimal_places=2)
    time_measure = models.CharField(
        _("time unit"), max_length=20, choices=Measure.choices, default=Measure.WORKING_DAYS
    )
    is_immediate = models.BooleanField(_("returned immediately"), default=False)
    time_note = models.TextField(_("time limit note"), blank=True)
    fee_amount = models.DecimalField(_("legal fee (VND)"), max_digits=12, decimal_places=0, default=0)
    fee_unit = models.CharField(_("fee unit"), max_length=60, blank=True)
    fee_note = models.TextField(_("fee note"), blank=True)
    online_level = models.CharField(
        _("online level"), max_length=10, choices=OnlineLevel.choices, default=OnlineLevel.NONE
    )
    postal_eligible = models.BooleanField(_("postal service allowed"), default=True)
    postal_ineligible_reason = models.CharField(_("why not by post"), max_length=500, blank=True)
    result_type = models.CharField(pgettext_lazy("procedures", "result"), max_length=500)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    is_published = models.BooleanField(pgettext_lazy("procedures", "published"), default=False)
    source_note = models.TextField(pgettext_lazy("procedures", "source"), blank=True)
    confidence = models.CharField(
        _("data confidence"), max_length=10, choices=Confidence.choices, default=Confidence.VERIFIED
    )
    search_text = models.CharField(max_length=1000, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("procedures", "procedure")
        verbose_name_plural = pgettext_lazy("procedures", "procedures")
        ordering = ["field__order", "code"]
        indexes = [models.Index(fields=["is_published", "valid_from", "valid_to"])]
        constraints = [
            models.CheckConstraint(condition=Q(time_amount__gte=0), name="procedure_time_nonnegative"),
            models.CheckConstraint(condition=Q(fee_amount__gte=0), name="procedure_fee_nonnegative"),
            models.CheckConstraint(
                condition=Q(time_measure__in=[m.value for m in TimeMeasure]), name="procedure_time_measure_valid"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="procedure_validity_order",
            ),
            models.CheckConstraint(
                condition=Q(postal_eligible=True) | ~Q(postal_ineligible_reason=""),
                name="procedure_postal_reason_required",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def time_limit(self) -> TimeLimit:
        return TimeLimit(self.time_amount, TimeMeasure(self.time_measure), self.is_immediate)

    @property
    def time_text(self) -> str:
        """E.g. "3 working days" (translated), with "returned immediately" when it applies."""
        amount = number_format(self.time_amount.normalize()) if self.time_amount is not None else ""
        return f"{amount} {self.get_time_measure_display()}"

    @property
    def fee_text(self) -> str:
        """E.g. "8.000 đồng/bản", or "Free" (translated) when the fee is 0."""
        if not self.fee_amount:
            return str(pgettext_lazy("procedures", "Free"))
        # Amounts in đồng are written with dots between thousands in official texts: 200.000 đồng.
        amount = f"{int(self.fee_amount):,}".replace(",", ".")
        return f"{amount} đồng/{self.fee_unit}" if self.fee_unit else f"{amount} đồng"

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class ProcedureComponent(models.Model):
    """A component of the dossier (thành phần hồ sơ) with its originals and copies."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="components")
    order = models.PositiveSmallIntegerField(pgettext_lazy("procedures", "order"))
    name = models.CharField(pgettext_lazy("procedures", "name"), max_length=1000)
    original_count = models.PositiveSmallIntegerField(pgettext_lazy("procedures", "originals"), default=1)
    copy_count = models.PositiveSmallIntegerField(pgettext_lazy("procedures", "copies"), default=0)
    is_required = models.BooleanField(pgettext_lazy("procedures", "required"), default=True)
    note = models.TextField(pgettext_lazy("procedures", "note"), blank=True)

    class Meta:
        verbose_name = _("dossier component")
        verbose_name_plural = _("dossier components")
        ordering = ["procedure", "order"]
        constraints = [models.UniqueConstraint(fields=["procedure", "order"], name="procedure_component_order_uniq")]

    def __str__(self) -> str:
        return self.name


class ProcedureStep(models.Model):
    """An internal step (bước của quy trình nội bộ) with its budget in working hours."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(pgettext_lazy("procedures", "order"))
    name = models.CharField(pgettext_lazy("procedures", "name"), max_length=500)
    actor_role = models.CharField(pgettext_lazy("procedures", "responsible"), max_length=200)
    hours = models.DecimalField(pgettext_lazy("procedures", "hours"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("internal step")
        verbose_name_plural = _("internal steps")
        ordering = ["procedure", "order"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "order"], name="procedure_step_order_uniq"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="procedure_step_hours_positive"),
        ]

    def __str__(self) -> str:
        return self.name
