"""Shared views: the staff home page, the health check and the error pages."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from thanthien.units.selectors import active_roles

from .home import panels_for

logger = logging.getLogger(__name__)


@login_required
@require_safe
def staff_home(request: HttpRequest) -> HttpResponse:
    """What needs attention today, per role: panels contributed by every app (see core/home.py)."""
    roles = list(active_roles(request.user))
    return render(
        request,
        "core/staff_home.html",
        {"roles": roles, "panels": panels_for(request, roles), "today": timezone.localdate()},
    )


@login_required
@require_safe
def home_panel(request: HttpRequest, key: str) -> HttpResponse:
    """One home panel, re-rendered: htmx refreshes the panels of an open home page."""
    panels = panels_for(request, list(active_roles(request.user)), only=key)
    return HttpResponse(panels[0].html if panels else "")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness and database check for the deploy (200 "ok" or 503)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def _error(request: HttpRequest, status: int) -> HttpResponse:
    return render(request, "core/error.html", {"status": status}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 page without the request context: the database or a context processor may be what failed."""
    try:
        html = render_to_string("core/error_500.html")
    except Exception:
        logger.exception("Could not render the 500 page")
        html = "<!doctype html><title>500</title><h1>Đã có lỗi xảy ra</h1>"
    return HttpResponseServerError(html)
