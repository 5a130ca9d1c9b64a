"""Public pages of a dossier, without login: status by tracking code or QR, and the rating.

The status page is the hot path (benchmarked at ≥ 1,000 requests/s): one indexed query on plain
values, no session, no user, a small template with the dates formatted in Python, and the
rendered page cached 30 s per tracking code (``cache.py``; dropped when the dossier changes). Personal data is masked ("Nguyễn V*** A",
"09******78"); the identifier, address and e-mail never leave the staff pages.
Templates and their texts live in ``thanthien/onestop`` (its catalogue).
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from thanthien.core.context_processors import PLATFORM_NAME
from thanthien.core.templatetags.ui import end_of_day_local
from thanthien.dossiers.domain.codes import format_tracking_code, normalise_tracking_code
from thanthien.dossiers.domain.rating import RatingInvalid
from thanthien.onestop import selectors, services
from thanthien.onestop.forms import RatingForm, apply_error
from thanthien.onestop.models import ServiceRating

from . import cache


@require_GET
def lookup(request: HttpRequest) -> HttpResponse:
    """The lookup form; a typed code (any spacing, O/I/L read as 0/1) goes to its status page."""
    typed = (request.GET.get("ma") or "").strip()
    if typed:
        code = normalise_tracking_code(typed)
        if code:
            return redirect("dossiers_public:status", code=format_tracking_code(code))
        return render(request, "onestop/public/lookup.html", {"typed": typed, "invalid": True}, status=404)
    return render(request, "onestop/public/lookup.html", {"typed": ""})


@require_GET
def status(request: HttpRequest, code: str) -> HttpResponse:
    """The status of a dossier: cached 30 s per code (see ``cache.py``), one query on a miss."""
    normal = normalise_tracking_code(code)
    key = cache.cacheable_key(request, normal, code) if normal else None
    return cache.serve_cached(request, key, lambda: _status_page(request, code, shared=key is not None))


def _status_page(request: HttpRequest, code: str, *, shared: bool) -> HttpResponse:
    data = selectors.public_status(code)
    if data is None:
        return render(request, "onestop/public/lookup.html", {"typed": code, "invalid": True}, status=404)
    grouped = format_tracking_code(data.tracking_code)
    context = {
        "d": data,
        "code": grouped,
        # Dates formatted once here, not by template filters (the page is the hot path).
        "dates": _dates(data),
        "timeline": [
            (label, at.isoformat(), _minute(at)) for label, at in ((lb, localtime(t)) for lb, t in data.timeline)
        ],
        "rate_url": reverse("dossiers_public:rate", args=[data.tracking_code]) if data.can_rate else "",
    }
    body = render_to_string("onestop/public/_status_body.html", context)
    heading = gettext("Dossier status")  # on its own line: makemessages does not read inside f-strings
    title = f"{heading} {grouped} · {PLATFORM_NAME}"
    response = cache.framed(request, "onestop/public/status.html", title=title, body=body, shared=shared)
    response["Cache-Control"] = "private, max-age=0"
    response["X-Robots-Tag"] = "noindex"
    return response


def _minute(at: dt.datetime) -> str:
    return f"{at:%H:%M %d/%m/%Y}"


def _dates(d: selectors.PublicStatus) -> dict[str, str]:
    """The status card's dates in local time; the labels stay in the template (its catalogue)."""

    def day(at: dt.datetime | None) -> str:
        # A due time of 24:00 is stored as 00:00 of the next day: show the legal last day.
        return f"{end_of_day_local(at)[0]:%d/%m/%Y}" if at else ""

    def minute(at: dt.datetime | None) -> str:
        return _minute(localtime(at)) if at else ""

    return {
        "received": minute(d.received_at),
        "due": day(d.original_due_at),
        "extended": day(d.extended_due_at),
        "result": minute(d.result_at),
        "returned": minute(d.returned_at),
    }


@require_http_methods(["GET", "POST"])
def rate(request: HttpRequest, code: str) -> HttpResponse:
    """The rating from the slip's QR code (R1.5): the tracking code is the permission."""
    dossier = selectors.dossier_by_tracking_code(code)
    if dossier is None:
        raise Http404
    done = ServiceRating.objects.unscoped().filter(dossier_id=dossier.pk).exists()
    form = RatingForm(request.POST or None)
    if request.method == "POST" and not done and form.is_valid():
        try:
            services.rating_submit(actor=None, dossier=dossier, payload=form.payload(), source=ServiceRating.Source.QR)
        except (services.OnestopError, RatingInvalid) as error:
            apply_error(form, error)
        else:
            return render(request, "onestop/public/rated.html", {"code": format_tracking_code(dossier.tracking_code)})
    context = {
        "form": form,
        "done": done,
        "can_rate": dossier.status in services.RATEABLE,
        "procedure": dossier.procedure.name,
        "code": format_tracking_code(dossier.tracking_code),
        "action": request.path,
    }
    return render(request, "onestop/public/rate.html", context)
