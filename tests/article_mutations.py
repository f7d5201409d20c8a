"""Hostile articles, and the real ``kg extract`` run on each: a fuzzer for issue 13.

The seeds are the article texts kg has (``data/articles/``, ``tests/fixtures/mini.txt``, the
articles of ``tests/corpus/``) and the HTML page of ``tests/fixtures/extract/``. Each mutant is
a seed with one to three mutations drawn by a seeded random generator (the same seed gives the
same mutants): the file emptied or made of punctuation only, NUL and other binary bytes,
invalid UTF-8, UTF-16, a BOM, lines joined into one huge line, one very long word, unbalanced
quotes of every typography, quotes nested up to 1 000 deep, right-to-left, zero-width and other
format characters, odd spaces and line breaks, words in twenty scripts and look-alike letters,
many numbers (up to 2 000, some of thousands of digits), HTML (pages, scripts, comments, deep
nesting, tags in plain text), control characters, chains of speech cues, upper case, sentences
repeated, truncation and bit flips.

Each mutant is given to ``kg extract`` in-process (``tests/fuzz_runner.py``; spaCy's pipelines
load once for the whole run), with the language found (``auto``) or forced (``--lang fr``,
``--lang en``, so that text the language check refuses still reaches the pipeline), its
annotation written to stdout as JSON or YAML, or with ``--out`` to a file that kg reloads.
Used by ``tests/test_article_fuzz.py`` (a fixed sample) and ``bench/fuzz_articles.py`` (the
full run). Usage::

    from tests.article_mutations import run_all, stage
    for mutant, outcome in run_all(stage(tmp_path / "mutants"), 150, 13, tmp_path):
        print(mutant.mutations, outcome.kind, outcome.message)
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from tests import fuzz_runner
from tests.fuzz_runner import CONTROLS, SCRIPTS, Mutant, Outcome, Seed, flip_bits, run_kg

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted([*ROOT.glob("data/articles/*.txt"), ROOT / "tests" / "fixtures" / "mini.txt",
                ROOT / "tests" / "fixtures" / "extract" / "page.html",
                *ROOT.glob("tests/corpus/extract/*.txt"),
                *ROOT.glob("tests/corpus/sources/articles/*.txt"),
                *ROOT.glob("tests/corpus/fr-news/*.txt")])

#: Failures inside kg/extract, which this fuzzer does not fix (the extraction code has its own
#: owner): each is reported, by name, and counted apart. Matched on the outcome's message;
#: remove an entry once its cause is fixed, and the fuzz tests hold kg to it again.
KNOWN_EXTRACT_FAILURES: dict[str, re.Pattern[str]] = {
    # A figure of more than 4 300 digits is parsed into an int that json.dumps (JSON output)
    # or the YAML writer cannot turn back into text: a traceback.
    "figure-digits": re.compile(r"^ValueError: Exceeds the limit \(4300 digits\)"),
    # spaCy refuses texts of more than 1 000 000 characters (its nlp.max_length); nothing in
    # kg/extract checks the length first: a traceback.
    "spacy-max-length": re.compile(r"\[E088\] Text of length \d+ exceeds maximum"),
    # The annotation kg extract writes (--out) does not load back, so the error names the
    # annotation file, not the article: a figure beyond a float (1e400) ...
    "figure-too-large": re.compile(r"figures\[\d+\]\.value: .* is too large a number$"),
    # ... a character that RDF text cannot hold (U+0008, U+000B, U+FFFE), which the article
    # check lets through when there are few of them ...
    "not-a-text-character": re.compile(r": the character U\+[0-9A-F]{4,6} is not allowed in "
                                       r"text$"),
    # ... an entity whose name is empty ...
    "empty-entity-name": re.compile(r"entities\[\d+\]\.name: expected non-empty text$"),
    # ... a statement or a figure naming an entity that is not among the annotation's
    # entities ...
    "entity-missing": re.compile(r"\]: unknown entity '.*' \(not in this file's entities\)$"),
    # ... or a claim whose text holds U+0085 (NEL): PyYAML writes it raw and reads it back as
    # a space, so the offsets no longer hold the text.
    "yaml-nel": re.compile(r"offsets \d+-\d+ do not hold the exact text; the text does not "
                           r"occur in the article$"),
}

#: No cap on sizes: the full run's mutants go up to a million characters.
FULL = 10**9

_QUOTES = ("«", "»", "“", "”", "„", "‟", "‘", "’", "‚", "‛", "‹", "›", '"', "'", "`", "´",
           "「", "」", "『", "』", "〝", "〞", "〟", "＂", "❝", "❞", "❛", "❜", "⹂", "《", "》")
_PAIRS = (("« ", " »"), ("“", "”"), ("‘", "’"), ("„", "“"), ("‹ ", " ›"), ('"', '"'),
          ("'", "'"), ("「", "」"), ("『", "』"), ("〝", "〞"), ("❝", "❞"))
_FORMAT = ("\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c",
           "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u00ad",
           "\u2060", "\u061c", "\u180e", "\u034f", "\ufe0f", "\U000e0041", "\u0301" * 30)
_SPACES = ("\u00a0", "\u202f", "\u2009", "\u3000", "\u2028", "\u2029", "\u0085", "\x0b",
           "\x0c", "\u1680", "\u205f", "\r", "\t")
_LOOK_ALIKES = str.maketrans("aceopxyABCEHKMOPTX", "асеорхуАВСЕНКМОРТХ")  # Latin to Cyrillic
_PUNCTUATION = ".,;:!?…—–-«»“”‘’\"'()[]{}<>/\\|@#$%^&*_+=~`"
_NUMBERS = ("5,6 millions de dollars", "1 234 567", "12 %", "3e10", "1e999", "9" * 5000,
            "-0", "½", "Ⅻ", "١٢٣", "１２３", "10^400", "0,000000001", "1.2.3.4", "2025-01-27",
            "27/01/2025", "12h30", "$5.6bn", "5,6 Md€", "5 600 000 000 000 000 000 000 $",
            "1" + "0" * 400, "-273,15 °C", "3 000 milliards de milliards", "2 000 processeurs",
            "0x1F", "۵٫۶", "1/0", "NaN", "∞", "1 000 000 000 000 000 000 000 000 000 000 000")
_CUES = ("selon {n}, ", "« {s} », a dit {n}. ", "{n} : « {s} » ", "— {s}, dit {n}.\n",
         "{n} a affirmé que {s}. ", "{n} said: \"{s}\" ", "According to {n}, {s}. ",
         "{n}, {n}, {n} et {n} ont déclaré : ")
_NAMES = ("Jean Dupont", "M.", "Marie-Claire Le Pen-Dupont", "ELLE", "le ministre",
          "Ли Вэй", "محمد", "X", "Dr. A. B. C. D. Smith", "la rédaction")
_HTML = ("<html><body><p>{t}</p></body></html>", "<!doctype html><html>{t}",
         "<html><head><script>alert(1)</script></head><body><article>{t}</article></body>"
         "</html>", "<html><body><!-- {t} --></body></html>", "<html><body></body></html>",
         "<html><body><div><div>{t}", "<p>{t}</p>", "<b>{t}", "{t}<script>x</script>",
         "<html><body><article><p>{t}</p><p>&amp;&lt;&#0;&#x110000;&#xD800;&bogus;</p>"
         "</article></body></html>", "<html><body>" + "<div>" * 5000 + "{t}</body></html>",
         "<html><body><p title=\"" + "x" * 100_000 + "\">{t}</p></body></html>",
         "<html><svg><foreignObject><p>{t}</p></foreignObject></svg></html>")


def stage(folder: Path, max_bytes: int | None = None) -> list[Seed]:
    """A seed for each article (only those of at most ``max_bytes``, if given); its mutants are
    written in ``folder`` with the seed's name and suffix."""
    folder.mkdir(parents=True, exist_ok=True)
    return [Seed(source, source.read_text(encoding="utf-8"), folder / source.name)
            for source in SEEDS if max_bytes is None or source.stat().st_size <= max_bytes]


def known_failure(outcome: Outcome) -> str | None:
    """The name of the known kg/extract failure an outcome is, if it is one."""
    if outcome.kind == "ok":
        return None
    return next((name for name, pattern in KNOWN_EXTRACT_FAILURES.items()
                 if pattern.search(outcome.message)), None)


def run_extract(path: Path, options: tuple[str, ...]) -> Outcome:
    """``kg extract [OPTIONS] PATH`` in-process (see ``tests/fuzz_runner.py``)."""
    return run_kg(["extract", *options, str(path)])


def run_all(seeds: list[Seed], count: int, seed: int, folder: Path, cap: int = FULL
            ) -> Iterator[tuple[Mutant, Outcome]]:
    """Each of ``count`` mutants (sizes at most ``cap``) and what ``kg extract`` did with it;
    the options (language, output) are drawn with the mutant and named last in its
    mutations."""
    out = folder / "annotations" / "out.yaml"
    for mutant in generate(seeds, count, seed, cap):
        options = tuple(mutant.mutations[-1].removeprefix("kg extract ").split()) \
            if mutant.mutations[-1].startswith("kg extract") else ()
        options = tuple(str(out) if option == "OUT" else option for option in options)
        yield mutant, run_extract(mutant.write(), options)


# --------------------------------------------------------------------------------------------
# Mutations of the text: each takes the text and the generator, returns the new text and
# what it did
# --------------------------------------------------------------------------------------------


def _size(rng: random.Random, cap: int, sizes: tuple[int, ...],
          weights: tuple[int, ...] | None = None) -> int:
    """A size (characters, repeats, depth) drawn from ``sizes``, at most ``cap``."""
    return min(cap, rng.choices(sizes, weights)[0])


def _at(text: str, rng: random.Random) -> int:
    return rng.randint(0, len(text))


def _insert_many(text: str, rng: random.Random, pieces: tuple[str, ...], count: int) -> str:
    for _ in range(count):
        at = _at(text, rng)
        text = text[:at] + rng.choice(pieces) + text[at:]
    return text


def _empty(text: str, rng: random.Random, cap: int) -> tuple[str, str]:
    value = rng.choice(("", " ", "\n\n\n", "\ufeff", "\t\x0c\x0b", "\u00a0\u2003\u3000",
                        "\u200b", "\u2028", ".", "«»", "a", "Le.", "The", "« »"))
    return value, f"whole file {value!r}"


def _punctuation_only(text: str, rng: random.Random, cap: int) -> tuple[str, str]:
    size = _size(rng, cap, (10, 1_000, 10_000), (4, 3, 1))
    value = "".join(rng.choice(_PUNCTUATION + " \n") for _ in range(size))
    return value, f"punctuation only, {size} characters"


def _huge_line(text: str, rng: random.Random, cap: int) -> tuple[str, str]:
    size = _size(rng, cap, (20_000, 50_000, 1_000_001), (6, 3, 1))
    line = " ".join(text.split())
    return (line + " ") * (size // (len(line) + 1) + 1), f"one line of {size}+ characters"


def _long_word(text: str, rng: random.Random, cap: int) -> tuple[str, str]:
    size = _size(rng, cap, (1_000, 100_000), (6, 1))
    word = rng.choice(("a", "é", "Nvidia", "-", "1", "🙂", "\u0301"))
    at = _at(text, rng)
    return text[:at] + word * (size // len(word)) + text[at:], f"a word of {size} {word!r}"


def _unbalanced_quotes(text: str, rng: random.Random, cap: int) -> tuple[str, str]:
    kind = rng.choice(("insert", "drop-closing", "drop-opening", "swap"))
    if kind == "insert":
        count = _size(rng, cap, (1, 5, 50))
        return _insert_many(text, rng, _QUOTES, count), f"{count} stray quote marks"
    if kind == "drop-closing":
        return re.sub(r"[»”’›」』〞❞\"]", "", text), "closing quotes removed"
    if kind == "drop-opening":
        return re.sub(r"[«“‘‹「『〝❝„]", "", text), "opening quotes removed"
    return text.translate(str.maketrans("«»“”‘’", "»«”“’‘")), "quotes turned around"


def _nested_quotes(text: str, rng: random.Random, cap: int) -> tuple[str, str]:
    depth = _size(rng, cap, (5, 50, 300, 1_000), (4, 3, 2, 1))
    opening = "".join(f"{rng.choice(_NAMES)} a dit {_PAIRS[i % len(_PAIRS)][0]}"
                      for i in range(depth))
    closing = "".join(_PAIRS[i % len(_PAIRS)][1] for i in reversed(range(depth)))
    if rng.random() < 0.3:
        closing = closing[: len(closing) // 2]
    at = _at(text, rng)
    return text[:at] + opening + "bonjour" + closing + ". " + text[at:], \
        f"quotes nested {depth} deep"


def _format_characters(text: str, rng: random.Random, cap: int) -> tuple[str, str]:
    if rng.random() < 0.3:
        char = rng.choice(_FORMAT)
        return char.join(text.split(" ")), f"{char[:1]!r} between all words"
    count = _size(rng, cap, (1, 10, 200))
    return _insert_many(text, rng, _FORMAT, count), f"{count} format characters"


def _spaces(text: str, rng: random.Random, cap: int) -> tuple[str, str]:
    space = rng.choice(_SPACES)
    if rng.random() < 0.5:
        return text.replace(" ", space), f"every space {space!r}"
    return text.replace("\n", space), f"every line break {space!r}"


def _scripts(text: str, rng: random.Random, cap: int) -> tuple[str, str]:
    kind = rng.choice(("insert", "look-alike", "sentence"))
    if kind == "insert":
        count = _size(rng, cap, (1, 10, 100))
        return _insert_many(text, rng, tuple(f" {w} " for w in SCRIPTS), count), \
            f"{count} words of other scripts"
    if kind == "look-alike":
        return text.translate(_LOOK_ALIKES), "Cyrillic look-alike letters"
    sentence = " ".join(rng.choice(SCRIPTS) for _ in range(30))
    at = _at(text, rng)
    return text[:at] + f" « {sentence} », a dit {rng.choice(_NAMES)}. " + text[at:], \
        "a quotation in mixed scripts"


def _numbers(text: str, rng: random.Random, cap: int) -> tuple[str, str]:
    count = _size(rng, cap, (1, 10, 100, 300, 1_000), (16, 10, 6, 2, 1))
    pieces = tuple(f" {n} " for n in _NUMBERS)
    if rng.random() < 0.5:
        return _insert_many(text, rng, pieces, min(count, 200)), f"{min(count, 200)} numbers"
    figures = " ".join(f"{rng.choice(_NAMES)} a dit que le coût est de {rng.choice(_NUMBERS)}."
                       for _ in range(count))
    return text + "\n\n" + figures, f"{count} sentences with figures"


def _html(text: str, rng: random.Random, cap: int) -> tuple[str, str]:
    template = rng.choice(_HTML)
    body = text.replace("\n\n", "</p><p>") if rng.random() < 0.5 else text
    return template.replace("{t}", body), f"HTML {template[:40]!r}"


def _controls(text: str, rng: random.Random, cap: int) -> tuple[str, str]:
    count = _size(rng, cap, (1, 5, max(1, len(text) // 100), len(text) // 20 + 1))
    pieces = (*CONTROLS, "\x1b[31m", "\x08" * 10)
    return _insert_many(text, rng, pieces, count), f"{count} control characters"


def _cues(text: str, rng: random.Random, cap: int) -> tuple[str, str]:
    count = _size(rng, cap, (10, 100, 500), (5, 3, 1))
    sentence = rng.choice(("le budget a doublé", "c'est faux", "prices rose 12%", ""))
    chain = "".join(rng.choice(_CUES).format(n=rng.choice(_NAMES), s=sentence)
                    for _ in range(count))
    at = _at(text, rng)
    return text[:at] + chain + text[at:], f"{count} speech cues in a row"


def _lines(text: str, rng: random.Random, cap: int) -> tuple[str, str]:
    kind = rng.choice(("cr", "crlf", "blank", "word-per-line", "repeat", "shuffle", "upper"))
    if kind == "cr":
        return text.replace("\n", "\r"), "CR line ends"
    if kind == "crlf":
        return text.replace("\n", "\r\n"), "CRLF line ends"
    if kind == "blank":
        return text.replace("\n", "\n" * _size(rng, cap, (3, 1_000))), "blank lines"
    if kind == "word-per-line":
        return "\n".join(text.split()), "one word per line"
    if kind == "repeat":
        sentences = re.split(r"(?<=[.!?])\s+", text)
        chosen = rng.choice(sentences)
        return text + (" " + chosen) * _size(rng, cap, (10, 100)), "a sentence repeated"
    if kind == "shuffle":
        paragraphs = text.split("\n")
        rng.shuffle(paragraphs)
        return "\n".join(paragraphs), "lines shuffled"
    return text.upper(), "upper case"


def _truncate(text: str, rng: random.Random, cap: int) -> tuple[str, str]:
    at = _at(text, rng)
    return text[:at], f"truncated at {at}"


_TEXT_MUTATIONS = (_empty, _punctuation_only, _huge_line, _long_word, _unbalanced_quotes,
                   _nested_quotes, _format_characters, _spaces, _scripts, _numbers, _html,
                   _controls, _cues, _lines, _truncate)
#: How often each mutation is drawn: the slow ones (huge lines, many figures) less often.
_WEIGHTS = (3, 3, 1, 3, 6, 5, 6, 4, 6, 4, 5, 5, 4, 5, 3)


def _encode(text: str, rng: random.Random, done: list[str]) -> bytes:
    kind = rng.choices(("utf-8", "bom", "utf-16", "latin-1", "invalid", "nul", "binary"),
                       weights=(85, 3, 2, 3, 3, 2, 2))[0]
    if kind != "utf-8":
        done.append(f"encoding {kind}")
    data = text.encode("utf-8")
    if kind == "utf-8":
        return data
    if kind == "bom":
        return b"\xef\xbb\xbf" + data
    if kind == "utf-16":
        return text.encode("utf-16")
    if kind == "latin-1":
        return text.encode("latin-1", "replace")
    at = rng.randint(0, len(data))
    if kind == "invalid":
        return data[:at] + rng.choice((b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80",
                                       b"\xc0\xaf", b"\x80", b"\xf4\x90\x80\x80")) + data[at:]
    if kind == "nul":
        return data[:at] + b"\x00" + data[at:]
    return bytes(rng.randrange(256) for _ in range(rng.choice((16, 4096))))  # binary


def _options(rng: random.Random) -> str:
    lang = rng.choices(("", "--lang fr ", "--lang en "), weights=(2, 1, 1))[0]
    output = rng.choice(("--format json", "--format yaml", "--out OUT"))
    return f"kg extract {lang}{output}"


def mutate(text: str, rng: random.Random, cap: int = FULL) -> tuple[bytes, tuple[str, ...]]:
    """``text`` with one to three mutations, then the options of ``kg extract`` (the last
    item, with ``OUT`` for the annotation file); the bytes and what was done. Sizes (of
    lines, words, runs, nesting) are at most ``cap``."""
    done: list[str] = []
    for _ in range(rng.choices((1, 2, 3), weights=(6, 3, 1))[0]):
        text, what = rng.choices(_TEXT_MUTATIONS, weights=_WEIGHTS)[0](text, rng, cap)
        done.append(what)
    data = _encode(text, rng, done)
    if rng.random() < 0.05 and data:
        data, what = flip_bits(data, rng)
        done.append(what)
    done.append(_options(rng))
    return data, tuple(done)


def generate(seeds: list[Seed], count: int, seed: int, cap: int = FULL) -> Iterator[Mutant]:
    """``count`` mutants, the seeds taken in turn, sizes at most ``cap``; the same ``seed``
    gives the same mutants."""
    return fuzz_runner.generate(seeds, count, seed, partial(mutate, cap=cap))
