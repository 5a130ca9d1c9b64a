"""Citizen-side records of the one-stop centre around a dossier (hồ sơ).

State only; the rules live in ``thanthien.dossiers.domain`` and in :mod:`.domain`, every write
goes through :mod:`.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thanthien.core.tenancy import UnitOwned


class ServiceRating(UnitOwned):
    """A citizen's rating of the service at return (đánh giá việc giải quyết TTHC, R1.5).

    NĐ 61/2018 Điều 29, 31; the five SIPAS factors (QĐ 2640/QĐ-BNV). One rating per dossier,
    tied to the officers who handled it (``receiver``: one-stop officer; ``handler``).
    """

    class Source(models.TextChoices):
        QR = "qr", _("QR code on the slip")
        TABLET = "tablet", _("Tablet at the counter")
        PAPER = "paper", _("Paper form typed in by staff")

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="+"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    score_access = models.PositiveSmallIntegerField(_("access to the service"))
    score_procedure = models.PositiveSmallIntegerField(_("the procedure"))
    score_staff = models.PositiveSmallIntegerField(_("the civil servant"))
    score_result = models.PositiveSmallIntegerField(_("the result"))
    score_feedback = models.PositiveSmallIntegerField(_("handling of feedback"), null=True, blank=True)
    trips = models.PositiveSmallIntegerField(_("number of trips"))
    extra_payment_asked = models.BooleanField(_("payment beyond the fee asked"))
    appointment_kept = models.BooleanField(_("appointment kept"), null=True, blank=True)
    conduct_breaches = models.JSONField(_("conduct items not observed"), default=list, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=True)
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("typed in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rated_at = models.DateTimeField(_("rated at"))
    rated_on = models.DateField(_("rated on"))

    class Meta:
        verbose_name = _("service rating")
        verbose_name_plural = _("service ratings")
        constraints = [
            models.UniqueConstraint(fields=["dossier"], name="onestop_rating_once"),
            models.CheckConstraint(
                condition=Q(score_access__gte=1, score_access__lte=5)
                & Q(score_procedure__gte=1, score_procedure__lte=5)
                & Q(score_staff__gte=1, score_staff__lte=5)
                & Q(score_result__gte=1, score_result__lte=5),
                name="onestop_rating_scale",
            ),
        ]
        indexes = [models.Index(fields=["unit", "rated_on"], name="onestop_rating_unit_day")]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.rated_on}"


def attachment_path(instance: Attachment, filename: str) -> str:
    # A random name: the citizen's file name is kept in ``original_name`` only.
    return f"dossiers/{instance.unit_id}/{instance.uploaded_at:%Y/%m}/{instance.sha256[:2]}/{instance.storage_name}"


class Attachment(UnitOwned):
    """A file sent with an online dossier (tệp đính kèm), stored under MEDIA_ROOT (private)."""

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="+"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    storage_name = models.CharField(max_length=80)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=60)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["dossier", "id"]

    def __str__(self) -> str:
        return self.original_name


class BookingSlot(UnitOwned):
    """A time slot at the counter that citizens may book (hẹn giờ giải quyết TTHC, plan §1.2)."""

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    booked = models.PositiveSmallIntegerField(_("booked"), default=0)

    class Meta:
        verbose_name = _("booking slot")
        verbose_name_plural = _("booking slots")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "starts_at"], name="onestop_slot_unit_start"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="onestop_slot_order"),
            models.CheckConstraint(condition=Q(booked__lte=models.F("capacity")), name="onestop_slot_capacity"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.booked)


class Booking(UnitOwned):
    """A citizen's appointment in a slot, identified by a verified phone."""

    class State(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    slot = models.ForeignKey(BookingSlot, verbose_name=_("slot"), on_delete=models.PROTECT, related_name="bookings")
    procedure = models.ForeignKey(
        "procedures.Procedure",
        verbose_name=_("procedure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    phone = models.CharField(_("phone"), max_length=20)
    name = models.CharField(_("name"), max_length=150)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.BOOKED)
    created_at = models.DateTimeField(_("booked at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["slot__starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "phone"], condition=Q(state="booked"), name="onestop_booking_once_per_slot"
            )
        ]
        indexes = [models.Index(fields=["phone", "state"], name="onestop_booking_phone")]

    def __str__(self) -> str:
        return f"{self.slot} {self.name}"


class Notification(UnitOwned):
    """One message sent to a citizen (SMS or Zalo through ``accounts.senders``): the log.

    ``key`` makes sending idempotent: the same event is never notified twice.
    """

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Dossier received")
        SUPPLEMENT = "supplement", _("Supplement requested")
        RESULT_READY = "result_ready", _("Result ready")
        DELAY = "delay", _("Delay and apology")
        BOOKING = "booking", _("Booking confirmed")
        BOOKING_REMINDER = "booking_reminder", _("Booking reminder")
        BOOKING_CANCELLED = "booking_cancelled", _("Booking cancelled")

    class State(models.TextChoices):
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey("dossiers.Dossier", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    booking = models.ForeignKey(Booking, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=80, unique=True)
    to = models.CharField(_("to"), max_length=20)
    text = models.CharField(_("text"), max_length=480)
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    error = models.CharField(_("error"), max_length=255, blank=True)
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} → {self.to}"


class LetterKind(models.TextChoices):
    """Life-event letters (thư công, R1.6; Kế hoạch 138 §1.6)."""

    BIRTH = "birth", _("Congratulation on a birth")
    MARRIAGE = "marriage", _("Congratulation on a marriage")
    CONDOLENCE = "condolence", _("Condolence on a death")
    APOLOGY = "apology", _("Apology for a late result")


class LetterTemplate(UnitOwned):
    """The editable text of one kind of letter for one commune, with safe ``$placeholders``."""

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=LetterKind.choices)
    salutation = models.CharField(_("salutation"), max_length=200)
    body = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("updated at"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        constraints = [models.UniqueConstraint(fields=["unit", "kind"], name="onestop_letter_template_once")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.kind}"


class LifeEventLetter(UnitOwned):
    """A letter produced for one dossier (congratulation, condolence, apology) and its hand-over."""

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=LetterKind.choices)
    salutation = models.CharField(_("salutation"), max_length=200)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("drafted at"))
    handed_over_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handed over by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handover_note = models.CharField(_("hand-over note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("life-event letter")
        verbose_name_plural = _("life-event letters")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["dossier", "kind"], name="onestop_letter_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.dossier_id}"
