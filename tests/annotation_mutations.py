"""Mutated annotation files, and the real ``kg ingest`` run on each: a fuzzer for issue 13.

The seeds are the valid annotations kg has: ``data/annotations/``, ``tests/fixtures/*.yaml``
and the annotations of ``tests/corpus/`` (not the drafts, which have no offsets). Each mutant
is a seed with one to three mutations drawn by a seeded random generator (the same seed gives
the same mutants): bit flips, lines deleted, duplicated, swapped or re-indented, control
characters, YAML tags (``!!python/object``, ``!!float``, ``!!binary``, local tags), anchors,
aliases and a billion laughs, scalars swapped for lists or mappings, emptied values, nan,
inf, 1e999 and huge integers, very long strings, text in many scripts, YAML punctuation, deep
nesting, a second document, directives, a truncated file and hostile ``text_file`` paths.

Each mutant is written into a staged copy of its seed's folders (the article texts copied, so
``text_file`` resolves as in the repository) and given to ``kg ingest`` in-process: the click
command that ``kg`` runs, with the handling of errors of ``kg.cli.main``. Used by
``tests/test_annotation_fuzz.py`` (a fixed sample) and ``bench/fuzz_annotations.py`` (the full
run). Usage::

    from tests.annotation_mutations import generate, run_ingest, stage
    seeds = stage(tmp_path)
    for mutant in generate(seeds, 300, seed=13):
        outcome = run_ingest(mutant.write(), tmp_path / "store")
"""

from __future__ import annotations

import json
import random
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

from tests import fuzz_runner
from tests.fuzz_runner import CONTROLS, SCRIPTS, Mutant, Outcome, Seed, flip_bits, run_kg

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted([*ROOT.glob("data/annotations/*.yaml"), *ROOT.glob("tests/fixtures/*.yaml"),
                *ROOT.glob("tests/corpus/extract/*.yaml"),
                *ROOT.glob("tests/corpus/sources/annotations/*.yaml")])

_FIELD = re.compile(r"^(?P<lead>\s*(?:- )?)(?P<key>[A-Za-z_]+):(?P<gap> ?)(?P<value>.*)$")
_TAGS = ("!!python/object:os.system", "!!python/object/apply:os.system", "!!python/name:os.system",
         "!!float", "!!int", "!!bool", "!!null", "!!binary", "!!timestamp", "!!str", "!!set",
         "!!omap", "!!pairs", "!!merge", "!local", "!<tag:evil.example,2002:x>", "!", "!!map",
         "!!seq")
_NUMBERS = (".nan", ".NaN", "nan", ".inf", "-.Inf", "+.inf", "1e999", "1.0e+999", "-1.0e+999",
            "9" * 5000, "1" + ":59" * 400, "0x" + "f" * 300, "-1", "0o777", "1_000", "0b101",
            "1.5e-400", "2025-13-45", "2025-02-30 25:61:61", "190:20:30.15", "._", "=", "<<")
_ESCAPES = ('"\\ud800"', '"\\udfff x"', '"\\x00"', '"\\x1b[31m"', '"\\U0010FFFF"', '"\\uFFFE"',
            '"a\\nb"', '"\\N\\_\\L\\P"', '"\\e"', '"\\z"')
_PUNCTUATION = ":-{}[]#&*!|>%@`\"',?"
_TEXT_FILES = ("/etc/passwd", "/dev/zero", "../../../../../../etc/passwd", "../" * 30,
               "/proc/self/environ", "missing.txt", ".", "..", "", "~/x.txt", "a\x00b",
               "//etc//passwd", "\\etc\\passwd", "%2e%2e/etc/passwd")
_BOMB = "&a [" + ", ".join(["lol"] * 9) + "]"
for _previous, _name in zip("abcdefgh", "bcdefghi", strict=True):  # 9^9 leaves if expanded
    _BOMB = f"&{_name} [{_BOMB}, {', '.join([f'*{_previous}'] * 8)}]"


def stage(folder: Path, max_bytes: int | None = None) -> list[Seed]:
    """Copy each seed's article text under ``folder`` at the same relative place (only the
    seeds of at most ``max_bytes``, if given)."""
    seeds = []
    for source in SEEDS:
        if max_bytes is not None and source.stat().st_size > max_bytes:
            continue
        relative = source.relative_to(ROOT)
        text_file = yaml.safe_load(source.read_text(encoding="utf-8"))["article"]["text_file"]
        article = (source.parent / text_file).resolve().relative_to(ROOT)
        (folder / article).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / article, folder / article)
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        seeds.append(Seed(source, source.read_text(encoding="utf-8"),
                          folder / relative.with_name(f"mutant-{relative.name}")))
    return seeds


# --------------------------------------------------------------------------------------------
# Mutations: each takes the text (lines) and the generator, and says what it did
# --------------------------------------------------------------------------------------------


def _field_lines(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if _FIELD.match(line)]


def _on_field(lines: list[str], rng: random.Random,
              change: Callable[[re.Match[str]], str]) -> str:
    candidates = _field_lines(lines)
    if not candidates:
        return "no field"
    index = rng.choice(candidates)
    match = _FIELD.match(lines[index])
    assert match
    lines[index] = change(match)
    return f"line {index + 1}: {lines[index][:80]!r}"


def _set_value(value: str) -> Callable[[re.Match[str]], str]:
    return lambda m: f"{m['lead']}{m['key']}: {value}"


def _tag(lines: list[str], rng: random.Random) -> str:
    tag = rng.choice(_TAGS)
    return "tag " + _on_field(lines, rng, lambda m: f"{m['lead']}{m['key']}: {tag} {m['value']}")


def _number(lines: list[str], rng: random.Random) -> str:
    return "number " + _on_field(lines, rng, _set_value(rng.choice(_NUMBERS)))


def _empty(lines: list[str], rng: random.Random) -> str:
    value = rng.choice(("", "''", '""', "~", "null", "[]", "{}", " "))
    return "empty " + _on_field(lines, rng, _set_value(value))


def _to_collection(lines: list[str], rng: random.Random) -> str:
    shapes = ("[{v}]", "{{{v}: {v}}}", "[[[{v}]]]", "{{a: [{v}]}}", "[{v}, {v}]", "{{}}",
              "[[], {{}}]", "{{[a]: b}}", "{{? [x] : y}}")
    shape = rng.choice(shapes)
    return "collection " + _on_field(
        lines, rng, lambda m: f"{m['lead']}{m['key']}: {shape.format(v=m['value'] or 'x')}")


def _long(lines: list[str], rng: random.Random) -> str:
    size = rng.choice((1_000, 10_000, 100_000))
    return f"long {size} " + _on_field(
        lines, rng, lambda m: f"{m['lead']}{m['key']}: {(m['value'] or 'x') * (size // 10)}"
        if rng.random() < 0.5 else f"{m['lead']}{m['key']}: {'x' * size}")


def _unicode(lines: list[str], rng: random.Random) -> str:
    if rng.random() < 0.4:
        escape = rng.choice(_ESCAPES)
        return "escape " + _on_field(lines, rng, _set_value(escape))
    words = " ".join(rng.choice(SCRIPTS) for _ in range(rng.randint(1, 4)))
    if rng.random() < 0.5:
        return "script " + _on_field(lines, rng, _set_value(words))
    return "script " + _on_field(lines, rng, lambda m: f"{m['lead']}{m['key']}:{m['gap']}"
                                                      f"{m['value']}{words}")


def _text_file(lines: list[str], rng: random.Random) -> str:
    target = rng.choice(_TEXT_FILES)
    for index, line in enumerate(lines):
        match = _FIELD.match(line)
        if match and match["key"] == "text_file":
            lines[index] = f"{match['lead']}text_file: {json.dumps(target)}"
            return f"text_file {target!r}"
    return "text_file none"


def _anchors(lines: list[str], rng: random.Random) -> str:
    candidates = _field_lines(lines)
    if len(candidates) < 2:
        return "anchors none"
    first, second = sorted(rng.sample(candidates, 2))
    kind = rng.choice(("alias", "undefined", "bomb", "self", "flood", "merge"))
    a, b = _FIELD.match(lines[first]), _FIELD.match(lines[second])
    assert a and b
    if kind == "alias":
        lines[first] = f"{a['lead']}{a['key']}: &x {a['value']}"
        lines[second] = f"{b['lead']}{b['key']}: *x"
    elif kind == "undefined":
        lines[second] = f"{b['lead']}{b['key']}: *nowhere"
    elif kind == "bomb":
        lines[first] = f"{a['lead']}{a['key']}: {_BOMB}"
        lines[second] = f"{b['lead']}{b['key']}: *i"
    elif kind == "self":
        lines[first] = f"{a['lead']}{a['key']}: &s [*s]"
    elif kind == "flood":
        lines[first] = f"{a['lead']}{a['key']}: &f {a['value'] or 'x'}"
        lines[second] = f"{b['lead']}{b['key']}: [{', '.join(['*f'] * 5000)}]"
    else:
        lines[second] = f"{b['lead']}<<: *x"
        lines[first] = f"{a['lead']}{a['key']}: &x {{k: v}}"
    return f"anchors {kind} lines {first + 1}, {second + 1}"


def _delete_line(lines: list[str], rng: random.Random) -> str:
    index = rng.randrange(len(lines))
    del lines[index]
    return f"delete line {index + 1}"


def _duplicate_line(lines: list[str], rng: random.Random) -> str:
    index = rng.randrange(len(lines))
    lines.insert(index, lines[index])
    return f"duplicate line {index + 1}"


def _swap_lines(lines: list[str], rng: random.Random) -> str:
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return f"swap lines {i + 1}, {j + 1}"


def _indent(lines: list[str], rng: random.Random) -> str:
    index = rng.randrange(len(lines))
    lines[index] = (" " * rng.randint(1, 3) + lines[index]) if rng.random() < 0.5 \
        else lines[index][rng.randint(1, 3):]
    return f"indent line {index + 1}"


def _punctuation(lines: list[str], rng: random.Random) -> str:
    index = rng.randrange(len(lines))
    line = lines[index]
    at = rng.randint(0, len(line))
    lines[index] = line[:at] + rng.choice(_PUNCTUATION) + line[at:]
    return f"punctuation line {index + 1}"


def _control(lines: list[str], rng: random.Random) -> str:
    index = rng.randrange(len(lines))
    line, char = lines[index], rng.choice(CONTROLS)
    at = rng.randint(0, len(line))
    lines[index] = line[:at] + char + line[at:]
    return f"control {char!r} line {index + 1}"


def _nesting(lines: list[str], rng: random.Random) -> str:
    depth = rng.choice((50, 99, 101, 1_000, 50_000))
    return f"nesting {depth} " + _on_field(lines, rng, _set_value("[" * depth + "]" * depth))


def _structure(lines: list[str], rng: random.Random) -> str:
    kind = rng.choice(("document", "directive", "tag-directive", "truncate", "empty-file",
                       "top-list", "top-scalar"))
    if kind == "document":
        lines.insert(rng.randrange(len(lines)), "---")
    elif kind == "directive":
        lines.insert(0, rng.choice(("%YAML 1.1\n---", "%YAML 9.9\n---", "%FOO bar\n---")))
    elif kind == "tag-directive":
        lines.insert(0, "%TAG ! tag:yaml.org,2002:python/object:\n---")
    elif kind == "truncate":
        del lines[rng.randrange(len(lines)):]
    elif kind == "empty-file":
        lines[:] = [rng.choice(("", "#", "---", "...", "~", "[]", "{}"))]
    elif kind == "top-list":
        lines[:] = ["- " + line for line in lines]
    else:
        lines[:] = ["just text"]
    return f"structure {kind}"


_TEXT_MUTATIONS = (_tag, _number, _empty, _to_collection, _long, _unicode, _text_file,
                   _anchors, _delete_line, _duplicate_line, _swap_lines, _indent, _punctuation,
                   _control, _nesting, _structure)


def mutate(text: str, rng: random.Random) -> tuple[bytes, tuple[str, ...]]:
    """``text`` with one to three mutations; the bytes and what was done."""
    lines = text.split("\n")
    done = []
    flip = rng.random() < 0.12
    for _ in range(rng.choices((1, 2, 3), weights=(6, 3, 1))[0]):
        if not lines or lines == [""]:
            lines = ["x"]
        done.append(rng.choice(_TEXT_MUTATIONS)(lines, rng))
    data = "\n".join(lines).encode("utf-8")
    if flip and data:
        data, what = flip_bits(data, rng)
        done.append(what)
    return data, tuple(done)


def generate(seeds: list[Seed], count: int, seed: int) -> Iterator[Mutant]:
    """``count`` mutants, the seeds taken in turn; the same ``seed`` gives the same mutants."""
    return fuzz_runner.generate(seeds, count, seed, mutate)


def run_ingest(path: Path, store: Path, *options: str) -> Outcome:
    """``kg --store STORE ingest [OPTIONS] PATH`` in-process (see ``tests/fuzz_runner.py``)."""
    return run_kg(["--store", str(store), "ingest", *options, str(path)])


def run_all(seeds: list[Seed], count: int, seed: int, folder: Path) -> Iterator[
        tuple[Mutant, Outcome]]:
    """Each of ``count`` mutants and what ``kg ingest`` did with it, all into one store (in
    ``folder``), SHACL shapes included."""
    for mutant in generate(seeds, count, seed):
        yield mutant, run_ingest(mutant.write(), folder / "store")
