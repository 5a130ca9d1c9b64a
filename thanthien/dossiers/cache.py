"""The public status page's response cache (tra cứu hồ sơ), per tracking code.

The rendered page of a dossier is kept ``STATUS_CACHE_SECONDS`` (30 s) per tracking code, address
form and language, and dropped on commit whenever an event of that dossier is saved
(``services._common._event``: creation and every transition). With a per-process cache (the default
``LocMemCache``) the drop reaches only the worker that saved the transition; every other worker
serves its copy until it expires, so a status is never more than 30 s old (the requirement:
never more than 60 s). With a shared cache (``CACHE_BACKEND`` = Redis) the drop reaches every
worker at once, but with the database cache of ``docs/deploy.md`` every hit is then a query:
a ``"status"`` alias in ``CACHES`` (a ``LocMemCache``) is used instead when present. The apology
(``dossier_apology_issue``) writes its event itself: it shows within the same 30 s.

What is cached is safe to share: only visitors without a session or a message cookie are served
from it or stored in it (someone signed in may see messages or their name). The page holds
nothing else per visitor: the language switch needs no CSRF token (``config/urls.py``).

A miss renders only the page's content: the frame around it (``base_public.html``: head, header,
menu, language switch, footer), which costs more to render than the content, is rendered once
per language with slots for the title, the content and the address the language switch returns
to, kept ``FRAME_CACHE_SECONDS``, and filled in per request (``framed``). Only visitors who may be
served from the page cache get the shared frame; anyone else (signed in, with a message waiting)
gets the whole page rendered for them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .domain.codes import format_tracking_code

STATUS_CACHE_SECONDS = 30
#: A cache alias of its own when the settings name one (a local-memory cache in each worker is
#: best: hits cost no query); otherwise the default cache.
STATUS_CACHE_ALIAS = "status"
FRAME_CACHE_SECONDS = 300
_TITLE_SLOT, _BODY_SLOT, _NEXT_SLOT = "__thanthien_title__", "__thanthien_body__", "__thanthien_next__"
_FORMS = ("raw", "grouped")  # /tra-cuu/ABCD1234EFG/ (QR) and /tra-cuu/ABCD-1234-EFG/ (look-up form)


def _cache():
    return caches[STATUS_CACHE_ALIAS if STATUS_CACHE_ALIAS in settings.CACHES else "default"]


def _key(tracking_code: str, form: str, language: str) -> str:
    return f"dossiers:status:{tracking_code}:{form}:{language}"


def status_keys(tracking_code: str) -> list[str]:
    """Every key the status page of ``tracking_code`` may be stored under."""
    return [_key(tracking_code, form, lang) for form in _FORMS for lang, _name in settings.LANGUAGES]


def invalidate_status(tracking_code: str | None) -> None:
    """Drop the cached status page of a dossier (call on commit of a change)."""
    if tracking_code:
        _cache().delete_many(status_keys(tracking_code))


def cacheable_key(request: HttpRequest, tracking_code: str, typed: str) -> str | None:
    """The cache key of this request, or ``None`` if it must be rendered for this visitor alone.

    Only plain anonymous GETs of the two printed address forms: no query string, no session or
    message cookie. Other spellings (lower case, O for 0) are valid but rare and not cached.
    """
    if request.method != "GET" or request.META.get("QUERY_STRING"):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None
    if typed == tracking_code:
        form = "raw"
    elif typed == format_tracking_code(tracking_code):
        form = "grouped"
    else:
        return None
    return _key(tracking_code, form, get_language())


def serve_cached(request: HttpRequest, key: str | None, build: Callable[[], HttpResponse]) -> HttpResponse:
    """The page from the cache under ``key``, or ``build()``'s (stored when it is a 200)."""
    body = _cache().get(key) if key is not None else None
    if body is not None:
        response = HttpResponse(body)
        response["Cache-Control"] = "private, max-age=0"
        response["X-Robots-Tag"] = "noindex"
        return response
    response = build()
    if key is not None and response.status_code == 200:
        _cache().set(key, response.content, STATUS_CACHE_SECONDS)
    return response


def framed(
    request: HttpRequest, template: str, *, title: str, body: SafeString, shared: bool, status: int = 200
) -> HttpResponse:
    """``template`` (a frame: ``{{ title }}``, ``{{ body }}``) around ``body`` for this visitor.

    ``shared``: the visitor may get the frame rendered once for everyone (see ``cacheable_key``).
    """
    if not shared:
        return HttpResponse(render_to_string(template, {"title": title, "body": body}, request), status=status)
    key = f"dossiers:frame:{template}:{get_language()}"
    frame = _cache().get(key)
    if frame is None:
        context = {"title": _TITLE_SLOT, "body": mark_safe(_BODY_SLOT), "next_path": _NEXT_SLOT}
        frame = render_to_string(template, context, request)
        _cache().set(key, frame, FRAME_CACHE_SECONDS)
    # The body goes in last: its text comes from the database and must not be searched for slots.
    page = frame.replace(_TITLE_SLOT, escape(title), 1).replace(_NEXT_SLOT, escape(request.get_full_path()), 1)
    return HttpResponse(page.replace(_BODY_SLOT, body, 1), status=status)
