"""Read PolNeAR (political news with gold attributions) from a local copy, train and dev only.

PolNeAR (github.com/networkdynamics/PolNeAR) annotates each attribution in BRAT standoff:
``T`` lines are text-bound spans (``Source``, ``Cue``, ``Content``, ``Content2``, plus an
``Attribution`` or ``Attribution-no-source`` trigger over the cue, and the annotators'
``Discuss`` / ``Discard`` marks), and one ``E`` line per attribution links its trigger to
its roles: ``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``. ``Content2`` continues a
content; a fragment list ``10 20;25 40`` is a discontinuous span whose text in the ``.ann``
file is the fragments joined by one space (and may run over several lines when the fragment
holds a newline). Offsets are code points into the UTF-8 text file.

The licence of PolNeAR is not stated, so nothing of it is kept in this repository: the
copy is found through the environment variable ``POLNEAR_DIR`` (a bare git repository, as
made by the search tool's ``fetch``, or a normal checkout; default :data:`DEFAULT_DIR`).
The test split is held out and cannot be read through this module. Usage::

    from polnear import read_split
    dev = read_split("dev")
    len(dev.documents), sum(len(d.attributions) for d in dev.documents), dev.problems[:3]
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DIR = "/work/.mirror/networkdynamics+PolNeAR/repo"
SPLITS = ("train", "dev")
ROLES = ("Source", "Cue", "Content")
TRIGGERS = ("Attribution", "Attribution-no-source")

Piece = tuple[int, int]
_ID = re.compile(r"^([TRAMNE*#])(\d*)\t")
_ROLE = re.compile(r"^(Source|Cue|Content)\d*$")


@dataclass(frozen=True)
class Problem:
    """Something in an ``.ann`` file that does not read as expected; it holds ids and
    offsets only, never the corpus's words."""

    file: str
    kind: str
    detail: str


@dataclass(frozen=True)
class Attribution:
    """One gold attribution (an ``E`` relation): pieces are sorted, merged (start, end)."""

    id: str
    source: tuple[Piece, ...]
    cue: tuple[Piece, ...]
    content: tuple[Piece, ...]


@dataclass(frozen=True)
class Document:
    """One article with the attributions of one annotator (see :func:`read_split`)."""

    name: str
    annotator: str
    text: str
    attributions: tuple[Attribution, ...]
    publisher: str = ""
    other_annotators: tuple[str, ...] = ()

    def words(self, pieces: tuple[Piece, ...]) -> str:
        """The text of ``pieces`` joined by a space. Usage: ``doc.words(att.content)``."""
        return " ".join(self.text[start:end] for start, end in pieces)


@dataclass
class Split:
    """A split as read: its documents, and what was checked and found on the way.

    ``relations`` and ``labels`` count the annotation files read into documents; problems,
    ``spans_checked`` and ``offset_mismatches`` cover every annotation file of the split,
    the other annotators' included.
    """

    name: str
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    annotation_files: int = 0
    relations: int = 0
    spans_checked: int = 0
    offset_mismatches: int = 0
    labels: Counter[str] = field(default_factory=Counter)


@dataclass
class ParsedAnn:
    """What :func:`parse_ann` makes of one ``.ann`` file."""

    attributions: list[Attribution] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    relations: int = 0
    spans_checked: int = 0
    offset_mismatches: int = 0
    labels: Counter[str] = field(default_factory=Counter)


@dataclass
class _Span:
    label: str
    pieces: list[Piece]
    words: str
    line: int


def polnear_dir() -> str:
    """Where the local copy is: ``$POLNEAR_DIR`` or :data:`DEFAULT_DIR`."""
    return os.environ.get("POLNEAR_DIR") or DEFAULT_DIR


def merge(pieces: list[Piece]) -> tuple[Piece, ...]:
    """Sort pieces and merge the ones that overlap or touch. Usage: ``merge([(5, 9), (0, 5)])``."""
    out: list[Piece] = []
    for start, end in sorted(pieces):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def parse_ann(ann: str, text: str, file: str = "<ann>") -> ParsedAnn:
    """Parse one BRAT ``.ann`` file against its text; problems are reported, not guessed.

    Every ``T`` span is checked: the text at its offsets, fragments joined by a space, must
    be the text the file gives. Relations without a content are left out (with a problem).
    Usage: ``parse_ann(Path("a.ann").read_text(), Path("a.txt").read_text(), "a.ann")``.
    """
    parsed = ParsedAnn()
    spans: dict[str, _Span] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    lines = ann.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    last: _Span | None = None
    for number, line in enumerate(lines, start=1):
        match = _ID.match(line)
        if match is None:
            if last is None:
                parsed.problems.append(Problem(file, "stray line", f"line {number}"))
            else:
                last.words += "\n" + line
            continue
        last = None
        fields = line.split("\t")
        ident, kind = fields[0], match.group(1)
        if kind == "T":
            last = _text_bound(fields, number, file, parsed)
            if last is not None:
                spans[ident] = last
        elif kind == "E":
            args = [arg.split(":", 1) for arg in fields[1].split()] if len(fields) > 1 else []
            if not args or any(len(arg) != 2 for arg in args):
                parsed.problems.append(Problem(file, "bad relation", f"line {number} {ident}"))
                continue
            events.append((ident, [(arg[0], arg[1]) for arg in args]))
        elif kind != "#":
            parsed.problems.append(Problem(file, f"unexpected {kind} line", f"line {number}"))
    for ident, span in spans.items():
        parsed.labels[span.label] += 1
        parsed.spans_checked += 1
        if not all(0 <= s < e <= len(text) for s, e in span.pieces):
            parsed.offset_mismatches += 1
            parsed.problems.append(Problem(file, "offsets out of range", f"{ident} {span.pieces}"))
        elif " ".join(text[s:e] for s, e in span.pieces) != span.words:
            parsed.offset_mismatches += 1
            parsed.problems.append(Problem(file, "offset mismatch", f"{ident} {span.pieces}"))
    used: Counter[str] = Counter()
    for ident, roles in events:
        parsed.relations += 1
        attribution = _relation(ident, roles, spans, file, parsed)
        used.update(target for _, target in roles)
        if attribution is not None:
            parsed.attributions.append(attribution)
    for ident, span in spans.items():
        if span.label in (*ROLES, "Content2", *TRIGGERS) and not used[ident]:
            parsed.problems.append(Problem(file, f"{span.label} span in no relation", ident))
    seen: dict[tuple[Piece, ...], str] = {}
    for attribution in parsed.attributions:
        if attribution.content in seen:
            parsed.problems.append(Problem(
                file, "two relations with one content", f"{seen[attribution.content]} "
                f"{attribution.id}"))
        seen.setdefault(attribution.content, attribution.id)
    return parsed


def _text_bound(fields: list[str], number: int, file: str, parsed: ParsedAnn) -> _Span | None:
    try:
        label, offsets = fields[1].split(" ", 1)
        pieces = [(int(a), int(b)) for a, b in (p.split() for p in offsets.split(";"))]
        words = fields[2]
    except (IndexError, ValueError):
        parsed.problems.append(Problem(file, "bad span line", f"line {number} {fields[0]}"))
        return None
    return _Span(label, pieces, words, number)


def _relation(ident: str, roles: list[tuple[str, str]], spans: dict[str, _Span], file: str,
              parsed: ParsedAnn) -> Attribution | None:
    trigger, anchor = roles[0]
    if trigger not in TRIGGERS:
        parsed.problems.append(Problem(file, "unknown relation type", f"{ident} {trigger}"))
    elif anchor not in spans or spans[anchor].label != trigger:
        parsed.problems.append(Problem(file, "trigger names no such span", f"{ident} {anchor}"))
    pieces: dict[str, list[Piece]] = {role: [] for role in ROLES}
    for role, target in roles[1:]:
        match = _ROLE.match(role)
        if match is None:
            parsed.problems.append(Problem(file, "unknown role", f"{ident} {role}"))
            continue
        span = spans.get(target)
        if span is None:
            parsed.problems.append(Problem(file, "role names no span", f"{ident} {target}"))
            continue
        label = _ROLE.match(span.label)
        if label is None or label.group(1) != match.group(1):
            parsed.problems.append(Problem(
                file, "role and span label differ", f"{ident} {role}->{target} {span.label}"))
        pieces[match.group(1)].extend(span.pieces)
    has_content2 = any(role.startswith("Content") and role != "Content" for role, _ in roles)
    if has_content2 and not any(role == "Content" for role, _ in roles):
        parsed.problems.append(Problem(file, "Content2 without Content", ident))
    if trigger == "Attribution-no-source" and pieces["Source"]:
        parsed.problems.append(Problem(file, "no-source relation with a source", ident))
    if trigger == "Attribution" and not pieces["Source"]:
        parsed.problems.append(Problem(file, "source relation without a source", ident))
    if not pieces["Cue"]:
        parsed.problems.append(Problem(file, "relation without a cue", ident))
    if not pieces["Content"]:
        parsed.problems.append(Problem(file, "relation without a content (left out)", ident))
        return None
    return Attribution(ident, merge(pieces["Source"]), merge(pieces["Cue"]),
                       merge(pieces["Content"]))


class _Copy:
    """Read access to the local copy: a bare git repository (read at HEAD) or a checkout."""

    def __init__(self, root: str) -> None:
        self.root = Path(root)
        self.bare = (self.root / "HEAD").is_file() and (self.root / "objects").is_dir()
        if not self.bare and not (self.root / "data").is_dir():
            raise FileNotFoundError(f"no PolNeAR copy at {root} (set POLNEAR_DIR)")

    def listdir(self, path: str) -> list[str]:
        if not self.bare:
            return sorted(p.name for p in (self.root / path).iterdir())
        out = self._git("ls-tree", "--name-only", f"HEAD:{path}").decode("utf-8")
        return sorted(out.split())

    def read(self, paths: list[str]) -> list[str]:
        if not self.bare:
            return [(self.root / p).read_text(encoding="utf-8") for p in paths]
        request = "".join(f"HEAD:{p}\n" for p in paths).encode("utf-8")
        out, texts, at = self._git("cat-file", "--batch", stdin=request), [], 0
        for path in paths:
            header_end = out.index(b"\n", at)
            header = out[at:header_end].split()
            if len(header) != 3 or header[1] != b"blob":
                raise FileNotFoundError(f"{path} not in {self.root}")
            size = int(header[2])
            texts.append(out[header_end + 1:header_end + 1 + size].decode("utf-8"))
            at = header_end + 1 + size + 1
        return texts

    def _git(self, *args: str, stdin: bytes | None = None) -> bytes:
        return subprocess.run(["git", f"--git-dir={self.root}", *args], input=stdin,
                              capture_output=True, check=True).stdout


def read_split(split: str, root: str | None = None) -> Split:
    """Read ``train`` or ``dev``: one :class:`Document` per article.

    An article annotated by several annotators (the agreement articles) is read with the
    annotator whose id sorts first; the others are named in ``other_annotators`` and their
    files are parsed and checked too. Usage: ``read_split("dev").documents[0].attributions``.
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)} (test is held out)")
    copy = _Copy(root or polnear_dir())
    base = f"data/{split}"
    texts = sorted(n for n in copy.listdir(f"{base}/text") if n.endswith(".txt"))
    anns = sorted(n for n in copy.listdir(f"{base}/attributions") if n.endswith(".ann"))
    publishers = _publishers(copy.read(["data/metadata.tsv"])[0], split)
    by_article: dict[str, list[str]] = {}
    for ann in anns:
        by_article.setdefault(ann[:-4].rsplit("_", 1)[0], []).append(ann)
    result = Split(split, annotation_files=len(anns))
    for name in sorted(set(by_article) - {t[:-4] for t in texts}):
        result.problems.append(Problem(name, "annotation without text", ""))
    names = [t[:-4] for t in texts]
    article_texts = copy.read([f"{base}/text/{t}" for t in texts])
    for name, text in zip(names, article_texts, strict=True):
        files = by_article.get(name, [])
        if not files:
            result.problems.append(Problem(name, "text without annotation", ""))
            continue
        parsed = [parse_ann(ann, text, f) for f, ann in zip(
            files, copy.read([f"{base}/attributions/{f}" for f in files]), strict=True)]
        for one in parsed:
            result.problems.extend(one.problems)
            result.spans_checked += one.spans_checked
            result.offset_mismatches += one.offset_mismatches
        result.relations += parsed[0].relations
        result.labels.update(parsed[0].labels)
        annotators = [f[:-4].rsplit("_", 1)[1] for f in files]
        result.documents.append(Document(
            name, annotators[0], text, tuple(parsed[0].attributions),
            publishers.get(name, ""), tuple(annotators[1:])))
    return result


def _publishers(metadata: str, split: str) -> dict[str, str]:
    rows = csv.DictReader(metadata.splitlines(), delimiter="\t")
    return {row["filename"]: row["publisher"] for row in rows if row["compartment"] == split}
