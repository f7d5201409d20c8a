"""Errors that front ends show as one line, without a traceback.

Usage::

    raise AnnotationError("a.yaml", 12, "claims[3].status", "unknown status 'maybe'")
"""

from __future__ import annotations


class KgError(Exception):
    """A user-facing error: its message is one line and the exit code says what kind."""

    exit_code = 1


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
        super().__init__(f"{where}: {field}: {message}")


class StoreError(KgError):
    """The store could not be opened, read or written."""

    exit_code = 3


class QueryError(UsageError):
    """A SPARQL query that does not parse or cannot run."""
