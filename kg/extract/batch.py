"""Read article files (plain text or HTML), extract them in batches, write annotations.

One bad file is reported and skipped, never stopping the batch. HTML goes through
trafilatura; offsets then refer to the extracted text, which is saved with the annotation.
Usage::

    from kg.extract.batch import collect_paths, extract_files
    results = extract_files(collect_paths(["articles/"]), lang="auto", out_dir=Path("out"))
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.annotation import load_annotation
from kg.errors import KgError, UsageError
from kg.extract.language import readable_text, resolve_language
from kg.extract.serialize import to_json, to_yaml
from kg.model import AnnotatedArticle

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md")


@dataclass
class ArticleFile:
    """An input article: its text (HTML already reduced to text) and metadata found in it."""

    path: Path
    text: str | bytes
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass
class Outcome:
    """What happened to one input file."""

    path: Path
    annotated: AnnotatedArticle | None = None
    annotation_path: Path | None = None
    error: str | None = None


def collect_paths(inputs: Sequence[str | Path]) -> list[Path]:
    """Files given directly, plus the article files of any folder (sorted)."""
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            paths += sorted(p for p in path.iterdir()
                            if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        else:
            paths.append(path)
    return paths


def _looks_like_html(path: Path, raw: bytes) -> bool:
    head = raw[:2048].lstrip().lower()
    return path.suffix.lower() in (".html", ".htm") or head.startswith((b"<!doctype html",
                                                                         b"<html"))


def read_article(path: Path) -> ArticleFile:
    """Read one article; HTML becomes its main text (trafilatura) with its metadata."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
    if not _looks_like_html(path, raw):
        return ArticleFile(path, raw.decode("utf-8") if _is_utf8(raw) else raw)
    import trafilatura

    html = raw.decode("utf-8", errors="replace")
    text = trafilatura.extract(html, output_format="txt", include_comments=False,
                               include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise UsageError(f"{path}: no article text found in this HTML page")
    meta = trafilatura.extract_metadata(html)
    metadata = {}
    if meta is not None:
        for key in ("title", "date", "url"):
            value = getattr(meta, key, None)
            if value:
                metadata[key] = str(value)
        if getattr(meta, "sitename", None):
            metadata["publisher"] = str(meta.sitename)
    return ArticleFile(path, text.strip() + "\n", metadata)


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def annotation_text(annotated: AnnotatedArticle, fmt: str, text_file: str) -> str:
    """The annotation as YAML (curated format) or JSON (claims as ``kg claims`` gives them)."""
    if fmt == "json":
        return json.dumps(to_json(annotated), ensure_ascii=False, indent=2) + "\n"
    return to_yaml(annotated, text_file)


def write_annotation(annotated: AnnotatedArticle, out: Path) -> Path:
    """Write ``out`` (YAML) and the article text next to it; reload it to validate it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    text_path = out.with_suffix(".txt")
    text_path.write_text(annotated.article.text, encoding="utf-8")
    out.write_text(to_yaml(annotated, text_path.name), encoding="utf-8")
    load_annotation(out)
    return out


def extract_files(
    paths: Sequence[Path],
    lang: str = "auto",
    metadata: dict[str, str | None] | None = None,
    out_dir: Path | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Extract every file; bad files get an error, the others an annotation (and a file)."""
    from kg.extract.pipeline import extract_many

    outcomes: list[Outcome] = []
    items: list[dict[str, Any]] = []
    readable: list[Outcome] = []
    for path in paths:
        try:
            article = read_article(path)
            options: dict[str, Any] = {"text": article.text, "lang": lang}
            for key in ("title", "publisher", "date", "url"):
                value = (metadata or {}).get(key) or article.metadata.get(key)
                if value:
                    options[key] = value
            name = str(path)
            options["text"] = readable_text(article.text, name)
            options["lang"] = resolve_language(options["text"], lang, name)
            items.append(options)
            readable.append(Outcome(path))
        except KgError as exc:
            message = str(exc)
            outcomes.append(Outcome(path, error=message if str(path) in message
                                    else f"{path}: {message}"))
        if progress:
            progress(1)
    if items:
        for outcome, annotated in zip(readable, extract_many(items, lang, jobs), strict=True):
            outcome.annotated = annotated
            if out_dir is not None:
                outcome.annotation_path = write_annotation(annotated,
                                                           out_dir / f"{outcome.path.stem}.yaml")
    outcomes += readable
    return sorted(outcomes, key=lambda o: str(o.path))
