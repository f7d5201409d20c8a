"""Annotation files: valid ones load; every kind of mistake names file, line and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.annotation import load_annotation
from kg.errors import AnnotationError

from .conftest import FIXTURES, SEED


def test_fixture_loads_with_offsets_checked() -> None:
    annotated = load_annotation(FIXTURES / "mini.yaml")
    assert [c.id for c in annotated.claims] == ["c01", "c02"]
    text = annotated.article.text
    for claim in annotated.claims:
        assert text[claim.start:claim.end] == claim.text
        for figure in claim.figures:
            assert text[figure.span.start:figure.span.end] == figure.span.text
    assert annotated.claims[1].status.cue.text == "sans que ce soit confirmé"


def test_seed_annotation_loads() -> None:
    annotated = load_annotation(SEED)
    assert annotated.article.language == "fr"
    assert len(annotated.claims) >= 25


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    shutil.copy(FIXTURES / "mini.txt", tmp_path / "mini.txt")
    source = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    assert old in source, old
    path = tmp_path / "broken.yaml"
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


@pytest.mark.parametrize(
    ("old", "new", "field", "message", "line_marker"),
    [
        ("    start: 57\n", "    start: 58\n", "claims[0].start", "do not hold the exact text",
         "start: 58"),
        ("value: contested", "value: maybe", "claims[0].status.value", "unknown value 'maybe'",
         "value: maybe"),
        ("claimants: [ministere]", "claimants: [ministre]", "claims[1].claimants[0]",
         "unknown entity 'ministre'", "claimants: [ministre]"),
        ("    kind: reported-speech", "    kind: rumour", "claims[1].kind", "unknown value",
         "kind: rumour"),
        ("        unit: percent\n", "", "claims[1].figures[0]", "exactly one of 'unit'",
         "value: 12"),
        ("    category: figure\n    claimants: [jeanne-martin]",
         "    category: figure\n    claimant: [jeanne-martin]", "claims[0].claimant",
         "unknown field", "claimant:"),
        ("disputes: [c01]", "disputes: [c09]", "claims[1].disputes[0]", "unknown claim 'c09'",
         "disputes: [c09]"),
        ("      - value: 12\n", "      - value: 12,5\n", "claims[1].figures[0].value",
         "expected a number", "value: 12,5"),
        ("  date: 2025-02-03", "  date: 3 février", "article.date", "is not a date",
         "date: 3 février"),
    ],
)
def test_errors_name_file_line_and_field(
    tmp_path: Path, old: str, new: str, field: str, message: str, line_marker: str
) -> None:
    path = _broken(tmp_path, old, new)
    with pytest.raises(AnnotationError) as info:
        load_annotation(path)
    error = info.value
    assert error.path == str(path)
    assert error.field == field
    assert message in error.message
    assert error.line == _line_of(path, line_marker)
    assert str(error).startswith(f"{path}:{error.line}: {field}: ")
    assert "\n" not in str(error)


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, "  language: fr\n", "  language: [fr\n")
    with pytest.raises(AnnotationError) as info:
        load_annotation(path)
    assert info.value.field == "(yaml)"
    assert info.value.line is not None and info.value.line >= 4


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(AnnotationError, match="no such file"):
        load_annotation(tmp_path / "absent.yaml")
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(AnnotationError, match="the file is empty"):
        load_annotation(empty)
