"""The ``kg`` command: a thin typer front end over the kg library.

Heavy libraries (rdflib, pyoxigraph, pyshacl) load inside the commands that need them,
so ``kg --help`` stays instant. Usage::

    kg build
    kg claims --by "Roy Chua" --format json
"""

from __future__ import annotations

import json
import os
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
    update_url: str | None = None
    gsp_url: str | None = None


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
    claimreview = "claimreview"
    gexf = "gexf"
    graphml = "graphml"


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
    update_url: Annotated[
        str | None,
        typer.Option("--update-url", envvar="KG_UPDATE_URL",
                     help="SPARQL Update endpoint of a remote store (if not the query URL)."),
    ] = None,
    gsp_url: Annotated[
        str | None,
        typer.Option("--gsp-url", envvar="KG_GSP_URL",
                     help="Graph Store Protocol endpoint of a remote store."),
    ] = None,
) -> None:
    """A knowledge graph of claims and sources for fact-checkers."""
    STATE.store = store
    STATE.update_url = update_url
    STATE.gsp_url = gsp_url


def _open() -> Any:
    from kg.store import open_store

    return open_store(STATE.store, STATE.update_url, STATE.gsp_url)


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

    Each text_file must lie inside the corpus root: KG_CORPUS_ROOT if it holds the
    annotation, else the annotation's folder (the folder above, for a folder named
    annotations). Example: kg ingest data/annotations/deepseek-stargate-mwl.yaml
    """
    from kg.annotation import load_annotation
    from kg.ingest import ingest_articles

    articles = [load_annotation(f) for f in files]  # before the store opens: a bad file
    with _open() as store:                          # leaves no trace
        summaries = ingest_articles(store, articles, check_shapes=not skip_shapes)
    for s in summaries:
        typer.echo(f"{s.path}: {s.article}: {s.claims} claims, {s.entities} entities, "
                   f"{s.quads} quads -> {s.graph}")


@app.command()
def remove(
    articles: Annotated[list[str], typer.Argument(help="Article ids, as `kg ingest` prints.")],
) -> None:
    """Remove articles with their claims' status and content graphs (their reviews are kept),
    then reconcile; nothing is removed if one id is unknown.

    Example: kg remove en-wire-deepseek
    """
    from kg.ingest import remove_articles

    with _open() as store:
        graphs = remove_articles(store, articles)
    typer.echo(f"removed {len(articles)} article(s), {len(graphs)} graph(s)")


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
    """Export the store as Turtle, TriG, N-Quads or JSON-LD, or its reviews as ClaimReview.

    Example: kg export --format trig --out graph.trig;
    kg export --format claimreview --out claimreview.jsonld
    """
    from kg.exports import export_text

    if fmt in (ExportFormat.gexf, ExportFormat.graphml):
        from kg.errors import UsageError
        from kg.gephi import write_gexf, write_graphml
        from kg.viz import project

        if out is None:
            raise UsageError(f"--format {fmt.value} needs --out FILE")
        with _open() as store:
            graph = project(store)
        (write_gexf if fmt is ExportFormat.gexf else write_graphml)(graph, out)
        typer.echo(f"wrote {out}")
        return
    with _open() as store:
        if fmt is ExportFormat.claimreview:
            from kg.claimreview import export_claimreview

            text = export_claimreview(store)
        else:
            text = export_text(store, fmt.value)
    if out:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out}")
    else:
        sys.stdout.write(text)


@app.command()
def viz(
    out: Annotated[Path, typer.Option(help="The HTML page to write.")] = Path("graph.html"),
    focus: Annotated[str | None, typer.Option(help="An entity or claim to centre on.")] = None,
    depth: Annotated[int, typer.Option(help="Hops around --focus.")] = 2,
    status: Annotated[list[str] | None, typer.Option(help="Keep claims with this status.")]
    = None,
    node_type: Annotated[list[str] | None, typer.Option("--type", help="Keep this node type.")]
    = None,
) -> None:
    """Write the interactive graph page: one self-contained HTML file that works offline.

    Example: kg viz --focus "Roy Chua" --depth 2 --out chua.html
    """
    from kg.viz import write_page

    with _open() as store:
        path = write_page(store, out, focus=focus, depth=depth, statuses=status or None,
                          types=node_type or None)
    typer.echo(f"wrote {path}")


@app.command()
def stats(fmt: FormatOption = ListingFormat.table) -> None:
    """Counts by type and status, most-quoted speakers, most-disputed claims, centrality.

    Example: kg stats --format json
    """
    from kg.output import render, to_json
    from kg.stats import compute_stats, stats_tables

    with _open() as store:
        result = compute_stats(store)
    if fmt is ListingFormat.json:
        _emit(to_json(result))
        return
    for title, columns, rows in stats_tables(result):
        _emit(render(rows, fmt.value, columns, title=title))


class ExtractFormat(StrEnum):
    yaml = "yaml"
    json = "json"


@app.command()
def extract(
    articles: Annotated[list[Path], typer.Argument(help="Text or HTML files, or folders.")],
    lang: Annotated[str, typer.Option(help="fr, en or auto.")] = "auto",
    title: Annotated[str | None, typer.Option(help="The article's title.")] = None,
    publisher: Annotated[str | None, typer.Option(help="Who published it.")] = None,
    date: Annotated[str | None, typer.Option(help="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    url: Annotated[str | None, typer.Option(help="The article's URL.")] = None,
    out: Annotated[Path | None, typer.Option(help="Annotation file (one article) or folder.")]
    = None,
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.yaml,
    ingest: Annotated[bool, typer.Option("--ingest", help="Also load into the store.")] = False,
    jobs: Annotated[int, typer.Option(help="Worker processes for spaCy.")] = 1,
) -> None:
    """Extract claims, speakers and figures from articles into curated-format annotations.

    Examples: kg extract article.txt --format json;
    kg extract articles/ --out annotations/ --ingest --jobs 2
    """
    from kg.errors import UsageError
    from kg.extract.batch import annotation_text, collect_paths

    if lang not in ("fr", "en", "auto"):
        raise UsageError(f"--lang '{lang}' is not one of fr, en, auto")
    paths = collect_paths(articles)
    if not paths:
        raise UsageError("no article files given (text or HTML files, or folders of them)")
    batch = len(paths) > 1 or any(p.is_dir() for p in articles) or (
        out is not None and out.is_dir())
    if batch and out is None and fmt is ExtractFormat.yaml:
        raise UsageError("several articles: give --out FOLDER (or --format json)")
    if batch and out is not None and out.suffix in (".yaml", ".yml", ".json"):
        raise UsageError(f"several articles: --out must be a folder, not {out}")
    out_dir = (out if batch else out.parent) if out is not None else None
    metadata = {"title": title, "publisher": publisher, "date": date, "url": url}
    outcomes = _run_extraction(paths, lang, metadata, out_dir if batch else None, jobs)
    done = [o for o in outcomes if o.annotated is not None]
    if not batch:
        failed = [o for o in outcomes if o.error]
        if failed:
            raise UsageError(failed[0].error or "extraction failed")
        annotated = done[0].annotated
        if out is not None:
            from kg.extract.batch import write_annotation

            if fmt is ExtractFormat.json:
                out.write_text(annotation_text(annotated, "json", ""), encoding="utf-8")
            else:
                write_annotation(annotated, out)
            typer.echo(f"wrote {out}", err=True)
        else:
            text_file = os.path.relpath(paths[0])  # for a YAML saved in this folder
            _emit(annotation_text(annotated, fmt.value, text_file))
    else:
        for outcome in outcomes:
            if outcome.error:
                typer.echo(f"skipped: {outcome.error}", err=True)
        if out is None:
            from kg.extract.serialize import to_json

            _emit(json.dumps([to_json(o.annotated) for o in done], ensure_ascii=False,
                             indent=2))
        else:
            typer.echo(f"wrote {len(done)} annotation(s) to {out}, skipped "
                       f"{len(outcomes) - len(done)}", err=True)
    if ingest and done:
        from kg.ingest import ingest_articles

        with _open() as store:
            summaries = ingest_articles(store, [o.annotated for o in done])
        for s in summaries:
            typer.echo(f"ingested {s.article}: {s.claims} claims -> {s.graph}", err=True)
    if batch and len(done) < len(outcomes):
        raise typer.Exit(1)


def _run_extraction(paths: list[Path], lang: str, metadata: dict[str, str | None],
                    out_dir: Path | None, jobs: int) -> list[Any]:
    """Extract with a progress bar on stderr when there is more than one file."""
    from kg.extract.batch import extract_files

    if len(paths) == 1:
        return extract_files(paths, lang, metadata, out_dir, jobs)
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("reading", total=len(paths))
        return extract_files(paths, lang, metadata, out_dir, jobs,
                             progress=lambda n: progress.advance(task, n))


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


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(envvar="KG_TOKEN", help="Secret that enables SPARQL Update and the Graph "
                     "Store Protocol (send it as 'Authorization: Bearer TOKEN'). Without it "
                     "the server is read-only."),
    ] = None,
    timeout: Annotated[
        float, typer.Option(help="Seconds a query or update may run before it is stopped.")
    ] = 5.0,
    max_results: Annotated[
        int, typer.Option("--max-results", help="Most rows or triples one answer may hold.")
    ] = 10_000,
    max_request_size: Annotated[
        int, typer.Option("--max-request-size", help="Most bytes one request may carry.")
    ] = 4 * 1024 * 1024,
    base_iri: Annotated[
        str, typer.Option("--base-iri", help="IRI namespace this server dereferences: "
                          "BASE/claim/A/c1 is served at /PATH-OF-BASE/claim/A/c1.")
    ] = "https://kg.example.org/id/",
) -> None:
    """Serve the graph over HTTP: SPARQL endpoint, query page, pages for every IRI.

    The server holds the store while it runs: other kg commands on the same store fail
    until you stop it (Ctrl-C).

    Example: kg serve --port 8000; then open http://127.0.0.1:8000/query
    """
    from kg.server.config import ServerConfig
    from kg.server.run import serve as run_server
    from kg.store import store_location

    location = store_location(STATE.store)
    if location.startswith(("http://", "https://")):
        from kg.errors import UsageError

        raise UsageError(f"kg serve needs a store folder, not a URL: {location}")
    run_server(ServerConfig(store=location, host=host, port=port, token=token or None,
                            timeout=timeout, max_results=max_results,
                            max_request_size=max_request_size, base_iri=base_iri))


@app.command("import")
def import_command(
    files: Annotated[list[Path], typer.Argument(
        help="ClaimReview JSON-LD files (an object, a list or a @graph) or HTML pages.")],
) -> None:
    """Import schema.org ClaimReview from any fact-checker: claims, claimants and reviews.

    HTML pages are read for their <script type="application/ld+json"> blocks. Every file is
    checked before anything is written; importing the same reviews again adds nothing.

    Example: kg import factcheck.json page.html
    """
    from kg.claimreview import import_claimreviews

    with _open() as store:
        s = import_claimreviews(store, files)
    typer.echo(f"{', '.join(s.files)}: {s.reviews_added} reviews added "
               f"({s.duplicates_skipped} already there), {s.claims_created} new claims, "
               f"{s.claims_matched} existing claims matched"
               + (f"; articles: {', '.join(s.articles)}" if s.articles else ""))


RELATION_COLUMNS = ["claim", "speaker", "other", "other_speaker", "origin", "reason"]
RELATION_CSV_COLUMNS = ["claim", "speaker", "text", "other", "other_speaker", "other_text",
                        "origin", "independent", "reason"]


def _relations_output(entries: list[dict[str, Any]], fmt: ListingFormat, title: str) -> None:
    """JSON: the entries as they are; table and CSV: one flat row per relation."""
    from kg.output import render, to_json
    from kg.reconcile import relation_rows

    if fmt is ListingFormat.json:
        _emit(to_json(entries))
        return
    columns = RELATION_COLUMNS if fmt is ListingFormat.table else RELATION_CSV_COLUMNS
    _emit(render(relation_rows(entries), fmt.value, columns, title=title))


@app.command()
def reindex() -> None:
    """Rebuild the entity index graph (names, aliases, name keys, types) from the article
    graphs: needed only after loading data without kg (a server's bulk loader).

    Example: kg reindex
    """
    from kg.entity_index import ENTITY_INDEX_GRAPH, rebuild_update

    with _open() as store:
        store.update(rebuild_update())
        rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ENTITY_INDEX_GRAPH}> "
                            "{ ?s ?p ?o } }")
    typer.echo(f"rebuilt {ENTITY_INDEX_GRAPH}: {rows[0]['n']['value']} statements")


@app.command("reconcile")
def reconcile_command() -> None:
    """Re-derive the reconciliation graph: one entity per real person or organisation,
    claim groups, disputes and agreements across sources, cross-source statuses.

    Ingest runs it automatically; run it after editing decisions by hand.

    Example: kg reconcile
    """
    from kg.reconcile import reconcile

    with _open() as store:
        summary = reconcile(store)
    for line in summary.lines():
        typer.echo(line)


GROUP_COLUMNS = ["group", "rank", "role", "claim", "date", "claimants", "source", "status",
                 "text"]


@app.command()
def groups(
    disputed: Annotated[bool, typer.Option("--disputed", help="Only groups where sources "
                                           "disagree.")] = False,
    fmt: FormatOption = ListingFormat.table,
) -> None:
    """List claim groups (the same quantity or proposition in several sources): who said it
    first, who repeated it, who dissents, and where.

    JSON gives the groups as `kg.reconcile.list_claim_groups` returns them (`first`,
    `members` with `rank`, `role`, `source`, `date`, offsets, `repeats`; `conflicts`,
    `corroborations`); table and CSV give one row per member.

    Example: kg groups --disputed
    """
    from kg.output import render
    from kg.reconcile import list_claim_groups
    from kg.vocab import DATA_BASE

    with _open() as store:
        found = [g for g in list_claim_groups(store) if g["disputed"] or not disputed]
    if fmt is ListingFormat.json:
        _emit(render(found, fmt.value, GROUP_COLUMNS))
        return
    rows = [{"group": g["label"], "rank": m["rank"], "role": m["role"],
             "claim": m["claim"].removeprefix(f"{DATA_BASE}claim/"), "date": m["date"] or "",
             "claimants": "; ".join(c["name"] for c in m["claimants"]),
             "source": m["source"]["title"], "status": m["status"], "text": m["text"]}
            for g in found for m in g["members"]]
    _emit(render(rows, fmt.value, GROUP_COLUMNS, title="Claim groups"))


@app.command()
def conflicts(fmt: FormatOption = ListingFormat.table) -> None:
    """List claims that dispute each other (in one article or across sources), with why.

    JSON gives objects with `claims` (the disputing claim, then the disputed one, as
    `kg claims --format json` gives them), `reason`, `origin`, `match` and `group`.

    Example: kg conflicts --format json
    """
    from kg.reconcile import list_conflicts

    with _open() as store:
        entries = list_conflicts(store)
    _relations_output(entries, fmt, "Conflicts")


@app.command()
def corroborations(fmt: FormatOption = ListingFormat.table) -> None:
    """List claims that agree (in one article or across sources), with why; `independent`
    tells a confirmation by another origin from a repeat of the same origin.

    Example: kg corroborations --format csv
    """
    from kg.reconcile import list_corroborations

    with _open() as store:
        entries = list_corroborations(store)
    _relations_output(entries, fmt, "Corroborations")


@app.command()
def merges(fmt: FormatOption = ListingFormat.table) -> None:
    """List merged entities: each cluster, its members and the decisions that explain it.

    Example: kg merges --format json
    """
    from kg.output import render, to_json
    from kg.reconcile import list_merges

    with _open() as store:
        clusters = list_merges(store)
    if fmt is ListingFormat.json:
        _emit(to_json(clusters))
        return
    rows = [{"id": c["id"].rsplit("/", 1)[-1], "name": c["name"], "type": c["type"],
             "wikidata": c["wikidata"],
             "members": "; ".join(m["id"].rsplit("/", 1)[-1] for m in c["members"]),
             "why": "; ".join(f"{d['rule']}{'' if d['merged'] else ' (refused)'}"
                              for d in c["decisions"])} for c in clusters]
    _emit(render(rows, fmt.value, ["id", "name", "type", "wikidata", "members", "why"],
                 title="Merged entities"))


def _decide(first: str, second: str, same: bool, reason: str | None, by: str | None) -> None:
    from kg.reconcile import reconcile, record_decision

    with _open() as store:
        decision = record_decision(store, first, second, same=same, reason=reason, author=by)
        summary = reconcile(store)
    a, b = (e.rsplit("/", 1)[-1] for e in decision.entities)
    verb = "the same entity" if same else "distinct entities"
    typer.echo(f"recorded decision {decision.sequence}: {a} and {b} are {verb} "
               f"({decision.reason})")
    typer.echo(summary.lines()[0])


@app.command()
def merge(
    first: Annotated[str, typer.Argument(help="Entity id or IRI.")],
    second: Annotated[str, typer.Argument(help="Entity id or IRI.")],
    reason: Annotated[str, typer.Option(help="Why they are one (kept with the decision).")],
    by: Annotated[str | None, typer.Option(help="Who decides (a name).")] = None,
) -> None:
    """Record that two entities are the same real one (kept; never regenerated), then
    reconcile.

    Example: kg merge chua roy-chua --reason "Same AvidThink analyst"
    """
    _decide(first, second, True, reason, by)


@app.command()
def unmerge(
    first: Annotated[str, typer.Argument(help="Entity id or IRI.")],
    second: Annotated[str, typer.Argument(help="Entity id or IRI.")],
    reason: Annotated[str | None, typer.Option(help="Why they are distinct.")] = None,
    by: Annotated[str | None, typer.Option(help="Who decides (a name).")] = None,
) -> None:
    """Record that two entities are distinct: this overrides any automatic merge (nothing
    is deleted; a later `kg merge` of the same pair outranks it), then reconcile.

    Example: kg unmerge chua roy-chua --reason "Another Chua"
    """
    _decide(first, second, False, reason, by)


class DumpFormat(StrEnum):
    nquads = "nquads"
    trig = "trig"


def _open_other(location: str, update_url: str | None, gsp_url: str | None) -> Any:
    """The other store of a push or pull. KG_UPDATE_URL and KG_GSP_URL (and --update-url,
    --gsp-url) serve it only when this store is a folder: otherwise they are this store's."""
    from kg.remote_store import RemoteStore
    from kg.store import open_store, store_location

    if not location.startswith(("http://", "https://")):
        return open_store(location)
    if not store_location(STATE.store).startswith(("http://", "https://")):
        update_url = update_url or STATE.update_url or os.environ.get("KG_UPDATE_URL")
        gsp_url = gsp_url or STATE.gsp_url or os.environ.get("KG_GSP_URL")
    user, password = os.environ.get("KG_USER"), os.environ.get("KG_PASSWORD")
    return RemoteStore(location, update_url=update_url, store_url=gsp_url,
                       token=os.environ.get("KG_TOKEN"),
                       auth=(user, password) if user and password else None,
                       auth_kind=(os.environ.get("KG_AUTH") or "").lower() or None)


ArticleOption = Annotated[
    list[str] | None,
    typer.Option("--article", "-a", help="Only this article (and the graphs it owns, with its "
                 "claims' reviews); repeatable. Default: every graph."),
]


@app.command()
def push(
    to: Annotated[str, typer.Option("--to", help="Target store: a folder or a SPARQL query URL.")],
    article: ArticleOption = None,
    to_update_url: Annotated[str | None, typer.Option(
        "--to-update-url", help="Update endpoint of the target (default: KG_UPDATE_URL).")] = None,
    to_gsp_url: Annotated[str | None, typer.Option(
        "--to-gsp-url", help="Graph Store endpoint of the target (default: KG_GSP_URL).")] = None,
) -> None:
    """Copy this store's graphs (all, or chosen articles) to another store, replacing them whole.

    Example: kg push --to http://127.0.0.1:7878/query --to-update-url
    http://127.0.0.1:7878/update --article deepseek-stargate-mwl
    """
    from kg.backup import copy_graphs

    with _open() as source, _open_other(to, to_update_url, to_gsp_url) as target:
        s = copy_graphs(source, target, article or [])
    typer.echo(f"pushed {s.graphs} graphs ({s.quads} quads) to {to}")


@app.command()
def pull(
    source_url: Annotated[str, typer.Option(
        "--from", help="Source store: a SPARQL query URL or a folder.")],
    article: ArticleOption = None,
    from_gsp_url: Annotated[str | None, typer.Option(
        "--from-gsp-url", help="Graph Store endpoint of the source, if it has one.")] = None,
) -> None:
    """Copy another store's graphs (all, or chosen articles) into this one, replacing them whole.

    Example: kg pull --from http://127.0.0.1:7878/query --article deepseek-stargate-mwl
    """
    from kg.backup import copy_graphs

    with _open_other(source_url, None, from_gsp_url) as source, _open() as target:
        s = copy_graphs(source, target, article or [])
    typer.echo(f"pulled {s.graphs} graphs ({s.quads} quads) from {source_url}")


@app.command()
def dump(
    fmt: Annotated[DumpFormat, typer.Option("--format", "-f")] = DumpFormat.nquads,
    out: Annotated[Path | None, typer.Option("--out", help="File to write (default: stdout).")]
    = None,
) -> None:
    """Back up every named graph of the store as sorted N-Quads or TriG.

    Example: kg dump --format trig --out backup.trig
    """
    from kg.backup import dump_text

    with _open() as store:
        text = dump_text(store, fmt.value)
    if out:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out}")
    else:
        sys.stdout.write(text)


@app.command()
def restore(
    file: Annotated[Path, typer.Argument(help="A dump: .nq/.nquads or .trig.")],
    fmt: Annotated[DumpFormat | None, typer.Option(
        "--format", "-f", help="nquads or trig (default: from the suffix).")] = None,
) -> None:
    """Restore a dump: each graph in it replaces the store's graph of the same name.

    Example: kg restore backup.nq
    """
    from kg.backup import format_of, restore_text
    from kg.errors import UsageError

    if not file.is_file():
        raise UsageError(f"{file}: no such file")
    chosen = fmt.value if fmt else format_of(file)
    with _open() as store:
        s = restore_text(store, file.read_bytes(), chosen, str(file))
    typer.echo(f"restored {s.graphs} graphs ({s.quads} quads) from {file}")


def main() -> None:
    """Entry point: run the app, turning kg errors into one line and an exit code."""
    try:
        app()
    except KgError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
