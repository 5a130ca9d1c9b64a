"""Accent-insensitive Vietnamese search shared by every app.

Why a stored folded column: SQLite's LIKE folds ASCII only and the "NFD then drop marks"
trick misses đ/Đ. We store ``search_text = unidecode(nfc(text)).lower()`` at write time and
search it with a plain ``icontains`` on the folded query, which behaves identically on SQLite
and PostgreSQL (where a pg_trgm GIN index on the column keeps it fast).
"""

import re
import unicodedata

from unidecode import unidecode

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Normalise to NFC (Vietnamese typed on some phones arrives decomposed)."""
    return unicodedata.normalize("NFC", text or "")


def fold(text: str) -> str:
    """Fold Vietnamese text for search: 'Định Hóa' -> 'dinh hoa'."""
    return _SPACES.sub(" ", unidecode(nfc(text)).lower()).strip()


def fold_join(*parts: object) -> str:
    """Folded concatenation of several fields, for a ``search_text`` column."""
    return fold(" ".join(str(p) for p in parts if p))


def search_filter(queryset, query: str, field: str = "search_text"):
    """Filter ``queryset`` on every folded word of ``query`` (AND)."""
    for word in fold(query).split(" "):
        if word:
            queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset
