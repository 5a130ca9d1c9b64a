"""Pilot programmes (chương trình thí điểm) as data: period, targets, member units (R0.1–R0.2).

The plan 138/KH-UBND (24/7/2024) ran July–December 2024 in 12 communes; next year's
programme, or a scale-up ("nhân rộng") that adds units later, is new rows, not new code.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from thanthien.units.models import AdminUnit


class Programme(models.Model):
    """A programme such as the 2024 pilot of the model under Kế hoạch 138/KH-UBND."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    province = models.ForeignKey(AdminUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+")
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    report_due = models.DateField(_("summary report due"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    # A programme may continue an earlier one (next year's programme, or the same pilot carried
    # on in the units that succeeded the original ones after 1/7/2025).
    previous = models.ForeignKey(
        "self",
        verbose_name=_("continues"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="continuations",
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="programme_period_order"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ProgrammeMember(models.Model):
    """A unit taking part in a programme, from ``joined_on`` (later joiners: nhân rộng)."""

    class Kind(models.TextChoices):
        PILOT = "pilot", _("Pilot unit")
        SCALE_UP = "scale_up", _("Scale-up unit")
        DIRECTING = "directing", _("Directing unit")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="members")
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="programme_memberships"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PILOT)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("programme member")
        verbose_name_plural = _("programme members")
        ordering = ["programme", "unit__code"]
        constraints = [models.UniqueConstraint(fields=["programme", "unit"], name="programme_member_uniq")]


class ProgrammeTarget(models.Model):
    """A measurable target of a programme (e.g. 100% of dossiers returned on time)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets")
    code = models.SlugField(_("indicator code"), max_length=80)
    requirement = models.CharField(_("requirement ID"), max_length=20, blank=True)  # e.g. "R1.2"
    label = models.CharField(_("target"), max_length=255)
    target_value = models.DecimalField(_("target value"), max_digits=8, decimal_places=2)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=20, default="%")

    class Meta:
        verbose_name = _("programme target")
        verbose_name_plural = _("programme targets")
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="programme_target_uniq")]

    def __str__(self) -> str:
        return self.label
