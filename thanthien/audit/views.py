"""Staff pages of the audit trail: read-only, for leaders, inspectors and province viewers."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .forms import AuditFilterForm
from .models import AuditEvent
from .selectors import audit_event_get, audit_event_list, can_read_audit

PAGE_SIZE = 50


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "audit/forbidden.html", status=403)


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def changes(event: AuditEvent) -> list[tuple[str, str, str]]:
    """(field, old, new) rows for display, in a stable order."""
    old = event.old if isinstance(event.old, dict) else ({"value": event.old} if event.old is not None else {})
    new = event.new if isinstance(event.new, dict) else ({"value": event.new} if event.new is not None else {})
    keys = list(old) + [key for key in new if key not in old]
    return [(key, _show(old.get(key)), _show(new.get(key))) for key in keys]


@require_safe
@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    if not can_read_audit(request.user):
        return _forbidden(request)
    form = AuditFilterForm(request.GET or None, actor=request.user)
    events = audit_event_list(actor=request.user, filters=form.filters())
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = [(event, changes(event)) for event in page.object_list]
    return render(
        request,
        "audit/event_list.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )


@require_safe
@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_read_audit(request.user):
        return _forbidden(request)
    try:
        event = audit_event_get(actor=request.user, pk=pk)
    except AuditEvent.DoesNotExist:
        raise Http404 from None
    return render(request, "audit/event_detail.html", {"event": event, "changes": changes(event)})
