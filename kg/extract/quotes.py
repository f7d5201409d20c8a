"""Quotations in every typography, as character offsets: « … », “ … ”, " … ", ``…'', ''…''.

Each paragraph is read on its own; the pairs come from the language pack, longest marks
first. A quotation opened and not closed in its paragraph runs to the paragraph's end (the
convention for a quote that goes on in the next paragraph); quotations inside another are
not reported. A straight or single mark only opens after a space or an opening bracket and
only closes before a space or punctuation, so apostrophes stay apostrophes. Usage::

    from kg.extract.quotes import find_quotes
    find_quotes("Il a dit : « Nous partons. »", (("«", "»"),))
    # [Quote(start=11, end=27, inner_start=13, inner_end=25, mark='«', closed=True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACE = " \t\u00a0\u202f\u2009"
_OPEN_BEFORE = _SPACE + "([{—–-/:\n"
_CLOSE_AFTER = _SPACE + ".,;:!?)]}—–-\n»”"


@dataclass(frozen=True)
class Quote:
    """A top-level quotation: its marks span ``start:end``, its words ``inner``."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    mark: str
    closed: bool


def find_quotes(text: str, marks: tuple[tuple[str, str], ...]) -> list[Quote]:
    """Top-level quotations of ``text`` for the (opening, closing) ``marks``, in order."""
    pairs = sorted(marks, key=lambda pair: -len(pair[0]))
    out: list[Quote] = []
    for match in re.finditer(r"[^\n]+", text):
        out.extend(_paragraph(text, match.start(), match.end(), pairs))
    return out


def _paragraph(text: str, start: int, end: int,
               pairs: list[tuple[str, str]]) -> list[Quote]:
    out: list[Quote] = []
    i = start
    while i < end:
        opened = _opening(text, i, end, pairs)
        if opened is None:
            i += 1
            continue
        opener, closer = opened
        inner_start = i + len(opener)
        close = _closing(text, inner_start, end, opener, closer)
        if close is None:
            inner = _strip(text, inner_start, end)
            if inner[1] - inner[0] >= 3 and opener in ("«", "“", "``"):
                out.append(Quote(i, end, inner[0], inner[1], opener, False))
            i = inner_start
            if opener in ("«", "“", "``"):
                break
            continue
        inner = _strip(text, inner_start, close)
        if inner[0] < inner[1]:
            out.append(Quote(i, close + len(closer), inner[0], inner[1], opener, True))
        i = close + len(closer)
    return out


def _opening(text: str, i: int, end: int,
             pairs: list[tuple[str, str]]) -> tuple[str, str] | None:
    for opener, closer in pairs:
        if not text.startswith(opener, i):
            continue
        symmetric = opener == closer or opener in ("'", '"', "‘", "''")
        if symmetric:
            before = text[i - 1] if i > 0 else "\n"
            after = text[i + len(opener)] if i + len(opener) < end else " "
            if before not in _OPEN_BEFORE or after in _SPACE:
                continue
        return opener, closer
    return None


def _closing(text: str, start: int, end: int, opener: str, closer: str) -> int | None:
    """Where the quotation opened before ``start`` closes (nested pairs skipped)."""
    depth = 0
    i = start
    symmetric = opener == closer
    while i < end:
        if not symmetric and text.startswith(opener, i):
            depth += 1
            i += len(opener)
            continue
        if text.startswith(closer, i):
            after = text[i + len(closer)] if i + len(closer) < end else "\n"
            if (symmetric or closer in ("’", "''")) and after not in _CLOSE_AFTER and \
                    not after.isspace():
                i += len(closer)
                continue
            if depth == 0:
                return i
            depth -= 1
            i += len(closer)
            continue
        i += 1
    return None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    return start, end
