"""Public pages of a commune (trang công khai của xã): disclosures with search and filters,
feeds, open data (CSV, JSON), the procedure catalogue, law spreading and news.

Server-rendered, no JavaScript, small pages: the list selects only the columns it shows and
formats dates in Python. Mounted under ``/xa/<slug>/``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from thanthien.procedures import selectors as procedure_selectors
from thanthien.units.models import AdminUnit

from . import outputs, selectors
from .domain import easy_read, rules
from .models import DisclosureItem

PER_PAGE = 20
MAX_QUERY = 100
OPEN_DATA_CACHE = "public, max-age=300"


def _commune(slug: str) -> AdminUnit:
    unit = selectors.public_commune(slug)
    if unit is None:
        raise Http404
    return unit


def _filters(request: HttpRequest) -> dict[str, Any]:
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    try:
        category = int(request.GET.get("category") or 0)
    except ValueError:
        category = 0
    if category not in rules.CATEGORY_BY_NUMBER:
        category = 0
    try:
        year = int(request.GET.get("year") or 0)
    except ValueError:
        year = 0
    if not 2000 <= year <= 2100:
        year = 0
    return {"query": query, "category": category or None, "year": year or None}


def _date(day: dt.date | None) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day else ""


# Rendered list pages are cached per commune, language and query string. The key carries the
# commune's register version (latest change of any item), so a publication shows at once in every
# worker. The pages hold nothing per visitor (the language switch needs no CSRF token).
PAGE_CACHE_SECONDS = 600
_LIST_PARAMS = {"q", "category", "year", "page"}


def _cached_page(request: HttpRequest, unit: AdminUnit, build: Callable[[], HttpResponse]) -> HttpResponse:
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return build()  # someone with a session may see messages: never cached
    if not set(request.GET) <= _LIST_PARAMS:
        return build()  # made-up parameters would each fill a cache entry of their own
    digest = hashlib.blake2b(request.get_full_path().encode(), digest_size=12).hexdigest()
    key = f"disclosures:page:{unit.pk}:{selectors.public_version(unit)}:{get_language()}:{digest}"
    body = cache.get(key)
    if body is None:
        response = build()
        if response.status_code != 200:
            return response
        cache.set(key, response.content, PAGE_CACHE_SECONDS)
    else:
        response = HttpResponse(body)
    patch_vary_headers(response, ["Cookie", "Accept-Language"])  # the same on a hit and a miss
    return response


@require_safe
def disclosure_list(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _commune(slug)
    return _cached_page(request, unit, lambda: _disclosure_list(request, unit))


def _disclosure_list(request: HttpRequest, unit: AdminUnit) -> HttpResponse:
    filters = _filters(request)
    page_obj = Paginator(selectors.public_item_list(unit, **filters), PER_PAGE).get_page(request.GET.get("page"))
    titles = {c.number: c.title_vi for c in rules.CATEGORIES}
    rows = [
        {
            "url": f"{row['id']}/",
            "title": row["title"],
            "category": row["category"],
            "category_title": titles[row["category"]],
            "date": _date(row["published_on"]),
            "iso": row["published_on"].isoformat() if row["published_on"] else "",
        }
        for row in page_obj.object_list
    ]
    query_string = request.GET.copy()
    query_string.pop("page", None)
    return render(
        request,
        "disclosures/public/list.html",
        {
            "unit": unit,
            "commune": unit,
            "page_obj": page_obj,
            "rows": rows,
            "categories": rules.CATEGORIES,
            "years": selectors.public_years(unit),
            "filters": filters,
            "export_query": query_string.urlencode(),
        },
    )


@require_safe
def disclosure_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    unit = _commune(slug)
    item = selectors.public_item(unit, pk)
    if item is None:
        raise Http404
    cat = rules.category(item.category)
    postings = list(selectors.public_postings(item))
    return render(
        request,
        "disclosures/public/detail.html",
        {
            "unit": unit,
            "commune": unit,
            "item": item,
            "cat": cat,
            "postings": postings,
            "form_labels": outputs.form_labels(item.forms),
            "broadcast_days": selectors.item_broadcast_days(item),
            "withdrawn": item.status == DisclosureItem.Status.WITHDRAWN,
        },
    )


@require_safe
def posting_photo(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    unit = _commune(slug)
    posting = selectors.public_posting_photo(unit, pk)
    if posting is None:
        raise Http404
    return outputs.photo_response(posting)


# ---- open data -------------------------------------------------------------------------------

CSV_COLUMNS = ("id", "category", "category_title", "title", "document_ref", "published_on", "url")


def _open_rows(request: HttpRequest, unit: AdminUnit) -> Iterator[dict[str, Any]]:
    titles = {c.number: c.title_vi for c in rules.CATEGORIES}
    base = request.build_absolute_uri(reverse("disclosures_public:list", args=[unit.slug]))
    for row in selectors.public_item_list(unit, **_filters(request)).iterator(chunk_size=2000):
        yield {
            "id": row["id"],
            "category": row["category"],
            "category_title": titles[row["category"]],
            "title": row["title"],
            "document_ref": row["document_ref"],
            "published_on": row["published_on"].isoformat() if row["published_on"] else None,
            "url": f"{base}{row['id']}/",
        }


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(rows: Iterator[dict[str, Any]], columns: tuple[str, ...], filename: str) -> StreamingHttpResponse:
    """CSV in UTF-8 with a BOM (so spreadsheet programs read Vietnamese correctly)."""
    writer = csv.DictWriter(_Echo(), fieldnames=columns)

    def stream() -> Iterator[str]:
        yield "\ufeff" + writer.writeheader()
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = OPEN_DATA_CACHE
    return response


def json_response(rows: Iterator[dict[str, Any]], meta: dict[str, Any]) -> HttpResponse:
    body = json.dumps({**meta, "items": list(rows)}, ensure_ascii=False, cls=DjangoJSONEncoder)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Cache-Control"] = OPEN_DATA_CACHE
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def disclosure_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    unit = _commune(slug)
    return csv_response(_open_rows(request, unit), CSV_COLUMNS, f"cong-khai-{unit.slug}.csv")


@require_safe
def disclosure_json(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _commune(slug)
    meta = {"commune": unit.full_name, "code": unit.code, "license": "CC BY 4.0"}
    return json_response(_open_rows(request, unit), meta)


# ---- feeds -----------------------------------------------------------------------------------


class DisclosureRss(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, slug: str) -> AdminUnit:
        return _commune(slug)

    def title(self, unit: AdminUnit) -> str:
        return _("Disclosures of %(name)s") % {"name": unit.full_name}

    def link(self, unit: AdminUnit) -> str:
        return reverse("disclosures_public:list", args=[unit.slug])

    def description(self, unit: AdminUnit) -> str:
        return _("Information the commune discloses under the Law on Grassroots Democracy.")

    def items(self, unit: AdminUnit) -> list[DisclosureItem]:
        return list(
            DisclosureItem.objects.unscoped()
            .filter(unit=unit, status=DisclosureItem.Status.PUBLISHED)
            .order_by("-published_on", "-id")
            .only("id", "title", "summary", "published_on", "category", "unit_id")[:30]
        )

    def item_title(self, item: DisclosureItem) -> str:
        return item.title

    def item_description(self, item: DisclosureItem) -> str:
        return item.summary[:500]

    def item_link(self, item: DisclosureItem) -> str:
        return reverse("disclosures_public:item", args=[self._slug, item.pk])

    def item_pubdate(self, item: DisclosureItem) -> dt.datetime | None:
        if not item.published_on:
            return None
        return dt.datetime.combine(item.published_on, dt.time(7, 0), tzinfo=dt.UTC)

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self._slug = kwargs.get("slug", "")
        return super().__call__(request, *args, **kwargs)


class DisclosureAtom(DisclosureRss):
    feed_type = Atom1Feed
    subtitle = DisclosureRss.description


# ---- procedures ------------------------------------------------------------------------------


@require_safe
def procedure_list(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _commune(slug)
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    qs = procedure_selectors.procedure_public_list(query, level="commune")
    page_obj = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "disclosures/public/procedures.html",
        {"unit": unit, "commune": unit, "page_obj": page_obj, "query": query},
    )


@require_safe
def procedure_detail(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    unit = _commune(slug)
    procedure = procedure_selectors.procedure_detail(code)
    if procedure is None:
        raise Http404
    return render(request, "disclosures/public/procedure.html", {"unit": unit, "commune": unit, "procedure": procedure})


PROCEDURE_COLUMNS = ("code", "name", "field", "time_amount", "time_measure", "fee_amount", "fee_unit", "online_level")


def _procedure_rows(request: HttpRequest) -> Iterator[dict[str, Any]]:
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    for p in procedure_selectors.procedure_public_list(query, level="commune"):
        yield {
            "code": p.code,
            "name": p.name,
            "field": p.field.name if p.field_id else "",
            "time_amount": str(p.time_amount),
            "time_measure": p.time_measure,
            "fee_amount": int(p.fee_amount),
            "fee_unit": p.fee_unit,
            "online_level": p.online_level,
        }


@require_safe
def procedure_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    unit = _commune(slug)
    return csv_response(_procedure_rows(request), PROCEDURE_COLUMNS, f"thu-tuc-{unit.slug}.csv")


@require_safe
def procedure_json(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _commune(slug)
    return json_response(_procedure_rows(request), {"commune": unit.full_name, "code": unit.code})


# ---- law spreading and news -------------------------------------------------------------------


@require_safe
def law(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _commune(slug)
    coverage = selectors.outreach_coverage(unit)
    regulations = [
        {
            "url": reverse("disclosures_public:item", args=[unit.slug, r["id"]]),
            "title": r["title"],
            "date": _date(r["published_on"]),
        }
        for r in selectors.public_regulations(unit)[:20]
    ]
    return render(
        request,
        "disclosures/public/law.html",
        {
            "unit": unit,
            "commune": unit,
            "regulations": regulations,
            "coverage": coverage,
            "covered": sum(1 for c in coverage if c.sessions),
            "points": easy_read.MAIN_POINTS,
        },
    )


@require_safe
def news(request: HttpRequest, slug: str) -> HttpResponse:
    """Notices and the chairman's greetings: the commune's news board (bảng tin)."""
    unit = _commune(slug)
    latest = [
        {
            "url": reverse("disclosures_public:item", args=[unit.slug, r["id"]]),
            "title": r["title"],
            "date": _date(r["published_on"]),
        }
        for r in selectors.public_item_list(unit)[:10]
    ]
    return render(
        request,
        "disclosures/public/news.html",
        {"unit": unit, "commune": unit, "latest": latest, "greetings": list(selectors.public_greetings(unit))},
    )
