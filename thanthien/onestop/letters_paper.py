"""A life-event letter as an official paper: thư công, A4, NĐ 30/2020 layout (legal-rules §9).

Thư công has no abbreviation and no model layout (NĐ 30 Phụ lục III), so the letter carries no
number; it has the governing and issuing bodies, the place-and-date line, a title, the body
paragraphs and the chairman's signature "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH".
"""

from __future__ import annotations

from django.utils import timezone

from thanthien.dossiers.papers import place_of, unit_phrase
from thanthien.papers.domain.paper import Align, Paper, PaperSize, Paragraph, Signature

from .models import LetterKind, LifeEventLetter

TITLES = {
    LetterKind.BIRTH: "THƯ CHÚC MỪNG",
    LetterKind.MARRIAGE: "THƯ CHÚC MỪNG",
    LetterKind.CONDOLENCE: "THƯ CHIA BUỒN",
    LetterKind.APOLOGY: "THƯ XIN LỖI",
}


def letter_paper(letter: LifeEventLetter) -> Paper:
    unit = letter.unit
    parent = getattr(unit, "parent", None)
    paragraphs = tuple(Paragraph(line.strip()) for line in letter.body.splitlines() if line.strip())
    return Paper(
        size=PaperSize.A4,
        governing_body=f"UBND {parent.full_name}" if parent else "",
        issuing_body=f"ỦY BAN NHÂN DÂN\n{unit_phrase(unit)}",
        symbol="",
        number=None,
        place=place_of(unit),
        issued_on=timezone.localdate(letter.created_at),
        doc_type=TITLES[LetterKind(letter.kind)],
        blocks=(Paragraph(letter.salutation, align=Align.CENTER, indent=False, bold=True), *paragraphs),
        signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", position="CHỦ TỊCH"),
        title=f"{TITLES[LetterKind(letter.kind)].title()} — {letter.dossier.code or letter.dossier_id}",
    )
