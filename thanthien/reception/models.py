"""Citizen reception (tiếp công dân), the petition register (sổ tiếp nhận đơn thư) and
information requests (yêu cầu cung cấp thông tin). Every row is owned by a commune."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thanthien.core.tenancy import UnitOwned

from .domain.classification import Kind as KindEnum
from .domain.status import Status as StatusEnum


class ReceptionSetting(UnitOwned):
    """Where and when the commune receives citizens (Luật TCD Điều 24: place, regular hours)."""

    unit = models.OneToOneField(
        "units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="reception_setting"
    )
    place = models.CharField(_("reception place"), max_length=255)
    regular_hours = models.CharField(_("regular reception hours"), max_length=255)
    rules_url = models.URLField(_("reception rules (link)"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reception setting")
        verbose_name_plural = _("reception settings")

    def __str__(self) -> str:
        return self.place


class ReceptionSession(UnitOwned):
    """A reception session (buổi tiếp công dân): the chairman's periodic session or a regular one,
    in person or online (from 1/7/2026); its record (who came, what about, outcome)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("day"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    place = models.CharField(_("place"), max_length=255)
    host = models.CharField(_("host"), max_length=150)
    is_chairman = models.BooleanField(_("chairman's session"), default=True)
    online = models.BooleanField(_("online session"), default=False)
    participants = models.TextField(_("participants"), blank=True)
    expected_content = models.TextField(_("expected content"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    postponed_to = models.DateField(_("postponed to"), null=True, blank=True)
    postponement_reason = models.CharField(_("reason for postponement"), max_length=500, blank=True)
    attendees = models.TextField(_("citizens who came"), blank=True)
    summary = models.TextField(_("what they raised"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    follow_ups = models.TextField(_("follow-ups"), blank=True)
    recording_ref = models.CharField(_("recording reference"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reception session")
        verbose_name_plural = _("reception sessions")
        ordering = ["-day", "-start_time"]
        indexes = [models.Index(fields=["unit", "day"], name="rcp_session_unit_day")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} — {self.host}"


class Petition(UnitOwned):
    """One item of the register (đơn thư, ý kiến): a complaint, denunciation, recommendation or
    report, from any channel. The denouncer's identity (Luật Tố cáo Điều 9) is read only through
    selectors that mask it for everyone but the assigned handler and the leaders."""

    class Channel(models.TextChoices):
        COUNTER = "counter", _("At the counter")
        SESSION = "session", _("Reception session")
        POST = "post", _("By post")
        WEB = "web", _("Public web form")
        HOTLINE = "hotline", _("Hotline")
        BOX = "box", _("Suggestion box")
        ZALO = "zalo", _("Zalo")
        SOCIAL = "social", _("Social networks")
        EMAIL = "email", _("E-mail")
        FORWARDED = "forwarded", _("Forwarded by another body")
        OPEN311 = "open311", _("Open311 application")
        BOARD = "board", _("Oversight board recommendation")

    class Kind(models.TextChoices):
        UNCLASSIFIED = KindEnum.UNCLASSIFIED.value, _("Not yet classified")
        COMPLAINT = KindEnum.COMPLAINT.value, _("Complaint")
        DENUNCIATION = KindEnum.DENUNCIATION.value, _("Denunciation")
        RECOMMENDATION = KindEnum.RECOMMENDATION.value, _("Recommendation")
        REPORT = KindEnum.REPORT.value, _("Report")
        MIXED = KindEnum.MIXED.value, _("Mixed")
        NOT_ELIGIBLE = KindEnum.NOT_ELIGIBLE.value, _("Not eligible")

    class Status(models.TextChoices):
        RECEIVED = StatusEnum.RECEIVED.value, _("Received")
        CLASSIFIED = StatusEnum.CLASSIFIED.value, _("Classified")
        ASSIGNED = StatusEnum.ASSIGNED.value, _("Assigned")
        ACCEPTED = StatusEnum.ACCEPTED.value, _("Accepted")
        FORWARDED = StatusEnum.FORWARDED.value, _("Forwarded")
        REFUSED = StatusEnum.REFUSED.value, _("Not our responsibility")
        ANSWERED = StatusEnum.ANSWERED.value, _("Answered")
        CLOSED = StatusEnum.CLOSED.value, _("Closed")
        REOPENED = StatusEnum.REOPENED.value, _("Reopened")

    class Topic(models.TextChoices):
        """Service types (Open311 ``service_code``)."""

        ROADS = "roads", _("Roads and bridges")
        LIGHTING = "lighting", _("Street lighting")
        WASTE = "waste", _("Waste and sanitation")
        WATER = "water", _("Water and drainage")
        ELECTRICITY = "electricity", _("Electricity")
        ORDER = "order", _("Public order")
        LAND = "land", _("Land and construction")
        ADMIN = "admin", _("Administrative procedures")
        OTHER = "other", _("Other")

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("tracking code"), max_length=24, unique=True)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.UNCLASSIFIED)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices, default=Topic.OTHER)
    subject = models.CharField(_("subject"), max_length=200)
    content = models.TextField(_("content"))
    location = models.CharField(_("place concerned"), max_length=255, blank=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    # Identity of the person who sent it (confidential for denunciations).
    submitter_name = models.CharField(_("full name"), max_length=150, blank=True)
    submitter_address = models.CharField(_("address"), max_length=255, blank=True)
    submitter_phone = models.CharField(_("phone"), max_length=20, blank=True)
    submitter_email = models.EmailField(_("e-mail"), blank=True)
    submitter_id_number = models.CharField(_("ID number"), max_length=12, blank=True)
    # Eligibility checks (TT 07/2014 Điều 6; legal-rules §6.1).
    written = models.BooleanField(_("written petition"), default=True)
    signed = models.BooleanField(_("signed or fingerprinted"), default=False)
    dated = models.BooleanField(_("dated"), default=False)
    signatories = models.PositiveIntegerField(_("signatories"), default=1)
    representatives = models.PositiveIntegerField(_("representatives"), default=0)
    eligibility_issues = models.JSONField(_("eligibility issues"), default=list, blank=True)
    complex_case = models.BooleanField(_("complex case"), default=False)
    received_at = models.DateTimeField(_("received at"), db_index=True)
    session = models.ForeignKey(
        ReceptionSession, verbose_name=_("reception session"), null=True, blank=True, on_delete=models.SET_NULL
    )
    forwarded_from = models.CharField(_("forwarded by"), max_length=255, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    forwarded_to = models.CharField(_("forwarded to"), max_length=255, blank=True)
    refusal_reason = models.TextField(_("reason told to the citizen"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    publish_answer = models.BooleanField(_("publish the answer (public interest)"), default=False)
    public_summary = models.TextField(_("published text (personal data removed)"), blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.CharField(_("rating comment"), max_length=500, blank=True)
    reopen_until = models.DateField(_("may be reopened until"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    extensions = models.PositiveSmallIntegerField(_("extensions"), default=0)
    clock = models.ForeignKey(
        "clocks.Clock",
        verbose_name=_("current legal clock"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    warned_at = models.DateTimeField(_("warned at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated to the leader at"), null=True, blank=True)
    search_text = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "status", "-received_at"], name="rcp_pet_unit_status"),
            models.Index(fields=["unit", "kind", "-received_at"], name="rcp_pet_unit_kind"),
            models.Index(fields=["unit", "assigned_to", "-received_at"], name="rcp_pet_unit_handler"),
            models.Index(fields=["unit", "-received_at"], name="rcp_pet_unit_recv"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__range=(1, 5)), name="rcp_pet_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_denunciation(self) -> bool:
        return self.kind in (self.Kind.DENUNCIATION, self.Kind.MIXED)


class Handoff(UnitOwned):
    """A forwarding (chuyển đơn) to the competent body, tracked until it acknowledges."""

    class BodyKind(models.TextChoices):
        COMMUNE = "commune", _("Another commune")
        DEPARTMENT = "department", _("Province department")
        ELECTRICITY = "electricity", _("Electricity company")
        WATER = "water", _("Water company")
        POLICE = "police", _("Police")
        OTHER = "other", _("Other body")

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="handoffs")
    body_kind = models.CharField(_("kind of body"), max_length=12, choices=BodyKind.choices)
    body_name = models.CharField(_("body"), max_length=255)
    sent_at = models.DateTimeField(_("sent at"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("hand-off")
        verbose_name_plural = _("hand-offs")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.body_name


class DialogueConference(UnitOwned):
    """A dialogue conference (hội nghị đối thoại) between the chairman and citizens (R1.7)."""

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    held_at = models.DateTimeField(_("held at"))
    place = models.CharField(_("place"), max_length=255)
    published = models.BooleanField(_("answers published"), default=False)

    class Meta:
        verbose_name = _("dialogue conference")
        verbose_name_plural = _("dialogue conferences")
        ordering = ["-held_at"]

    def __str__(self) -> str:
        return self.title


class DialogueQuestion(UnitOwned):
    """A question gathered before a dialogue conference, and its recorded answer."""

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    conference = models.ForeignKey(DialogueConference, on_delete=models.CASCADE, related_name="questions")
    question = models.TextField(_("question"))
    asked_by = models.CharField(_("asked by"), max_length=150, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dialogue question")
        verbose_name_plural = _("dialogue questions")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.question[:60]


class InfoRequest(UnitOwned):
    """A request for information (yêu cầu cung cấp thông tin, Luật TCTT Điều 24) and its line
    in the request register (Sổ theo dõi cung cấp thông tin theo yêu cầu, Điều 26)."""

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ELECTRONIC = "electronic", _("Electronically")
        POST = "post", _("By post or fax")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        EXTENDED = "extended", _("Extended")
        PROVIDED = "provided", _("Provided")
        REFUSED = "refused", _("Refused")

    class Ground(models.TextChoices):
        """Refusal grounds (Luật TCTT Điều 28)."""

        SECRET = "secret", _("Secret or forbidden information")
        CONDITIONS = "conditions", _("Conditional information, conditions not met")
        DISCLOSED = "disclosed", _("Already publicly disclosed")
        NOT_OURS = "not_ours", _("Not this body's responsibility")
        PROVIDED_TWICE = "provided_twice", _("Already provided twice to the same requester")
        CAPACITY = "capacity", _("Beyond capacity or disruptive")
        UNPAID = "unpaid", _("Copying costs unpaid")

    class Delivery(models.TextChoices):
        READ = "read", _("Read, copy or photograph on the spot")
        COPY = "copy", _("Paper copy")
        POST = "post", _("By post")
        EMAIL = "email", _("By e-mail")

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("tracking code"), max_length=24, unique=True)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    requester_name = models.CharField(_("full name"), max_length=150)
    address = models.CharField(_("address"), max_length=255)
    id_number = models.CharField(_("ID or passport number"), max_length=20)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    fax = models.CharField(_("fax"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    information = models.TextField(_("information requested (document names)"))
    delivery = models.CharField(_("form of delivery"), max_length=8, choices=Delivery.choices)
    purpose = models.TextField(_("reason or purpose"))
    complex_case = models.BooleanField(_("needs collection or consultation"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField(_("received at"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    extended = models.BooleanField(_("extended"), default=False)
    extension_reason = models.CharField(_("extension reason"), max_length=500, blank=True)
    refusal_ground = models.CharField(_("refusal ground"), max_length=16, choices=Ground.choices, blank=True)
    refusal_reason = models.TextField(_("refusal reason"), blank=True)
    copying_cost = models.PositiveIntegerField(_("copying and postage costs (VND)"), default=0)
    cost_paid = models.BooleanField(_("costs paid"), default=False)
    provided_at = models.DateTimeField(_("provided at"), null=True, blank=True)
    clock = models.ForeignKey("clocks.Clock", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["unit", "id_number"], name="rcp_info_unit_id")]

    def __str__(self) -> str:
        return self.code


class PetitionStep(UnitOwned):
    """A step after acceptance that must reach named recipients, often within a legal clock:
    the complaint decision sent within 3 working days to the complainant, the superior, related
    parties and the inspectorate (LKN Điều 32); the acceptance notices of a denunciation to the
    denouncer and to the accused within 5 working days (LTC Điều 29.3); the extension notices of
    a denunciation (LTC Điều 30). The step's clock stops when every recipient is recorded."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Complaint decision")
        DENUNCIATION_NOTICE = "denunciation_notice", _("Acceptance notices of the denunciation")
        EXTENSION_NOTICE = "extension_notice", _("Extension notices of the denunciation")

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    document = models.FileField(_("signed paper (scan)"), upload_to="reception/steps/%Y/%m/", blank=True)
    started_at = models.DateTimeField(_("started at"))
    clock = models.ForeignKey(
        "clocks.Clock",
        verbose_name=_("legal clock"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    warned_at = models.DateTimeField(_("warned at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated to the leader at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("all recipients reached at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("petition step")
        verbose_name_plural = _("petition steps")
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.kind}"


class StepDelivery(UnitOwned):
    """One recipient reached by a step (gửi quyết định / thông báo), with the date and the means."""

    class Recipient(models.TextChoices):
        COMPLAINANT = "complainant", _("Complainant")
        SUPERIOR = "superior", _("Direct superior")
        RELATED = "related", _("Related persons and bodies")
        INSPECTORATE = "inspectorate", _("Inspectorate")
        DENOUNCER = "denouncer", _("Denouncer")
        ACCUSED = "accused", _("Accused person")

    class Method(models.TextChoices):
        HAND = "hand", _("Handed over")
        POST = "post", _("By post")
        ELECTRONIC = "electronic", _("Electronically")

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    step = models.ForeignKey(PetitionStep, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.CharField(_("recipient"), max_length=16, choices=Recipient.choices)
    sent_on = models.DateField(_("sent on"))
    method = models.CharField(_("means"), max_length=12, choices=Method.choices)
    reference = models.CharField(_("reference (dispatch number, postal code)"), max_length=100, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("step delivery")
        verbose_name_plural = _("step deliveries")
        ordering = ["sent_on", "id"]
        constraints = [models.UniqueConstraint(fields=["step", "recipient"], name="rcp_delivery_once")]

    def __str__(self) -> str:
        return self.recipient


class ComplaintDialogue(UnitOwned):
    """A dialogue (đối thoại) while resolving a complaint (LKN Điều 30): the written notice of
    time, place and content, then the minutes (participants, content, results) signed or
    fingerprinted by the participants."""

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="dialogues")
    held_at = models.DateTimeField(_("time"))
    place = models.CharField(_("place"), max_length=255)
    content = models.TextField(_("content of the dialogue"))
    notified_on = models.DateField(_("notice sent on"))
    participants = models.TextField(_("participants"), blank=True)
    discussion = models.TextField(_("what was said"), blank=True)
    results = models.TextField(_("results"), blank=True)
    signed = models.BooleanField(_("minutes signed or fingerprinted"), default=False)
    minutes_at = models.DateTimeField(_("minutes recorded at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("complaint dialogue")
        verbose_name_plural = _("complaint dialogues")
        ordering = ["held_at", "id"]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.held_at:%d/%m/%Y}"
