"""Helpers for paper tests: every Vietnamese letter, PDF text extraction, page sizes."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata

from pypdf import PdfReader

BASES = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # ngang, huyền, sắc, hỏi, ngã, nặng


def vietnamese_letters() -> list[str]:
    """All 12 vowels × 6 tones, đ, in lower and upper case: 146 letters (NFC)."""
    lower = [unicodedata.normalize("NFC", base + tone) for base in BASES for tone in TONES] + ["đ"]
    return lower + [letter.upper() for letter in lower]


def pypdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return unicodedata.normalize("NFC", "\n".join(page.extract_text() or "" for page in reader.pages))


def poppler_text(pdf: bytes, *, page: int | None = None) -> str:
    if shutil.which("pdftotext") is None:
        return ""
    args = ["pdftotext", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run([*args, "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return unicodedata.normalize("NFC", out.decode("utf-8"))


def page_sizes_mm(pdf: bytes) -> list[tuple[int, int]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [
        (round(float(page.mediabox.width) * 25.4 / 72), round(float(page.mediabox.height) * 25.4 / 72))
        for page in reader.pages
    ]
