"""Check that an input is article text and tell French from English.

The rule counts frequent function words of each language; a text that is clearly
neither (German, Spanish, a list of numbers) is refused. Usage::

    from kg.extract.language import detect_language, readable_text
    text = readable_text(raw_bytes, "article.txt")
    detect_language(text)   # -> "fr" or "en", or raises UsageError
"""

from __future__ import annotations

import re

from kg.annotation import NOT_TEXT_RE
from kg.errors import UsageError
from kg.extract.lexicon import word_set

SUPPORTED = ("fr", "en")

_FUNCTION_WORDS = {
    "fr": word_set(
    "le la les l de des du d et est un une que qui qu dans pour pas sur au aux avec il elle "
        "nous vous ce cette à en ne se sont ont été par plus ou mais son sa ses leur leurs "
        "comme être a y n c s lui dont où ces"),
    "en": word_set(
    "the of and to in is that it for was on with as are be by this at from have has said "
        "he she they an will would not but which their its his her were been who had or we "
        "you there than also about"),
}
#: Function words of languages that are not supported, to refuse them clearly.
_OTHER_WORDS = {
    "de": word_set(
    "der die das und ist nicht ein eine mit sich auf dem den des zu im von "
                    "sie er es wir auch nach bei wird werden sei hat"),
    "es": word_set(
    "el los las del por con una según para es está son lo al más pero sus "
                    "como muy ha han fue este esta"),
    "it": word_set(
    "della delle degli gli che non per sono nel nella una alla anche come "
                    "è ha hanno questo questa"),
    "nl": word_set("het een van en is niet zijn met voor op aan dat ook bij wordt werd"),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_SHARE = 0.15


def readable_text(content: str | bytes, name: str = "the text") -> str:
    """The content as text, or a one-line UsageError if it is empty, binary or too long.

    Characters that RDF text cannot hold (controls, U+FFFE) become spaces and the line breaks
    other readers disagree on (U+0085, U+2028, U+2029, vertical tab, form feed) newlines, one
    for one, so offsets hold. Usage: ``readable_text(path.read_bytes(), str(path))``.
    """
    if isinstance(content, bytes):
        if b"\x00" in content:
            raise UsageError(f"{name}: binary content, not article text")
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UsageError(f"{name}: not UTF-8 text (binary content?)") from None
    if not content.strip():
        raise UsageError(f"{name}: empty text, nothing to extract")
    if len(content) > MAX_CHARACTERS:
        raise UsageError(f"{name}: {len(content):,} characters; kg extract reads articles of up "
                         f"to {MAX_CHARACTERS:,}".replace(",", " "))
    controls = sum(1 for ch in content if ord(ch) < 32 and ch not in "\n\r\t\f")
    if "\x00" in content or "\ufffd" in content or controls > len(content) / 100:
        raise UsageError(f"{name}: binary content, not article text")
    content = _LINE_BREAKS.sub("\n", content)
    content = NOT_TEXT_RE.sub(" ", content)
    if not content.strip():
        raise UsageError(f"{name}: empty text, nothing to extract")
    return content


#: The longest article kg extract reads (spaCy's own limit is 1 000 000 characters).
MAX_CHARACTERS = 1_000_000
#: Line breaks that YAML and RDF readers treat apart: read as a newline, one for one, so the
#: offsets of what kg writes still hold the text it saved.
_LINE_BREAKS = re.compile("[\x85\u2028\u2029\x0b\x0c]")


def language_scores(text: str) -> dict[str, float]:
    """Share of the words of ``text`` that are function words of each language."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return {lang: 0.0 for lang in SUPPORTED}
    return {lang: sum(w in vocab for w in words) / len(words)
            for lang, vocab in _FUNCTION_WORDS.items()}


def detect_language(text: str, name: str = "the text") -> str:
    """'fr' or 'en' for an article, else a UsageError. Usage: ``detect_language(text)``."""
    scores = language_scores(text)
    best = max(SUPPORTED, key=lambda lang: scores[lang])
    other = min(SUPPORTED, key=lambda lang: scores[lang])
    words = [w.lower() for w in _WORD.findall(text)]
    foreign = max((sum(w in vocab for w in words) / max(1, len(words))
                   for vocab in _OTHER_WORDS.values()), default=0.0)
    if (scores[best] < MIN_SHARE or scores[best] < 1.5 * scores[other]
            or foreign >= scores[best] / 2):
        shares = ", ".join(f"{lang} {scores[lang]:.0%}" for lang in SUPPORTED)
        raise UsageError(
            f"{name}: unsupported language (neither clearly French nor English: "
            f"function words {shares}); give the language (fr or en) to force one"
        )
    return best


def resolve_language(text: str, lang: str, name: str = "the text") -> str:
    """The language to use: ``lang`` if it is 'fr' or 'en', detected if it is 'auto'."""
    if lang == "auto":
        return detect_language(text, name)
    if lang not in SUPPORTED:
        raise UsageError(f"unsupported language '{lang}' (expected auto, fr or en)")
    return lang
