"""Disclosure register (sổ công khai) of a commune, with posting proof, broadcasts and channels.

Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15 Điều 11–14; the rules themselves live in
``domain/rules.py``. Also the law-spreading records (tuyên truyền, phổ biến pháp luật) and the
chairman's holiday greetings (thư chúc mừng).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thanthien.core.tenancy import UnitOwned
from thanthien.units.models import AdminUnit, Hamlet

from .domain.channels import Channel
from .domain.rules import Form

CATEGORY_CHOICES = [(n, str(n)) for n in range(1, 15)]


class FormChoice(models.TextChoices):
    NOTICE_BOARD = Form.NOTICE_BOARD, _("Posting on notice boards")
    WEBSITE = Form.WEBSITE, _("Commune website")
    RADIO = Form.RADIO, _("Loudspeakers (commune radio)")
    HAMLET_HEAD = Form.HAMLET_HEAD, _("Through hamlet heads")
    LETTER = Form.LETTER, _("Letters to citizens")
    DIALOGUE = Form.DIALOGUE, _("Dialogue conference")
    MEETINGS = Form.MEETINGS, _("Citizen reception, voter meetings, press")
    ORGANISATIONS = Form.ORGANISATIONS, _("Notices to mass organisations")
    SOCIAL = Form.SOCIAL, _("Telecom and social networks")
    OTHER = Form.OTHER, _("Other")


class ChannelChoice(models.TextChoices):
    WEB = Channel.WEB, _("Web page")
    PAPER = Channel.PAPER, _("A4 notice")
    LOUDSPEAKER = Channel.LOUDSPEAKER, _("Loudspeaker script")
    ZALO = Channel.ZALO, _("Zalo message")


class DisclosureItem(UnitOwned):
    """One disclosed item (nội dung công khai) of one of the 14 categories of Điều 11."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    unit = models.ForeignKey(AdminUnit, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    category = models.PositiveSmallIntegerField(
        _("category"), choices=CATEGORY_CHOICES, validators=[MinValueValidator(1), MaxValueValidator(14)]
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("content"), blank=True)
    document_ref = models.CharField(_("document number"), max_length=120, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True, db_index=True)
    forms = models.JSONField(_("forms of disclosure"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    supersedes = models.ForeignKey(
        "self", verbose_name=_("replaces"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.CharField(max_length=1200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("disclosure item")
        verbose_name_plural = _("disclosure items")
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "status", "-published_on", "-id"], name="disc_public_list"),
            models.Index(fields=["unit", "category", "status"], name="disc_unit_category"),
            models.Index(fields=["unit", "-updated_at"], name="disc_unit_version"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(category__gte=1) & models.Q(category__lte=14), name="disc_category_1_14"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_on__isnull=False),
                name="disc_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Posting(UnitOwned):
    """A posting (niêm yết) of an item at one place, with start, end and photo proof."""

    unit_field = "item__unit_id"

    item = models.ForeignKey(DisclosureItem, on_delete=models.CASCADE, related_name="postings")
    hamlet = models.ForeignKey(
        Hamlet,
        verbose_name=_("hamlet house"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Empty: the People's Committee office."),
    )
    started_on = models.DateField(_("posted on"))
    ended_on = models.DateField(_("taken down on"), null=True, blank=True)
    photo = models.FileField(_("photo proof"), upload_to="disclosures/postings/%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = ["item", "hamlet__name", "started_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="posting_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return str(self.hamlet) if self.hamlet_id else str(_("People's Committee office"))


class Broadcast(UnitOwned):
    """One day the item was read on the commune radio (truyền thanh)."""

    unit_field = "item__unit_id"

    item = models.ForeignKey(DisclosureItem, on_delete=models.CASCADE, related_name="broadcasts")
    aired_on = models.DateField(_("broadcast on"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("broadcast")
        verbose_name_plural = _("broadcasts")
        ordering = ["item", "aired_on"]
        constraints = [models.UniqueConstraint(fields=["item", "aired_on"], name="broadcast_one_per_day")]


class ChannelUse(UnitOwned):
    """A log line: which channel output was produced or sent for an item, when and by whom."""

    unit_field = "item__unit_id"

    item = models.ForeignKey(DisclosureItem, on_delete=models.CASCADE, related_name="channel_uses")
    channel = models.CharField(_("channel"), max_length=20, choices=ChannelChoice.choices)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("channel use")
        verbose_name_plural = _("channel uses")
        ordering = ["item", "-at"]


class DisclosurePlan(UnitOwned):
    """The commune's yearly disclosure plan (kế hoạch công khai, Điều 14 khoản 1)."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("disclosure plan")
        verbose_name_plural = _("disclosure plans")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="disclosure_plan_per_year")]

    def __str__(self) -> str:
        return f"{self.year}"


class PlanEntry(UnitOwned):
    """One line of the plan: content, forms, time, duration, responsible person."""

    unit_field = "plan__unit_id"

    plan = models.ForeignKey(DisclosurePlan, on_delete=models.CASCADE, related_name="entries")
    category = models.PositiveSmallIntegerField(_("category"), choices=CATEGORY_CHOICES)
    content = models.CharField(_("content"), max_length=300)
    forms = models.JSONField(_("forms of disclosure"), default=list, blank=True)
    due_on = models.DateField(_("planned date"))
    responsible = models.CharField(_("responsible person"), max_length=120)

    class Meta:
        verbose_name = _("plan entry")
        verbose_name_plural = _("plan entries")
        ordering = ["plan", "due_on", "category"]


class OutreachSession(UnitOwned):
    """A law-propaganda conference (hội nghị tuyên truyền, phổ biến pháp luật) in a hamlet."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    hamlet = models.ForeignKey(Hamlet, verbose_name=_("hamlet"), on_delete=models.PROTECT)
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=300)
    attendance = models.PositiveIntegerField(_("attendance"))

    class Meta:
        verbose_name = _("propaganda conference")
        verbose_name_plural = _("propaganda conferences")
        ordering = ["-held_on"]


class Greeting(UnitOwned):
    """The chairman's greeting before a public holiday, in three versions."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    unit = models.ForeignKey(AdminUnit, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    occasion_on = models.DateField(_("holiday"))
    occasion = models.CharField(_("occasion"), max_length=120)
    web_text = models.TextField(_("website text"))
    loudspeaker_text = models.TextField(_("loudspeaker script"))
    social_text = models.TextField(_("social network post"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("greeting")
        verbose_name_plural = _("greetings")
        ordering = ["-occasion_on"]
        constraints = [models.UniqueConstraint(fields=["unit", "occasion_on"], name="greeting_per_occasion")]

    def __str__(self) -> str:
        return f"{self.occasion} {self.occasion_on.year}"
