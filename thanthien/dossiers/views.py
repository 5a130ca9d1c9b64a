"""Staff pages of the one-stop centre: reception, the officer's list, the dossier and its actions.

Views parse with a form, call one service or selector, and render or redirect.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thanthien.procedures.selectors import procedure_public_list
from thanthien.units.models import AdminUnit
from thanthien.units.selectors import active_roles

from . import papers, permissions, selectors, services
from .domain.common import DossierRuleError
from .domain.status import Action, DossierStatus, allowed_actions
from .forms import (
    ACTION_FIELDS,
    ActionForm,
    ComponentForm,
    FeeForm,
    FilterForm,
    ReceptionForm,
    VolunteerShiftForm,
    apply_rule_error,
)
from .models import Dossier, DossierApology, DossierComponent, VolunteerShift
from .selectors import DossierFilters


def _units_with(request: HttpRequest, roles: frozenset[str]):
    ids = {r.unit_id for r in active_roles(request.user) if r.role in roles}
    if request.user.is_superuser and not ids:
        return AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE, valid_to__isnull=True).order_by("name")
    return AdminUnit.objects.filter(pk__in=ids, level=AdminUnit.Level.COMMUNE).order_by("name")


def _dossier_or_404(request: HttpRequest, pk: int) -> Dossier:
    try:
        return selectors.dossier_get(actor=request.user, pk=pk)
    except (Dossier.DoesNotExist, PermissionDenied):
        raise Http404 from None


@login_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    filters = DossierFilters()
    if form.is_valid():
        d = form.cleaned_data
        filters = DossierFilters(
            status=d.get("status") or "",
            state=d.get("state") or "",
            procedure_id=d.get("procedure"),
            handler_id=request.user.pk if d.get("mine") else None,
            q=d.get("q") or "",
            sort=d.get("sort") or "due",
        )
    try:
        page_number = min(max(1, int(request.GET.get("page", 1))), 100_000)
    except ValueError:
        page_number = 1
    # Keyset pages: the links carry the cursor of the last (next) or first (previous) row shown;
    # ``page`` is then only the number displayed. A bare ``?page=N`` still counts from the start.
    page = selectors.dossier_list(
        actor=request.user,
        filters=filters,
        page=page_number,
        after=request.GET.get("after"),
        before=request.GET.get("before"),
    )
    now = timezone.now()
    _annotate_days_left(page.rows, now)
    context = {
        "form": form,
        "page": page,
        "now": now,
        "can_receive": _units_with(request, permissions.ONE_STOP).exists(),
    }
    template = "dossiers/list.html#results" if request.htmx else "dossiers/list.html"
    return render(request, template, context)


@login_required
def procedure_options(request: HttpRequest) -> HttpResponse:
    """htmx: the procedure options matching an accent-insensitive search."""
    procedures = procedure_public_list(request.GET.get("q", ""), level="commune")[:50]
    return render(request, "dossiers/receive.html#procedure_options", {"procedures": procedures})


@login_required
def dossier_receive(request: HttpRequest) -> HttpResponse:
    units = _units_with(request, permissions.ONE_STOP)
    if not units.exists():
        raise PermissionDenied(_("Your role does not allow this action."))
    q = request.GET.get("q", "")
    procedures = procedure_public_list(q, level="commune") if q else procedure_public_list(level="commune")
    initial = {"procedure": request.GET.get("procedure")} if request.GET.get("procedure") else {}
    form = ReceptionForm(request.POST or None, units=units, procedures=procedure_public_list(), initial=initial)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            dossier = services.dossier_create(
                actor=request.user, unit=form.cleaned_data["unit"], data=form.intake(), action=decision
            )
        except DossierRuleError as error:
            apply_rule_error(form, error)
        else:
            messages.success(request, _("Dossier saved: %(code)s.") % {"code": dossier.code or dossier.applicant_name})
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(request, "dossiers/receive.html", {"form": form, "procedures": procedures[:50], "q": q})


def _action_rows(request: HttpRequest, dossier: Dossier) -> list[dict[str, Any]]:
    rows = []
    # Only offer what the service would accept: an immediate result only for immediate
    # procedures (NĐ 61 Điều 17.4), the apology only until it has been issued (once, Điều 19.9).
    apology_issued = any(a.state == DossierApology.State.ISSUED for a in dossier.apologies.all())
    for action in allowed_actions(dossier.status):
        if action in {Action.SUBMIT_ONLINE} or not permissions.can(request.user, dossier, action):
            continue
        if action == Action.RECORD_IMMEDIATE_RESULT and not dossier.procedure.is_immediate:
            continue
        if action == Action.ISSUE_APOLOGY and apology_issued:
            continue
        # One id prefix per action: several forms share field names (reason, body) on one page.
        form = ActionForm(initial={"action": action.value}, dossier=dossier, auto_id=f"id_{action.value}_%s")
        fields = [form[name] for name in ACTION_FIELDS.get(action, ())]
        rows.append({"action": action, "label": action.label, "fields": fields, "form": form})
    return rows


@dataclass(frozen=True)
class ActionGroup:
    """A kind of action on the detail page (one section with a heading)."""

    key: str
    title: Any
    actions: tuple[Action, ...]


A = Action
#: The kinds of action, in lifecycle order (legal-rules §2.9).
ACTION_GROUPS = (
    ActionGroup(
        "reception",
        gettext_lazy("Reception"),
        (A.RECEIVE, A.REQUEST_SUPPLEMENT_AT_RECEPTION, A.REFUSE_AT_RECEPTION, A.RESUBMIT),
    ),
    ActionGroup("handoff", gettext_lazy("Hand-off and assignment"), (A.TRANSFER, A.ASSIGN, A.REASSIGN)),
    ActionGroup(
        "supplement",
        gettext_lazy("Supplement and consultation"),
        (
            A.REQUEST_SUPPLEMENT,
            A.COMPLETE_SUPPLEMENT,
            A.REQUEST_CONSULTATION,
            A.CLOSE_CONSULTATION,
            A.SEND_INTER_AGENCY,
            A.RECEIVE_INTER_AGENCY,
        ),
    ),
    ActionGroup(
        "processing",
        gettext_lazy("Processing: fees, delay, refusal or stop"),
        (A.REQUEST_FEES, A.CONFIRM_FEES_PAID, A.ISSUE_APOLOGY, A.REFUSE, A.STOP_AT_REQUEST),
    ),
    ActionGroup(
        "result", gettext_lazy("Result and return"), (A.RECORD_RESULT, A.RECORD_IMMEDIATE_RESULT, A.RETURN_RESULT)
    ),
)
#: The kind holding the usual next step of each status: shown first.
NEXT_GROUP = {
    DossierStatus.SUBMITTED_ONLINE: "reception",
    DossierStatus.SUPPLEMENT_REQUESTED_AT_RECEPTION: "reception",
    DossierStatus.RECEIVED: "handoff",
    DossierStatus.TRANSFERRED: "handoff",
    DossierStatus.IN_PROCESSING: "result",
    DossierStatus.SUPPLEMENT_REQUESTED_IN_PROCESSING: "supplement",
    DossierStatus.CONSULTATION: "supplement",
    DossierStatus.INTER_AGENCY: "supplement",
    DossierStatus.AWAITING_FEES: "processing",
    DossierStatus.RESULT_READY: "result",
}
#: The citizen's rating may be typed in once the result is ready (docs/onestop.md, R1.5).
RATING_STATUSES = frozenset({DossierStatus.RESULT_READY, DossierStatus.RETURNED})


def _action_groups(dossier: Dossier, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The allowed actions by kind, the kind of the status's next step first.

    A dossier expected to be late puts the apology (NĐ 61/2018 Điều 19.9: at least one working
    day before the due date) first. Kinds without an allowed action are left out.
    """
    by_action = {row["action"]: row for row in rows}
    groups = []
    for group in ACTION_GROUPS:
        items = [by_action[a] for a in group.actions if a in by_action]
        if items:
            groups.append({"key": group.key, "title": group.title, "rows": items, "next": False})
    if dossier.status in RATING_STATUSES and not any(g["key"] == "result" for g in groups):
        groups.append({"key": "result", "title": ACTION_GROUPS[-1].title, "rows": [], "next": False})
    first = NEXT_GROUP.get(dossier.status_enum)
    if dossier.predicted_late and Action.ISSUE_APOLOGY in by_action:
        first = "processing"
    for group in groups:
        group["next"] = group["key"] == first
    groups.sort(key=lambda g: not g["next"])  # stable: the others keep the lifecycle order
    return groups


@login_required
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier_or_404(request, pk)
    _annotate_days_left([dossier], timezone.now())
    apology = next(iter(dossier.apologies.all()), None)
    actions = _action_rows(request, dossier)
    context = {
        "dossier": dossier,
        "actions": actions,
        "action_groups": _action_groups(dossier, actions),
        "rating_open": dossier.status in RATING_STATUSES,
        "apology": apology,
        "events": _events_with_parties(dossier),
        "fees": list(dossier.fees.all()),
        "components": list(dossier.components.all()),
        "component_form": ComponentForm(),
        "fee_form": FeeForm(),
        "is_leader": permissions.is_leader(request.user, dossier.unit_id),
        "now": timezone.now(),
    }
    return render(request, "dossiers/detail.html", context)


@login_required
@require_POST
def dossier_action(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier_or_404(request, pk)
    form = ActionForm(request.POST, dossier=dossier)
    if not form.is_valid():
        for field_errors in form.errors.values():
            for error in field_errors:
                messages.error(request, error)
        return redirect("dossiers:detail", pk=pk)
    try:
        services.dossier_transition(
            actor=request.user, dossier=dossier, action=form.cleaned_data["action"], **form.params()
        )
    except (DossierRuleError, PermissionDenied) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": Action(form.cleaned_data["action"]).label})
    return redirect("dossiers:detail", pk=pk)


@login_required
def apology_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The apology and new appointment (Mẫu 04), prefilled from the sweep's draft."""
    dossier = _dossier_or_404(request, pk)
    draft = DossierApology.objects.for_actor(request.user).filter(dossier=dossier).first()
    initial = {"action": Action.ISSUE_APOLOGY.value}
    if draft is not None:
        initial |= {"new_due_date": draft.new_due_date, "reason": draft.reason}
    data = None
    if request.method == "POST":
        data = request.POST.copy()
        data["action"] = Action.ISSUE_APOLOGY.value
    form = ActionForm(data, dossier=dossier, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_apology_issue(
                actor=request.user,
                dossier=dossier,
                new_due_date=form.cleaned_data.get("new_due_date"),
                reason=form.cleaned_data.get("reason") or "",
                delivered_channel=form.cleaned_data.get("delivered_channel") or "",
            )
        except (DossierRuleError, PermissionDenied) as error:
            apply_rule_error(form, error)
        else:
            messages.success(request, _("The apology slip was issued."))
            return redirect("dossiers:detail", pk=pk)
    return render(request, "dossiers/apology.html", {"dossier": dossier, "form": form, "draft": draft})


@login_required
@require_POST
def fee_add(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier_or_404(request, pk)
    form = FeeForm(request.POST)
    if form.is_valid():
        try:
            services.dossier_fee_record(
                actor=request.user,
                dossier=dossier,
                amount=form.cleaned_data["amount"],
                receipt_no=form.cleaned_data.get("receipt_no") or "",
            )
        except (DossierRuleError, PermissionDenied) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The fee was recorded."))
    else:
        messages.error(request, _("Enter the amount in đồng, a whole number not below 0."))
    return redirect("dossiers:detail", pk=pk)


@login_required
@require_POST
def component_add(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier_or_404(request, pk)
    form = ComponentForm(request.POST)
    if form.is_valid():
        try:
            component = services.dossier_component_add(actor=request.user, dossier=dossier, **form.cleaned_data)
        except (DossierRuleError, PermissionDenied) as error:
            messages.error(request, str(error))
        else:
            if component.is_extra:
                messages.warning(
                    request, _("This component is not in the procedure's published list: it was flagged to the leader.")
                )
    return redirect("dossiers:detail", pk=pk)


@login_required
@require_POST
def component_review(request: HttpRequest, pk: int) -> HttpResponse:
    component = DossierComponent.objects.for_actor(request.user).filter(pk=pk).first()
    if component is None:
        raise Http404
    try:
        services.dossier_component_review(actor=request.user, component=component)
    except PermissionDenied as error:
        messages.error(request, str(error))
    return redirect("dossiers:detail", pk=component.dossier_id)


@login_required
def control_slip(request: HttpRequest, pk: int) -> HttpResponse:
    """The process-control slip (Phiếu kiểm soát quá trình giải quyết hồ sơ, Mẫu 05)."""
    dossier = _dossier_or_404(request, pk)
    context = {
        "dossier": dossier,
        "events": _events_with_parties(dossier),
        "coordinating_bodies": papers.coordinating_bodies(dossier),
    }
    return render(request, "dossiers/control_slip.html", context)


@login_required
def tracking_book(request: HttpRequest) -> HttpResponse:
    """The tracking book (Sổ theo dõi hồ sơ, Mẫu 06) of a unit for a year."""
    units = _units_with(request, permissions.DOSSIER_STAFF)
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
        unit = units.get(pk=int(request.GET["unit"])) if request.GET.get("unit") else units.first()
    except (ValueError, AdminUnit.DoesNotExist):
        raise Http404 from None
    rows = []
    if unit is not None:
        rows = list(selectors.tracking_book(actor=request.user, unit_id=unit.pk, year=year)[:2000])
    return render(request, "dossiers/book.html", {"units": units, "unit": unit, "year": year, "rows": rows})


@login_required
def volunteers(request: HttpRequest) -> HttpResponse:
    """The roster of volunteers on duty at the one-stop centre (R1.2)."""
    units = _units_with(request, permissions.ONE_STOP)
    form = VolunteerShiftForm(request.POST or None)
    if request.method == "POST":
        wanted = (request.POST.get("unit") or "").strip()
        # No unit posted: the officer's own (one unit); a unit posted that is not theirs (or not a
        # number) is refused rather than quietly replaced by another.
        unit = (units.filter(pk=int(wanted)).first() if wanted.isdigit() else None) if wanted else units.first()
        if unit is None:
            raise PermissionDenied(_("Your role does not allow this action."))
        if form.is_valid():
            try:
                services.volunteer_shift_save(actor=request.user, unit=unit, **form.cleaned_data)
            except DossierRuleError as error:
                apply_rule_error(form, error)
            else:
                messages.success(request, _("The shift was saved."))
                return redirect("dossiers:volunteers")
    roster = selectors.volunteer_roster(actor=request.user).select_related("unit")
    return render(request, "dossiers/volunteers.html", {"form": form, "roster": roster, "units": units})


@login_required
@require_POST
def volunteer_delete(request: HttpRequest, pk: int) -> HttpResponse:
    shift = VolunteerShift.objects.for_actor(request.user).filter(pk=pk).first()
    if shift is None:
        raise Http404
    services.volunteer_shift_delete(actor=request.user, shift=shift)
    return redirect("dossiers:volunteers")


def _events_with_parties(dossier: Dossier) -> list[Any]:
    """The event log with who gave and who received the dossier as on Mẫu 05 (``papers.hand_offs``).

    At reception the giver is the applicant (or the postal worker, or the online portal), not
    the officer who recorded it; events that are not hand-offs keep their recorded labels.
    """
    parties = {h.event.pk: h for h in papers.hand_offs(dossier)}
    events = list(dossier.events.all())
    for e in events:
        h = parties.get(e.pk)
        e.shown_giver = (h.giver or h.giver_unit) if h else e.giver_label
        e.shown_giver_unit = h.giver_unit if h and h.giver else ""
        e.shown_receiver = (h.receiver or h.receiver_unit) if h else e.receiver_label
        e.shown_receiver_unit = h.receiver_unit if h and h.receiver else ""
    return events


def detail_url(dossier: Dossier) -> str:
    return reverse("dossiers:detail", kwargs={"pk": dossier.pk})


def _annotate_days_left(rows: list[Dossier], now: dt.datetime) -> None:
    """Working days left until the due date (negative when overdue), for the deadline chip."""
    dues = [d.due_date for d in rows if d.due_date]
    if not dues:
        return
    cal = services.calendar_around(now, *dues)
    today = timezone.localdate(now)
    for d in rows:
        if d.due_date is None or d.status not in selectors.ACTIVE:
            d.days_left = None
        elif d.due_date >= today:
            d.days_left = cal.working_days_between(today, d.due_date)
        else:
            d.days_left = -cal.working_days_between(d.due_date, today)
