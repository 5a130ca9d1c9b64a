"""Staff pages of the citizen side: the six papers, ratings at the counter, scores, letters,
booking slots. Views adapt HTTP to services and selectors only."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thanthien.dossiers import papers
from thanthien.dossiers import selectors as dossier_selectors
from thanthien.dossiers.domain.rating import RatingInvalid
from thanthien.dossiers.models import Dossier
from thanthien.dossiers.permissions import DOSSIER_STAFF, ONE_STOP
from thanthien.papers.render import PDF_CONTENT_TYPE, paper_response, render_many_pdf
from thanthien.units.models import AdminUnit, StaffRole
from thanthien.units.selectors import active_roles

from . import letters_paper, selectors, services
from .forms import HandOverForm, LetterForm, LetterTemplateForm, RatingForm, SlotForm, apply_error
from .models import Attachment, LetterKind, LifeEventLetter, ServiceRating

FORMATS = ("pdf", "docx")


def _units(request: HttpRequest, roles: frozenset[str]):
    ids = {r.unit_id for r in active_roles(request.user) if r.role in roles}
    if request.user.is_superuser and not ids:
        return AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE, valid_to__isnull=True).order_by("name")
    return AdminUnit.objects.filter(pk__in=ids).order_by("name")


def _dossier(request: HttpRequest, pk: int) -> Dossier:
    try:
        return dossier_selectors.dossier_get(actor=request.user, pk=pk)
    except (Dossier.DoesNotExist, PermissionDenied):
        raise Http404 from None


# ---- papers (Mẫu 01–06) ----------------------------------------------------------------------------


@login_required
@require_GET
def dossier_papers(request: HttpRequest, pk: int) -> HttpResponse:
    """The papers of one dossier: one link per form and format, and all of them in one PDF."""
    dossier = _dossier(request, pk)
    forms = [(code, papers.FORM_NAMES[code]) for code in papers.available_forms(dossier)]
    attachments = Attachment.objects.for_actor(request.user).filter(dossier_id=dossier.pk)
    return render(request, "onestop/papers.html", {"dossier": dossier, "forms": forms, "attachments": attachments})


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """A file of an online dossier, for staff in scope only (files are never served publicly)."""
    attachment = Attachment.objects.for_actor(request.user).filter(pk=pk).first()
    if attachment is None:
        raise Http404
    _dossier(request, attachment.dossier_id)  # the dossier's own scope (receiving or deciding commune)
    response = FileResponse(
        attachment.file.open("rb"), content_type=attachment.content_type, filename=attachment.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def dossier_paper(request: HttpRequest, pk: int, form: str, fmt: str) -> HttpResponse:
    if form not in papers.FORMS or fmt not in FORMATS:
        raise Http404
    dossier = _dossier(request, pk)
    paper = papers.FORMS[form](dossier)
    return paper_response(paper, fmt, filename=f"mau-{form}-{dossier.code or dossier.pk}", inline=fmt == "pdf")  # type: ignore[arg-type]


@login_required
@require_GET
def dossier_papers_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Every paper of the dossier in ONE PDF (one click at the counter, one Typst compile)."""
    dossier = _dossier(request, pk)
    codes = papers.available_forms(dossier) or ["05"]
    body = render_many_pdf([papers.FORMS[c](dossier) for c in codes], title=dossier.code or "")
    response = HttpResponse(body, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="ho-so-{dossier.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def book_paper(request: HttpRequest, fmt: str) -> HttpResponse:
    """Mẫu 06 — the tracking book of a unit for a year (A4 landscape)."""
    if fmt not in FORMATS:
        raise Http404
    units = _units(request, DOSSIER_STAFF)
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
        unit = units.get(pk=int(request.GET["unit"])) if request.GET.get("unit") else units.first()
    except (ValueError, AdminUnit.DoesNotExist):
        raise Http404 from None
    if unit is None:
        raise PermissionDenied(_("Your role does not allow this action."))
    rows = dossier_selectors.tracking_book(actor=request.user, unit_id=unit.pk, year=year).select_related(
        "deciding_unit"
    )
    paper = papers.tracking_book(unit, year, rows.iterator(), printed_on=timezone.localdate())
    return paper_response(paper, fmt, filename=f"so-theo-doi-ho-so-{unit.slug or unit.pk}-{year}")  # type: ignore[arg-type]


# ---- ratings at the counter: tablet and paper form -----------------------------------------------


@login_required
def rating_desk(request: HttpRequest) -> HttpResponse:
    """Dossiers with a result ready or returned in the last days and not yet rated."""
    since = timezone.now() - dt.timedelta(days=7)
    rows = (
        Dossier.objects.for_actor(request.user)
        .filter(status__in=services.RATEABLE)
        .filter(updated_at__gte=since)
        .exclude(pk__in=ServiceRating.objects.for_actor(request.user).values("dossier_id"))
        .select_related("procedure")
        .order_by("-updated_at")[:100]
    )
    return render(request, "onestop/rating_desk.html", {"rows": rows})


@login_required
def rating_enter(request: HttpRequest, pk: int, source: str) -> HttpResponse:
    """The rating form on the counter tablet (``tablet``) or typed from a paper form (``paper``)."""
    if source not in (ServiceRating.Source.TABLET, ServiceRating.Source.PAPER):
        raise Http404
    dossier = _dossier(request, pk)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rating_submit(actor=request.user, dossier=dossier, payload=form.payload(), source=source)
        except (services.OnestopError, RatingInvalid) as error:
            apply_error(form, error)
        else:
            if source == ServiceRating.Source.TABLET:
                return render(request, "onestop/public/rated.html", {"code": ""})
            messages.success(request, _("The rating was recorded."))
            return redirect("onestop:rating_desk")
    template = "onestop/rating_tablet.html" if source == ServiceRating.Source.TABLET else "onestop/rating_paper.html"
    return render(request, template, {"form": form, "dossier": dossier, "action": request.path})


# ---- scores -----------------------------------------------------------------------------------------


@login_required
@require_GET
def scores(request: HttpRequest) -> HttpResponse:
    """The nine TT 01/2018 indicators per unit or officer, per quarter or year, and the KPIs."""
    units = _units(request, DOSSIER_STAFF)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
        quarter = int(request.GET["quarter"]) if request.GET.get("quarter") else None
        unit = units.get(pk=int(request.GET["unit"])) if request.GET.get("unit") else units.first()
        officer_id = int(request.GET["officer"]) if request.GET.get("officer") else None
    except (ValueError, AdminUnit.DoesNotExist):
        raise Http404 from None
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise Http404
    if unit is None:
        raise PermissionDenied(_("Your role does not allow this action."))
    report = selectors.score_report(
        actor=request.user, unit_id=unit.pk, year=year, quarter=quarter, officer_id=officer_id
    )
    officers = (
        StaffRole.objects.for_actor(request.user)
        .filter(unit=unit, role__in=DOSSIER_STAFF)
        .select_related("user")
        .order_by("user__username")
    )
    context = {
        "units": units,
        "unit": unit,
        "year": year,
        "quarter": quarter,
        "officer_id": officer_id,
        "officers": officers,
        "report": report,
        "rows": report.rows,
    }
    return render(request, "onestop/scores.html", context)


# ---- life-event letters ---------------------------------------------------------------------------


@login_required
@require_GET
def letter_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.letters(actor=request.user, pending_only=request.GET.get("pending") == "1")
    return render(request, "onestop/letters.html", {"rows": rows, "kinds": LetterKind.choices})


def _letter(request: HttpRequest, pk: int) -> LifeEventLetter:
    letter = (
        LifeEventLetter.objects.for_actor(request.user)
        .select_related("dossier", "dossier__procedure", "unit", "unit__parent", "handed_over_by")
        .filter(pk=pk)
        .first()
    )
    if letter is None:
        raise Http404
    return letter


@login_required
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    form = LetterForm(request.POST or None, initial={"salutation": letter.salutation, "body": letter.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_edit(actor=request.user, letter=letter, **form.cleaned_data)
        except (services.OnestopError, PermissionDenied) as error:
            apply_error(form, error)
        else:
            messages.success(request, _("The letter was saved."))
            return redirect("onestop:letter_detail", pk=pk)
    return render(request, "onestop/letter_detail.html", {"letter": letter, "form": form, "handover": HandOverForm()})


@login_required
@require_POST
def letter_hand_over(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    form = HandOverForm(request.POST)
    if form.is_valid():
        try:
            services.letter_hand_over(actor=request.user, letter=letter, note=form.cleaned_data["note"])
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The hand-over was recorded."))
    return redirect("onestop:letter_detail", pk=pk)


@login_required
@require_GET
def letter_paper(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    letter = _letter(request, pk)
    paper = letters_paper.letter_paper(letter)
    return paper_response(paper, fmt, filename=f"thu-{letter.kind}-{letter.pk}", inline=fmt == "pdf")  # type: ignore[arg-type]


@login_required
def letter_templates(request: HttpRequest) -> HttpResponse:
    units = _units(request, ONE_STOP)
    unit = units.filter(pk=request.POST.get("unit") or request.GET.get("unit") or 0).first() or units.first()
    if unit is None:
        raise PermissionDenied(_("Your role does not allow this action."))
    kind = request.POST.get("kind") or request.GET.get("kind") or LetterKind.BIRTH
    if kind not in LetterKind.values:
        raise Http404
    salutation, body = services.template_for(unit.pk, kind)
    form = LetterTemplateForm(request.POST or None, initial={"kind": kind, "salutation": salutation, "body": body})
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_template_save(actor=request.user, unit=unit, **form.cleaned_data)
        except services.OnestopError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("The template was saved."))
            return redirect(f"{request.path}?unit={unit.pk}&kind={kind}")
    from .domain.letters import PLACEHOLDERS

    context = {"form": form, "units": units, "unit": unit, "kind": kind, "kinds": LetterKind.choices}
    context["placeholders"] = [f"${p}" for p in PLACEHOLDERS]
    return render(request, "onestop/letter_templates.html", context)


# ---- booking slots --------------------------------------------------------------------------------


@login_required
def slots(request: HttpRequest) -> HttpResponse:
    units = _units(request, ONE_STOP)
    unit = units.filter(pk=request.POST.get("unit") or request.GET.get("unit") or 0).first() or units.first()
    if unit is None:
        raise PermissionDenied(_("Your role does not allow this action."))
    form = SlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.slot_create(actor=request.user, unit=unit, **form.cleaned_data)
        except services.OnestopError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("The time slot was opened."))
            return redirect(f"{request.path}?unit={unit.pk}")
    rows = selectors.open_slots(unit_id=unit.pk, days=30)
    return render(request, "onestop/slots.html", {"form": form, "units": units, "unit": unit, "rows": rows})
