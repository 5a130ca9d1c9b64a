"""Vietnamese alphabetical order (thứ tự chữ cái tiếng Việt) for lists shown to people.

Databases sort by code point, which puts Đ, Ă, Â, Ê, Ô, Ơ, Ư after Z ("Định Hóa" after
"Yên Bình"). The Vietnamese alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y;
tone marks only break ties (ngang, huyền, hỏi, ngã, sắc, nặng), as in dictionaries.
"""

from __future__ import annotations

import unicodedata

_ALPHABET = tuple("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_VOWEL_MODIFIERS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng


def vi_sort_key(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...], str]:
    """A key that sorts Vietnamese text alphabetically: letters first, then tones, then raw text."""
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text or "").lower():
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _VOWEL_MODIFIERS))
        rank = _LETTER_RANK.get(letter)
        if rank is not None:
            primary.append((2, rank))
            tones.append(next((_TONE_RANK[m] for m in marks if m in _TONE_RANK), 0))
        elif char.isdigit():
            primary.append((1, ord(char)))
        elif char.isspace() or not char.isalnum():
            primary.append((0, ord(char)))
        else:
            primary.append((3, ord(char)))
    return tuple(primary), tuple(tones), text


def vi_sorted(items, key=lambda item: item):  # type: ignore[no-untyped-def]
    """``sorted`` in Vietnamese alphabetical order of ``key(item)``."""
    return sorted(items, key=lambda item: vi_sort_key(str(key(item))))
