"""Pages: the public working-day calendar and the calendar administration for administrators."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thanthien.core.forms import apply_service_error

from . import services
from .domain.calendar import CalendarRangeError
from .forms import AddWorkingDaysForm, MonthForm, OverrideForm, WorkingTimeRuleForm
from .models import CalendarOverride, WorkingTimeRule
from .permissions import can_manage_calendar
from .selectors import calendar_for_dates, calendar_for_range, override_list, working_time_rule_list

WEEKDAY_LABELS = [
    (gettext_lazy("Mon"), gettext_lazy("Monday")),
    (gettext_lazy("Tue"), gettext_lazy("Tuesday")),
    (gettext_lazy("Wed"), gettext_lazy("Wednesday")),
    (gettext_lazy("Thu"), gettext_lazy("Thursday")),
    (gettext_lazy("Fri"), gettext_lazy("Friday")),
    (gettext_lazy("Sat"), gettext_lazy("Saturday")),
    (gettext_lazy("Sun"), gettext_lazy("Sunday")),
]


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def calendar_page(request: HttpRequest) -> HttpResponse:
    """Public: the year's holidays and make-up days, a month grid, and 'add N working days'."""
    today = timezone.localdate()
    month_form = MonthForm(request.GET or None)
    year, month = today.year, today.month
    if month_form.is_bound and month_form.is_valid():
        year, month = month_form.cleaned_data["year"], month_form.cleaned_data["month"]

    add_form = AddWorkingDaysForm(request.GET if "start" in request.GET else None)
    answer = None
    if add_form.is_bound and add_form.is_valid():
        start, days = add_form.cleaned_data["start"], add_form.cleaned_data["days"]
        try:
            calendar = calendar_for_dates(start, extra_days=days)
            answer = {"start": start, "days": days, "date": calendar.add_working_days(start, days)}
        except CalendarRangeError:
            add_form.add_error(None, _("This date is outside the calendar."))

    calendar = calendar_for_range(year, year)
    # The month grid needs weekday headings with their full names for screen readers.
    weekdays = [{"short": short, "long": long} for short, long in WEEKDAY_LABELS]
    prev_year, prev_month = _shift_month(year, month, -1)
    next_year, next_month = _shift_month(year, month, 1)
    context = {
        "year": year,
        "month": month,
        "month_start": dt.date(year, month, 1),
        "weeks": calendar.month_weeks(year, month),
        "weekdays": weekdays,
        "entries": calendar.entries_for_year(year),
        "prev": {"year": prev_year, "month": prev_month},
        "next": {"year": next_year, "month": next_month},
        "month_form": month_form,
        "add_form": add_form,
        "answer": answer,
        "today": today,
        "months": range(1, 13),
    }
    return render(request, "clocks/calendar.html", context)


def _require_manager(request: HttpRequest) -> None:
    if not can_manage_calendar(request.user):
        raise PermissionDenied(_("Only administrators can change the working calendar."))


_apply_errors = apply_service_error


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """Administrators: the override rows and the office-hours rules; add an override."""
    _require_manager(request)
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.calendar_override_save(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Saved %(date)s.") % {"date": row.date.strftime("%d/%m/%Y")})
            return redirect("clocks:manage")
    context = {"form": form, "overrides": override_list(), "rules": working_time_rule_list()}
    return render(request, "clocks/manage.html", context, status=400 if form.errors else 200)


@login_required
def override_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    row = get_object_or_404(CalendarOverride, pk=pk)
    initial = {"date": row.date, "kind": row.kind, "name": row.name, "legal_basis": row.legal_basis}
    form = OverrideForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.calendar_override_save(actor=request.user, override=row, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Saved %(date)s.") % {"date": row.date.strftime("%d/%m/%Y")})
            return redirect("clocks:manage")
    return render(request, "clocks/override_form.html", {"form": form, "row": row}, status=400 if form.errors else 200)


@login_required
@require_POST
def override_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    row = get_object_or_404(CalendarOverride, pk=pk)
    services.calendar_override_delete(actor=request.user, override=row)
    messages.success(request, _("Deleted %(date)s.") % {"date": row.date.strftime("%d/%m/%Y")})
    return redirect("clocks:manage")


@login_required
def rule_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Administrators: add or change an office-hours rule."""
    _require_manager(request)
    rule = get_object_or_404(WorkingTimeRule, pk=pk) if pk else None
    initial = {}
    if rule is not None:
        initial = {
            f: getattr(rule, f)
            for f in (
                "effective_from",
                "morning_start",
                "morning_end",
                "afternoon_start",
                "afternoon_end",
                "hours_per_day",
                "receipt_cutoff",
                "legal_basis",
            )
        }
    form = WorkingTimeRuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.working_time_rule_save(actor=request.user, rule=rule, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The working time rule was saved."))
            return redirect("clocks:manage")
    return render(request, "clocks/rule_form.html", {"form": form, "rule": rule}, status=400 if form.errors else 200)


@login_required
@require_POST
def rule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    rule = get_object_or_404(WorkingTimeRule, pk=pk)
    try:
        services.working_time_rule_delete(actor=request.user, rule=rule)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The working time rule was deleted."))
    return redirect("clocks:manage")
