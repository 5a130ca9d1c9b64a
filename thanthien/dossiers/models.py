"""Dossiers (hồ sơ) of administrative procedures (thủ tục hành chính) at the one-stop shop.

State only: the legal rules live in ``domain/`` and every write goes through ``services``.
Source: legal-rules §2 (NĐ 61/2018/NĐ-CP Điều 15–20; TT 01/2018/TT-VPCP Mẫu 01–06).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thanthien.core.tenancy import UnitOwned, UnitScopedManager, UnitScopedQuerySet, scope_for

from .domain.common import Channel
from .domain.status import ACTIVE_STATES, FINAL_STATES, STATUS_CHOICES, Action, DossierStatus

OPEN_STATUSES = [s.value for s in DossierStatus if s not in FINAL_STATES]
ACTIVE_STATUSES = [s.value for s in DossierStatus if s in ACTIVE_STATES]
CHANNEL_CHOICES = [(c.value, c.label) for c in Channel]
ACTION_CHOICES = [(a.value, a.label) for a in Action]


class Timeliness(models.TextChoices):
    """Early, on time, late (trước hạn, đúng hạn, quá hạn) — legal-rules §2.10."""

    EARLY = "early", _("Early")
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")


class DossierQuerySet(UnitScopedQuerySet):
    def for_actor(self, actor):  # type: ignore[override]
        """Dossiers received by, or routed for decision to, a unit in the actor's scope.

        A commune centre may receive a dossier that another commune of the province decides
        (phi địa giới): both communes see it.
        """
        scope = scope_for(actor)
        if scope.everything:
            return self.all()
        if not scope.unit_ids:
            return self.none()
        return self.filter(Q(unit_id__in=scope.unit_ids) | Q(deciding_unit_id__in=scope.unit_ids))


class DossierManager(UnitScopedManager.from_queryset(DossierQuerySet)):  # type: ignore[misc]
    pass


class Dossier(UnitOwned):
    """A dossier (hồ sơ) filed for one administrative procedure (thủ tục hành chính).

    ``unit`` is the commune whose one-stop centre received it; ``deciding_unit`` is set when
    another commune of the province decides it (the dossier is routed there). Due dates: the
    current ``due_at``; ``original_due_at`` is the date printed on Mẫu 01 (or reset when the
    clock restarts after a supplement, NĐ 61 Điều 19.4); ``extended_due_at`` the new
    appointment of the apology slip (Mẫu 04). Both are kept for reports (legal-rules §2.10).
    """

    unit = models.ForeignKey(
        "units.AdminUnit", verbose_name=_("receiving commune"), on_delete=models.PROTECT, related_name="+"
    )
    deciding_unit = models.ForeignKey(
        "units.AdminUnit",
        verbose_name=_("deciding commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    procedure = models.ForeignKey(
        "procedures.Procedure", verbose_name=_("procedure"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("dossier code"), max_length=60, unique=True, null=True, blank=True)
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True, null=True, blank=True)
    status = models.CharField(_("status"), max_length=40, choices=STATUS_CHOICES)

    # Applicant (personal data: shown only to staff in scope; never in public pages).
    applicant_name = models.CharField(_("applicant"), max_length=150)
    applicant_id_number = models.CharField(_("identification number"), max_length=20, blank=True)
    applicant_address = models.CharField(_("address"), max_length=255, blank=True)
    applicant_phone = models.CharField(_("phone"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("email"), blank=True)

    channel_in = models.CharField(_("submitted by"), max_length=10, choices=CHANNEL_CHOICES)
    channel_out = models.CharField(_("result returned by"), max_length=10, choices=CHANNEL_CHOICES)
    # Public postal service (QĐ 45/2016/QĐ-TTg): the hand-over record's signing is the submission time.
    postal_receipt_no = models.CharField(_("postal receipt number"), max_length=40, blank=True)
    handover_signed_at = models.DateTimeField(_("hand-over record signed at"), null=True, blank=True)
    postal_return_address = models.CharField(_("postal return address"), max_length=255, blank=True)

    # Assisted service (R1.2): entered by a staff member on behalf of a citizen.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    on_behalf_of = models.CharField(_("on behalf of"), max_length=150, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    submitted_at = models.DateTimeField(_("submitted at"))
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    clock_started_at = models.DateTimeField(_("clock started at"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    original_due_at = models.DateTimeField(_("original due at"), null=True, blank=True)
    original_due_date = models.DateField(_("original due date"), null=True, blank=True)
    extended_due_at = models.DateTimeField(_("new appointment at"), null=True, blank=True)
    extended_due_date = models.DateField(_("new appointment date"), null=True, blank=True)
    result_at = models.DateTimeField(_("result ready at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    timeliness = models.CharField(_("timeliness"), max_length=10, choices=Timeliness.choices, blank=True)
    timeliness_extended = models.CharField(
        _("timeliness against the new appointment"), max_length=10, choices=Timeliness.choices, blank=True
    )
    predicted_late = models.BooleanField(_("expected to be late"), default=False)
    supplement_requests = models.PositiveSmallIntegerField(_("supplements requested in processing"), default=0)
    reason = models.TextField(_("reason"), blank=True)  # refusal, supplement or stop reason (last one)
    result_note = models.CharField(_("result"), max_length=500, blank=True)

    # Local (Asia/Ho_Chi_Minh) dates for reports: no time-zone arithmetic in GROUP BY.
    submitted_on = models.DateField(_("submitted on"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)

    # The dossier's line in its unit's tracking book (Sổ theo dõi hồ sơ, Mẫu 06) of ``book_year``,
    # given once at reception (``status.BOOK_ENTRY_ACTIONS``) and printed on Mẫu 01 ("Số",
    # "Số thứ tự"). Stored, not computed, so a dossier entered late never moves the lines after it.
    book_year = models.PositiveSmallIntegerField(_("tracking book year"), null=True, blank=True)
    book_number = models.PositiveIntegerField(_("tracking book line"), null=True, blank=True)

    search_text = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DossierManager()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            # The officer's list: per unit, by status, nearest due first / newest first.
            models.Index(fields=["unit", "status", "due_at", "id"], name="dossier_unit_status_due"),
            models.Index(fields=["unit", "due_at", "id"], name="dossier_unit_due"),
            models.Index(fields=["unit", "-submitted_at", "-id"], name="dossier_unit_submitted"),
            models.Index(fields=["unit", "procedure", "due_at", "id"], name="dossier_unit_proc_due"),
            models.Index(fields=["handler", "status", "due_at"], name="dossier_handler_status_due"),
            models.Index(
                fields=["deciding_unit", "status", "due_at"],
                name="dossier_deciding_unit",
                condition=Q(deciding_unit__isnull=False),
            ),
            # Open / active dossiers are a small, recent minority: partial indexes keep the
            # "open", "overdue", "due soon" lists from walking a million returned ones.
            models.Index(
                fields=["unit", "due_at", "id"],
                name="dossier_open_due",
                condition=Q(status__in=OPEN_STATUSES),
            ),
            models.Index(
                fields=["unit", "due_at", "id"],
                name="dossier_active_due",
                condition=Q(status__in=ACTIVE_STATUSES),
            ),
            models.Index(fields=["unit", "received_on"], name="dossier_unit_received_on"),
            models.Index(fields=["unit", "returned_on"], name="dossier_unit_returned_on"),
            models.Index(fields=["unit", "due_at"], name="dossier_predicted_late", condition=Q(predicted_late=True)),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in DossierStatus]), name="dossier_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(channel_in__in=[c.value for c in Channel]) & Q(channel_out__in=[c.value for c in Channel]),
                name="dossier_channels_valid",
            ),
            models.CheckConstraint(
                condition=~Q(channel_in=Channel.POSTAL.value) | Q(handover_signed_at__isnull=False),
                name="dossier_postal_needs_handover",
            ),
            models.CheckConstraint(
                condition=Q(deciding_unit__isnull=True) | ~Q(deciding_unit=models.F("unit")),
                name="dossier_deciding_unit_other",
            ),
            # One line per unit and year (TT 01/2018 Điều 10: numbered from 01 to the year's end);
            # never-received dossiers have none. The index also serves the book's page order.
            models.UniqueConstraint(fields=["unit", "book_year", "book_number"], name="dossier_book_line_uniq"),
            models.CheckConstraint(
                condition=Q(book_number__isnull=True, book_year__isnull=True)
                # ``book_number >= 1`` alone would let NULL through (a CHECK passes on unknown).
                | Q(book_number__isnull=False, book_number__gte=1, book_year__isnull=False),
                name="dossier_book_line_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.code or f"#{self.pk}"

    @property
    def status_enum(self) -> DossierStatus:
        return DossierStatus(self.status)

    @property
    def status_label(self):
        return self.status_enum.label

    @property
    def is_routed(self) -> bool:
        return self.deciding_unit_id is not None

    @property
    def decider_unit_id(self) -> int:
        return self.deciding_unit_id or self.unit_id


class DossierEvent(UnitOwned):
    """One transition or hand-off of a dossier (Phiếu kiểm soát quá trình giải quyết, Mẫu 05).

    ``giver`` hands the dossier to ``receiver`` at ``at``; the receiver's step is due at
    ``step_due_at``. When the next hand-off happens, ``step_finished_at`` and
    ``step_timeliness`` close this step (early, on time or late). At reception the giver is the
    applicant, the postal service or the online portal (``giver`` empty). Append-only.
    """

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=40, choices=ACTION_CHOICES)
    from_status = models.CharField(_("from"), max_length=40, choices=STATUS_CHOICES, blank=True)
    to_status = models.CharField(_("to"), max_length=40, choices=STATUS_CHOICES)
    at = models.DateTimeField(_("at"))
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handed over by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    giver_label = models.CharField(_("handed over by"), max_length=200, blank=True)
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    receiver_label = models.CharField(_("received by"), max_length=200, blank=True)
    step = models.CharField(_("step"), max_length=200, blank=True)
    step_due_at = models.DateTimeField(_("step due at"), null=True, blank=True)
    step_finished_at = models.DateTimeField(_("step finished at"), null=True, blank=True)
    step_timeliness = models.CharField(_("step timeliness"), max_length=10, choices=Timeliness.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")
        ordering = ["dossier", "at", "id"]
        indexes = [models.Index(fields=["dossier", "at", "id"], name="dossier_event_order")]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class DossierApology(UnitOwned):
    """The apology and new appointment (Phiếu xin lỗi và hẹn lại ngày trả kết quả, Mẫu 04).

    NĐ 61/2018 Điều 19 khoản 9: at most once per dossier (a database constraint), at least one
    working day before the due date. Drafted automatically by the sweep; issued by a leader.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="apologies")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    reason = models.TextField(_("reason for the delay"), blank=True)
    original_due_at = models.DateTimeField(_("original due at"))
    new_due_date = models.DateField(_("new appointment date"), null=True, blank=True)
    new_due_at = models.DateTimeField(_("new appointment at"), null=True, blank=True)
    drafted_at = models.DateTimeField(_("drafted at"))
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    delivered_channel = models.CharField(_("delivered by"), max_length=10, choices=CHANNEL_CHOICES, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("apology slip")
        verbose_name_plural = _("apology slips")
        constraints = [models.UniqueConstraint(fields=["dossier"], name="dossier_apology_once")]

    def __str__(self) -> str:
        return f"Mẫu 04 — {self.dossier_id}"


class DossierFee(UnitOwned):
    """A fee or charge recorded on a dossier (phí, lệ phí). Never above the procedure's legal fee."""

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="fees")
    amount = models.DecimalField(_("amount (VND)"), max_digits=12, decimal_places=0)
    legal_amount = models.DecimalField(_("legal fee (VND)"), max_digits=12, decimal_places=0)
    receipt_no = models.CharField(_("receipt number"), max_length=40, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    paid_at = models.DateTimeField(_("paid at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("dossier fee")
        verbose_name_plural = _("dossier fees")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="dossier_fee_nonnegative"),
            models.CheckConstraint(condition=Q(amount__lte=models.F("legal_amount")), name="dossier_fee_within_legal"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} đ"


class DossierComponent(UnitOwned):
    """A component (thành phần hồ sơ) requested from or handed in by the applicant.

    ``is_extra`` marks a component beyond the procedure's published list (a prohibited act,
    NĐ 61/2018 Điều 5): it is flagged to the leader until ``reviewed_by`` acknowledges it.
    """

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="components")
    name = models.CharField(_("component"), max_length=1000)
    originals = models.PositiveSmallIntegerField(_("originals"), default=1)
    copies = models.PositiveSmallIntegerField(_("copies"), default=0)
    is_extra = models.BooleanField(_("beyond the published list"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("dossier component")
        verbose_name_plural = _("dossier components")
        ordering = ["dossier", "id"]
        indexes = [
            models.Index(
                fields=["unit"], name="dossier_extra_open", condition=Q(is_extra=True, reviewed_at__isnull=True)
            )
        ]

    def __str__(self) -> str:
        return self.name


class DossierCodeCounter(models.Model):
    """The daily sequence of dossier codes per receiving unit (TT 01/2018 Điều 19).

    Not unit-owned data for display: only ``services.numbering.allocate_code`` touches it, under a row lock.
    """

    unit = models.ForeignKey("units.AdminUnit", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="dossier_code_counter_uniq")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day} {self.last}"


class DossierBookCounter(models.Model):
    """The last line of each unit's tracking book per year (Sổ theo dõi hồ sơ, TT 01/2018 Điều 10).

    Like :class:`DossierCodeCounter`, touched only by the reception service under a row lock.
    """

    unit = models.ForeignKey("units.AdminUnit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="dossier_book_counter_uniq")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year} {self.last}"


class VolunteerShift(UnitOwned):
    """A volunteer on duty at the one-stop centre (tình nguyện viên hỗ trợ, R1.2)."""

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    volunteer_name = models.CharField(_("volunteer"), max_length=150)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("volunteer shift")
        verbose_name_plural = _("volunteer shifts")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["unit", "starts_at"], name="volunteer_shift_unit_start")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="volunteer_shift_order")
        ]

    def __str__(self) -> str:
        return f"{self.volunteer_name} {self.starts_at:%d/%m %H:%M}"
