"""Navigation links as a small registry, so a module's link appears when the module lands.

Three areas:

- ``"staff"``: the staff top bar (Home, Units, Programmes, Audit, Calendar, ...);
- ``"public"``: the citizen site header (commune list, calendar, dossier look-up, ...);
- ``"commune"``: the services listed on a commune's public home page; ``path`` may be a
  callable ``path(unit) -> str`` so a module can link to that commune's own page.

A link is shown only when its path resolves in the URLconf: no link ever leads to a 404
placeholder. Register from ``AppConfig.ready()``::

    register_nav_link("public", "dossier-lookup", _("Track a dossier"), "/tra-cuu/", order=30)
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.urls import Resolver404, URLResolver, get_resolver, get_urlconf

AREAS = ("staff", "public", "commune")
PathSpec = str | Callable[[Any], str | None]


@dataclass(frozen=True)
class NavLink:
    key: str
    label: Any  # str or lazy translation
    path: PathSpec
    order: int = 100
    roles: frozenset[str] | None = None
    exact: bool = False  # current only on the exact path (home pages)


_LINKS: dict[str, dict[str, NavLink]] = {area: {} for area in AREAS}


def register_nav_link(
    area: str,
    key: str,
    label: Any,
    path: PathSpec,
    *,
    order: int = 100,
    roles: Iterable[str] | None = None,
    exact: bool = False,
) -> None:
    """Add (or replace, by ``key``) a link in ``area``. ``roles`` limits staff links to some roles."""
    if area not in _LINKS:
        raise ValueError(f"Unknown navigation area {area!r}; use one of {AREAS}")
    _LINKS[area][key] = NavLink(
        key=key,
        label=label,
        path=path,
        order=order,
        roles=None if roles is None else frozenset(str(r) for r in roles),
        exact=exact,
    )


def unregister_nav_link(area: str, key: str) -> None:
    _LINKS[area].pop(key, None)


def area_has_role_links(area: str) -> bool:
    """True if some link of ``area`` is limited to roles (the caller then looks the roles up)."""
    return any(link.roles is not None for link in _LINKS[area].values())


def path_exists(path: str) -> bool:
    """True if ``path`` resolves to a view of this site."""
    return _resolves(get_resolver(get_urlconf()), urlsplit(path).path)


@functools.lru_cache(maxsize=2048)
def _resolves(resolver: URLResolver, path: str) -> bool:
    # Every page draws its menu, and resolving each link walks the URL patterns; the answer only
    # changes with the URLconf, whose resolver object is part of the key (tests swap URLconfs).
    try:
        resolver.resolve(path)
    except Resolver404:
        return False
    return True


def nav_links(
    area: str, *, current_path: str = "", obj: Any = None, role_codes: set[str] | None = None
) -> list[dict[str, Any]]:
    """The links of ``area`` that exist now, in order, each with ``label``, ``url``, ``current``."""
    result = []
    for link in sorted(_LINKS[area].values(), key=lambda item: (item.order, item.key)):
        if link.roles is not None and not (role_codes and link.roles & role_codes):
            continue
        url = link.path(obj) if callable(link.path) else link.path
        if not url or not path_exists(url):
            continue
        current = current_path == url if link.exact else bool(current_path) and current_path.startswith(url)
        result.append({"key": link.key, "label": link.label, "url": url, "current": current})
    return result
