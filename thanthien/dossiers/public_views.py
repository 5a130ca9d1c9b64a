"""Public pages of a dossier, without login: status by tracking code or QR, and the rating.

The status page is the hot path (benchmarked at ≥ 1,000 requests/s): two indexed queries on
plain values, no session, no user, a small template. Personal data is masked ("Nguyễn V*** A",
"09******78"); the identifier, address and e-mail never leave the staff pages.
Templates and their texts live in ``thanthien/onestop`` (its catalogue).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from thanthien.dossiers.domain.codes import format_tracking_code, normalise_tracking_code
from thanthien.dossiers.domain.rating import RatingInvalid
from thanthien.onestop import selectors, services
from thanthien.onestop.forms import RatingForm, apply_error
from thanthien.onestop.models import ServiceRating


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
    data = selectors.public_status(code)
    if data is None:
        return render(request, "onestop/public/lookup.html", {"typed": code, "invalid": True}, status=404)
    response = render(
        request, "onestop/public/status.html", {"d": data, "code": format_tracking_code(data.tracking_code)}
    )
    response["Cache-Control"] = "private, max-age=0"
    response["X-Robots-Tag"] = "noindex"
    return response


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
