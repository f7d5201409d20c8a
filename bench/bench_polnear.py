"""Run kg's extractor on PolNeAR train or dev and score it against the gold attributions.

Reads the local copy named by ``POLNEAR_DIR`` (see bench/polnear.py), extracts every article
with ``extract_many(texts, lang="en")``, and prints the metrics of bench/polnear_score.py,
the counts by kind of gold attribution and the misses, with a few examples of each (the
examples are corpus text: they go to the terminal only). ``--json`` saves the numbers;
``--docs`` writes them, with the data and the machine, into docs/POLNEAR.md under a heading
made from ``--label`` (a later run with another label adds a section; the same label
replaces its own). Usage::

    python bench/bench_polnear.py --split dev
    python bench/bench_polnear.py --split train --limit 50 --samples 10
    python bench/bench_polnear.py --split dev --json /tmp/dev.json --docs --label "after X"
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from polnear import SPLITS, Split, polnear_dir, read_split  # noqa: E402
from polnear_score import kind_conflicts, predictions, score  # noqa: E402

DOC = ROOT / "docs" / "POLNEAR.md"
PUBLISHED = (("CRF", 28.6), ("BiLSTM-CRF", 59.0), ("BERT", 68.9), ("BERT-Cofe", 72.9))
TARGETS = {"recall": 0.75, "precision": 0.85, "named_speaker_accuracy": 0.90}


def main(argv: list[str] | None = None) -> int:
    """Command line entry. Usage: ``main(["--split", "dev", "--limit", "5"])``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    parser.add_argument("--json", type=Path, default=None, help="write the numbers here")
    parser.add_argument("--docs", action="store_true", help="write the numbers to POLNEAR.md")
    parser.add_argument("--label", default="latest run", help="heading of the docs section")
    parser.add_argument("--samples", type=int, default=5, help="examples per kind of miss")
    parser.add_argument("--jobs", type=int, default=1, help="extraction processes")
    args = parser.parse_args(argv)

    split = read_split(args.split)
    documents = split.documents[:args.limit] if args.limit else split.documents
    _print_data(split, len(documents))

    from kg.extract.pipeline import extract_many

    started = time.perf_counter()
    annotated = extract_many([d.text for d in documents], lang="en", jobs=args.jobs)
    seconds = time.perf_counter() - started
    result = score(documents, [predictions(a) for a in annotated], samples=args.samples)
    report: dict[str, Any] = {
        "label": args.label, "date": datetime.date.today().isoformat(),
        "data": {"split": args.split, "documents": len(documents),
                 "documents_in_split": len(split.documents),
                 "attributions": sum(len(d.attributions) for d in documents),
                 "parse_problems": len(split.problems),
                 "offset_mismatches": split.offset_mismatches,
                 "spans_checked": split.spans_checked},
        "machine": _machine(), "kg": _kg_version(), "extraction_seconds": round(seconds, 1),
        "kind_claimant_conflicts": sum(kind_conflicts(a) for a in annotated),
        "metrics": result.metrics(),
    }
    _print_report(report, result.samples)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.docs:
        write_docs(DOC, report)
        print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


def _print_data(split: Split, used: int) -> None:
    attributions = sum(len(d.attributions) for d in split.documents)
    print(f"PolNeAR {split.name} from {polnear_dir()}: {len(split.documents)} documents "
          f"({split.annotation_files} annotation files), {attributions} attributions, "
          f"{split.spans_checked} spans checked, {split.offset_mismatches} offset mismatches; "
          f"scoring {used} documents")
    for kind, count in Counter(p.kind for p in split.problems).most_common():
        print(f"  problem: {kind}: {count}")


def _print_report(report: dict[str, Any], samples: dict[str, list[str]]) -> None:
    m = report["metrics"]
    print(f"\nextraction: {report['extraction_seconds']} s; {m['predicted_claims']} claims, "
          f"{m['predicted_attributed']} attributed ({m['attributed_without_claimant_name']} "
          f"with no claimant name); kind/claimant conflicts: {report['kind_claimant_conflicts']}")
    print(f"attributed-content recall  {m['recall']:.3f}  ({m['found']}/{m['gold_attributions']})")
    print(f"attributed-claim precision {m['precision']:.3f}  "
          f"({m['predicted_right']}/{m['predicted_attributed']})")
    print(f"named-speaker accuracy     {m['named_speaker_accuracy']:.3f}  "
          f"({m['named_right']}/{m['named_found']})")
    e = m["exact"]
    print(f"exact-match content        P {e['precision']:.3f}  R {e['recall']:.3f}  "
          f"F1 {e['f1']:.3f}  ({e['gold_matched']}/{e['gold_pieces']} gold pieces, "
          f"{e['predicted_matched']}/{e['predicted_spans']} predicted spans)")
    for title, key in (("by kind of gold attribution", "by_bucket"),
                       ("by publisher", "by_publisher")):
        print(f"\n{title}:")
        for name, row in m[key].items():
            print(f"  {name:<22} {row['found']:>5}/{row['gold']:<5} {row['recall']:.3f}")
    for title, key in (("missed gold attributions", "misses"),
                       ("attributed claims matching no gold content", "wrong_claims")):
        print(f"\n{title}:")
        for name, count in m[key].items():
            print(f"  {name}: {count}")
    for key, lines in sorted(samples.items()):
        print(f"\nexamples, {key}:")
        for line in lines:
            print(f"  {line}")


def write_docs(path: Path, report: dict[str, Any]) -> None:
    """Put the report's section into ``path`` between its markers (added if absent).

    Usage: ``write_docs(Path("docs/POLNEAR.md"), report)``.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", report["label"].lower()).strip("-")
    begin, end = f"<!-- polnear-results:{slug}:begin -->", f"<!-- polnear-results:{slug}:end -->"
    section = f"{begin}\n{render(report)}{end}"
    old = path.read_text(encoding="utf-8") if path.exists() else "# PolNeAR\n"
    if begin in old and end in old:
        new = old[:old.index(begin)] + section + old[old.index(end) + len(end):]
    else:
        new = old.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(new, encoding="utf-8")


def render(report: dict[str, Any]) -> str:
    """The Markdown of one run: numbers only, no corpus text. Usage: ``render(report)``."""
    m, d, machine, kg = report["metrics"], report["data"], report["machine"], report["kg"]
    e = m["exact"]
    subset = (f"the first {d['documents']} of {d['documents_in_split']}"
              if d["documents"] != d["documents_in_split"] else f"all {d['documents']}")
    dirty = f", with local changes in {kg['dirty']}" if kg["dirty"] else ""
    lines = [
        f"### PolNeAR {d['split']}: {report['label']}", "",
        f"Run of {report['date']} on kg {kg['commit']}{dirty}. Data: PolNeAR `{d['split']}`, "
        f"{subset} documents, {d['attributions']} gold attributions "
        f"({d['spans_checked']} spans checked, {d['offset_mismatches']} offset mismatches, "
        f"{d['parse_problems']} parse problems reported). Machine: {machine['arch']}, "
        f"{machine['cores']} cores, Python {machine['python']}, spaCy {machine['spacy']}. "
        f"Extraction: {report['extraction_seconds']} s for the batch "
        f"(`extract_many(texts, lang=\"en\")`), {m['predicted_claims']} claims of which "
        f"{m['predicted_attributed']} attributed ({m['attributed_without_claimant_name']} "
        f"with no claimant name); {report['kind_claimant_conflicts']} claims whose kind and "
        "claimants disagree.", "",
        "| Metric | Value | Counts | Target (issue 14) |", "|---|---:|---:|---:|",
        f"| Attributed-content recall | {m['recall']:.3f} | {m['found']}/{m['gold_attributions']}"
        f" | ≥ {TARGETS['recall']:.2f} |",
        f"| Precision of attributed claims | {m['precision']:.3f} | {m['predicted_right']}/"
        f"{m['predicted_attributed']} | ≥ {TARGETS['precision']:.2f} |",
        f"| Named-speaker accuracy | {m['named_speaker_accuracy']:.3f} | {m['named_right']}/"
        f"{m['named_found']} | ≥ {TARGETS['named_speaker_accuracy']:.2f} |",
        f"| Exact-match content P / R / F1 | {e['precision']:.3f} / {e['recall']:.3f} / "
        f"{e['f1']:.3f} | {e['gold_matched']}/{e['gold_pieces']} gold, {e['predicted_matched']}"
        f"/{e['predicted_spans']} predicted | reported |", "",
        "Exact-match content F1 beside the published table (CofeNet, Wang et al., COLING 2022,"
        " as quoted in issue 14: PolNeAR test set, token spans; ours: dev, trimmed character "
        "spans as defined above, so the comparison is indicative only):", "",
        "| System | Content exact-match F1 |", "|---|---:|",
        *[f"| {name} (published) | {value:.1f} |" for name, value in PUBLISHED],
        f"| kg extract ({d['split']}) | {100 * e['f1']:.1f} |", "",
        "By kind of gold attribution:", "",
        "| Gold attribution | Gold | Found | Recall |", "|---|---:|---:|---:|",
        *[f"| {k} | {v['gold']} | {v['found']} | {v['recall']:.3f} |"
          for k, v in m["by_bucket"].items()], "",
        "Missed gold attributions, by what kg made of their content:", "",
        "| Miss | Count |", "|---|---:|",
        *[f"| {k} | {v} |" for k, v in m["misses"].items()], "",
        "Attributed claims that match no gold content:", "",
        "| Wrong claim | Count |", "|---|---:|",
        *[f"| {k} | {v} |" for k, v in m["wrong_claims"].items()], "",
        "Recall by publisher:", "",
        "| Publisher | Gold | Found | Recall |", "|---|---:|---:|---:|",
        *[f"| {k} | {v['gold']} | {v['found']} | {v['recall']:.3f} |"
          for k, v in m["by_publisher"].items()], "",
    ]
    return "\n".join(lines) + "\n"


def _machine() -> dict[str, Any]:
    import spacy

    return {"arch": platform.machine(), "cores": os.cpu_count(),
            "python": platform.python_version(), "spacy": spacy.__version__}


def _kg_version() -> dict[str, str]:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=False).stdout

    changed = [line[3:] for line in git("status", "--porcelain", "--", "kg").splitlines()]
    return {"commit": git("rev-parse", "--short", "HEAD").strip(), "dirty": ", ".join(changed)}


if __name__ == "__main__":
    sys.exit(main())
