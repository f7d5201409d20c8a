"""Mutated annotations through the real ``kg ingest``: does any end in a traceback or a hang?

Generates mutants of every annotation kg has (``tests/annotation_mutations.py``: bit flips,
lines deleted or duplicated, control characters, YAML tags, anchors and aliases, scalars
swapped for lists or mappings, emptied values, nan, inf and huge numbers, long strings, any
script, hostile ``text_file`` paths...) and runs ``kg ingest`` on each in-process, SHACL
shapes included, into one embedded store. It prints and writes the counts to
bench/fuzz_annotations.json and the "Annotations" section of docs/FUZZ.md. Usage::

    python bench/fuzz_annotations.py                 # 10 000 mutants, seed 13
    python bench/fuzz_annotations.py --count 500 --no-docs
"""

from __future__ import annotations

from fuzz_report import run_fuzzer  # puts the repository on sys.path

from tests import annotation_mutations


def describe(report: dict) -> str:
    """What the run did, for its section of docs/FUZZ.md."""
    return f"""{report['files']} mutated annotation files, seed {report['seed']}, made from the
{len(report['seeds'])} annotations kg has (`data/annotations/`, `tests/fixtures/mini.yaml`,
`tests/corpus/extract/`, `tests/corpus/sources/annotations/`) by `tests/annotation_mutations.py`:
one to three of bit flips, lines deleted, duplicated, swapped or re-indented, control
characters, YAML tags (`!!python/object`, `!!float`, `!!binary`, local tags), anchors, aliases,
a billion laughs, scalars swapped for lists or mappings, emptied values, nan, inf, 1e999 and
huge integers, strings of up to 100 000 characters, text in twenty scripts, YAML punctuation,
nesting up to 50 000 deep, a second document, directives, truncation and hostile `text_file`
paths (`/etc/passwd`, `/dev/zero`, `../` out of the corpus, a NUL). Each one went through the
real `kg ingest` in-process (the click command `kg` runs, SHACL shapes included, into one
embedded store, errors handled as `kg.cli.main` does)."""


NOTE = """The regular suite runs a fixed sample of 300 mutants of the small seeds
(`tests/test_annotation_fuzz.py`); each rule has its own tests in
`tests/test_annotation_yaml.py`, `tests/test_annotation_text_file.py` and
`tests/test_safe_files.py`."""

if __name__ == "__main__":
    run_fuzzer(__doc__, annotation_mutations, "Annotations", "ingested", describe, NOTE)
