"""Canned fact-checker queries: ``.rq`` files with declared parameters, bound safely.

A query file starts with comment lines ``# title:``, ``# description:`` and one
``# param: NAME TYPE DESCRIPTION`` per parameter (TYPE is text, name, iri or status; a
name is bound as its lookup key :func:`kg.entity_index.name_key`, to match ``kg:nameKey``).
Values are never pasted into the query text as SPARQL: each becomes one RDF term,
escaped by rdflib, in a ``VALUES`` block. Usage::

    from kg.canned import load_queries, bind
    query = load_queries()["claims-by-person"]
    sparql = bind(query, {"person": "Roy Chua"})
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef

from kg.entity_index import name_key
from kg.errors import UsageError
from kg.resources import queries_dir
from kg.vocab import STATUS, STATUSES

PARAM_TYPES = ("text", "name", "iri", "status")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
SAFE_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


@dataclass(frozen=True)
class Parameter:
    """A declared parameter of a canned query."""

    name: str
    type: str
    description: str


@dataclass(frozen=True)
class CannedQuery:
    """A canned query: its name (file stem), title, description, parameters and SPARQL."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    sparql: str
    path: str


def parse_query_file(path: Path) -> CannedQuery:
    """Read one ``.rq`` file and its header. Usage: ``parse_query_file(Path("q.rq"))``."""
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    params = []
    for line in text.splitlines():
        match = re.match(r"^#\s*(title|description|param):\s*(.*)$", line)
        if not match:
            continue
        key, value = match.groups()
        if key == "param":
            name, ptype, *rest = value.split(maxsplit=2)
            if ptype not in PARAM_TYPES:
                raise UsageError(f"{path}: param {name}: unknown type '{ptype}'")
            params.append(Parameter(name, ptype, rest[0] if rest else ""))
        else:
            header[key] = value.strip()
    return CannedQuery(
        name=path.stem,
        title=header.get("title", path.stem),
        description=header.get("description", ""),
        parameters=tuple(params),
        sparql=text,
        path=str(path),
    )


def load_queries(folder: Path | None = None) -> dict[str, CannedQuery]:
    """Every canned query by name. Usage: ``load_queries()["disputed-claims"]``."""
    folder = folder or queries_dir()
    return {q.name: q for q in (parse_query_file(p) for p in sorted(folder.glob("*.rq")))}


def _term(param: Parameter, value: str) -> str:
    if param.type == "text":
        return Literal(value).n3()
    if param.type == "name":
        return Literal(name_key(value)).n3()
    if param.type == "status":
        if value not in STATUSES:
            raise UsageError(
                f"parameter {param.name}: unknown status '{value}' "
                f"(expected one of: {', '.join(STATUSES)})"
            )
        return URIRef(STATUS[value]).n3()
    if not SAFE_IRI.match(value):
        raise UsageError(f"parameter {param.name}: '{value}' is not an http(s) IRI")
    return URIRef(value).n3()


def bind(query: CannedQuery, values: dict[str, str]) -> str:
    """The query's SPARQL with each parameter bound by a VALUES block (safely escaped)."""
    declared = {p.name: p for p in query.parameters}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise UsageError(
            f"query {query.name} has no parameter '{unknown[0]}' "
            f"(its parameters: {', '.join(declared) or 'none'})"
        )
    missing = [name for name in declared if name not in values]
    if missing:
        raise UsageError(f"query {query.name} needs --param {missing[0]}=VALUE")
    if not declared:
        return query.sparql
    block = " ".join(
        f"VALUES ?{name} {{ {_term(declared[name], values[name])} }}" for name in declared
    )
    match = _WHERE.search(query.sparql)
    if match is None:
        raise UsageError(f"{query.path}: no WHERE clause to bind parameters in")
    return f"{query.sparql[:match.end()]}\n  {block}\n{query.sparql[match.end():]}"


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``["person=Roy Chua"]`` → ``{"person": "Roy Chua"}``, with a clear error otherwise."""
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--param '{pair}' is not NAME=VALUE")
        values[name.strip()] = value
    return values
