"""Render listings as a table, JSON or CSV for the CLI.

Usage::

    from kg.output import render
    print(render(rows, "csv", columns=["id", "name"]))
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Sequence
from typing import Any

LISTING_FORMATS = ("table", "json", "csv")


def flat(value: Any) -> str:
    """One cell of text for a nested value: names of objects, lists joined by '; '."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if "value" in value and "unit" in value:
            qualifier = value.get("qualifier")
            prefix = f"{qualifier} " if qualifier and qualifier != "exactly" else ""
            return f"{prefix}{value['value']} {value['unit']}"
        if "status" in value and "reason" in value:
            return f"{value['status']}: {value['reason']}"
        if {"subject", "predicate", "object"} <= set(value):
            return " ".join(_tail(value[k]) for k in ("subject", "predicate", "object"))
        for key in ("name", "title", "text", "id"):
            if value.get(key):
                return flat(value[key])
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, list | tuple):
        return "; ".join(flat(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _tail(iri: str) -> str:
    """The last segment of an IRI (after '/' or '#'), for compact display."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


def to_json(rows: Any) -> str:
    """Pretty, stable JSON (UTF-8 kept readable)."""
    return json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """CSV with a header row; nested values flattened."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([flat(row.get(c)) for c in columns])
    return buffer.getvalue()


def to_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str = "") -> str:
    """A text table (rich), wrapped to the terminal; markup in the data is not interpreted."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title or None, show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*[Text(flat(row.get(c))) for c in columns])
    width = shutil.get_terminal_size(fallback=(120, 24)).columns
    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False)
    console.print(table)
    return console.file.getvalue()


def render(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str],
           title: str = "") -> str:
    """Render rows in one of table|json|csv. JSON keeps every field, nested."""
    if fmt == "json":
        return to_json(list(rows))
    if fmt == "csv":
        return to_csv(rows, columns)
    return to_table(rows, columns, title)
