"""What kg's fuzzers share (issue 13): seeds and mutants, hostile pieces of text, and running
one ``kg`` command in-process to say what it did.

A fuzzer stages its seeds (:class:`Seed`: a valid input, and where its mutants are written),
draws mutants from them with its own ``mutate`` function (:func:`generate`), writes each one
and runs kg on it with :func:`run_kg`: the click command that ``kg`` runs, with the handling of
errors of ``kg.cli.main`` (a :class:`kg.errors.KgError` is the line ``error: ...`` and its
exit code, any other exception is a traceback). A run longer than ``hang_seconds`` is
stopped (SIGALRM) and counted as a hang; the stop is a ``BaseException``, so no ``except
Exception`` in kg can turn it into an error. Used by ``tests/annotation_mutations.py``,
``tests/claimreview_mutations.py`` and ``tests/article_mutations.py``. Usage::

    from tests.fuzz_runner import generate, run_kg
    for mutant in generate(seeds, 300, seed=13, mutate=mutate):
        outcome = run_kg(["--store", "store", "import", str(mutant.write())])
        outcome.kind, outcome.message, outcome.names(mutant.seed.mutant_path)
"""

from __future__ import annotations

import io
import random
import signal
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import click
import typer

from kg.cli import app
from kg.errors import KgError, one_line

#: A run longer than this is stopped and counted as a hang.
HANG_SECONDS = 60
#: What a run can end in: loaded or refused on one line (the two good ends), or a failure.
KINDS = ("ok", "error", "multiline", "traceback", "hang")
_COMMAND = typer.main.get_command(app)

#: Characters that break lines, terminals or decoders.
CONTROLS = ("\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028",
            "\u2029", "\ufeff", "\ufffe", "\r", "\t")
#: Words in twenty scripts, with combining marks, a right-to-left override, a zero-width space,
#: an emoji sequence and a private-use character.
SCRIPTS = ("Ελληνικά", "русский", "עִברִית", "العربية", "हिन्दी", "বাংলা", "ไทย", "한국어", "中文字",
           "日本語かな", "ትግርኛ", "ᚠᚢᚦ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "🙂🧪🏳️‍🌈", "e\u0301\u0302\u0303", "\u202eevil",
           "a\u200bb", "\U0010fffd", "ﷺ", "𒀭𒊩")


class Seed(NamedTuple):
    """A staged seed: its text, and where a mutant of it is written."""

    source: Path
    text: str
    mutant_path: Path


@dataclass(frozen=True)
class Mutant:
    """One mutated input: its bytes, its seed and the mutations applied."""

    seed: Seed
    data: bytes
    mutations: tuple[str, ...]

    def write(self) -> Path:
        """Write the mutant at its seed's mutant path; returns that path."""
        self.seed.mutant_path.write_bytes(self.data)
        return self.seed.mutant_path


#: A mutation function: a seed's text and the generator in, the bytes and what was done out.
Mutate = Callable[[str, random.Random], tuple[bytes, tuple[str, ...]]]


def generate(seeds: list[Seed], count: int, seed: int, mutate: Mutate) -> Iterator[Mutant]:
    """``count`` mutants, the seeds taken in turn; the same ``seed`` gives the same mutants."""
    rng = random.Random(seed)
    for index in range(count):
        chosen = seeds[index % len(seeds)]
        data, mutations = mutate(chosen.text, rng)
        yield Mutant(chosen, data, mutations)


def is_deterministic(generate: Callable[[list[Seed], int, int], Iterator[Mutant]],
                     seeds: list[Seed], count: int = 50) -> bool:
    """True when ``generate`` gives the same mutants for the same seed and others for another
    seed (a fuzzer's ``generate(seeds, count, seed)``)."""
    def draw(seed: int) -> list[tuple[Path, bytes]]:
        return [(m.seed.source, m.data) for m in generate(seeds, count, seed)]

    first = draw(7)
    return first == draw(7) and first != draw(8)


def judge(runs: Iterable[tuple[Mutant, Outcome]], slow_seconds: float,
          known: Callable[[Outcome], str | None] = lambda outcome: None,
          ) -> tuple[Counter[str], list[tuple[str, tuple[str, ...], Outcome]]]:
    """The kinds of outcomes of ``runs`` (a fuzzer's ``run_all``), counted, and the runs that
    failed: a traceback, a hang, an error on several lines, an error that is not ``error: ``
    with exit code 2 naming the mutant's file, a run slower than ``slow_seconds``. A failure
    ``known`` names is counted as ``known NAME`` instead of listed."""
    kinds: Counter[str] = Counter()
    failed = []
    for mutant, outcome in runs:
        kinds[outcome.kind] += 1
        good_error = outcome.kind == "error" and outcome.exit_code == 2 and \
            outcome.message.startswith("error: ") and outcome.names(mutant.seed.mutant_path)
        if known(outcome):
            kinds[f"known {known(outcome)}"] += 1
        elif (outcome.kind != "ok" and not good_error) or outcome.seconds > slow_seconds:
            failed.append((mutant.seed.source.name, mutant.mutations, outcome))
    return kinds, failed


def flip_bits(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """``data`` with one to four bits flipped; the bytes and what was done."""
    raw = bytearray(data)
    flips = rng.randint(1, 4)
    for _ in range(flips):
        raw[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
    return bytes(raw), f"flip {flips} bit(s)"


@dataclass(frozen=True)
class Outcome:
    """What a kg command did with an input: ``ok``, ``error`` (one line), ``multiline``,
    ``traceback`` or ``hang``; with the exit code, the message and the seconds taken."""

    kind: str
    exit_code: int
    message: str
    seconds: float

    def names(self, path: Path) -> bool:
        """True when the message names ``path`` (as the command was given it)."""
        return str(path) in self.message


class _Hang(BaseException):
    """Raised by the alarm; a BaseException so that kg's ``except Exception`` lets it by."""


def _stop(signum: int, frame: object) -> None:
    raise _Hang()


def _error(message: str, exit_code: int, seconds: float) -> Outcome:
    single = len(message.splitlines()) == 1 and one_line(message) == message
    return Outcome("error" if single else "multiline", exit_code, message, seconds)


def _traceback(exc: Exception) -> str:
    """The exception's last line (cut to 300 characters), then where in kg it was raised."""
    frames = traceback.extract_tb(exc.__traceback__)
    in_kg = [f for f in frames if "/kg/" in f.filename and "site-packages" not in f.filename]
    where = in_kg[-1] if in_kg else frames[-1]
    place = f"{Path(where.filename).parent.name}/{Path(where.filename).name}:{where.lineno}"
    last = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return f"{last[:300]}\nat {place} ({where.name})"


def run_kg(args: Sequence[str], hang_seconds: int = HANG_SECONDS) -> Outcome:
    """``kg ARGS`` in-process, its output captured; what it did (see the module docstring).

    A command that ends with a non-zero exit code and no exception (``typer.Exit``) is an error
    whose message is what it wrote on stderr."""
    previous = signal.signal(signal.SIGALRM, _stop)
    signal.alarm(hang_seconds)
    started = time.monotonic()
    stderr = io.StringIO()
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(stderr):
            code = _COMMAND.main(list(args), prog_name="kg", standalone_mode=False)
        if not code:
            return Outcome("ok", 0, "", time.monotonic() - started)
        return _error(stderr.getvalue().strip(), code, time.monotonic() - started)
    except KgError as error:
        return _error(f"error: {error}", error.exit_code, time.monotonic() - started)
    except click.ClickException as error:  # kg prints the usage, then the error: many lines
        return Outcome("multiline", error.exit_code, error.format_message(),
                       time.monotonic() - started)
    except _Hang:
        return Outcome("hang", -1, f"stopped after {hang_seconds} s", time.monotonic() - started)
    except Exception as exc:
        return Outcome("traceback", 1, _traceback(exc), time.monotonic() - started)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
