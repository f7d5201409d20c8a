"""The query page at ``/query``: an editor, the canned queries as examples, results as a table.

With JavaScript the editor is YASGUI, bundled under ``/static/yasgui`` (nothing is loaded
from another host). Without it, the page is a form that runs the query on the server and
shows the answer as an HTML table, every value escaped. Canned queries with parameters are
shown bound to the example value from their description (``e.g. Roy Chua``). Usage::

    from kg.server.query_page import examples, query_page
    html_bytes = query_page(examples(load_queries()), config, query_text, outcome)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kg.canned import CannedQuery, bind
from kg.errors import KgError
from kg.server.config import ServerConfig
from kg.server.html import Markup, document, link, tag

_EXAMPLE = re.compile(r"e\.g\.\s*(.+?)\s*$")
_STATUS_EXAMPLE = "contested"


@dataclass(frozen=True)
class Example:
    """A canned query ready to run: its name, title, description and bound SPARQL."""

    name: str
    title: str
    description: str
    sparql: str


@dataclass(frozen=True)
class Outcome:
    """What running the page's query gave: a table, a graph as text, or an error."""

    columns: list[str] | None = None
    rows: list[list[str]] | None = None
    boolean: bool | None = None
    graph: str | None = None
    error: str | None = None


def example_values(query: CannedQuery) -> dict[str, str] | None:
    """Example values for a canned query's parameters, from their descriptions."""
    values = {}
    for param in query.parameters:
        if param.type == "status":
            values[param.name] = _STATUS_EXAMPLE
            continue
        match = _EXAMPLE.search(param.description)
        if not match:
            return None
        values[param.name] = match.group(1)
    return values


def examples(canned: dict[str, CannedQuery]) -> list[Example]:
    """The canned queries as runnable examples (parameters bound to their examples)."""
    out = []
    for query in canned.values():
        values = example_values(query)
        try:
            sparql = bind(query, values) if values is not None else query.sparql
        except KgError:
            sparql = query.sparql
        out.append(Example(query.name, query.title, query.description, sparql))
    return out


def outcome_from_json(body: bytes) -> Outcome:
    """An Outcome from SPARQL JSON results."""
    data = json.loads(body)
    if "boolean" in data:
        return Outcome(boolean=bool(data["boolean"]))
    columns = data["head"]["vars"]
    rows = [[b.get(c, {}).get("value", "") for c in columns]
            for b in data["results"]["bindings"]]
    return Outcome(columns=columns, rows=rows)


def _script_json(value: Any) -> Markup:
    """JSON safe inside a <script type="application/json"> element."""
    text = json.dumps(value, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def _cell(value: str, links: Callable[[str], str]) -> Any:
    if value.startswith(("http://", "https://")):
        return link(value, links(value))
    return value


def _outcome(outcome: Outcome | None, links: Callable[[str], str]) -> Any:
    if outcome is None:
        return None
    if outcome.error is not None:
        return tag("div", tag("strong", "Error: "), outcome.error, class_="error",
                   role="alert")
    if outcome.boolean is not None:
        return tag("p", "Answer: ", tag("strong", "yes" if outcome.boolean else "no"))
    if outcome.graph is not None:
        return tag("pre", outcome.graph, class_="graph")
    columns, rows = outcome.columns or [], outcome.rows or []
    return [tag("p", f"{len(rows)} row(s)"),
            tag("table",
                tag("thead", tag("tr", [tag("th", c) for c in columns])),
                tag("tbody", [tag("tr", [tag("td", _cell(v, links)) for v in row])
                              for row in rows]),
                class_="results")]


def query_page(examples_: list[Example], config: ServerConfig, query_text: str | None,
               outcome: Outcome | None, endpoint: str = "/sparql",
               links: Callable[[str], str] = lambda iri: iri) -> bytes:
    """The whole page; ``links`` maps an IRI in the results to the URL that shows it."""
    initial = query_text if query_text is not None else (
        examples_[0].sparql if examples_ else "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    items = [tag("li",
                 link(e.title, f"/query?name={e.name}", data_canned=e.name),
                 tag("p", e.description, class_="description")) for e in examples_]
    limits = (f"Answers hold at most {config.max_results} results; a query is stopped after "
              f"{config.timeout:g} s; SERVICE and LOAD are refused. The endpoint speaks the "
              "SPARQL 1.1 Protocol: ")
    canned = {e.name: {"title": e.title, "sparql": e.sparql} for e in examples_}
    body = [
        tag("nav", link("kg", "/query"), " › query"),
        tag("main",
            tag("h1", "Query the claims graph"),
            tag("p", limits, tag("code", endpoint), ". The default graph is the union of "
                "every article's graph."),
            tag("h2", "Examples"),
            tag("ul", items, class_="examples"),
            tag("div", id="yasgui", data_endpoint=endpoint),
            tag("section",
                tag("form",
                    tag("label", "SPARQL query", for_="query-text"),
                    tag("textarea", initial, name="query", id="query-text", spellcheck="false"),
                    tag("p", tag("button", "Run", type="submit")),
                    method="get", action="/query"),
                _outcome(outcome, links),
                id="plain-query")),
        tag("script", _script_json(canned), type="application/json", id="kg-canned"),
    ]
    return document("kg — query", *body, styles=["/static/yasgui/yasgui.min.css"],
                    scripts=["/static/yasgui/yasgui.min.js", "/static/kg-query.js"])
