"""Word (.docx) output of a paper with python-docx, mirroring ``typst/official.typ``.

Officers edit a draft in Word before signing, so the file uses real Word structure: a
borderless two-column header table, Times New Roman everywhere (East-Asian slot included),
NĐ 30 margins and sizes, a page-number field in the header from page 2 ("different first
page"), header rows that repeat, and dotted tab leaders for blanks on forms.
Text goes in through python-docx runs (XML-escaped), never as raw XML.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .domain import nd30
from .domain.paper import Paper
from .qr import qr_png

FONT = "Times New Roman"

# Same numbers as the `metrics` dictionary of official.typ.
METRICS: dict[str, dict[str, Any]] = {
    "a4": {
        "page": (210, 297),
        "margin": {"top": 20, "bottom": 20, "left": 30, "right": 15},
        "body": 14,
        "title": 14,
        "header": 12,
        "number": 13,
        "national": 12,
        "motto": 13,
        "small": 12,
        "tiny": 11,
        "indent": 10,
        "left_col": 0.42,
        "sign_gap": 24,
        "qr": 18,
    },
    "a5": {
        "page": (148, 210),
        "margin": {"top": 12, "bottom": 10, "left": 15, "right": 10},
        "body": 11.5,
        "title": 12,
        "header": 10,
        "number": 10.5,
        "national": 10,
        "motto": 11,
        "small": 10,
        "tiny": 9,
        "indent": 8,
        "left_col": 0.36,
        "sign_gap": 15,
        "qr": 16,
    },
}

_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def build_docx(paper: Paper, data: dict[str, Any]) -> bytes:
    """The paper as .docx bytes; ``data`` is ``render.paper_data(paper)`` (same wording as the PDF)."""
    writer = _Writer(paper, data)
    writer.write()
    buffer = io.BytesIO()
    writer.doc.save(buffer)
    return buffer.getvalue()


def _text_width_mm(text: str, size: float, *, bold: bool = False) -> float:
    """A rough width of ``text`` in Times New Roman, for the short rules under headings."""
    longest = max(text.split("\n"), key=len, default="")
    ems = sum(0.25 if ch == " " else 0.7 if ch.isupper() else 0.48 for ch in longest)
    return ems * size * (1.05 if bold else 1.0) * 25.4 / 72


class _Writer:
    def __init__(self, paper: Paper, data: dict[str, Any]) -> None:
        self.paper = paper
        self.data = data
        self.m = METRICS[data["size"]]
        self.doc = Document()
        self.landscape = data["orientation"] == "landscape"
        width, height = self.m["page"]
        if self.landscape:
            width, height = height, width
        margin = self.m["margin"]
        self.text_width = width - margin["left"] - margin["right"]
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE if self.landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.top_margin, section.bottom_margin = Mm(margin["top"]), Mm(margin["bottom"])
        section.left_margin, section.right_margin = Mm(margin["left"]), Mm(margin["right"])
        section.header_distance = Mm(margin["top"] * 0.45)
        self._base_style()
        self._page_numbers(section)
        core = self.doc.core_properties
        core.title = paper.document_title[:250]
        core.author = data["issuing_body"].replace("\n", " ")[:250] or "Thân Thiện"
        core.language = "vi-VN"

    # --- plumbing ----------------------------------------------------------------------------

    def _base_style(self) -> None:
        style = self.doc.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(self.m["body"])
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(slot), FONT)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "vi-VN")
        rpr.append(lang)
        fmt = style.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(6)
        fmt.line_spacing = 1.0

    def _page_numbers(self, section: Any) -> None:
        # NĐ 30: page numbers centred in the top margin, not on the first page.
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "2"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)
        self.doc.styles["Header"].font.size = Pt(self.m["header"] + 1)

    def para(self, container: Any = None, *, align: str = "justify", indent: bool = False, after: float = 6) -> Any:
        container = container if container is not None else self.doc
        paragraphs = getattr(container, "paragraphs", [])
        if container is not self.doc and len(paragraphs) == 1 and not paragraphs[0].text and not paragraphs[0].runs:
            paragraph = paragraphs[0]  # a fresh table cell holds one empty paragraph
        else:
            paragraph = container.add_paragraph()
        paragraph.alignment = ALIGN[align]
        fmt = paragraph.paragraph_format
        fmt.space_after = Pt(after)
        fmt.first_line_indent = Mm(self.m["indent"]) if indent else None
        return paragraph

    @staticmethod
    def text(paragraph: Any, text: str, *, size: float | None = None, bold: bool = False, **style: bool) -> None:
        for index, line in enumerate(text.split("\n")):
            run = paragraph.add_run()
            if index:
                run.add_break()
            run.add_text(line)
            run.bold = bold or None
            run.italic = style.get("italic") or None
            run.underline = style.get("underline") or None
            if size:
                run.font.size = Pt(size)

    def rule(self, container: Any, width_mm: float, box_mm: float, *, after: float = 0) -> None:
        """A short solid line, centred, right under the previous paragraph."""
        paragraph = self.para(container, align="center", after=after)
        width = max(8.0, min(width_mm, box_mm))
        side = max(0.0, (box_mm - width) / 2)
        fmt = paragraph.paragraph_format
        fmt.left_indent, fmt.right_indent = Mm(side), Mm(side)
        fmt.line_spacing = Pt(3)
        ppr = paragraph._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            top.set(qn(key), value)
        borders.append(top)
        # Schema order matters to Word: pBdr comes before shd/tabs/spacing/ind/jc.
        ppr.insert_element_before(borders, *_AFTER_PBDR)

    def grid(self, widths_mm: list[float], rows: int = 1, *, borders: bool = False) -> Any:
        table = self.doc.add_table(rows=rows, cols=len(widths_mm))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False  # w:tblLayout fixed
        tbl_pr = table._tbl.tblPr
        edges = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:val"), "single" if borders else "nil")
            if borders:
                element.set(qn("w:sz"), "4")
                element.set(qn("w:color"), "000000")
            edges.append(element)
        tbl_pr.insert_element_before(edges, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)  # w:gridCol, which a fixed layout follows
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=True):
                cell.width = Mm(width)
        return table

    # --- parts -------------------------------------------------------------------------------

    def write(self) -> None:
        self.header()
        self.title()
        self.kinh_gui()
        for basis in self.data["legal_bases"]:
            paragraph = self.para(indent=True)
            self.text(paragraph, basis, italic=True)
        for block in self.data["blocks"]:
            getattr(self, f"block_{block['kind']}")(block)
        self.closing()
        if self.data["footer_note"]:
            paragraph = self.para(align="left")
            self.text(paragraph, self.data["footer_note"], size=self.m["tiny"], italic=True)

    def header(self) -> None:
        d, m = self.data, self.m
        left = self.text_width * m["left_col"]
        right = self.text_width - left
        table = self.grid([left, right], rows=2)
        top_left, top_right = table.rows[0].cells
        bottom_left, bottom_right = table.rows[1].cells
        slip = d["slip_header"]
        upper_line = (slip["owner"] or "ĐƠN VỊ CHỦ QUẢN") if slip else d["governing_body"]
        bold_line = slip["office"] if slip else d["issuing_body"]
        if upper_line:
            self.text(self.para(top_left, align="center", after=0), upper_line, size=m["header"])
        self.text(self.para(top_left, align="center", after=0), bold_line, size=m["header"], bold=True)
        self.rule(top_left, 0.4 * _text_width_mm(bold_line, m["header"], bold=True), left)
        self.text(self.para(top_right, align="center", after=0), nd30.NATIONAL_TITLE, size=m["national"], bold=True)
        # Tiêu ngữ: underlined as long as the text (NĐ 30 Phụ lục I II.1b).
        self.text(self.para(top_right, align="center", after=0), nd30.MOTTO, size=m["motto"], bold=True, underline=True)
        if d["number_line"]:
            self.text(self.para(bottom_left, align="center", after=0), d["number_line"], size=m["number"])
        if d["letter_summary"]:
            paragraph = self.para(bottom_left, align="center", after=0)
            paragraph.paragraph_format.space_before = Pt(6)
            self.text(paragraph, d["letter_summary"], size=m["small"])
        self.text(self.para(bottom_right, align="center", after=0), d["place_date"], size=m["motto"], italic=True)
        for cell in (bottom_left, bottom_right):
            cell.paragraphs[0].paragraph_format.space_before = Pt(6)

    def title(self) -> None:
        d, m = self.data, self.m
        if not d["doc_type"]:
            return
        paragraph = self.para(align="center", after=0)
        paragraph.paragraph_format.space_before = Pt(12)
        self.text(paragraph, d["doc_type"], size=m["title"], bold=True)
        if d["summary"]:
            self.text(self.para(align="center", after=0), d["summary"], size=m["title"], bold=True)
            width = min(_text_width_mm(d["summary"], m["title"], bold=True), self.text_width * 0.88)
            self.rule(None, 0.35 * width, self.text_width, after=6)
        else:
            self.para(align="center", after=0)

    def kinh_gui(self) -> None:
        items = self.data["kinh_gui"]
        if not items:
            return
        label = nd30.KINH_GUI_LABEL
        if len(items) == 1:
            self.text(self.para(align="center"), f"{label} {items[0]}")
            return
        first = self.para(align="left", after=0)
        first.paragraph_format.left_indent = Mm(self.text_width * 0.25)
        self.text(first, f"{label} {items[0]}")
        for item in items[1:]:
            paragraph = self.para(align="left", after=0)
            paragraph.paragraph_format.left_indent = Mm(self.text_width * 0.25 + 21)
            self.text(paragraph, item)
        self.para(align="left", after=0)

    def signature(self, cell: Any, sig: dict[str, str]) -> None:
        m = self.m
        if sig["authority"]:
            self.text(self.para(cell, align="center", after=0), sig["authority"], size=m["body"], bold=True)
        self.text(self.para(cell, align="center", after=0), sig["position"], size=m["body"], bold=True)
        if sig["note"]:
            self.text(self.para(cell, align="center", after=0), sig["note"], size=m["small"], italic=True)
        gap = self.para(cell, align="center", after=0)
        gap.paragraph_format.space_before = Mm(m["sign_gap"] - 6)
        if sig["name"]:
            self.text(gap, sig["name"], size=m["body"], bold=True)

    def qr(self, container: Any) -> None:
        d, m = self.data, self.m
        table = self.grid([m["qr"] + 2, 50]) if container is None else None
        if table is not None:
            image_cell, caption_cell = table.rows[0].cells
        else:
            image_cell = caption_cell = container
        run = self.para(image_cell, align="left", after=0).add_run()
        run.add_picture(io.BytesIO(qr_png(d["qr_url"])), width=Mm(m["qr"]))
        if d["qr_caption"]:
            self.text(self.para(caption_cell, align="left", after=0), d["qr_caption"], size=m["tiny"], italic=True)

    def closing(self) -> None:
        d, m = self.data, self.m
        if not d["recipients"] and d["signature"] is None:
            if d["qr_url"]:
                self.qr(None)
            return
        left = self.text_width * (1 / 2.15)
        table = self.grid([left, self.text_width - left])
        left_cell, right_cell = table.rows[0].cells
        if d["recipients"]:
            label = self.para(left_cell, align="left", after=0)
            self.text(label, nd30.RECIPIENTS_LABEL, size=m["small"], bold=True, italic=True)
            for line in d["recipients"]:
                self.text(self.para(left_cell, align="left", after=0), line, size=m["tiny"])
        if d["qr_url"]:
            self.qr(left_cell)
        if d["signature"] is not None:
            self.signature(right_cell, d["signature"])

    # --- blocks ------------------------------------------------------------------------------

    def block_paragraph(self, b: dict[str, Any]) -> None:
        paragraph = self.para(align=b["align"], indent=b["indent"])
        for run in b["runs"]:
            self.text(
                paragraph,
                run["text"],
                size=b["size"],
                bold=run["bold"] or b["bold"],
                italic=run["italic"] or b["italic"],
                underline=run["underline"],
            )

    def block_heading(self, b: dict[str, Any]) -> None:
        paragraph = self.para(align=b["align"], indent=b["align"] == "left")
        paragraph.paragraph_format.keep_with_next = True
        self.text(paragraph, b["text"], bold=True, italic=b["level"] >= 3)

    def block_list(self, b: dict[str, Any]) -> None:
        for item, marker in zip(b["items"], b["markers"], strict=True):
            if b["hanging"]:
                paragraph = self.para(align="left", after=2)
                fmt = paragraph.paragraph_format
                fmt.left_indent = Mm(self.m["indent"] + 7)
                fmt.first_line_indent = Mm(-7)
                fmt.tab_stops.add_tab_stop(Mm(self.m["indent"] + 7))
                self.text(paragraph, f"{marker}\t{item}")
            else:
                self.text(self.para(indent=True), f"{marker} {item}")

    def block_table(self, b: dict[str, Any]) -> None:
        if b["caption"]:
            caption = self.para(align="center", after=3)
            caption.paragraph_format.keep_with_next = True
            self.text(caption, b["caption"], bold=True)
        widths = [w * self.text_width for w in b["widths"]]
        rows = [(row, True) for row in b["header_rows"]] + [(row, False) for row in b["rows"]]
        if not rows:
            return
        table = self.grid(widths, rows=len(rows), borders=True)
        size = b["size"] or self.m["body"] - 1
        taken: set[tuple[int, int]] = set()
        for r, (row, is_header) in enumerate(rows):
            if is_header:
                tr_pr = table.rows[r]._tr.get_or_add_trPr()
                repeat = OxmlElement("w:tblHeader")
                repeat.set(qn("w:val"), "true")
                tr_pr.append(repeat)
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                if c >= len(widths):
                    break
                rs = min(cell["rowspan"], len(rows) - r)
                cs = min(cell["colspan"], len(widths) - c)
                for dr in range(rs):
                    for dc in range(cs):
                        taken.add((r + dr, c + dc))
                target = table.cell(r, c)
                if rs > 1 or cs > 1:
                    target = target.merge(table.cell(r + rs - 1, c + cs - 1))
                target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                align = cell["align"] or (
                    "center" if is_header else (b["aligns"][c] if c < len(b["aligns"]) else "left")
                )
                paragraph = self.para(target, align="left" if align == "justify" else align, after=0)
                bold = cell["bold"] if cell["bold"] is not None else is_header
                self.text(paragraph, cell["text"], size=size, bold=bold, italic=cell["italic"])
                c += cs
        self.para(align="left", after=0).paragraph_format.line_spacing = Pt(6)

    def block_fields(self, b: dict[str, Any]) -> None:
        for row in b["rows"]:
            paragraph = self.para(align="left", after=3)
            share = self.text_width / len(row)
            for index, field in enumerate(row):
                if index:
                    self.text(paragraph, "   ")
                self.text(paragraph, f"{field['label']}: ")
                if field["value"]:
                    self.text(paragraph, field["value"], bold=field["bold_value"])
                else:
                    position = share * (index + 1) - 1
                    paragraph.paragraph_format.tab_stops.add_tab_stop(
                        Mm(position), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
                    )
                    self.text(paragraph, "\t")

    def block_signatures(self, b: dict[str, Any]) -> None:
        parties = list(b["parties"])
        if len(parties) == 1:
            parties.insert(0, None)
        table = self.grid([self.text_width / len(parties)] * len(parties))
        for cell, sig in zip(table.rows[0].cells, parties, strict=True):
            if sig is not None:
                self.signature(cell, sig)

    def block_spacer(self, b: dict[str, Any]) -> None:
        self.para(align="left", after=0).paragraph_format.space_before = Mm(b["height_mm"])

    def block_pagebreak(self, b: dict[str, Any]) -> None:
        self.doc.add_page_break()
