"""The folded search text of a procedure (see ``thanthien.core.search``)."""

from __future__ import annotations

from thanthien.core.search import fold_join


def procedure_search_text(code: str, name: str, field_name: str = "") -> str:
    """What accent-insensitive search matches: code, name and field, folded ('dang ky khai sinh' finds 'Đăng ký khai sinh')."""
    return fold_join(code, name, field_name)[:1000]
