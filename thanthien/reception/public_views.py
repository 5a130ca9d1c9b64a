"""Public pages (no account, no JavaScript): send a report, follow a case by code, rate,
reopen, the reception schedule, published answers, dialogue questions, information requests."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thanthien.units.models import AdminUnit

from . import forms, selectors, services
from .domain.codes import normalise_code
from .models import DialogueConference, Petition


def _commune(slug: str) -> AdminUnit:
    unit = AdminUnit.objects.filter(slug=slug, level=AdminUnit.Level.COMMUNE).first()
    if unit is None:
        raise Http404
    return unit


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


def report_new(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _commune(slug)
    form = forms.PublicReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            p = services.petition_receive(actor=None, unit=unit, channel=Petition.Channel.WEB, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Thank you. Keep your tracking code: %(code)s") % {"code": p.code})
            return redirect("reception_public:track", code=p.code)
    return render(request, "reception/public/report_new.html", {"unit": unit, "form": form})


def lookup(request: HttpRequest) -> HttpResponse:
    form = forms.LookupForm(request.GET or None)
    if form.is_bound and form.is_valid():
        code = normalise_code(form.cleaned_data["code"])
        if code.startswith("TT-"):
            return redirect("reception_public:info_track", code=code)
        return redirect("reception_public:track", code=code)
    return render(request, "reception/public/lookup.html", {"form": form})


def track(request: HttpRequest, code: str) -> HttpResponse:
    p = selectors.public_petition_by_code(code)
    if p is None:
        return render(
            request,
            "reception/public/lookup.html",
            {"form": forms.LookupForm(initial={"code": code}), "not_found": True},
            status=404,
        )
    return render(
        request,
        "reception/public/track.html",
        {"p": p, "rate_form": forms.RateForm(), "reopen_form": forms.ReopenForm()},
    )


@require_POST
def rate(request: HttpRequest, code: str) -> HttpResponse:
    form = forms.RateForm(request.POST)
    if form.is_valid():
        try:
            services.petition_rate(code=code, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"])
        except (ValidationError, Petition.DoesNotExist):
            messages.error(request, _("The rating could not be saved."))
        else:
            messages.success(request, _("Thank you for your rating."))
    else:
        messages.error(request, _("Choose a rating from 1 to 5."))
    return redirect("reception_public:track", code=normalise_code(code))


@require_POST
def reopen(request: HttpRequest, code: str) -> HttpResponse:
    form = forms.ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.petition_reopen(code=code, reason=form.cleaned_data["reason"])
        except (ValidationError, Petition.DoesNotExist) as exc:
            messages.error(request, "; ".join(getattr(exc, "messages", [_("Not found.")])))
        else:
            messages.success(request, _("Your case is reopened; the commune will answer again."))
    else:
        messages.error(request, _("Tell us why the answer does not settle the matter."))
    return redirect("reception_public:track", code=normalise_code(code))


def schedule(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _commune(slug)
    return render(
        request,
        "reception/public/schedule.html",
        {
            "unit": unit,
            "setting": selectors.public_setting(unit=unit),
            "sessions": selectors.public_schedule(unit=unit),
        },
    )


def answers(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _commune(slug)
    return render(request, "reception/public/answers.html", {"unit": unit, "rows": selectors.public_answers(unit=unit)})


def dialogue(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _commune(slug)
    form = forms.QuestionForm(request.POST or None)
    if request.method == "POST":
        wanted = request.POST.get("conference") or ""
        conference = (
            DialogueConference.objects.unscoped().filter(unit=unit, pk=int(wanted)).first()
            if wanted.isdigit()
            else None
        )
        if conference is None:
            raise Http404
        if form.is_valid():
            try:
                services.conference_question_add(conference=conference, **form.cleaned_data)
            except ValidationError as exc:
                messages.error(request, "; ".join(exc.messages))
            else:
                messages.success(request, _("Your question is recorded for the conference."))
                return redirect("reception_public:dialogue", slug=slug)
    return render(
        request,
        "reception/public/dialogue.html",
        {"unit": unit, "form": form, "conferences": selectors.public_conferences(unit=unit)},
    )


def info_request_new(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _commune(slug)
    form = forms.InfoRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            r = services.info_request_receive(actor=None, unit=unit, channel="electronic", **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Your request is received. Tracking code: %(code)s") % {"code": r.code})
            return redirect("reception_public:info_track", code=r.code)
    return render(request, "reception/public/info_new.html", {"unit": unit, "form": form})


def info_track(request: HttpRequest, code: str) -> HttpResponse:
    r = selectors.public_info_request_by_code(code)
    if r is None:
        raise Http404
    return render(request, "reception/public/info_track.html", {"r": r})
