"""Score `kg extract` on folders of gold annotations (French corpus, test articles, seed).

Each gold annotation's text is extracted with the article's language and scored with
:func:`kg.evaluate.evaluate`, as ``kg eval`` does; counts are summed over the folder
(micro-averaged). Besides ``kg eval``'s numbers it reports the speaker accuracy on
attributed statements (gold kind other than ``assertion``), the measure issue 14 sets.
Usage::

    python bench/eval_corpus.py tests/corpus/fr-news            # one line per article + total
    python bench/eval_corpus.py tests/corpus/fr-news --json out.json --quiet
    python bench/eval_corpus.py data/annotations/deepseek-stargate-mwl.yaml --misses
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from kg.annotation import load_annotation
from kg.evaluate import evaluate
from kg.extract.pipeline import extract_many
from kg.model import AnnotatedArticle


def gold_files(paths: list[str]) -> list[Path]:
    """Every annotation file named or inside the folders named, sorted."""
    out: list[Path] = []
    for name in paths:
        path = Path(name)
        out.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return out


def score(gold: AnnotatedArticle, predicted: AnnotatedArticle) -> tuple[Counter, dict]:
    """Counts for one article and its debugging lists."""
    report = evaluate(predicted, gold)
    kinds = {c.id: c.kind for c in gold.claims}
    wrong = {w.gold_id for w in report.wrong_speakers}
    attributed = [m for m in report.matches if kinds[m.gold_id] != "assertion"]
    counts = Counter(
        gold=report.gold_claims, predicted=report.predicted_claims,
        matched=report.matched_claims, speakers=report.speakers_correct,
        gold_attributed=sum(1 for k in kinds.values() if k != "assertion"),
        matched_attributed=len(attributed),
        speakers_attributed=sum(1 for m in attributed if m.gold_id not in wrong),
        direct=report.direct_quotes, direct_ok=report.direct_quotes_correct,
        gold_figures=report.gold_figures, matched_figures=report.matched_figures,
        figures_ok=report.figures_correct)
    misses = {"unmatched_gold": [(r.id, r.text[:90]) for r in report.unmatched_gold],
              "unmatched_predicted": [(r.id, r.text[:90]) for r in report.unmatched_predicted],
              "wrong_speakers": [(w.gold_id, w.kind, w.gold_names, w.predicted_names)
                                 for w in report.wrong_speakers],
              "figure_misses": [(f.text, f.expected_value, f.expected_unit, f.predicted_value,
                                 f.predicted_unit) for f in report.figure_misses]}
    return counts, misses


def ratios(c: Counter) -> dict[str, float | None]:
    """The published ratios of a count table (``None`` when nothing to count)."""
    def r(a: str, b: str) -> float | None:
        return round(c[a] / c[b], 3) if c[b] else None
    return {"claim_recall": r("matched", "gold"), "claim_precision": r("matched", "predicted"),
            "speaker_accuracy": r("speakers", "matched"),
            "attributed_recall": r("matched_attributed", "gold_attributed"),
            "attributed_speaker_accuracy": r("speakers_attributed", "matched_attributed"),
            "direct_quote_speaker_accuracy": r("direct_ok", "direct"),
            "figure_recall": r("matched_figures", "gold_figures"),
            "figure_value_unit_accuracy": r("figures_ok", "matched_figures")}


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--json", help="write totals and per-article counts here")
    parser.add_argument("--misses", action="store_true", help="print what was missed")
    parser.add_argument("--quiet", action="store_true", help="print the total only")
    args = parser.parse_args(argv)
    files = gold_files(args.paths)
    golds = [load_annotation(f) for f in files]
    predicted = extract_many([{"text": g.article.text, "lang": g.article.language}
                              for g in golds])
    total: Counter = Counter()
    rows = {}
    for path, gold, pred in zip(files, golds, predicted, strict=True):
        counts, misses = score(gold, pred)
        total.update(counts)
        rows[path.stem] = {**dict(counts), **ratios(counts)}
        if not args.quiet:
            print(path.stem, json.dumps(ratios(counts)))
        if args.misses:
            for key, items in misses.items():
                for item in items:
                    print("   ", key, item)
    result = {"articles": len(files), "counts": dict(total), **ratios(total)}
    print("TOTAL", json.dumps(result))
    if args.json:
        Path(args.json).write_text(json.dumps({"total": result, "articles": rows}, indent=1,
                                              sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
