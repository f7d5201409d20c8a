"""Paragraphs, sentences and quotations of an article, as character offsets.

Quotes are found in every typography: « … », “ … ”, " … " and ‘ … ’, nested or not; a
French quote left open at the end of a paragraph runs to the paragraph's end. Usage::

    from kg.extract.segments import paragraphs, sentences, top_quotes
    for start, end in paragraphs(text):
        quotes = top_quotes(text, start, end)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kg.extract.lexicon import word_set

SPACES = " \t\n\r\u00a0\u202f\u2009"
OPENERS = "«“‘\""
_ABBREVIATIONS = word_set(
    "M Mme Mlle Dr Pr St Mr Mrs Ms Prof Sen Rep Gov Gen Jr Sr Inc Corp Ltd Co No vs etc "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec av apr cf p art")
_SENTENCE_END = re.compile(r"[.!?…]+[»”\"’)\]]*(?=[\s»”\"’]|$)|[»”\"’][.!?…]+")


@dataclass(frozen=True)
class Quote:
    """A top-level quotation: marks at ``start`` and ``end - 1``, words in ``inner``."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    mark: str
    closed: bool


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end) offsets, without surrounding spaces."""
    out = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = strip(text, match.start(), match.end())
        if start < end:
            out.append((start, end))
    return out


def strip(text: str, start: int, end: int, chars: str = SPACES) -> tuple[int, int]:
    """Offsets narrowed past leading and trailing ``chars`` (spaces by default)."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def trim_claim(text: str, start: int, end: int) -> tuple[int, int]:
    """A claim span without spaces, unmatched quote marks, the final stop or a dangling comma."""
    start, end = strip(text, start, end, SPACES + "—–-:,;")
    while True:
        before = (start, end)
        while end > start and text[end - 1] in SPACES + ".,;:":
            if text[end - 1] == "." and re.search(r"(?:\b[A-Z]\.){2,}$", text[start:end]):
                break
            end -= 1
        if end > start and text[end - 1] in "»”\"" and not _balanced_close(text, start, end - 1):
            end -= 1
        if start < end and text[start] in "«“\"" and not _balanced_open(text, start + 1, end):
            start += 1
        start, end = strip(text, start, end)
        if (start, end) == before:
            return start, end


def _balanced_close(text: str, start: int, end: int) -> bool:
    """True when the closing mark at ``end`` has its opening mark inside ``start:end``."""
    segment, mark = text[start:end], text[end]
    if mark == '"':
        return segment.count('"') % 2 == 1
    opener = "«" if mark == "»" else "“"
    return segment.count(opener) > segment.count(mark)


def _balanced_open(text: str, start: int, end: int) -> bool:
    """True when the opening mark before ``start`` is closed inside ``start:end``."""
    segment, mark = text[start:end], text[start - 1]
    if mark == '"':
        return segment.count('"') % 2 == 1
    closer = "»" if mark == "«" else "”"
    return segment.count(closer) > segment.count(mark)


def _is_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in SPACES or before in "([{«“‘—–-/") and after not in SPACES


def _is_closing_single(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalpha()


def top_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Top-level quotations between ``start`` and ``end`` (usually one paragraph)."""
    stack: list[tuple[str, int]] = []
    out: list[Quote] = []

    def close(open_pos: int, mark: str, close_pos: int, closed: bool) -> None:
        inner = strip(text, open_pos + 1, close_pos)
        out.append(Quote(open_pos, close_pos + (1 if closed else 0), inner[0], inner[1],
                         mark, closed))

    for i in range(start, end):
        ch = text[i]
        if ch in "«“":
            stack.append((ch, i))
        elif ch in "»”":
            opener = "«" if ch == "»" else "“"
            if any(m == opener for m, _ in stack):
                while stack:
                    mark, pos = stack.pop()
                    if mark == opener:
                        break
                if not stack:
                    close(pos, mark, i, True)
        elif ch == '"':
            if stack and stack[-1][0] == '"':
                _, pos = stack.pop()
                if not stack:
                    close(pos, '"', i, True)
            elif _is_opening(text, i):
                stack.append(('"', i))
        elif ch == "‘" and _is_opening(text, i):
            stack.append(("‘", i))
        elif ch == "’" and stack and stack[-1][0] == "‘" and _is_closing_single(text, i):
            _, pos = stack.pop()
            if not stack:
                close(pos, "‘", i, True)
    if stack and stack[0][0] in "«“":
        close(stack[0][1], stack[0][0], end, False)
    return sorted(out, key=lambda q: q.start)


def _abbreviation_before(text: str, pos: int) -> bool:
    match = re.search(r"(\w+)\.$", text[max(0, pos - 12):pos + 1])
    if not match:
        return False
    word = match.group(1)
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences between ``start`` and ``end`` as stripped (start, end) offsets."""
    out = []
    current = start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.end()
        nxt = stop
        while nxt < end and text[nxt] in SPACES:
            nxt += 1
        if nxt < end and not (text[nxt].isupper() or text[nxt].isdigit() or
                              text[nxt] in OPENERS + "—–-("):
            continue
        if text[match.start()] == "." and _abbreviation_before(text, match.start()):
            continue
        span = strip(text, current, stop)
        if span[0] < span[1]:
            out.append(span)
        current = stop
    span = strip(text, current, end)
    if span[0] < span[1]:
        out.append(span)
    return out


def is_heading(text: str, start: int, end: int) -> bool:
    """A short line without final punctuation: a crosshead, a caption or a footer."""
    line = text[start:end].strip()
    return bool(line) and line[-1] not in ".!?…»”\"" and len(line.split()) <= 12


def slugify(name: str) -> str:
    """An id made of lower-case ASCII letters, digits and '-'. Usage: ``slugify("Roy Chua")``."""
    name = name.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("ß", "ss")
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "x"
