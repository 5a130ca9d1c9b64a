"""The public commune site: landing page, commune list with search, a commune's home page.

Every page works without JavaScript on a 360-px phone; views only adapt HTTP to selectors.
"""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from thanthien.core.nav import nav_links
from thanthien.units.models import AdminUnit

from . import selectors

COMMUNES_PER_PAGE = 40
# 1/7/2025: two-level local government (Luật TCCQĐP 72/2025/QH15; NQ 1683/NQ-UBTVQH15 for Thái Nguyên).
TWO_LEVEL_REFORM = dt.date(2025, 7, 1)
MAX_QUERY_LENGTH = 100


def _query(request: HttpRequest) -> str:
    return request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]


@require_safe
def landing(request: HttpRequest) -> HttpResponse:
    communes = selectors.commune_list()
    return render(
        request,
        "public/landing.html",
        {"province": selectors.current_province(), "communes": communes},
    )


@require_safe
def commune_list(request: HttpRequest) -> HttpResponse:
    query = _query(request)
    communes = selectors.commune_list(query=query)
    page_obj = Paginator(communes, COMMUNES_PER_PAGE).get_page(request.GET.get("page"))
    former = selectors.former_commune_list(query=query)
    return render(
        request,
        "public/commune_list.html",
        {"query": query, "page_obj": page_obj, "former": former, "province": selectors.current_province()},
    )


@require_safe
def commune_detail(request: HttpRequest, slug: str) -> HttpResponse:
    unit = selectors.unit_by_slug(slug)
    if unit is None:
        raise Http404
    today = timezone.localdate()
    if selectors.ceased_before(unit, on=today):
        # An old unit keeps its address: people and old papers still use it (no 404 after a merger).
        return render(
            request,
            "public/former_unit.html",
            {
                "unit": unit,
                "ceased_on": unit.valid_to + dt.timedelta(days=1) if unit.valid_to else None,
                "successors": selectors.successors_of(unit),
                "two_level_reform": unit.valid_to == TWO_LEVEL_REFORM - dt.timedelta(days=1),
            },
        )
    if unit.level != AdminUnit.Level.COMMUNE:
        if unit.level == AdminUnit.Level.PROVINCE:
            return HttpResponsePermanentRedirect(reverse("public:landing"))
        raise Http404
    if not unit.is_valid_on(today):
        raise Http404  # not yet in force
    return render(
        request,
        "public/commune_detail.html",
        {
            "unit": unit,
            "commune": unit,
            "hamlets": selectors.hamlet_counts(unit),
            "predecessors": selectors.predecessors_of(unit),
            "services": nav_links("commune", obj=unit),
            **_commune_news(unit),
        },
    )


def _commune_news(unit: AdminUnit) -> dict:
    """The chairman's published greetings and the latest notices, for the commune home (R1.6, R1.1)."""
    from thanthien.disclosures.selectors import public_greetings, public_item_list

    return {
        "greetings": list(public_greetings(unit, limit=1)),
        "latest_items": list(public_item_list(unit)[:5]),
    }


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /staff/",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /api/",
        "Disallow: /i18n/",
        "Disallow: /healthz",
        "Allow: /",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
