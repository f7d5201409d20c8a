"""The ``kg`` command: a thin typer front end over the kg library.

Heavy libraries (rdflib, pyoxigraph, pyshacl) load inside the commands that need them,
so ``kg --help`` stays instant. Usage::

    kg build
    kg claims --by "Roy Chua" --format json
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from kg.errors import KgError

app = typer.Typer(
    name="kg",
    help="A knowledge graph of claims and sources for fact-checkers.\n\n"
    "Examples:\n\n  kg build\n\n  kg claims --by 'Roy Chua'\n\n"
    "  kg query --name disputed-claims --format json",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)


class State:
    """Options given before the command."""

    store: str | None = None


STATE = State()


class ListingFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    xml = "xml"
    turtle = "turtle"


class ExportFormat(StrEnum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"


FormatOption = Annotated[
    ListingFormat, typer.Option("--format", "-f", help="Output format: table, json or csv.")
]


@app.callback()
def _global(
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            envvar="KG_STORE",
            help="Store folder (or URL). Default: .kg-store in the current directory.",
        ),
    ] = None,
) -> None:
    """A knowledge graph of claims and sources for fact-checkers."""
    STATE.store = store


def _open() -> Any:
    from kg.store import open_store

    return open_store(STATE.store)


def _emit(text: str) -> None:
    sys.stdout.write(text)
    if not text.endswith("\n"):
        sys.stdout.write("\n")


CLAIM_COLUMNS = ["claim_id", "claimants", "kind", "status", "figures", "text"]


@app.command()
def build(
    exports: Annotated[Path, typer.Option(help="Folder for the exports.")] = Path("exports"),
) -> None:
    """Validate and ingest the bundled annotations, then regenerate the exports.

    Example: kg build
    """
    from kg.build import build_all

    with _open() as store:
        report = build_all(store, exports)
    for line in report:
        typer.echo(line)


@app.command()
def ingest(
    files: Annotated[list[Path], typer.Argument(help="Annotation files (YAML).")],
    skip_shapes: Annotated[
        bool, typer.Option("--skip-shapes", help="Do not check SHACL shapes before writing.")
    ] = False,
) -> None:
    """Validate annotation files and load them; nothing is written if one is bad.

    Example: kg ingest data/annotations/deepseek-stargate-mwl.yaml
    """
    from kg.ingest import ingest_files

    with _open() as store:
        summaries = ingest_files(store, files, check_shapes=not skip_shapes)
    for s in summaries:
        typer.echo(f"{s.path}: {s.article}: {s.claims} claims, {s.entities} entities, "
                   f"{s.quads} quads -> {s.graph}")


@app.command()
def claims(
    by: Annotated[str | None, typer.Option(help="Claimant name, alias or id.")] = None,
    about: Annotated[str | None, typer.Option(help="Entity the claim is about.")] = None,
    status: Annotated[str | None, typer.Option(help="unverified|contested|confirmed|refuted")]
    = None,
    kind: Annotated[str | None, typer.Option(help="direct-quote|reported-speech|assertion")]
    = None,
    fmt: FormatOption = ListingFormat.table,
) -> None:
    """List claims with their speakers, figures and statuses.

    Example: kg claims --by "Roy Chua" --status contested --format json
    """
    from kg.errors import UsageError
    from kg.listing import list_claims
    from kg.output import render
    from kg.vocab import KINDS, STATUSES

    if status and status not in STATUSES:
        raise UsageError(f"unknown status '{status}' (expected one of: {', '.join(STATUSES)})")
    if kind and kind not in KINDS:
        raise UsageError(f"unknown kind '{kind}' (expected one of: {', '.join(KINDS)})")
    with _open() as store:
        rows = list_claims(store, by=by, about=about, status=status, kind=kind)
    _emit(render(rows, fmt.value, CLAIM_COLUMNS, title="Claims"))


@app.command()
def entities(
    entity_type: Annotated[str | None, typer.Option("--type", help="person, organization, ...")]
    = None,
    fmt: FormatOption = ListingFormat.table,
) -> None:
    """List people, organisations, groups and other entities with aliases and roles.

    Example: kg entities --type person --format csv
    """
    from kg.listing import list_entities
    from kg.output import render

    with _open() as store:
        rows = list_entities(store, entity_type)
    _emit(render(rows, fmt.value, ["name", "type", "aliases", "roles", "wikidata"],
                 title="Entities"))


@app.command()
def figures(
    about: Annotated[str | None, typer.Option(help="Entity the figures are about.")] = None,
    fmt: FormatOption = ListingFormat.table,
) -> None:
    """List every figure, normalised (value, unit or currency, qualifier) with its words.

    Example: kg figures --about Stargate
    """
    from kg.listing import list_figures
    from kg.output import render

    with _open() as store:
        rows = list_figures(store, about)
    _emit(render(rows, fmt.value, ["claim_id", "value", "unit", "qualifier", "text", "claimants"],
                 title="Figures"))


@app.command()
def show(
    claim: Annotated[str, typer.Argument(help="Claim IRI, ARTICLE/ID or a unique ID like c07.")],
    fmt: FormatOption = ListingFormat.table,
) -> None:
    """Show one claim: text, position, speakers, figures, status history, relations.

    Example: kg show c07 --format json
    """
    from kg.listing import show_claim
    from kg.output import flat, render

    with _open() as store:
        detail = show_claim(store, claim)
    if fmt is ListingFormat.table:
        rows = [{"field": k, "value": flat(v)} for k, v in detail.items()]
        _emit(render(rows, "table", ["field", "value"], title=detail["id"]))
    else:
        _emit(render([detail], fmt.value, list(detail)) if fmt is ListingFormat.csv
              else json.dumps(detail, ensure_ascii=False, indent=2))


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="A SPARQL query.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the query from a file.")]
    = None,
    name: Annotated[str | None, typer.Option("--name", help="Run a canned query.")] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", help="Canned query parameter NAME=VALUE.")
    ] = None,
    show_sparql: Annotated[
        bool, typer.Option("--show", help="Print the SPARQL that runs, then run it.")
    ] = False,
    fmt: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the union of all graphs.

    Examples: kg query "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    kg query --name claims-by-person --param person="Roy Chua"
    """
    from kg.canned import bind, load_queries, parse_params
    from kg.errors import UsageError
    from kg.query_output import format_result

    given = [x for x in (sparql, file, name) if x]
    if len(given) != 1:
        raise UsageError("give exactly one of: a query, --file FILE or --name NAME")
    if file:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{file}: cannot read: {exc.strerror}") from None
    elif name:
        canned = load_queries()
        if name not in canned:
            raise UsageError(f"no canned query '{name}' (see `kg queries`)")
        text = bind(canned[name], parse_params(param or []))
    else:
        text = sparql or ""
    if param and not name:
        raise UsageError("--param goes with --name")
    if show_sparql:
        typer.echo(text, err=True)
    with _open() as store:
        _emit(format_result(store, text, fmt.value))


@app.command()
def queries(
    show_name: Annotated[str | None, typer.Option("--show", help="Print one query's SPARQL.")]
    = None,
    fmt: FormatOption = ListingFormat.table,
) -> None:
    """List the canned fact-checker queries and their parameters.

    Example: kg queries; kg queries --show disputed-claims
    """
    from kg.canned import load_queries
    from kg.errors import UsageError
    from kg.output import render

    canned = load_queries()
    if show_name:
        if show_name not in canned:
            raise UsageError(f"no canned query '{show_name}' (see `kg queries`)")
        _emit(canned[show_name].sparql)
        return
    rows = [
        {"name": q.name, "title": q.title, "description": q.description,
         "parameters": [{"name": p.name, "type": p.type, "description": p.description}
                        for p in q.parameters]}
        for q in canned.values()
    ]
    _emit(render(rows, fmt.value, ["name", "title", "parameters"], title="Canned queries"))


@app.command()
def validate(fmt: FormatOption = ListingFormat.table) -> None:
    """Check the whole store against the SHACL shapes; exit 1 when it does not conform.

    Example: kg validate
    """
    from kg.build import validate_store

    with _open() as store:
        report = validate_store(store)
    if fmt is ListingFormat.json:
        _emit(json.dumps({"conforms": report.conforms, "violations": list(report.violations)},
                         indent=2))
    else:
        typer.echo("conforms" if report.conforms else "does not conform")
        for violation in report.violations:
            typer.echo(f"  {violation}")
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.turtle,
    out: Annotated[Path | None, typer.Option("--out", help="File to write (default: stdout).")]
    = None,
) -> None:
    """Export the store as Turtle, TriG, N-Quads or JSON-LD.

    Example: kg export --format trig --out graph.trig
    """
    from kg.exports import export_text

    with _open() as store:
        text = export_text(store, fmt.value)
    if out:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out}")
    else:
        sys.stdout.write(text)


@app.command("eval")
def eval_command(
    predicted: Annotated[Path, typer.Argument(help="The annotation to score (e.g. extracted).")],
    gold: Annotated[Path, typer.Argument(help="The curated annotation of the same article.")],
    min_overlap: Annotated[float, typer.Option(help="Span overlap for two claims to match.")]
    = 0.5,
    fmt: FormatOption = ListingFormat.table,
) -> None:
    """Compare two annotations: claim P/R/F1, speaker, figure, status and kind agreement.

    Example: kg eval extracted.yaml data/annotations/deepseek-stargate-mwl.yaml --format json
    """
    from kg.evaluate import evaluate_files, to_table_rows
    from kg.output import render, to_json

    report = evaluate_files(predicted, gold, min_overlap=min_overlap)
    if fmt is ListingFormat.json:
        _emit(to_json(report.to_dict()))
    else:
        _emit(render(to_table_rows(report), fmt.value, ["metric", "value"], title="Evaluation"))


@app.command()
def review(
    claim: Annotated[str, typer.Argument(help="Claim IRI, ARTICLE/ID or a unique ID.")],
    verdict: Annotated[str | None, typer.Option(help="true, mostly-true, mixture, mostly-false, "
                                                     "false, unverifiable (or a status).")]
    = None,
    reviewer: Annotated[str | None, typer.Option(help="Who reviews (a name).")] = None,
    evidence: Annotated[list[str] | None, typer.Option(help="Evidence URL (repeatable).")]
    = None,
    note: Annotated[str | None, typer.Option(help="The reason, in words.")] = None,
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD (default: today).")] = None,
    retract: Annotated[bool, typer.Option("--retract", help="Withdraw the latest review.")]
    = False,
    fmt: FormatOption = ListingFormat.table,
) -> None:
    """Record a verdict on a claim with its evidence (history is kept), or retract the latest.

    Example: kg review c11 --verdict mostly-false --reviewer "Ana Pereira"
    --evidence https://example.org/report --note "Chip count not independently confirmed"
    """
    from kg.errors import UsageError
    from kg.output import render
    from kg.reviews import add_review, retract_review

    if not reviewer:
        raise UsageError("--reviewer NAME is required")
    with _open() as store:
        if retract:
            if verdict:
                raise UsageError("--retract takes no --verdict")
            entry = retract_review(store, claim, reviewer, note=note, date=date)
        else:
            if not verdict:
                raise UsageError("--verdict is required (or --retract)")
            entry = add_review(store, claim, verdict, reviewer, evidence or [], note, date)
    _emit(render([entry], fmt.value, REVIEW_COLUMNS, title="Recorded"))


REVIEW_COLUMNS = ["claim", "sequence", "kind", "verdict", "status", "reviewer", "date", "reason"]


@app.command()
def reviews(
    claim: Annotated[str | None, typer.Argument(help="A claim (default: every claim).")] = None,
    fmt: FormatOption = ListingFormat.table,
) -> None:
    """List the review history: reviews and retractions, oldest first.

    Example: kg reviews c11 --format json
    """
    from kg.output import render
    from kg.reviews import list_reviews

    with _open() as store:
        rows = list_reviews(store, claim)
    _emit(render(rows, fmt.value, REVIEW_COLUMNS, title="Reviews"))


def main() -> None:
    """Entry point: run the app, turning kg errors into one line and an exit code."""
    try:
        app()
    except KgError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
