"""Mutated ClaimReview files through the real ``kg import``: does any end in a traceback, a hang,
an error on several lines or one that does not name the file?

Generates mutants of the ClaimReview files kg has (``tests/claimreview_mutations.py``: JSON
syntax broken, wrong types, missing and empty fields, huge and non-finite numbers, deep
nesting, long strings, any script, HTML and scripts in text, shared ids, bad dates, bad URLs,
JSON-LD keywords and contexts, encodings, HTML pages...) and runs ``kg import`` on each
in-process, on a store holding the seed article. It prints the counts and writes them to
bench/fuzz_claimreview.json and the "ClaimReview" section of docs/FUZZ.md. Options: --count
(10 000 mutants unless given), --seed (13), --no-docs (a trial run, nothing written).
"""

from __future__ import annotations

from fuzz_report import run_fuzzer  # puts the repository on sys.path

from tests import claimreview_mutations


def describe(report: dict) -> str:
    """What the run did, for its section of docs/FUZZ.md."""
    return f"""{report['files']} mutated ClaimReview files, seed {report['seed']}, made from
the {len(report['seeds'])} ClaimReview files kg has (`tests/fixtures/claimreview/`: a list, a
`@graph`, an HTML page with two ld+json blocks, kg's own export) by
`tests/claimreview_mutations.py`: one to three of wrong types, keys deleted, values emptied,
huge, negative and non-finite numbers (`1e999`, `NaN`, 5 000 digits), nesting up to 100 000
deep, strings of up to a million characters, text in twenty scripts, HTML, scripts and SPARQL
in text, lone surrogates, one `@id` on several nodes, bad dates, bad URLs and IRIs (kg's own
among them), JSON-LD keywords and contexts, types swapped, a review repeated up to 200 times,
kg's internal order key; or the text broken (characters deleted or inserted, truncation,
comments, quotes, trailing commas, duplicate keys, control characters, a BOM, UTF-16, invalid
UTF-8, NUL bytes, bit flips, the `<script>` tags of the HTML page). Each one went through the
real `kg import` in-process (the click command `kg` runs, errors handled as `kg.cli.main`
does) into an embedded store holding the seed article, made afresh every
{claimreview_mutations.RESET_EVERY} files."""


if __name__ == "__main__":
    run_fuzzer(__doc__, claimreview_mutations, "ClaimReview", "imported", describe,
               "The regular suite runs a fixed sample of 150 mutants "
               "(`tests/test_claimreview_fuzz.py`), with a regression test for each kind of "
               "failure the full run found.")
