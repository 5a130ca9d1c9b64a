"""The staff home page (trang chủ cán bộ) as a registry of panels contributed by the apps.

Each app says what a role must look at today by registering a *panel*: a function that gets
the request and the user's active roles that qualify for the panel, and returns the context
of a small template snippet, or ``None`` when there is nothing to show (a panel with nothing
to say stays hidden: the home page lists only what needs attention).

Register from your app's ``AppConfig.ready()`` (``from . import home_panels  # noqa: F401``)::

    from thanthien.core.home import register_home_panel
    from thanthien.units.models import StaffRole

    def dossiers_due(request, roles):
        rows = dossier_list(actor=request.user, due_within=2)
        return {"title": _("Dossiers due soon"), "rows": rows} if rows else None

    register_home_panel(
        [StaffRole.Role.ONE_STOP_OFFICER], dossiers_due, template="dossiers/_home_due.html", order=20
    )

``roles=None`` (or :data:`ANY_ROLE`) shows the panel to every signed-in staff user, including
a superuser without roles. Panels are rendered in ``order``, then by key. Registering the same
key again replaces the panel (``ready()`` may run twice in tests).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)

PanelFunc = Callable[[HttpRequest, Sequence[Any]], dict[str, Any] | None]
ANY_ROLE = None


@dataclass(frozen=True)
class HomePanel:
    """One registered panel: who sees it, what computes it, which snippet renders it."""

    key: str
    roles: frozenset[str] | None
    func: PanelFunc
    template: str
    order: int = 100

    def applies_to(self, role_codes: set[str]) -> bool:
        return self.roles is None or bool(self.roles & role_codes)


@dataclass(frozen=True)
class RenderedPanel:
    key: str
    html: SafeString


_REGISTRY: dict[str, HomePanel] = {}


def register_home_panel(
    roles: Iterable[str] | None,
    func: PanelFunc | None = None,
    *,
    template: str = "core/home/_panel.html",
    order: int = 100,
    key: str | None = None,
) -> Any:
    """Register ``func`` as a home panel for ``roles`` (StaffRole.Role values, or None for all).

    Usable as a call or as a decorator (``@register_home_panel([...], template=...)``).
    ``func(request, roles)`` receives the user's active :class:`StaffRole` rows whose role is in
    ``roles`` (every active role when ``roles`` is None) and returns the snippet's context or
    ``None`` to hide the panel. The context may override ``template``.
    """

    def decorate(f: PanelFunc) -> PanelFunc:
        panel_key = key or f"{f.__module__}.{f.__qualname__}"
        _REGISTRY[panel_key] = HomePanel(
            key=panel_key,
            roles=None if roles is None else frozenset(str(r) for r in roles),
            func=f,
            template=template,
            order=order,
        )
        return f

    if func is None:
        return decorate
    return decorate(func)


def unregister_home_panel(key: str) -> None:
    """Remove a panel (tests, or an app switched off)."""
    _REGISTRY.pop(key, None)


def panel_dom_id(key: str) -> str:
    return "panel-" + "".join(c if c.isalnum() else "-" for c in key)


def registered_panels() -> list[HomePanel]:
    return sorted(_REGISTRY.values(), key=lambda p: (p.order, p.key))


def panels_for(request: HttpRequest, roles: Sequence[Any], *, only: str | None = None) -> list[RenderedPanel]:
    """Render every panel that applies to the user's active ``roles``, skipping empty ones.

    ``only`` renders the single panel with that key (the htmx refresh of one panel).
    A failing panel must not take the whole home page down with it: the error is logged
    with its traceback and the panel shows a short notice instead.
    """
    role_codes = {str(r.role) for r in roles}
    rendered: list[RenderedPanel] = []
    for panel in registered_panels():
        if (only is not None and panel.key != only) or not panel.applies_to(role_codes):
            continue
        matching = list(roles) if panel.roles is None else [r for r in roles if str(r.role) in panel.roles]
        extra = {"panel_key": panel.key, "panel_id": panel_dom_id(panel.key)}
        try:
            context = panel.func(request, matching)
            if context is None:
                continue
            template = context.get("template", panel.template)
            html = render_to_string(template, {**context, **extra}, request=request)
        except Exception:
            logger.exception("Home panel %s failed", panel.key)
            html = render_to_string("core/home/_panel_failed.html", extra, request=request)
        rendered.append(RenderedPanel(key=panel.key, html=mark_safe(html)))  # rendered by our own templates
    return rendered
