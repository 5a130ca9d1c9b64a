"""Render official papers (văn bản) to PDF (Typst) and DOCX (python-docx).

Public API for other apps::

    from thanthien.papers.render import render_pdf, render_many_pdf, render_docx, paper_response

    pdf = render_pdf(paper)                      # one paper → PDF bytes
    pdf = render_many_pdf(papers)                # many papers → ONE PDF (one Typst compile)
    docx = render_docx(paper)                    # one paper → Word bytes
    return paper_response(paper, fmt="pdf", filename="thong-bao")   # in a view

Safety: the Typst template is a fixed file; the paper's text reaches it only as JSON data in
``sys_inputs`` and is placed as string values, so nothing a user typed can become markup.
One compiler per thread is kept and reused (fonts are scanned once).
"""

from __future__ import annotations

import io
import json
import os
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import typst
from django.conf import settings
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from thanthien.core.search import fold

from .domain import nd30
from .domain.paper import (
    Block,
    Cell,
    FieldLines,
    Heading,
    ItemList,
    PageBreak,
    Paper,
    Paragraph,
    Signature,
    SignatureRow,
    Spacer,
    Table,
)
from .domain.text import clean_text
from .qr import qr_svg

TEMPLATE = Path(__file__).resolve().parent / "typst" / "official.typ"
# NĐ 30: Times New Roman. Tinos and Liberation Serif have the same metrics and cover every
# Vietnamese letter; Libertinus Serif (embedded in Typst) is the last resort.
PREFERRED_FONTS = ("Times New Roman", "Tinos", "Liberation Serif")
LAST_RESORT_FONT = "Libertinus Serif"

PDF_CONTENT_TYPE = "application/pdf"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class PaperRenderError(RuntimeError):
    """The renderer failed (a bug in the template or the data contract, not in user text)."""


# --- Typst compiler --------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _fonts(font_dirs: tuple[str, ...]) -> tuple[typst.Fonts, tuple[str, ...]]:
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=list(font_dirs))
    present = {family.lower() for family in fonts.families()}
    chain = (*(f for f in PREFERRED_FONTS if f.lower() in present), LAST_RESORT_FONT)
    return fonts, chain


def _font_dirs() -> tuple[str, ...]:
    return tuple(str(d) for d in getattr(settings, "PAPER_FONT_DIRS", ()) if Path(d).is_dir())


_local = threading.local()


def _compiler() -> tuple[typst.Compiler, tuple[str, ...]]:
    """This thread's compiler (a Typst compiler keeps caches and is not shared across threads)."""
    dirs = _font_dirs()
    cached = getattr(_local, "compiler", None)
    if cached is None or cached[0] != dirs:
        fonts, chain = _fonts(dirs)
        compiler = typst.Compiler(str(TEMPLATE), root=str(TEMPLATE.parent), font_paths=fonts, ignore_system_fonts=True)
        cached = _local.compiler = (dirs, compiler, chain)
    return cached[1], cached[2]


# --- Data contract (Python → official.typ) ---------------------------------------------------


def _t(value: object) -> str:
    return clean_text(value)


def _cell(cell: Cell | str) -> dict[str, Any]:
    if not isinstance(cell, Cell):
        cell = Cell(str(cell))
    return {
        "text": _t(cell.text),
        "colspan": max(1, cell.colspan),
        "rowspan": max(1, cell.rowspan),
        "bold": cell.bold,
        "italic": cell.italic,
        "align": None if cell.align is None else str(cell.align),
    }


def _signature(sig: Signature | None) -> dict[str, str] | None:
    if sig is None:
        return None
    return {
        "authority": _t(sig.authority).upper(),
        "position": _t(sig.position).upper(),
        "name": _t(sig.name),
        "note": _t(sig.note),
    }


def _block(block: Block) -> dict[str, Any]:
    match block:
        case Paragraph():
            return {
                "kind": "paragraph",
                "runs": [
                    {"text": _t(r.text), "bold": r.bold, "italic": r.italic, "underline": r.underline}
                    for r in block.runs
                ],
                "align": str(block.align),
                "indent": block.indent,
                "bold": block.bold,
                "italic": block.italic,
                "size": block.size,
            }
        case Heading():
            return {"kind": "heading", "text": _t(block.text), "level": block.level, "align": str(block.align)}
        case ItemList():
            return {
                "kind": "list",
                "items": [_t(i) for i in block.items],
                "markers": [block.marker(i) for i in range(len(block.items))],
                "hanging": block.hanging,
            }
        case Table():
            count = block.column_count
            widths = list(block.widths) or [1.0] * count
            total = sum(widths) or 1.0
            return {
                "kind": "table",
                "widths": [w / total for w in widths],
                "aligns": [str(a) for a in block.aligns],
                "size": block.size,
                "caption": _t(block.caption),
                "header_rows": [[_cell(c) for c in row] for row in block.header_rows],
                "rows": [[_cell(c) for c in row] for row in block.rows],
            }
        case FieldLines():
            return {
                "kind": "fields",
                "rows": [
                    [{"label": _t(f.label), "value": _t(f.value), "bold_value": f.bold_value} for f in row]
                    for row in block.rows
                ],
            }
        case SignatureRow():
            return {"kind": "signatures", "parties": [_signature(s) for s in block.parties]}
        case Spacer():
            return {"kind": "spacer", "height_mm": block.height_mm}
        case PageBreak():
            return {"kind": "pagebreak"}
    raise TypeError(f"Unknown paper block: {block!r}")


def letter_summary(paper: Paper) -> str:
    """The "V/v …" line of a công văn (NĐ 30 Phụ lục I II.5b), empty for titled documents."""
    if not paper.is_letter or not paper.summary.strip():
        return ""
    summary = _t(paper.summary).strip()
    return summary if summary.lower().startswith("v/v") else f"V/v {summary}"


def paper_data(paper: Paper, *, with_qr_svg: bool = True, bulk: bool = False) -> dict[str, Any]:
    """The JSON-ready description of ``paper`` that the template lays out.

    All wording decisions (number, date, punctuation of bases and recipients) happen here, in
    Python, so the PDF and the DOCX say exactly the same thing.
    """
    slip = paper.slip_header
    return {
        "size": str(paper.size),
        "orientation": str(paper.orientation),
        "governing_body": _t(paper.governing_body).upper(),
        "issuing_body": _t(paper.issuing_body).upper(),
        "slip_header": None if slip is None else {"owner": _t(slip.owner).upper(), "office": _t(slip.office).upper()},
        "number_line": _t(nd30.number_line(paper.number, paper.symbol)) if (paper.symbol or paper.number) else "",
        "letter_summary": letter_summary(paper),
        "place_date": _t(nd30.place_date_line(paper.place, paper.issued_on)),
        "doc_type": _t(paper.doc_type).upper(),
        "summary": "" if paper.is_letter else _t(paper.summary),
        "kinh_gui": [_t(k) for k in paper.kinh_gui if k.strip()],
        "legal_bases": [_t(b) for b in nd30.legal_basis_lines(paper.legal_bases)],
        "blocks": [_block(b) for b in paper.blocks],
        "signature": _signature(paper.signature),
        "recipients": [_t(r) for r in nd30.recipient_lines(paper.recipients, paper.archive)],
        "qr_url": paper.qr_url,
        "qr_svg": qr_svg(paper.qr_url, fixed_mask=bulk) if (paper.qr_url and with_qr_svg) else "",
        "qr_caption": _t(paper.qr_caption),
        "footer_note": _t(paper.footer_note),
    }


def _document(papers: Sequence[Paper], title: str, fonts: tuple[str, ...], *, bulk: bool = False) -> str:
    return json.dumps(
        {
            "title": _t(title or (papers[0].document_title if papers else "")),
            "fonts": list(fonts),
            "national_title": nd30.NATIONAL_TITLE,
            "motto": nd30.MOTTO,
            "recipients_label": nd30.RECIPIENTS_LABEL,
            "kinh_gui_label": nd30.KINH_GUI_LABEL,
            "papers": [paper_data(p, bulk=bulk) for p in papers],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


# --- Public API ------------------------------------------------------------------------------

# Bulk runs compile this many papers at a time. Typst's page counter and memory grow faster
# than linearly with pages in one compile (2,000 pages ≈ 3.5 GB); chunks keep both flat
# (the binding keeps the caches of the last 10 compiles) and let two threads work at once
# (the binding releases the GIL). See docs/papers.md.
BULK_CHUNK = 100


def _compile(papers: Sequence[Paper], title: str, *, tagged: bool, bulk: bool = False) -> bytes:
    compiler, fonts = _compiler()
    try:
        pdf = compiler.compile(
            sys_inputs={"data": _document(papers, title, fonts, bulk=bulk)}, format="pdf", pdf_tags=tagged
        )
    except typst.TypstError as exc:  # a template or contract bug: user text cannot cause it
        raise PaperRenderError(f"{exc.message}\n{exc.diagnostic}") from exc
    if not isinstance(pdf, bytes):
        raise PaperRenderError("Typst returned no PDF.")
    return pdf


def render_pdf(paper: Paper, *, tagged: bool = True) -> bytes:
    """One paper as PDF bytes. Tagged (structure for screen readers) unless told otherwise."""
    return _compile([paper], "", tagged=tagged)


def render_many_pdf(
    papers: Iterable[Paper],
    *,
    title: str = "",
    tagged: bool = False,
    chunk_size: int = BULK_CHUNK,
    workers: int | None = None,
) -> bytes:
    """Many papers as ONE PDF (ballots, slips, a day's letters) — a print job.

    Each paper starts on a new page with its own size, orientation and page numbers. Up to
    ``chunk_size`` papers are one Typst compile; more are compiled in chunks on ``workers``
    threads and joined (always untagged). Print jobs are untagged by default: tags help
    screen readers, not printers, and cost 10–15 % more time.
    """
    items = list(papers)
    if not items:
        raise ValueError("Nothing to render.")
    if len(items) <= chunk_size:
        return _compile(items, title, tagged=tagged, bulk=len(items) > 1)
    chunks = [items[i : i + chunk_size] for i in range(0, len(items), chunk_size)]
    workers = workers or min(2, os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="papers") as pool:
        parts = list(pool.map(lambda chunk: _compile(chunk, title, tagged=False, bulk=True), chunks))
    return _join_pdfs(parts, title or items[0].document_title)


def _join_pdfs(parts: list[bytes], title: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    writer.add_metadata({"/Title": title, "/Producer": "Thân Thiện (Typst)"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def render_docx(paper: Paper) -> bytes:
    """One paper as a Word document (.docx) in the same layout, for editing before signing."""
    from .word import build_docx

    return build_docx(paper, paper_data(paper, with_qr_svg=False))


def paper_response(
    paper: Paper, fmt: Literal["pdf", "docx"] = "pdf", *, filename: str = "", inline: bool = False
) -> HttpResponse:
    """An HTTP response with the paper as PDF or DOCX, downloaded under ``filename``.

    ``filename`` may be Vietnamese; it is folded to ASCII ("Thông báo" → "thong-bao").
    """
    if fmt == "pdf":
        body, content_type = render_pdf(paper), PDF_CONTENT_TYPE
    elif fmt == "docx":
        body, content_type = render_docx(paper), DOCX_CONTENT_TYPE
    else:
        raise ValueError(f"Unknown paper format: {fmt}")
    stem = slugify(fold(filename or paper.document_title))[:80] or "van-ban"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, f"{stem}.{fmt}")
    response["Content-Length"] = str(len(body))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
