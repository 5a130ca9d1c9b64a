"""Staff pages: unit tree and search, hamlets, household registry, import."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thanthien.core.tenancy import ensure_in_scope, scope_for

from . import selectors, services
from .domain.people import age_on, is_voter
from .domain.registry import COLUMNS, PersonData, RegistryInputError
from .forms import HamletForm, HouseholdEditForm, HouseholdForm, ImportForm, PersonForm, apply_service_error
from .models import AdminUnit, Hamlet, Household, Person
from .permissions import HAMLET_EDITORS, REGISTRY_EDITORS, has_role
from .services import HOUSEHOLD_EDITORS

PAGE_SIZE = 50


def _unit_or_404(slug: str) -> AdminUnit:
    try:
        return selectors.unit_by_slug(slug)
    except AdminUnit.DoesNotExist:
        raise Http404 from None


def _commune_in_scope(request: HttpRequest, slug: str) -> AdminUnit:
    unit = _unit_or_404(slug)
    if unit.level != AdminUnit.Level.COMMUNE:
        raise Http404
    ensure_in_scope(request.user, unit.pk)
    return unit


def _hamlet_or_404(request: HttpRequest, pk: int) -> Hamlet:
    try:
        return selectors.hamlet_get(actor=request.user, pk=pk)
    except Hamlet.DoesNotExist:
        raise Http404 from None


def _household_or_404(request: HttpRequest, pk: int) -> Household:
    try:
        return selectors.household_get(actor=request.user, pk=pk)
    except Household.DoesNotExist:
        raise Http404 from None


# --- units -----------------------------------------------------------------------------------
@login_required
def unit_browse(request: HttpRequest) -> HttpResponse:
    """The tree of units (now, or before 1/7/2025) and an accent-insensitive search."""
    query = request.GET.get("q", "").strip()
    period = "before" if request.GET.get("period") == "before" else "current"
    context: dict[str, Any] = {"query": query, "period": period}
    if query:
        context["results"] = selectors.unit_search_results(query)
    else:
        today = timezone.localdate()
        on = selectors.REFORM_DATE - dt.timedelta(days=1) if period == "before" else max(today, selectors.REFORM_DATE)
        context["tree"] = selectors.unit_tree(on=on)
        context["on"] = on
    context["my_units"] = _my_communes(request)
    return render(request, "units/unit_browse.html", context)


def _my_communes(request: HttpRequest) -> list[AdminUnit]:
    """Communes of the actor's own roles (shortcuts at the top of the page)."""
    roles = selectors.active_roles(request.user)
    return sorted({r.unit for r in roles if r.unit.level == AdminUnit.Level.COMMUNE}, key=lambda u: u.name)


@login_required
def unit_detail(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _unit_or_404(slug)
    from thanthien.programmes.selectors import programmes_of_unit

    in_scope = scope_for(request.user).covers(unit.pk)
    context = {
        "unit": unit,
        "children": selectors.unit_children(unit),
        "successors": selectors.unit_successors(unit),
        "predecessors": selectors.unit_predecessors(unit),
        "memberships": list(programmes_of_unit(unit)),
        "in_scope": in_scope,
        "totals": selectors.commune_registry_totals(actor=request.user, unit=unit, on=timezone.localdate())
        if in_scope and unit.level == AdminUnit.Level.COMMUNE
        else None,
    }
    return render(request, "units/unit_detail.html", context)


# --- hamlets ---------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def hamlet_list(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _commune_in_scope(request, slug)
    can_edit = has_role(request.user, unit.pk, HAMLET_EDITORS)
    default_type = Hamlet.Type.RESIDENTIAL_GROUP if unit.unit_type == AdminUnit.Type.WARD else Hamlet.Type.VILLAGE
    form = HamletForm(request.POST or None, initial={"hamlet_type": default_type})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                hamlet = services.hamlet_create(actor=request.user, unit=unit, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("Hamlet %(name)s created.") % {"name": hamlet})
                return redirect("units:hamlet_list", slug=unit.slug)
    context = {
        "unit": unit,
        "hamlets": selectors.hamlets_with_counts(actor=request.user, unit=unit),
        "totals": selectors.commune_registry_totals(actor=request.user, unit=unit, on=timezone.localdate()),
        "form": form if can_edit else None,
        "can_import": has_role(request.user, unit.pk, REGISTRY_EDITORS),
    }
    return render(request, "units/hamlet_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def hamlet_edit(request: HttpRequest, pk: int) -> HttpResponse:
    hamlet = _hamlet_or_404(request, pk)
    if not has_role(request.user, hamlet.unit_id, HAMLET_EDITORS):
        raise Http404
    initial = {"name": hamlet.name, "hamlet_type": hamlet.hamlet_type, "code": hamlet.code}
    form = HamletForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.hamlet_update(actor=request.user, hamlet=hamlet, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("units:hamlet_detail", pk=hamlet.pk)
    return render(request, "units/form_page.html", _form_page(hamlet.unit, form, _("Edit hamlet"), hamlet=hamlet))


# --- households --------------------------------------------------------------------------------
@login_required
def hamlet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The household registry (sổ hộ) of one hamlet."""
    hamlet = _hamlet_or_404(request, pk)
    query = request.GET.get("q", "").strip()
    households = selectors.household_registry(actor=request.user, hamlet=hamlet, on=timezone.localdate(), query=query)
    page = Paginator(households, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "hamlet": hamlet,
        "unit": hamlet.unit,
        "query": query,
        "page_obj": page,
        "can_add": has_role(request.user, hamlet.unit_id, HOUSEHOLD_EDITORS, hamlet_id=hamlet.pk),
        "can_edit_hamlet": has_role(request.user, hamlet.unit_id, HAMLET_EDITORS),
    }
    return render(request, "units/hamlet_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def household_create(request: HttpRequest, pk: int) -> HttpResponse:
    hamlet = _hamlet_or_404(request, pk)
    if not has_role(request.user, hamlet.unit_id, HOUSEHOLD_EDITORS, hamlet_id=hamlet.pk):
        raise Http404
    form = HouseholdForm(request.POST or None)
    person_form = PersonForm(request.POST or None, prefix="rep")
    if request.method == "POST" and form.is_valid() and person_form.is_valid():
        representative = PersonData(**{**person_form.cleaned_data, "is_representative": True})
        try:
            household = services.household_create(
                actor=request.user, hamlet=hamlet, members=[representative], **form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Household %(code)s registered.") % {"code": household.code})
            return redirect("units:household_detail", pk=household.pk)
    context = _form_page(hamlet.unit, form, _("Register a household"), hamlet=hamlet)
    context["extra_form"] = person_form
    context["extra_legend"] = _("Household representative")
    return render(request, "units/form_page.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = _household_or_404(request, pk)
    can_edit = has_role(request.user, household.unit_id, HOUSEHOLD_EDITORS, hamlet_id=household.hamlet_id)
    form = PersonForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                person = services.person_add(actor=request.user, household=household, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("%(name)s added to the household.") % {"name": person.full_name})
                return redirect("units:household_detail", pk=household.pk)
    today = timezone.localdate()
    members = [
        {"person": p, "age": age_on(p.birth_date, today), "voter": is_voter(p.birth_date, today)}
        for p in selectors.household_members(household)
    ]
    context = {
        "household": household,
        "hamlet": household.hamlet,
        "unit": household.unit,
        "members": members,
        "voters": sum(1 for m in members if m["voter"]),
        "form": form,
        "can_edit": can_edit,
    }
    return render(request, "units/household_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def household_edit(request: HttpRequest, pk: int) -> HttpResponse:
    household = _household_or_404(request, pk)
    if not has_role(request.user, household.unit_id, HOUSEHOLD_EDITORS, hamlet_id=household.hamlet_id):
        raise Http404
    hamlets = Hamlet.objects.for_actor(request.user).filter(unit_id=household.unit_id)
    initial = {
        "address": household.address,
        "phone": household.phone,
        "hamlet": household.hamlet_id,
        "is_active": household.is_active,
    }
    form = HouseholdEditForm(request.POST or None, initial=initial, hamlets=hamlets)
    if request.method == "POST" and form.is_valid():
        try:
            services.household_update(actor=request.user, household=household, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("units:household_detail", pk=household.pk)
    title = _("Edit household %(code)s") % {"code": household.code}
    return render(request, "units/form_page.html", _form_page(household.unit, form, title, hamlet=household.hamlet))


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        person = selectors.person_get(actor=request.user, pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None
    household = person.household
    if not has_role(request.user, person.unit_id, HOUSEHOLD_EDITORS, hamlet_id=household.hamlet_id):
        raise Http404
    fields = ("full_name", "birth_date", "gender", "relation", "is_representative", "phone", "national_id")
    form = PersonForm(request.POST or None, initial={f: getattr(person, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("units:household_detail", pk=household.pk)
    context = _form_page(household.unit, form, _("Edit %(name)s") % {"name": person.full_name}, hamlet=household.hamlet)
    context["household"] = household
    return render(request, "units/form_page.html", context)


def _form_page(unit: AdminUnit, form: Any, title: str, *, hamlet: Hamlet | None = None) -> dict[str, Any]:
    return {"unit": unit, "hamlet": hamlet, "form": form, "title": title}


# --- import ----------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def household_import(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload a CSV/XLSX registry; all or nothing, with a row-by-row error report."""
    unit = _commune_in_scope(request, slug)
    if not has_role(request.user, unit.pk, REGISTRY_EDITORS):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.household_import(actor=request.user, unit=unit, data=upload.read(), filename=upload.name)
        except RegistryInputError as exc:
            errors = exc.errors
        else:
            messages.success(
                request,
                _("Imported %(households)d households with %(people)d people.")
                % {"households": result.households, "people": result.people},
            )
            return redirect("units:hamlet_list", slug=unit.slug)
    context = {
        "unit": unit,
        "form": form,
        "errors": errors,
        "columns": COLUMNS,
        "hamlets": selectors.hamlets_with_counts(actor=request.user, unit=unit),
    }
    return render(request, "units/household_import.html", context, status=400 if errors else 200)


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    """An empty CSV with the import headers and one example household (UTF-8 with BOM for Excel)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ho-gia-dinh.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([c.header for c in COLUMNS])
    writer.writerow(
        ["HGD-001", "Đồng Tâm", "Nguyễn Văn An", "15/03/1970", "Nam", "Chủ hộ", "x", "0912345678", "Xóm Đồng Tâm", ""]
    )
    writer.writerow(["HGD-001", "Đồng Tâm", "Trần Thị Bình", "02/09/1972", "Nữ", "Vợ", "", "", "", ""])
    writer.writerow(["HGD-001", "Đồng Tâm", "Nguyễn Minh Châu", "20/11/2010", "Nam", "Con", "", "", "", ""])
    return response
