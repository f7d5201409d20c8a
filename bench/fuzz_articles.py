"""Hostile articles through the real ``kg extract``: does any end in a traceback, a hang, an
error on several lines or one that does not name the article?

Generates mutants of the article texts kg has (``tests/article_mutations.py``: empty files,
punctuation only, binary and NUL bytes, invalid UTF-8, huge lines, unbalanced and deeply
nested quotes of every typography, right-to-left and zero-width characters, mixed scripts,
many numbers, HTML...) and runs ``kg extract`` on each in-process (spaCy's pipelines load
once), the language found or forced, the annotation written as JSON, as YAML or to a file
that kg reloads. Failures already known in kg/extract (``KNOWN_EXTRACT_FAILURES``) are
counted apart. It prints the counts and writes them to bench/fuzz_articles.json and the
"Articles" section of docs/FUZZ.md. Options: --count (2 000 mutants unless given, about
15 minutes on 2 cores), --seed (13), --no-docs (a trial run, nothing written).
"""

from __future__ import annotations

from fuzz_report import run_fuzzer  # puts the repository on sys.path

from tests import article_mutations

#: How many articles the full run mutates by default: what fits in about 15 minutes here.
COUNT = 2_000


def describe(report: dict) -> str:
    """What the run did, for its section of docs/FUZZ.md."""
    return f"""{report['files']} hostile articles, seed {report['seed']}, made from
the {len(report['seeds'])} article texts kg has (`data/articles/`, `tests/fixtures/mini.txt`,
`tests/fixtures/extract/page.html`, `tests/corpus/extract/`, `tests/corpus/sources/articles/`,
`tests/corpus/fr-news/`) by `tests/article_mutations.py`: one to three of the file emptied or
made of punctuation only, NUL and random bytes, invalid UTF-8, UTF-16, a BOM, all lines joined
into one line of up to a million characters, a word of up to 100 000 characters, unbalanced
quotes of 31 typographies, quotes nested up to 1 000 deep, right-to-left, zero-width and other
format characters, odd spaces and line breaks, words in twenty scripts, Cyrillic look-alike
letters, up to 1 000 sentences with figures (some of 5 000 digits), HTML pages (scripts,
comments, 5 000 nested `div`s, a 100 000-character attribute) and tags in plain text, control
characters, up to 500 speech cues in a row, upper case, repeated sentences and truncation.
Each one went through the real `kg extract` in-process (the click command `kg` runs, errors
handled as `kg.cli.main` does; spaCy's pipelines loaded once), the language found or forced
with `--lang fr` or `--lang en` (so that text the language check refuses still reaches the
pipeline), the annotation written as JSON, as YAML, or with `--out` to a file kg reloads."""


NOTE = """The known failures are in kg/extract, named in `KNOWN_EXTRACT_FAILURES` of
`tests/article_mutations.py` (see the notes below). The regular suite runs a fixed sample of
150 mutants of the small articles, sizes capped at 50 (`tests/test_article_fuzz.py`)."""

if __name__ == "__main__":
    run_fuzzer(__doc__, article_mutations, "Articles", "extracted", describe, NOTE, count=COUNT)
