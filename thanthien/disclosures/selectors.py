"""Reads of the disclosure register, for staff (scoped to the actor) and for the public site.

Public selectors take a commune and return only published items: disclosure is public by law
(Luật THDCCS Điều 11), so they need no actor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from thanthien.core.search import search_filter
from thanthien.units.models import AdminUnit, Hamlet

from .domain import rules
from .models import Broadcast, ChannelUse, DisclosureItem, DisclosurePlan, Greeting, OutreachSession, Posting

PUBLIC_FIELDS = ("id", "category", "title", "published_on", "document_ref")


# ---- staff -----------------------------------------------------------------------------------


def item_list(
    *, actor: Any, unit: AdminUnit | None = None, query: str = "", category: int | None = None, status: str = ""
) -> QuerySet[DisclosureItem]:
    qs = DisclosureItem.objects.for_actor(actor)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if category:
        qs = qs.filter(category=category)
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = search_filter(qs, query)
    return qs.select_related("unit").order_by("-id")


def item_get(*, actor: Any, pk: int) -> DisclosureItem:
    return DisclosureItem.objects.for_actor(actor).select_related("unit", "supersedes").get(pk=pk)


def posting_get(*, actor: Any, pk: int) -> Posting:
    return Posting.objects.for_actor(actor).select_related("item", "hamlet").get(pk=pk)


def greeting_get(*, actor: Any, pk: int) -> Greeting:
    return Greeting.objects.for_actor(actor).select_related("unit").get(pk=pk)


def item_postings(item: DisclosureItem) -> QuerySet[Posting]:
    return Posting.objects.unscoped().filter(item=item).select_related("hamlet").order_by("hamlet__name", "started_on")


def item_broadcast_days(item: DisclosureItem) -> list[dt.date]:
    return list(Broadcast.objects.unscoped().filter(item=item).values_list("aired_on", flat=True).order_by("aired_on"))


def item_channel_uses(item: DisclosureItem) -> QuerySet[ChannelUse]:
    return ChannelUse.objects.unscoped().filter(item=item).select_related("by").order_by("-at")


def staff_units(actor: Any) -> list[AdminUnit]:
    """Communes whose register the actor may keep (for the unit picker)."""
    from thanthien.core.tenancy import scope_for

    scope = scope_for(actor)
    today = timezone.localdate()
    qs = AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )
    if not scope.everything:
        qs = qs.filter(pk__in=scope.unit_ids)
    return list(qs.order_by("name")[:200])


@dataclass
class ComplianceRow:
    item: DisclosureItem
    findings: list[rules.Finding]
    publish_due: dt.date | None = None
    broadcast_run: int = 0
    postings: list[Posting] = field(default_factory=list)
    labelled: list[tuple[str, Any]] = field(default_factory=list)


def item_facts(
    item: DisclosureItem, postings: list[Posting], days: list[dt.date], hamlet_ids: frozenset[int]
) -> rules.ItemFacts:
    return rules.ItemFacts(
        category=item.category,
        decided_on=item.decided_on,
        published_on=item.published_on,
        postings=tuple(rules.PostingFact(p.hamlet_id, p.started_on, p.ended_on, bool(p.photo)) for p in postings),
        broadcast_days=tuple(days),
        on_website=item.status == DisclosureItem.Status.PUBLISHED,
        hamlet_ids=hamlet_ids,
    )


def compliance_rows(
    *, actor: Any, unit: AdminUnit, today: dt.date, calendar: Any, only_problems: bool = False
) -> list[ComplianceRow]:
    """Every live item of the commune with its findings (missing, late, taken down too early).

    Withdrawn items are out; drafts are in (a draft past its 5-working-day date is late).
    Three queries whatever the number of items.
    """
    items = list(
        DisclosureItem.objects.for_actor(actor)
        .filter(unit=unit)
        .exclude(status=DisclosureItem.Status.WITHDRAWN)
        .order_by("-id")
    )
    ids = [i.pk for i in items]
    postings: dict[int, list[Posting]] = {}
    for p in Posting.objects.unscoped().filter(item_id__in=ids).select_related("hamlet"):
        postings.setdefault(p.item_id, []).append(p)
    days: dict[int, list[dt.date]] = {}
    for item_id, day in Broadcast.objects.unscoped().filter(item_id__in=ids).values_list("item_id", "aired_on"):
        days.setdefault(item_id, []).append(day)
    hamlet_ids = frozenset(Hamlet.objects.unscoped().filter(unit=unit).values_list("pk", flat=True))
    rows = []
    for item in items:
        facts = item_facts(item, postings.get(item.pk, []), days.get(item.pk, []), hamlet_ids)
        findings = rules.check_item(facts, today=today, calendar=calendar)
        if only_problems and not findings:
            continue
        rows.append(
            ComplianceRow(
                item=item,
                findings=findings,
                publish_due=rules.publish_due(item.decided_on, calendar) if item.decided_on else None,
                broadcast_run=rules.longest_run(days.get(item.pk, [])),
                postings=postings.get(item.pk, []),
            )
        )
    return rows


def plan_for(*, actor: Any, unit: AdminUnit, year: int) -> DisclosurePlan | None:
    return DisclosurePlan.objects.for_actor(actor).filter(unit=unit, year=year).prefetch_related("entries").first()


def greeting_list(*, actor: Any, unit: AdminUnit) -> QuerySet[Greeting]:
    return Greeting.objects.for_actor(actor).filter(unit=unit).order_by("-occasion_on")


def outreach_list(*, actor: Any, unit: AdminUnit) -> QuerySet[OutreachSession]:
    return OutreachSession.objects.for_actor(actor).filter(unit=unit).select_related("hamlet").order_by("-held_on")


# ---- public ----------------------------------------------------------------------------------


def public_item_list(
    unit: AdminUnit, *, query: str = "", category: int | None = None, year: int | None = None
) -> QuerySet[DisclosureItem]:
    """Published items of the commune, newest first, with only the columns a list shows."""
    qs = DisclosureItem.objects.unscoped().filter(unit=unit, status=DisclosureItem.Status.PUBLISHED)
    if category:
        qs = qs.filter(category=category)
    if year:
        qs = qs.filter(published_on__year=year)
    if query:
        qs = search_filter(qs, query)
    return qs.order_by("-published_on", "-id").values(*PUBLIC_FIELDS)


VERSION_SECONDS = 5


def _version_key(unit_id: int) -> str:
    return f"disclosures:version:{unit_id}"


def public_version(unit: AdminUnit) -> str:
    """The commune register's version: the latest change of any of its items.

    Kept in the cache for a few seconds (services drop it on every change, so with a shared
    cache a change shows at once; with per-process caches within ``VERSION_SECONDS``).
    """
    key = _version_key(unit.pk)
    version = cache.get(key)
    if version is None:
        latest = (
            DisclosureItem.objects.unscoped()
            .filter(unit=unit)
            .order_by("-updated_at")
            .values_list("updated_at", flat=True)
            .first()
        )
        version = f"{latest.timestamp():.6f}" if latest else "0"
        cache.set(key, version, VERSION_SECONDS)
    return version


def forget_public_version(unit_id: int) -> None:
    cache.delete(_version_key(unit_id))


UNIT_SECONDS = 300


def public_commune(slug: str) -> AdminUnit | None:
    """A commune by its address, cached (units change a few times a decade)."""
    from thanthien.public.selectors import unit_by_slug

    key = f"disclosures:unit:{slug}"
    unit = cache.get(key)
    if unit is None:
        unit = unit_by_slug(slug)
        if unit is None or unit.level != AdminUnit.Level.COMMUNE:
            return None
        cache.set(key, unit, UNIT_SECONDS)
    return unit


def public_item(unit: AdminUnit, pk: int) -> DisclosureItem | None:
    return (
        DisclosureItem.objects.unscoped().filter(unit=unit, pk=pk).exclude(status=DisclosureItem.Status.DRAFT).first()
    )


def public_postings(item: DisclosureItem) -> QuerySet[Posting]:
    return item_postings(item)


def public_posting_photo(unit: AdminUnit, pk: int) -> Posting | None:
    """A posting photo is public proof of a public notice (no people's data is expected on it)."""
    return (
        Posting.objects.unscoped()
        .filter(pk=pk, item__unit=unit, item__status=DisclosureItem.Status.PUBLISHED)
        .exclude(photo="")
        .first()
    )


def public_regulations(unit: AdminUnit) -> QuerySet[DisclosureItem]:
    """Category 4 items: the democracy regulation (quy chế thực hiện dân chủ), posted permanently."""
    return public_item_list(unit, category=4)


def public_greetings(unit: AdminUnit, *, limit: int = 3) -> QuerySet[Greeting]:
    return (
        Greeting.objects.unscoped().filter(unit=unit, status=Greeting.Status.PUBLISHED).order_by("-occasion_on")[:limit]
    )


def public_years(unit: AdminUnit) -> list[int]:
    """Years with published items (for the filter), cached per register version."""
    key = f"disclosures:years:{unit.pk}:{public_version(unit)}"
    years = cache.get(key)
    if years is None:
        dates = (
            DisclosureItem.objects.unscoped()
            .filter(unit=unit, status=DisclosureItem.Status.PUBLISHED)
            .dates("published_on", "year", order="DESC")
        )
        years = [d.year for d in dates]
        cache.set(key, years, 3600)
    return years


@dataclass(frozen=True)
class HamletCoverage:
    hamlet: Hamlet
    sessions: int
    attendance: int
    last_on: dt.date | None


def outreach_coverage(unit: AdminUnit) -> list[HamletCoverage]:
    """Every hamlet with its propaganda conferences: covered hamlets and those not yet reached."""
    stats = {
        row["hamlet_id"]: row
        for row in OutreachSession.objects.unscoped()
        .filter(unit=unit)
        .values("hamlet_id")
        .annotate(n=Count("id"), people=Sum("attendance"), last=Max("held_on"))
    }
    result = []
    for hamlet in Hamlet.objects.unscoped().filter(unit=unit).order_by("name"):
        row = stats.get(hamlet.pk)
        result.append(
            HamletCoverage(hamlet, row["n"] if row else 0, row["people"] if row else 0, row["last"] if row else None)
        )
    return result


def quarterly_items(unit: AdminUnit, *, year: int, quarter: int) -> list[DisclosureItem]:
    """Items disclosed in a quarter, with their forms and dates (Điều 13: the quarterly list)."""
    first, last = rules.quarter_bounds(year, quarter)
    return list(
        DisclosureItem.objects.unscoped()
        .filter(unit=unit, published_on__gte=first, published_on__lte=last)
        .exclude(status=DisclosureItem.Status.DRAFT)
        .prefetch_related("postings", "broadcasts")
        .order_by("published_on", "id")
    )
