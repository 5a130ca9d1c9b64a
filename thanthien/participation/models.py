"""Community meetings, household votes, online votes and consultations (Luật 10/2022/QH15, NĐ 59/2023).

State only: the legal rules (thresholds, fallbacks, tallies, clocks, tiếp thu – giải trình) live in
``participation/domain/`` and are applied by ``services.py``. Every model is owned by a commune
(``unit``). A household votes at most once per question: ``Vote`` carries a database unique
constraint on (question, household), so a double vote is impossible even under concurrency.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thanthien.core.tenancy import UnitOwned


class CommunityMeeting(UnitOwned):
    """A community meeting (cuộc họp cộng đồng dân cư) of one hamlet, or one cluster (cụm) of it.

    Also the yearly community conference (hội nghị định kỳ, Luật Điều 33) and the yearly dialogue
    conference (hội nghị đối thoại, Luật Điều 32), which differ only in ``kind`` and carry a report.
    """

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Community meeting")
        ANNUAL = "annual", _("Yearly community conference")
        DIALOGUE = "dialogue", _("Yearly dialogue conference")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("participation status", "Draft")
        NOTICED = "noticed", pgettext_lazy("participation status", "Notice sent")
        OPEN = "open", pgettext_lazy("participation status", "In session")
        CLOSED = "closed", pgettext_lazy("participation status", "Closed")

    class VoteMethod(models.TextChoices):
        SHOW_OF_HANDS = "hands", _("Show of hands")
        SECRET_BALLOT = "secret", _("Secret ballot")

    unit = models.ForeignKey("units.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    hamlet = models.ForeignKey("units.Hamlet", verbose_name=_("hamlet"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.MEETING)
    title = models.CharField(_("title"), max_length=255)
    cluster = models.CharField(_("cluster"), max_length=120, blank=True)
    convener_name = models.CharField(_("convener"), max_length=150)
    scheduled_at = models.DateTimeField(_("meeting time"))
    place = models.CharField(_("place"), max_length=255)
    notice_channels = models.JSONField(_("notice channels"), default=list, blank=True)
    notice_sent_on = models.DateField(_("notice sent on"), null=True, blank=True)
    documents_sent_on = models.DateField(_("documents sent on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    secretary_name = models.CharField(_("secretary"), max_length=150, blank=True)
    vote_counters = models.JSONField(_("vote counters"), default=list, blank=True)
    procedural_agree = models.PositiveIntegerField(_("households agreeing to secretary and counters"), default=0)
    procedural_present = models.PositiveIntegerField(_("households present at that vote"), default=0)
    vote_method = models.CharField(_("voting method"), max_length=10, choices=VoteMethod.choices, blank=True)
    witnesses = models.JSONField(_("household witnesses"), default=list, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    report = models.TextField(_("report"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("community meeting")
        verbose_name_plural = _("community meetings")
        ordering = ["-scheduled_at"]

    def __str__(self) -> str:
        return self.title


class AgendaItem(UnitOwned):
    """An item on a meeting's agenda: decide (Điều 15), consult (Điều 25) or inform."""

    class Kind(models.TextChoices):
        DECIDE = "decide", _("Discuss and decide")
        CONSULT = "consult", _("Give opinions")
        INFORM = "inform", _("Information")

    unit = models.ForeignKey("units.AdminUnit", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(CommunityMeeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    matter = models.PositiveSmallIntegerField(_("matter (Article 15 item)"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="decide", matter__gte=1, matter__lte=6) | ~models.Q(kind="decide"),
                name="agenda_decide_has_matter",
            )
        ]

    def __str__(self) -> str:
        return self.title


class NoticeDelivery(UnitOwned):
    """Who was informed of a meeting (or got its documents), how and when: household reach."""

    class What(models.TextChoices):
        NOTICE = "notice", _("Notice")
        DOCUMENTS = "documents", _("Documents")

    class Channel(models.TextChoices):
        INVITATION = "invitation", _("Paper invitation")
        HOUSEHOLD_NOTICE = "household_notice", _("Notice to the household")
        PHONE = "phone", _("Phone call")
        SMS = "sms", _("SMS / Zalo message")
        SOCIAL = "social", _("Community social network group")
        RADIO = "radio", _("Loudspeaker / radio")
        POSTED = "posted", _("Posted at the cultural house")

    unit = models.ForeignKey("units.AdminUnit", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(CommunityMeeting, on_delete=models.CASCADE, related_name="deliveries")
    household = models.ForeignKey("units.Household", on_delete=models.PROTECT, related_name="+")
    what = models.CharField(_("what"), max_length=10, choices=What.choices, default=What.NOTICE)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    informed_at = models.DateTimeField(_("informed at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("notice delivery")
        verbose_name_plural = _("notice deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "household", "what", "channel"], name="delivery_once_per_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.household_id} · {self.channel}"


class Attendance(UnitOwned):
    """A household representative checked in at a meeting (điểm danh): one row per household."""

    class Method(models.TextChoices):
        CLERK = "clerk", _("Clerk check-in")
        QR = "qr", _("QR code on the invitation")

    unit = models.ForeignKey("units.AdminUnit", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(CommunityMeeting, on_delete=models.CASCADE, related_name="attendances")
    household = models.ForeignKey("units.Household", on_delete=models.PROTECT, related_name="+")
    representative_name = models.CharField(_("representative"), max_length=150, blank=True)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices, default=Method.CLERK)
    checked_in_at = models.DateTimeField(_("checked in at"))
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["meeting", "household"], name="attendance_once_per_household")]

    def __str__(self) -> str:
        return f"{self.meeting_id} · {self.household_id}"


class Decision(UnitOwned):
    """A question the households of a hamlet decide (nội dung Nhân dân bàn và quyết định), Điều 15.

    It starts at a meeting, an online vote or a household ballot; a meeting short of households
    moves it to a ballot (Điều 19.1.b). ``purpose=online_poll`` is the preliminary question "vote
    online?" of NĐ 59 Điều 5.2, attached to its main decision through ``parent``.
    """

    class Purpose(models.TextChoices):
        DECISION = "decision", _("Decision")
        ONLINE_POLL = "online_poll", _("Preliminary question: vote online?")

    class Form(models.TextChoices):
        MEETING = "meeting", _("Community meeting")
        HOUSEHOLD_BALLOT = "household_ballot", _("Household ballot")
        ONLINE_VOTE = "online_vote", _("Online vote")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("participation status", "Draft")
        VOTING = "voting", pgettext_lazy("participation status", "Voting")
        CLOSED = "closed", pgettext_lazy("participation status", "Closed")

    class Recognition(models.TextChoices):
        NOT_NEEDED = "not_needed", _("Not needed")
        WAITING = "waiting", _("Waiting for recognition")
        RECOGNISED = "recognised", pgettext_lazy("participation status", "Recognised")
        REFUSED = "refused", pgettext_lazy("participation status", "Refused")

    unit = models.ForeignKey("units.AdminUnit", on_delete=models.PROTECT, related_name="+")
    hamlet = models.ForeignKey("units.Hamlet", verbose_name=_("hamlet"), on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=12, choices=Purpose.choices, default=Purpose.DECISION)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="polls")
    meeting = models.ForeignKey(
        CommunityMeeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    agenda_item = models.OneToOneField(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="decision"
    )
    matter = models.PositiveSmallIntegerField(_("matter (Article 15 item)"))
    question = models.CharField(_("question"), max_length=500)
    details = models.TextField(_("details"), blank=True)
    form = models.CharField(_("form"), max_length=20, choices=Form.choices, default=Form.MEETING)
    grounds = models.JSONField(_("grounds for the form"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    opens_at = models.DateTimeField(_("voting opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("voting closes"), null=True, blank=True)
    rules_locked_at = models.DateTimeField(_("rules locked at"), null=True, blank=True)
    # Ballot plan (NĐ 59 Điều 4) and team (3–5 people; for online votes the online-vote team).
    plan_adopted_on = models.DateField(_("ballot plan adopted on"), null=True, blank=True)
    info_published_on = models.DateField(_("ballot information published on"), null=True, blank=True)
    team = models.JSONField(_("team"), default=list, blank=True)
    witnesses = models.JSONField(_("household witnesses"), default=list, blank=True)
    # Result, computed by the tally (never typed).
    total_households = models.PositiveIntegerField(default=0)
    present_households = models.PositiveIntegerField(null=True, blank=True)
    agree = models.PositiveIntegerField(default=0)
    disagree = models.PositiveIntegerField(default=0)
    other = models.PositiveIntegerField(default=0)
    adopted = models.BooleanField(null=True)
    result_explanation = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    decision_text = models.TextField(_("decision content"), blank=True)
    # Mẫu 03 to the commune and recognition (Điều 20.3, 21.2).
    sent_to_commune_on = models.DateField(_("sent to the commune on"), null=True, blank=True)
    recognition = models.CharField(max_length=12, choices=Recognition.choices, default=Recognition.NOT_NEEDED)
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    recognition_note = models.TextField(_("recognition note"), blank=True)
    # Supervision (Luật Điều 30): public progress of the decision taken.
    is_public = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("community decision")
        verbose_name_plural = _("community decisions")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(matter__gte=1, matter__lte=6), name="decision_matter_1_6"),
        ]

    def __str__(self) -> str:
        return self.question

    @property
    def is_locked(self) -> bool:
        return self.rules_locked_at is not None


class Candidate(UnitOwned):
    """A candidate in an election at a meeting (hamlet head, board member; Điều 15 items 4–5)."""

    unit = models.ForeignKey("units.AdminUnit", on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="candidates")
    full_name = models.CharField(_("full name"), max_length=150)
    votes = models.PositiveIntegerField(_("households voting for"), default=0)
    elected = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["decision", "pk"]

    def __str__(self) -> str:
        return self.full_name


class Ballot(UnitOwned):
    """One household's ballot (phiếu lấy ý kiến hộ gia đình) with its code; also the household's
    code for the online vote of the same question. One per household per question."""

    unit = models.ForeignKey("units.AdminUnit", on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="ballots")
    household = models.ForeignKey("units.Household", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("ballot code"), max_length=20, unique=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    collected_at = models.DateTimeField(_("collected at"), null=True, blank=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["decision", "code"]
        constraints = [models.UniqueConstraint(fields=["decision", "household"], name="ballot_once_per_household")]

    def __str__(self) -> str:
        return self.code


class BallotEntry(UnitOwned):
    """One clerk's keying of a collected paper ballot; two clerks key each ballot (double entry)."""

    unit = models.ForeignKey("units.AdminUnit", on_delete=models.PROTECT, related_name="+")
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="entries")
    clerk = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("choice"), max_length=10)
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ballot entry")
        verbose_name_plural = _("ballot entries")
        constraints = [models.UniqueConstraint(fields=["ballot", "clerk"], name="ballot_entry_once_per_clerk")]

    def __str__(self) -> str:
        return f"{self.ballot_id} · {self.clerk_id}"


class Vote(UnitOwned):
    """One household's vote on one question, from any channel. Append-only.

    The unique constraint on (decision, household) is the double-vote guard across meeting, ballot
    and online vote, and it holds under concurrent inserts (the database refuses the second one).
    """

    class Channel(models.TextChoices):
        MEETING_HANDS = "meeting_hands", _("Show of hands at the meeting")
        MEETING_SECRET = "meeting_secret", _("Secret ballot at the meeting")
        PAPER_BALLOT = "paper_ballot", _("Household paper ballot")
        ONLINE = "online", _("Online vote")

    class Choice(models.TextChoices):
        AGREE = "agree", _("Agree")
        DISAGREE = "disagree", _("Disagree")
        OTHER = "other", _("Other opinion")

    unit = models.ForeignKey("units.AdminUnit", on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="votes")
    household = models.ForeignKey("units.Household", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)
    other_text = models.CharField(_("other opinion"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(_("voted at"))
    receipt = models.CharField(_("receipt"), max_length=20, unique=True)
    voter_label = models.CharField(_("identified as"), max_length=150, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["decision", "household"], name="vote_once_per_household")]
        indexes = [models.Index(fields=["decision", "recorded_at"])]

    def __str__(self) -> str:
        return self.receipt


class ProgressUpdate(UnitOwned):
    """A public step in carrying out a decision (supervision, Luật Điều 30–31): status and evidence."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", pgettext_lazy("participation status", "Not started")
        IN_PROGRESS = "in_progress", pgettext_lazy("participation status", "In progress")
        DONE = "done", pgettext_lazy("participation status", "Done")
        STALLED = "stalled", pgettext_lazy("participation status", "Stalled")

    unit = models.ForeignKey("units.AdminUnit", on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="progress")
    on = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    note = models.TextField(_("what was done"))
    evidence = models.CharField(_("evidence (link or reference)"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["decision", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.on} · {self.status}"


class Initiative(UnitOwned):
    """A citizen initiative (sáng kiến) to put a matter on the hamlet's agenda (Luật Điều 16)."""

    class Status(models.TextChoices):
        COLLECTING = "collecting", _("Collecting support")
        ACCEPTED = "accepted", _("Accepted onto the agenda")

    unit = models.ForeignKey("units.AdminUnit", on_delete=models.PROTECT, related_name="+")
    hamlet = models.ForeignKey("units.Hamlet", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    proposer_name = models.CharField(_("proposer"), max_length=150)
    front_committee_approved = models.BooleanField(_("approved by the hamlet Front committee"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.COLLECTING)
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("citizen initiative")
        verbose_name_plural = _("citizen initiatives")

    def __str__(self) -> str:
        return self.title


class InitiativeSupport(UnitOwned):
    """A household's support for an initiative, valid 3 months from signing (Luật Điều 16)."""

    unit = models.ForeignKey("units.AdminUnit", on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="supports")
    household = models.ForeignKey("units.Household", on_delete=models.PROTECT, related_name="+")
    signed_on = models.DateField(_("signed on"))

    class Meta:
        verbose_name = _("initiative support")
        verbose_name_plural = _("initiative supports")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "household"], name="initiative_support_once_per_household")
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} · {self.household_id}"


class Consultation(UnitOwned):
    """A consultation (lấy ý kiến Nhân dân) on a Điều 25 matter, with its tiếp thu – giải trình ledger."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("participation status", "Draft")
        OPEN = "open", _("Open for opinions")
        CLOSED = "closed", pgettext_lazy("participation status", "Closed")
        PUBLISHED = "published", _("Synthesis published")

    unit = models.ForeignKey("units.AdminUnit", on_delete=models.PROTECT, related_name="+")
    matter = models.PositiveSmallIntegerField(_("matter (Article 25 item)"))
    title = models.CharField(_("title"), max_length=255)
    plan = models.TextField(_("consultation plan"))
    draft = models.TextField(_("draft and documents"))
    forms = models.JSONField(_("forms (Article 26)"), default=list, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    synthesis = models.TextField(_("synthesis"), blank=True)
    synthesis_published_at = models.DateTimeField(null=True, blank=True)
    authority_approves = models.BooleanField(_("the authority adopts the draft"), null=True, blank=True)
    majority_explanation = models.TextField(_("explanation where the decision goes against the majority"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(matter__gte=1, matter__lte=9), name="consultation_matter_1_9")
        ]

    def __str__(self) -> str:
        return self.title


class AnswerDecision(models.TextChoices):
    """Tiếp thu – giải trình: what the authority did with an opinion (Luật Điều 28)."""

    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted (explained)")


class OpinionGroup(UnitOwned):
    """Similar opinions answered together (nhóm ý kiến) in the tiếp thu – giải trình ledger."""

    unit = models.ForeignKey("units.AdminUnit", on_delete=models.PROTECT, related_name="+")
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="groups")
    title = models.CharField(_("title"), max_length=255)
    decision = models.CharField(_("decision"), max_length=20, choices=AnswerDecision.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("opinion group")
        verbose_name_plural = _("opinion groups")

    def __str__(self) -> str:
        return self.title


class Opinion(UnitOwned):
    """One opinion in the consultation's register, whatever channel brought it (Điều 26 a–h)."""

    class Channel(models.TextChoices):
        DIALOGUE = "dialogue", _("Dialogue conference")
        MEETING = "meeting", _("Community meeting")
        BALLOT = "ballot", _("Household ballot")
        BOX_HOTLINE = "box_hotline", _("Suggestion box / hotline")
        FRONT = "front", _("Front committee and mass organisations")
        PORTAL = "portal", _("Commune web portal")
        SOCIAL = "social", _("Telecom and social networks")
        PERSONAL_DIALOGUE = "personal_dialogue", _("Dialogue with the persons concerned")

    class Stance(models.TextChoices):
        AGREE = "agree", _("Agree with the draft")
        DISAGREE = "disagree", _("Disagree with the draft")
        OTHER = "other", _("Other opinion")

    Decision = AnswerDecision

    unit = models.ForeignKey("units.AdminUnit", on_delete=models.PROTECT, related_name="+")
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="opinions")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    author_name = models.CharField(_("name"), max_length=150, blank=True)
    author_phone = models.CharField(_("phone"), max_length=20, blank=True)
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices, default=Stance.OTHER)
    text = models.TextField(_("opinion"))
    received_at = models.DateTimeField(_("received at"))
    receipt = models.CharField(max_length=20, unique=True)
    group = models.ForeignKey(OpinionGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="opinions")
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["consultation", "received_at", "pk"]

    def __str__(self) -> str:
        return self.receipt
