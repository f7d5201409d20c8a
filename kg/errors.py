"""Errors that front ends show as one line, without a traceback.

Usage::

    raise AnnotationError("a.yaml", 12, "claims[3].status", f"unknown status '{shown(value)}'")
"""

from __future__ import annotations

import unicodedata


def one_line(text: str) -> str:
    """``text`` with line breaks, controls, format characters and lone surrogates escaped
    (``\\n``, ``\\x00``, ``\\u202e``; spaces such as U+202F stay), so it prints as one line.
    Usage: ``one_line("a\\nb") == "a\\\\nb"``."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or unicodedata.category(c) == "Zs" else repr(c)[1:-1]
                   for c in text)


def shown(value: object, limit: int = 60) -> str:
    """A value as an error message quotes it: on one line, cut to ``limit`` characters.

    Usage: ``f"unknown value '{shown(value)}'"``."""
    text = one_line(str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


class KgError(Exception):
    """A user-facing error: its message is one line and the exit code says what kind.

    The message is made one line here, whatever it quotes (a value with a line break, an
    escape sequence or a right-to-left override prints escaped)."""

    exit_code = 1

    def __str__(self) -> str:
        return one_line(super().__str__())


class UsageError(KgError):
    """Bad input from the user (unknown id, bad option value, malformed file)."""

    exit_code = 2


class AnnotationError(UsageError):
    """A problem in an annotation file, located by file, line and field."""

    def __init__(self, path: str, line: int | None, field: str, message: str) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(one_line(f"{where}: {field}: {message}"))


class StoreError(KgError):
    """The store could not be opened, read or written."""

    exit_code = 3


class QueryError(UsageError):
    """A SPARQL query that does not parse or cannot run."""
