"""Clean text for papers: one Unicode form, no control characters.

Vietnamese typed on phones and old keyboards arrives in both composed (NFC) and decomposed
(NFD) forms; fonts shape NFC best and PDF text search expects it (TCVN 6909:2001 is Unicode).
Control characters are dropped because Word's XML cannot hold them.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(value: object) -> str:
    """NFC text with "\\n" line breaks, tabs as spaces and no other control characters."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))
