"""Dossier components (thành phần hồ sơ): what a citizen may be asked for.

Asking for documents beyond the published list is a prohibited act (NĐ 61/2018 Điều 5 khoản 1;
QĐ 45/2016 Điều 6: the postal worker checks against the published component list). Names are
compared after folding (no accents, case or punctuation), so "Tờ khai đăng ký khai sinh" and
"to khai dang ky khai sinh." are the same component.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from thanthien.core.search import fold

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def component_key(name: str) -> str:
    """Comparison key of a component name: folded, punctuation dropped, spaces collapsed."""
    return _SPACES.sub(" ", _PUNCT.sub(" ", fold(name))).strip()


def extra_components(requested: Iterable[str], listed: Iterable[str]) -> list[str]:
    """The requested components that are not in the published list, in request order, once each."""
    allowed = {component_key(name) for name in listed}
    seen: set[str] = set()
    extra: list[str] = []
    for name in requested:
        key = component_key(name)
        if not key or key in allowed or key in seen:
            continue
        seen.add(key)
        extra.append(name)
    return extra
