"""Matters the people decide or comment on, and the forms a decision may take.

Pure data and predicates, no ORM, no clock. Sources (Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15,
"Luật"; Nghị định 59/2023/NĐ-CP, "NĐ 59"), as summarised in ``shared/domain/legal-rules.md`` §5.2–5.4:

* Luật Điều 15 — the six matters the people discuss and decide (Nhân dân bàn và quyết định).
* Luật Điều 17 — forms: community meeting, household ballot, online vote; items 3, 4, 5 only at a
  meeting except the ballot fallback of Điều 19.1.b; online vote only for item 6.
* Luật Điều 19.1 — when a household ballot is used.
* NĐ 59 Điều 5.1–5.2 — preconditions of an online vote.
* Luật Điều 25 — the nine matters the people comment on (Nhân dân tham gia ý kiến).
* Luật Điều 26 — forms of consultation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum, StrEnum

__all__ = [
    "CONSULTATION_FORMS",
    "CONSULTATION_MATTERS",
    "FORM_RULES",
    "MATTERS",
    "AgendaItemKind",
    "ConsultationForm",
    "ConsultationMatter",
    "ConsultationMatterCode",
    "DecisionForm",
    "FormGround",
    "FormRule",
    "Matter",
    "MatterCode",
    "Scope",
    "form_permitted",
    "get_consultation_matter",
    "get_matter",
    "permitted_forms",
    "required_grounds",
]


class Scope(StrEnum):
    """Where a decision applies (phạm vi): one hamlet (thôn, tổ dân phố) or the whole commune (cấp xã).

    Identifiers follow docs/glossary.md (thôn, tổ dân phố = hamlet); prose and the legal brief say
    "village" for the same unit.
    """

    HAMLET = "hamlet"
    COMMUNE = "commune"

    @property
    def label_vi(self) -> str:
        return {Scope.HAMLET: "Phạm vi thôn, tổ dân phố", Scope.COMMUNE: "Phạm vi cấp xã"}[self]


class MatterCode(IntEnum):
    """The six items of Luật Điều 15; the value is the clause number (khoản) of Điều 15."""

    CONTRIBUTIONS = 1
    COMMUNITY_FUNDS = 2
    VILLAGE_COVENANT = 3
    HAMLET_HEAD = 4
    BOARD_MEMBERS = 5
    SELF_MANAGED = 6


@dataclass(frozen=True, slots=True)
class Matter:
    """A matter the people discuss and decide (nội dung Nhân dân bàn và quyết định), Luật Điều 15."""

    code: MatterCode
    slug: str
    label_vi: str
    label_en: str
    scopes: frozenset[Scope]
    source: str

    @property
    def item(self) -> int:
        return int(self.code)


_V = frozenset({Scope.HAMLET})
_VC = frozenset({Scope.HAMLET, Scope.COMMUNE})

# Scopes: items 1 and 2 name "phạm vi cấp xã, thôn, tổ dân phố" (Điều 15.1) and have a separate commune
# threshold (Điều 21.1.a). Items 3–6 are matters of one residential community: the covenant and the
# village head are per village, board members are elected at village meetings (NĐ 59 Điều 3, 13, 17),
# item 6 is "trong nội bộ cộng đồng dân cư". See docs/participation-rules.md.
MATTERS: dict[MatterCode, Matter] = {
    m.code: m
    for m in (
        Matter(
            MatterCode.CONTRIBUTIONS,
            "contributions",
            "Chủ trương và mức đóng góp xây dựng cơ sở hạ tầng, công trình công cộng do Nhân dân đóng góp",
            "Policy and amount of contributions to infrastructure and public works funded by the people",
            _VC,
            "Luật 10/2022/QH15 Điều 15 khoản 1",
        ),
        Matter(
            MatterCode.COMMUNITY_FUNDS,
            "community_funds",
            "Việc thu, chi, quản lý các khoản đóng góp của Nhân dân ngoài quy định của pháp luật; "
            "các khoản kinh phí, tài sản do cộng đồng quản lý hoặc được tài trợ",
            "Collection, spending and management of people's contributions beyond those set by law; "
            "funds and assets managed by or donated to the community",
            _VC,
            "Luật 10/2022/QH15 Điều 15 khoản 2",
        ),
        Matter(
            MatterCode.VILLAGE_COVENANT,
            "village_covenant",
            "Nội dung hương ước, quy ước của cộng đồng dân cư",
            "Content of the village covenant (hương ước, quy ước)",
            _V,
            "Luật 10/2022/QH15 Điều 15 khoản 3",
        ),
        Matter(
            MatterCode.HAMLET_HEAD,
            "hamlet_head",
            "Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố",
            "Electing or dismissing the village head",
            _V,
            "Luật 10/2022/QH15 Điều 15 khoản 4",
        ),
        Matter(
            MatterCode.BOARD_MEMBERS,
            "board_members",
            "Bầu, cho thôi làm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng",
            "Electing or dismissing members of the People's Inspection Board and the Community "
            "Investment Supervision Board",
            _V,
            "Luật 10/2022/QH15 Điều 15 khoản 5",
        ),
        Matter(
            MatterCode.SELF_MANAGED,
            "self_managed",
            "Các công việc tự quản khác trong nội bộ cộng đồng dân cư không trái pháp luật, "
            "phù hợp với thuần phong, mỹ tục và đạo đức xã hội",
            "Other lawful self-managed matters of the community",
            _V,
            "Luật 10/2022/QH15 Điều 15 khoản 6",
        ),
    )
}


def get_matter(code: MatterCode | int) -> Matter:
    """The Điều 15 matter with this clause number; ``KeyError`` for anything else."""
    try:
        return MATTERS[MatterCode(code)]
    except ValueError as exc:
        raise KeyError(code) from exc


class AgendaItemKind(StrEnum):
    """What an agenda item of a community meeting asks of the households.

    * ``DECIDE`` — a Điều 15 matter; binding, counted against all households (Điều 21).
    * ``CONSULT`` — a Điều 25 matter; opinions are gathered for the authority (Điều 26.b: a community
      meeting is one form of consultation); the authority decides, with tiếp thu – giải trình (Điều 28).
    * ``INFORM`` — information only, e.g. disclosure through the village head (Điều 12.1.d) or the
      reports at the annual community conference (Điều 33; NĐ 59 Điều 11); no vote.
    """

    DECIDE = "decide"
    CONSULT = "consult"
    INFORM = "inform"

    @property
    def label_vi(self) -> str:
        return {
            AgendaItemKind.DECIDE: "Bàn và quyết định",
            AgendaItemKind.CONSULT: "Tham gia ý kiến",
            AgendaItemKind.INFORM: "Thông tin",
        }[self]

    @property
    def is_binding(self) -> bool:
        """Only a DECIDE item produces a community decision (Luật Điều 20, 21)."""
        return self is AgendaItemKind.DECIDE


class DecisionForm(StrEnum):
    """Forms of a community decision (hình thức Nhân dân bàn và quyết định), Luật Điều 17.1."""

    MEETING = "meeting"
    HOUSEHOLD_BALLOT = "household_ballot"
    ONLINE_VOTE = "online_vote"

    @property
    def label_vi(self) -> str:
        return {
            DecisionForm.MEETING: "Tổ chức cuộc họp cộng đồng dân cư",
            DecisionForm.HOUSEHOLD_BALLOT: "Phát phiếu lấy ý kiến hộ gia đình",
            DecisionForm.ONLINE_VOTE: "Biểu quyết trực tuyến",
        }[self]


class FormGround(StrEnum):
    """A fact that opens a decision form beyond the meeting."""

    # Luật Điều 16.1, 19.1.a: the commune UBND chair, after agreeing with the MTTQ chair, chose a ballot
    # for a commune-wide matter.
    COMMUNE_CHAIR_CHOICE = "commune_chair_choice"
    # Luật Điều 19.1.b: a meeting was held but too few households attended to reach the Điều 21 threshold.
    MEETING_SHORT = "meeting_short"
    # Luật Điều 19.1.c: the village head, agreeing with the Ban công tác Mặt trận, chose a ballot (item 6).
    HAMLET_LEADERS_CHOICE = "hamlet_leaders_choice"
    # NĐ 59 Điều 5.1.a: the village head and the Ban công tác Mặt trận agree that neither a meeting nor a
    # ballot is needed.
    ONLINE_AGREED = "online_agreed"
    # NĐ 59 Điều 5.1.c: household representatives have internet-connected devices.
    ONLINE_DEVICES = "online_devices"
    # NĐ 59 Điều 5.1.b, 5.2: the preliminary online poll passed (> 50% of ALL households agree).
    ONLINE_POLL_PASSED = "online_poll_passed"


@dataclass(frozen=True, slots=True)
class FormRule:
    """One row: ``form`` is permitted for ``matters`` in ``scopes`` when ALL of ``requires`` hold."""

    form: DecisionForm
    matters: frozenset[MatterCode]
    scopes: frozenset[Scope]
    requires: frozenset[FormGround]
    source: str


_ALL = frozenset(MatterCode)

# The law as rows. A form is permitted when at least one row matches and all its grounds hold.
# Items 3, 4, 5 appear only in the meeting row and the Điều 19.1.b fallback row (Điều 17.2).
FORM_RULES: tuple[FormRule, ...] = (
    FormRule(DecisionForm.MEETING, _ALL, _VC, frozenset(), "Luật Điều 17.1.a, Điều 18; NĐ 59 Điều 3"),
    FormRule(
        DecisionForm.HOUSEHOLD_BALLOT,
        _ALL,
        _VC,
        frozenset({FormGround.MEETING_SHORT}),
        "Luật Điều 17.2, Điều 19.1.b; NĐ 59 Điều 4",
    ),
    FormRule(
        DecisionForm.HOUSEHOLD_BALLOT,
        frozenset({MatterCode.CONTRIBUTIONS, MatterCode.COMMUNITY_FUNDS}),
        frozenset({Scope.COMMUNE}),
        frozenset({FormGround.COMMUNE_CHAIR_CHOICE}),
        "Luật Điều 16.1, Điều 19.1.a; NĐ 59 Điều 4",
    ),
    FormRule(
        DecisionForm.HOUSEHOLD_BALLOT,
        frozenset({MatterCode.SELF_MANAGED}),
        _V,
        frozenset({FormGround.HAMLET_LEADERS_CHOICE}),
        "Luật Điều 19.1.c; NĐ 59 Điều 4",
    ),
    FormRule(
        DecisionForm.ONLINE_VOTE,
        frozenset({MatterCode.SELF_MANAGED}),
        _V,
        frozenset({FormGround.ONLINE_AGREED, FormGround.ONLINE_DEVICES, FormGround.ONLINE_POLL_PASSED}),
        "Luật Điều 17.3; NĐ 59 Điều 5.1, 5.2",
    ),
)


def _check_scope(matter: MatterCode, scope: Scope) -> Matter:
    m = get_matter(matter)
    if scope not in m.scopes:
        raise ValueError(f"Matter {m.item} (Điều 15) has no {scope} scope")
    return m


def required_grounds(matter: MatterCode | int, scope: Scope, form: DecisionForm) -> tuple[frozenset[FormGround], ...]:
    """Alternative sets of grounds that open ``form``; empty tuple if the form is never allowed.

    Luật Điều 17, 19.1; NĐ 59 Điều 5. ``(frozenset(),)`` means "always allowed".
    """
    m = _check_scope(MatterCode(matter), scope)
    return tuple(r.requires for r in FORM_RULES if r.form is form and m.code in r.matters and scope in r.scopes)


def form_permitted(
    matter: MatterCode | int, scope: Scope, form: DecisionForm, grounds: Iterable[FormGround] = ()
) -> bool:
    """Whether ``form`` may be used for ``matter`` given the facts in ``grounds`` (Luật Điều 17, 19.1)."""
    held = frozenset(grounds)
    return any(req <= held for req in required_grounds(matter, scope, form))


def permitted_forms(
    matter: MatterCode | int, scope: Scope, grounds: Iterable[FormGround] = ()
) -> tuple[DecisionForm, ...]:
    """The decision forms open for ``matter`` in ``scope``, in the order of Luật Điều 17.1.

    Examples: item 4 with no grounds → (MEETING,); item 4 after a meeting short of households →
    (MEETING, HOUSEHOLD_BALLOT); item 6 with all online grounds → includes ONLINE_VOTE.
    """
    held = frozenset(grounds)
    return tuple(f for f in DecisionForm if form_permitted(matter, scope, f, held))


class ConsultationMatterCode(IntEnum):
    """The nine items of Luật Điều 25; the value is the clause number."""

    SOCIO_ECONOMIC_PLAN = 1
    LAND_USE_PLAN = 2
    PROJECT_POLICIES = 3
    ADMINISTRATIVE_UNITS = 4
    COMMUNITY_DECISIONS = 5
    CONSTRUCTION_ZONING = 6
    DEMOCRACY_RULES = 7
    INDIVIDUAL_DECISIONS = 8
    OTHER = 9


@dataclass(frozen=True, slots=True)
class ConsultationMatter:
    """A matter the people comment on before the authority decides (Nhân dân tham gia ý kiến), Điều 25."""

    code: ConsultationMatterCode
    slug: str
    label_vi: str
    label_en: str
    source: str
    # Điều 27: item 8 requires informing the person and a dialogue when many persons are concerned.
    needs_dialogue: bool = False

    @property
    def item(self) -> int:
        return int(self.code)


CONSULTATION_MATTERS: dict[ConsultationMatterCode, ConsultationMatter] = {
    c.code: c
    for c in (
        ConsultationMatter(
            ConsultationMatterCode.SOCIO_ECONOMIC_PLAN,
            "socio_economic_plan",
            "Dự thảo kế hoạch phát triển kinh tế - xã hội; phương án chuyển dịch cơ cấu kinh tế, cơ cấu "
            "sản xuất; đề án định canh, định cư, vùng kinh tế mới; phương án phát triển ngành nghề",
            "Draft socio-economic plan, economic and production restructuring, settlement schemes, "
            "trade and craft plans",
            "Luật 10/2022/QH15 Điều 25 khoản 1",
        ),
        ConsultationMatter(
            ConsultationMatterCode.LAND_USE_PLAN,
            "land_use_plan",
            "Dự thảo quy hoạch, kế hoạch sử dụng đất và phương án điều chỉnh; việc quản lý, sử dụng quỹ "
            "đất được giao cho cấp xã",
            "Draft land-use plan and its adjustments; management of the land fund entrusted to the commune",
            "Luật 10/2022/QH15 Điều 25 khoản 2",
        ),
        ConsultationMatter(
            ConsultationMatterCode.PROJECT_POLICIES,
            "project_policies",
            "Chủ trương, chính sách đầu tư, đất đai, xử lý chất thải, bảo vệ môi trường, bồi thường, hỗ "
            "trợ, tái định cư của dự án, công trình tác động trực tiếp trên địa bàn",
            "Investment, land, waste, environment, compensation and resettlement policies of projects "
            "with a direct local impact",
            "Luật 10/2022/QH15 Điều 25 khoản 3",
        ),
        ConsultationMatter(
            ConsultationMatterCode.ADMINISTRATIVE_UNITS,
            "administrative_units",
            "Dự thảo đề án thành lập, giải thể, nhập, chia, điều chỉnh địa giới đơn vị hành chính; đặt "
            "tên, đổi tên đơn vị hành chính, thôn, tổ dân phố",
            "Drafts on creating, dissolving, merging, splitting or re-bounding administrative units; "
            "naming or renaming units and villages",
            "Luật 10/2022/QH15 Điều 25 khoản 4",
        ),
        ConsultationMatter(
            ConsultationMatterCode.COMMUNITY_DECISIONS,
            "community_decisions",
            "Dự thảo quyết định hành chính của Ủy ban nhân dân cấp xã có liên quan đến lợi ích của cộng đồng dân cư",
            "Draft administrative decisions of the commune UBND affecting community interests",
            "Luật 10/2022/QH15 Điều 25 khoản 5",
        ),
        ConsultationMatter(
            ConsultationMatterCode.CONSTRUCTION_ZONING,
            "construction_zoning",
            "Dự thảo nhiệm vụ quy hoạch, đồ án quy hoạch xây dựng, quy hoạch chung, quy hoạch phân khu, "
            "quy hoạch chi tiết trên địa bàn cấp xã",
            "Draft construction zoning tasks and plans in the commune",
            "Luật 10/2022/QH15 Điều 25 khoản 6",
        ),
        ConsultationMatter(
            ConsultationMatterCode.DEMOCRACY_RULES,
            "democracy_rules",
            "Dự thảo quy chế thực hiện dân chủ ở xã, phường, thị trấn và quy chế thực hiện dân chủ trong từng lĩnh vực",
            "Draft commune democracy rules and sectoral democracy rules",
            "Luật 10/2022/QH15 Điều 25 khoản 7",
        ),
        ConsultationMatter(
            ConsultationMatterCode.INDIVIDUAL_DECISIONS,
            "individual_decisions",
            "Dự thảo quyết định hành chính làm phát sinh nghĩa vụ hoặc làm chấm dứt, hạn chế quyền, lợi "
            "ích của công dân",
            "Draft administrative decisions that create obligations for, or end or restrict the rights of, a citizen",
            "Luật 10/2022/QH15 Điều 25 khoản 8; Điều 27",
            needs_dialogue=True,
        ),
        ConsultationMatter(
            ConsultationMatterCode.OTHER,
            "other",
            "Các nội dung khác theo quy định của pháp luật, theo yêu cầu của cơ quan có thẩm quyền hoặc "
            "chính quyền cấp xã thấy cần thiết",
            "Other matters required by law or by a competent body, or chosen by the commune",
            "Luật 10/2022/QH15 Điều 25 khoản 9",
        ),
    )
}


def get_consultation_matter(code: ConsultationMatterCode | int) -> ConsultationMatter:
    """The Điều 25 matter with this clause number; ``KeyError`` for anything else."""
    try:
        return CONSULTATION_MATTERS[ConsultationMatterCode(code)]
    except ValueError as exc:
        raise KeyError(code) from exc


class ConsultationForm(StrEnum):
    """Forms of consultation (hình thức Nhân dân tham gia ý kiến), Luật Điều 26 points a–h."""

    DIALOGUE_CONFERENCE = "dialogue_conference"  # a) hội nghị trao đổi, đối thoại UBND – Nhân dân
    COMMUNITY_MEETING = "community_meeting"  # b) cuộc họp cộng đồng dân cư
    HOUSEHOLD_BALLOT = "household_ballot"  # c) phát phiếu lấy ý kiến hộ gia đình
    SUGGESTION_BOX = "suggestion_box"  # d) hòm thư góp ý, đường dây nóng
    FRONT_ORGANISATIONS = "front_organisations"  # đ) Ban công tác Mặt trận, tổ chức chính trị - xã hội
    WEB_PORTAL = "web_portal"  # e) cổng thông tin điện tử cấp xã
    SOCIAL_NETWORK = "social_network"  # g) mạng viễn thông, mạng xã hội
    PERSONAL_DIALOGUE = "personal_dialogue"  # h) đối thoại với người chịu tác động (Điều 25.8, Điều 27)


CONSULTATION_FORMS: dict[ConsultationForm, str] = {
    ConsultationForm.DIALOGUE_CONFERENCE: "Hội nghị trao đổi, đối thoại giữa Ủy ban nhân dân cấp xã với Nhân dân",
    ConsultationForm.COMMUNITY_MEETING: "Tổ chức cuộc họp cộng đồng dân cư",
    ConsultationForm.HOUSEHOLD_BALLOT: "Phát phiếu lấy ý kiến hộ gia đình",
    ConsultationForm.SUGGESTION_BOX: "Thông qua hòm thư góp ý, đường dây nóng",
    ConsultationForm.FRONT_ORGANISATIONS: "Thông qua Ban công tác Mặt trận, tổ chức chính trị - xã hội",
    ConsultationForm.WEB_PORTAL: "Thông qua cổng thông tin điện tử cấp xã",
    ConsultationForm.SOCIAL_NETWORK: "Thông qua mạng viễn thông, mạng xã hội",
    ConsultationForm.PERSONAL_DIALOGUE: "Đối thoại với người chịu tác động trực tiếp của quyết định",
}
