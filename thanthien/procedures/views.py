"""Staff pages of the procedure catalogue: list, detail, edit, publish, import and export."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .exchange import COLUMNS, procedure_rows
from .forms import ComponentFormSet, ImportForm, ProcedureForm, StepFormSet, build_record
from .models import Procedure
from .permissions import can_edit_catalogue, ensure_can_edit_catalogue
from .tabular import TabularError, read_upload, write_csv, write_xlsx

PAGE_SIZE = 25
SESSION_KEY = "procedures_import"


def _get(request: HttpRequest, code: str) -> Procedure:
    try:
        return selectors.procedure_get(actor=request.user, code=code)
    except Procedure.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def procedure_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    field = request.GET.get("field", "").strip()
    status = request.GET.get("status", "")
    published = {"published": True, "draft": False}.get(status)
    qs = selectors.procedure_list(actor=request.user, query=query, field=field or None, published=published)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "procedures/list.html",
        {
            "page_obj": page,
            "query": query,
            "field": field,
            "status": status,
            "fields": selectors.field_list(),
            "can_edit": can_edit_catalogue(request.user),
            "today": timezone.localdate(),
        },
    )


@login_required
def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    procedure = _get(request, code)
    return render(
        request,
        "procedures/detail.html",
        {
            "procedure": procedure,
            "steps_total": sum((s.hours for s in procedure.steps.all()), 0),
            "budget": procedure.time_limit.working_hours,
            "can_edit": can_edit_catalogue(request.user),
            "valid_today": procedure.is_valid_on(timezone.localdate()),
        },
    )


def _children_initial(procedure: Procedure) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    components = [
        {
            "name": c.name,
            "original_count": c.original_count,
            "copy_count": c.copy_count,
            "is_required": c.is_required,
            "note": c.note,
        }
        for c in procedure.components.all()
    ]
    steps = [{"name": s.name, "actor_role": s.actor_role, "hours": s.hours} for s in procedure.steps.all()]
    return components, steps


def _edit(request: HttpRequest, procedure: Procedure | None) -> HttpResponse:
    ensure_can_edit_catalogue(request.user)
    comp_initial, step_initial = _children_initial(procedure) if procedure else ([], [])
    if request.method == "POST":
        form = ProcedureForm(request.POST, instance=procedure or Procedure())
        components = ComponentFormSet(request.POST, prefix="components", initial=comp_initial)
        steps = StepFormSet(request.POST, prefix="steps", initial=step_initial)
        if form.is_valid() and components.is_valid() and steps.is_valid():
            record = build_record(form, components, steps)
            try:
                saved = services.procedure_save(
                    actor=request.user, record=record, original_code=procedure.code if procedure else None
                )
            except ValidationError as exc:
                for where, errors in exc.message_dict.items():
                    target = where if where in form.fields else None
                    if where == "field_code":
                        target = "field"
                    for error in errors:
                        form.add_error(target, error)
            else:
                messages.success(request, _("The procedure %(code)s was saved.") % {"code": saved.code})
                return redirect("procedures:detail", code=saved.code)
    else:
        initial = {"field": procedure.field.code} if procedure else {}
        form = ProcedureForm(instance=procedure or Procedure(), initial=initial)
        components = ComponentFormSet(prefix="components", initial=comp_initial)
        steps = StepFormSet(prefix="steps", initial=step_initial)
    return render(
        request,
        "procedures/form.html",
        {"form": form, "components": components, "steps": steps, "procedure": procedure},
    )


@login_required
@require_http_methods(["GET", "POST"])
def procedure_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def procedure_edit(request: HttpRequest, code: str) -> HttpResponse:
    ensure_can_edit_catalogue(request.user)
    return _edit(request, _get(request, code))


@login_required
@require_POST
def procedure_publish(request: HttpRequest, code: str) -> HttpResponse:
    ensure_can_edit_catalogue(request.user)
    procedure = _get(request, code)
    published = request.POST.get("published") == "1"
    services.procedure_set_published(actor=request.user, procedure=procedure, published=published)
    if published:
        messages.success(request, _("The procedure %(code)s is published.") % {"code": code})
    else:
        messages.success(request, _("The procedure %(code)s is withdrawn from the public catalogue.") % {"code": code})
    return redirect("procedures:detail", code=code)


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_import(request: HttpRequest) -> HttpResponse:
    """Step 1: upload a file; step 2: see the validation report or the preview of changes."""
    ensure_can_edit_catalogue(request.user)
    outcome = None
    token = ""
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                tables = read_upload(upload.name, upload.read())
            except TabularError as exc:
                form.add_error("file", str(exc))
            else:
                outcome = services.catalogue_import_preview(actor=request.user, tables=tables)
                if outcome.ok and outcome.changes:
                    token = secrets.token_urlsafe(16)
                    request.session[SESSION_KEY] = {"token": token, "tables": tables, "name": upload.name}
                else:
                    request.session.pop(SESSION_KEY, None)
    else:
        form = ImportForm()
    status = 400 if outcome is not None and not outcome.ok else 200
    return render(request, "procedures/import.html", {"form": form, "outcome": outcome, "token": token}, status=status)


@login_required
@require_POST
def catalogue_import_confirm(request: HttpRequest) -> HttpResponse:
    """Step 3: apply the previewed file, all or nothing."""
    ensure_can_edit_catalogue(request.user)
    stored = request.session.get(SESSION_KEY)
    if not stored or not secrets.compare_digest(str(stored.get("token", "")), request.POST.get("token", "")):
        messages.error(request, _("The import has expired. Please upload the file again."))
        return redirect("procedures:import")
    outcome = services.catalogue_import_apply(actor=request.user, tables=stored["tables"])
    request.session.pop(SESSION_KEY, None)
    if not outcome.ok:
        return render(
            request, "procedures/import.html", {"form": ImportForm(), "outcome": outcome, "token": ""}, status=400
        )
    messages.success(
        request,
        _("Import done: %(created)s procedures created, %(updated)s updated, %(unchanged)s unchanged.")
        % {"created": len(outcome.created), "updated": len(outcome.updated), "unchanged": len(outcome.unchanged)},
    )
    return redirect("procedures:list")


@login_required
def catalogue_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    procedures = selectors.catalogue_for_export(actor=request.user)
    tables = procedure_rows(procedures)
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        response = HttpResponse(write_csv(COLUMNS, tables), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            write_xlsx(COLUMNS, tables),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="danh-muc-tthc-{stamp}.{fmt}"'
    return response
