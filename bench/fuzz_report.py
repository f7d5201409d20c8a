"""What kg's fuzz scripts share: their options and main loop, the counting of outcomes, the
JSON report and the rewrite of their section of docs/FUZZ.md (issue 13).

``bench/fuzz_annotations.py``, ``bench/fuzz_claimreview.py`` and ``bench/fuzz_articles.py``
each hand :func:`run_fuzzer` a mutations module of ``tests/`` (its ``SEEDS``, ``stage`` and
``run_all``, which runs each mutant through ``tests/fuzz_runner.run_kg``) and the Markdown of
their section; the outcomes are counted by a :class:`Tally`. The SPARQL fuzzers use
:func:`machine` and :func:`replace_section`. Usage::

    from tests import claimreview_mutations
    run_fuzzer(__doc__, claimreview_mutations, "ClaimReview", "imported", describe, NOTE)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.errors import one_line  # noqa: E402
from tests.fuzz_runner import HANG_SECONDS  # noqa: E402

DOC = ROOT / "docs" / "FUZZ.md"
#: How many failures of each kind the JSON report keeps as examples.
EXAMPLES = 10


def arguments(doc: str | None, count: int, seed: int = 13) -> argparse.Namespace:
    """The options every fuzz script takes: --count, --seed, --no-docs (a trial run)."""
    parser = argparse.ArgumentParser(description=(doc or "").split("\n")[0])
    parser.add_argument("--count", type=int, default=count, help=f"mutants (default {count})")
    parser.add_argument("--seed", type=int, default=seed, help=f"random seed (default {seed})")
    parser.add_argument("--no-docs", action="store_true",
                        help="a trial run: print the counts, write neither the JSON report "
                             "nor docs/FUZZ.md")
    return parser.parse_args()


def run_fuzzer(doc: str | None, mutations: ModuleType, title: str, ok: str,
               describe: Callable[[dict[str, Any]], str], note: str,
               count: int = 10_000) -> None:
    """The main of a fuzz script ``bench/fuzz_KIND.py``: parse the options, run ``count``
    mutants of ``mutations`` (a module of ``tests/`` with ``SEEDS``, ``stage(folder)``,
    ``run_all(seeds, count, seed, folder)`` and maybe ``known_failure(outcome)``) in a
    temporary folder and count them; then :func:`publish` the report to
    ``bench/fuzz_KIND.json`` and the ``fuzz-KIND`` section of docs/FUZZ.md: ``title``, what
    was run (``describe(report)``), when and where, the outcomes (``ok``: what a good run
    did, "imported"), and ``note``."""
    args = arguments(doc, count)
    tally = Tally()
    known = getattr(mutations, "known_failure", lambda outcome: None)
    with tempfile.TemporaryDirectory() as tmp:
        seeds = mutations.stage(Path(tmp) / "mutants")
        for mutant, outcome in mutations.run_all(seeds, args.count, args.seed, Path(tmp)):
            tally.add(outcome, mutant.seed.mutant_path, mutant.seed.source.name,
                      mutant.mutations, known(outcome))
    report = tally.report(files=args.count, seed=args.seed,
                          seeds=[str(p.relative_to(ROOT)) for p in mutations.SEEDS])
    script = Path(sys.argv[0]).resolve()
    section = f"""## {title}

Measured by `bench/{script.name}` (this section is written by the script): {describe(report)}
{run_line(report)}

{outcome_table(report, ok)}

{note}"""
    publish(report, None if args.no_docs else (
        ROOT / "bench" / f"{script.stem}.json", script.stem.replace("_", "-"), section))


def machine() -> str:
    """The machine, as the reports give it: architecture, cores, kernel, Python."""
    return (f"{platform.machine()}, {os.cpu_count()} cores, Linux {platform.release()}, "
            f"Python {platform.python_version()}")


def kg_commit() -> str:
    """The commit the run measured, and whether kg/ had changes not yet committed."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=False).stdout

    commit = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    changed = sorted({str(Path(line[3:]).parent) for line in
                      git("status", "--porcelain", "kg").splitlines()})
    return commit + (f" with uncommitted changes in {', '.join(changed)}" if changed else "")


def command() -> str:
    """The command line that ran this script, as a reader would type it."""
    script = os.path.relpath(sys.argv[0], ROOT)
    return " ".join(["python", script, *sys.argv[1:]])


class Tally:
    """Counts the outcomes of a fuzz run and keeps examples of each failure.

    A one-line error that does not name the file it is about counts apart, as
    ``errors_not_naming_the_file``; so does a failure the mutations module names as known
    (``known_failures``, by name: reported, and fixed elsewhere)."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.kinds: Counter[str] = Counter()
        self.exit_codes: Counter[str] = Counter()
        self.unnamed = 0
        self.known: Counter[str] = Counter()
        self.examples: dict[str, list[dict[str, Any]]] = {}
        self.slowest: tuple[float, str, tuple[str, ...]] = (0.0, "", ())

    def add(self, outcome: Any, path: Path, seed: str, mutations: tuple[str, ...],
            known: str | None = None) -> None:
        """Count one outcome (a ``tests.fuzz_runner.Outcome``) of the mutant at ``path``;
        ``known`` names the known failure it is, if it is one."""
        self.kinds[outcome.kind] += 1
        if known:
            self.known[known] += 1
        self.exit_codes[str(outcome.exit_code)] += 1
        failed = outcome.kind not in ("ok", "error")
        unnamed = outcome.kind == "error" and not outcome.names(path)
        self.unnamed += unnamed
        mutations = tuple(one_line(m) for m in mutations)  # lone surrogates, controls
        if failed or unnamed:
            kind = "error_not_naming_the_file" if unnamed else outcome.kind
            self.examples.setdefault(kind, []).append(
                {"seed": seed, "mutations": mutations, "message": one_line(outcome.message)})
        if outcome.seconds > self.slowest[0]:
            self.slowest = (outcome.seconds, seed, mutations)

    def report(self, **head: Any) -> dict[str, Any]:
        """``head`` (files, seed, seeds...), then the counts, the run and the machine."""
        return {
            **head,
            "ok": self.kinds["ok"],
            "one_line_errors": self.kinds["error"],
            "errors_not_naming_the_file": self.unnamed,
            "multi_line_errors": self.kinds["multiline"],
            "tracebacks": self.kinds["traceback"],
            "hangs": self.kinds["hang"],
            "known_failures": dict(sorted(self.known.items())),
            "exit_codes": dict(sorted(self.exit_codes.items())),
            "slowest_seconds": round(self.slowest[0], 2),
            "slowest": {"seed": self.slowest[1], "mutations": self.slowest[2]},
            "examples": {kind: found[:EXAMPLES] for kind, found in sorted(self.examples.items())},
            "seconds": round(time.monotonic() - self.started, 1),
            "date": dt.date.today().isoformat(),
            "kg_commit": kg_commit(),
            "command": command(),
            "machine": machine(),
        }


def run_line(report: dict[str, Any]) -> str:
    """The sentence that says when, how and where a run was made."""
    return (f"Run on {report['date']} at kg commit {report['kg_commit']} with "
            f"`{report['command']}`. Machine: {report['machine']}; {report['seconds']} s in "
            "all.")


def outcome_table(report: dict[str, Any], ok: str) -> str:
    """The Markdown table of outcomes; ``ok`` says what a good run did ("imported")."""
    named = report["one_line_errors"] - report["errors_not_naming_the_file"]
    slowest = report["slowest"]
    known = "" if not report["known_failures"] else (
        f"\n\nOf the failures above, known and reported (not fixed here): "
        f"{report['known_failures']}.")
    return f"""| outcome | files |
|---|---|
| {ok} | {report['ok']} |
| refused with a one-line error naming the file | {named} |
| refused with a one-line error that does not name the file | \
**{report['errors_not_naming_the_file']}** |
| error on more than one line | **{report['multi_line_errors']}** |
| traceback | **{report['tracebacks']}** |
| hang (stopped after {HANG_SECONDS} s) | **{report['hangs']}** |

Exit codes: {report['exit_codes']}. Slowest file: {report['slowest_seconds']} s
({slowest['seed']}: {'; '.join(slowest['mutations'])}).{known}"""


def replace_section(marker: str, section: str, doc: Path = DOC) -> None:
    """Put ``section`` between ``<!-- MARKER:start -->`` and ``<!-- MARKER:end -->`` in
    ``doc`` (the markers are added; the section is appended when ``doc`` has none)."""
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    block = f"{start}\n{section.strip()}\n{end}"
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Fuzzing\n"
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else \
        text.rstrip("\n") + "\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")


def publish(report: dict[str, Any], to: tuple[Path, str, str] | None) -> None:
    """Print the report (without its examples and lists); unless ``to`` is None (a trial
    run), write it whole as JSON to ``to[0]`` and put the Markdown ``to[2]`` in docs/FUZZ.md
    between the markers named ``to[1]``."""
    print(json.dumps({k: v for k, v in report.items() if not isinstance(v, dict | list)
                      or k in ("exit_codes", "slowest")}, indent=2, ensure_ascii=False))
    if to is not None:
        out, marker, section = to
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n",
                       encoding="utf-8")
        replace_section(marker, section)
