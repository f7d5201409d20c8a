"""Malformed YAML in an annotation: each kind is one kg error naming file, line and field."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from kg.annotation import MAX_DEPTH, load_annotation
from kg.errors import AnnotationError

from .conftest import FIXTURES

MINI = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")


def _write(tmp_path: Path, source: str) -> Path:
    shutil.copy(FIXTURES / "mini.txt", tmp_path / "mini.txt")
    path = tmp_path / "broken.yaml"
    path.write_text(source, encoding="utf-8")
    return path


def _error(tmp_path: Path, old: str, new: str, prefix: str = "") -> AnnotationError:
    assert old in MINI, old
    path = _write(tmp_path, prefix + MINI.replace(old, new, 1))
    started = time.monotonic()
    with pytest.raises(AnnotationError) as info:
        load_annotation(path)
    assert time.monotonic() - started < 1.0
    assert str(info.value).startswith(f"{path}:{info.value.line}: {info.value.field}: ")
    assert len(str(info.value).splitlines()) == 1
    return info.value


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "message"),
    [
        pytest.param("Production :", "Prod\x01uction :", 4, "(yaml)",
                     "not valid YAML: unacceptable character #x0001: special characters are "
                     "not allowed", id="control-character"),
        pytest.param("        unit: ratio", "        unit: \x1b[31m", 43, "(yaml)",
                     "not valid YAML: unacceptable character #x001b: special characters are "
                     "not allowed", id="escape-character"),
        pytest.param("  language: fr", "\tlanguage: fr", 5, "(yaml)",
                     "not valid YAML: found character '\\t' that cannot start any token",
                     id="tab-indent"),
        pytest.param("      - value: 2\n", "      - value: !!float nan[x]\n", 42,
                     "claims[0].figures[0].value",
                     "the tag !!float is not allowed on 'nan[x]' (write the plain value)",
                     id="float-tag-on-text"),
        pytest.param("      - value: 2\n", "      - value: !!python/object:os.system ls\n", 42,
                     "claims[0].figures[0].value",
                     "the tag !!python/object:os.system is not allowed on 'ls' (write the plain "
                     "value)", id="python-tag"),
        pytest.param('  title: "Production', '  title: !!binary "Production', 4, "article.title",
                     "the tag !!binary is not allowed on 'Production : un chiffre contesté' "
                     "(write the plain value)", id="binary-tag"),
        pytest.param("aliases: [Martin]", "aliases: !local [Martin]", 14, "entities[0].aliases",
                     "the tag !local is not allowed (write plain YAML)", id="local-tag-on-list"),
        pytest.param("      - value: 2\n", "      - value: .nan\n", 42,
                     "claims[0].figures[0].value", "'nan' is not a finite number", id="nan"),
        pytest.param("      - value: 2\n", "      - value: -.inf\n", 42,
                     "claims[0].figures[0].value", "'-inf' is not a finite number", id="inf"),
        pytest.param("      - value: 2\n", "      - value: 1.0e+999\n", 42,
                     "claims[0].figures[0].value", "'inf' is not a finite number",
                     id="overflowing-float"),
        pytest.param("    start: 57\n", "    start: 1" + ":59" * 300 + "\n", 33,
                     "claims[0].start", "is too large a number", id="huge-sexagesimal"),
        pytest.param("    start: 57\n", "    start: " + "9" * 5000 + "\n", 33, "claims[0].start",
                     "cannot be read as !!int: Exceeds the limit (4300 digits)",
                     id="huge-integer"),
        pytest.param("  date: 2025-02-03", "  date: 2025-13-45", 6, "article.date",
                     "'2025-13-45' cannot be read as !!timestamp: month must be in 1..12",
                     id="impossible-date"),
        pytest.param("type: person", "type:", 13, "entities[0].type", "expected non-empty text",
                     id="empty-type"),
        pytest.param("type: person", "type: ''", 13, "entities[0].type",
                     "expected non-empty text", id="empty-quoted-type"),
        pytest.param("      cue:\n        text: sans que ce soit confirmé\n        start: 163\n"
                     "        end: 188\n", "      cue: [sans que ce soit confirmé, 163, 188]\n",
                     74, "claims[1].status.cue", "expected a mapping of fields",
                     id="list-for-mapping"),
        pytest.param('  title: "Production : un chiffre contesté"', "  title: {a: 1}", 4,
                     "article.title", "expected a single value", id="mapping-for-text"),
        pytest.param("  language: fr\n", "  ? [a, b]\n  : fr\n", 5, "article",
                     "a field name must be plain text, not a list or mapping",
                     id="unhashable-key"),
        pytest.param("  language: fr\n", "  language: fr\n  language: en\n", 6,
                     "article.language", "field given twice", id="duplicate-key"),
        pytest.param("  - id: c01\n", '  - id: "c01\\n"\n', 31, "claims[0].id",
                     "'c01\\n' is not an id", id="id-with-line-break"),
        pytest.param("  date: 2025-02-03", '  date: "2025\\n"', 6, "article.date",
                     "'2025\\n' is not a date", id="date-with-line-break"),
        pytest.param("summary: Production doubled in 2024.", 'summary: "a\\x00b"', 40,
                     "claims[0].summary", "the character U+0000 is not allowed in text",
                     id="nul-in-text"),
        pytest.param("summary: Production doubled in 2024.", 'summary: "\\ud800"', 40,
                     "claims[0].summary", "the character U+D800 is not allowed in text",
                     id="lone-surrogate"),
        pytest.param("kind: direct-quote", 'kind: "a\\nb"', 35, "claims[0].kind",
                     "unknown value 'a\\nb'", id="multi-line-value-shown-on-one-line"),
        pytest.param("kind: direct-quote", "kind: a\u202eb", 35, "claims[0].kind",
                     "unknown value 'a\\u202eb'", id="direction-override-escaped"),
        pytest.param("kind: direct-quote", "kind: «\u202fa\u00a0»", 35, "claims[0].kind",
                     "unknown value '«\u202fa\u00a0»'", id="no-break-spaces-kept"),
        pytest.param("kind: direct-quote", "kind: " + "é" * 500, 35, "claims[0].kind",
                     "unknown value '" + "é" * 59 + "…'", id="long-value-cut"),
        pytest.param("kind: direct-quote", "kind: =", 35, "claims[0].kind",
                     "unknown value '='", id="yaml-value-key-read-as-text"),
    ],
)
def test_bad_yaml_is_one_line_error(tmp_path: Path, old: str, new: str, line: int, field: str,
                                    message: str) -> None:
    error = _error(tmp_path, old, new)
    assert (error.line, error.field) == (line, field)
    assert message in str(error)


def test_a_second_document_is_refused(tmp_path: Path) -> None:
    error = _error(tmp_path, "    disputes: [c01]\n", "    disputes: [c01]\n---\na: 1\n")
    assert (error.line, error.field) == (79, "(yaml)")
    assert error.message == "not valid YAML: but found another document"


def test_deep_nesting_is_refused_with_its_line(tmp_path: Path) -> None:
    error = _error(tmp_path, "kind: direct-quote", "kind: " + "[" * 100_000 + "]" * 100_000)
    assert (error.line, error.field) == (35, "(yaml)")
    assert error.message == f"not valid YAML: nested more than {MAX_DEPTH} levels deep"


def test_a_billion_laughs_stops_at_once(tmp_path: Path) -> None:
    bomb = "&a [" + ", ".join(["lol"] * 9) + "]"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):  # 9^9 leaves if expanded
        bomb = f"&{name} [{bomb}, {', '.join([f'*{previous}'] * 8)}]"
    error = _error(tmp_path, "aliases: [Martin]", f"aliases: {bomb}")
    assert (error.line, error.field) == (14, "entities[0].aliases[0]")
    assert error.message == "expected a single value"


def test_a_flood_of_aliases_to_one_claim_stops_at_the_second(tmp_path: Path) -> None:
    claim = MINI.split("  - id: c02\n")[0]
    flood = "".join("  - *one\n" for _ in range(20_000))
    source = claim.replace("  - id: c01\n", "  - &one\n    id: c01\n") + flood
    path = _write(tmp_path, source)
    started = time.monotonic()
    with pytest.raises(AnnotationError) as info:
        load_annotation(path)
    assert time.monotonic() - started < 1.0
    assert (info.value.field, info.value.message) == ("claims[1]", "claim id 'c01' is used twice")


def test_a_file_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, MINI)
    path.write_bytes(MINI.encode("utf-8").replace(b"Production", b"Produ\xe7tion", 1))
    with pytest.raises(AnnotationError) as info:
        load_annotation(path)
    assert str(info.value) == f"{path}:4: (file): not UTF-8 text (byte {MINI.index('Produ') + 5})"
