"""Read schema.org ClaimReview JSON-LD from a file: JSON, a list, a ``@graph`` or an HTML page.

The JSON-LD is processed offline: every reference to the schema.org context is replaced by
the minimal context shipped with kg (``schema-org.jsonld`` next to this module) and any other
remote context is refused, so nothing is ever fetched. HTML pages are read with the standard
library's ``html.parser``; only their ``<script type="application/ld+json">`` blocks are used
and nothing in the page is run. Usage::

    from kg.claimreview.reader import read_claimreviews
    records = read_claimreviews("politifact-page.html")
    records[0].claim_text, records[0].rating.verdict
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import warnings
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.annotation import NOT_TEXT_RE
from kg.claimreview.ratings import Rating, normalize_rating
from kg.errors import UsageError, shown
from kg.vocab import DATA_BASE, KG, SCHEMA, VERDICT

CONTEXT_FILE = Path(__file__).resolve().parent / "schema-org.jsonld"
#: Context references that mean schema.org (what Google expects) and get the local context.
SCHEMA_CONTEXTS = frozenset({
    "http://schema.org", "https://schema.org", "http://www.schema.org", "https://www.schema.org",
    "http://schema.org/docs/jsonldcontext.json", "https://schema.org/docs/jsonldcontext.json",
    "http://schema.org/docs/jsonldcontext.jsonld", "https://schema.org/docs/jsonldcontext.jsonld",
})
#: A key kg adds to each ClaimReview object before JSON-LD processing, to keep file order.
ORDER = "https://kg.example.org/def/import#order"
_HTTPS_SCHEMA = "https://schema.org/"
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_WIKIDATA = re.compile(r"^https?://(?:www\.|m\.)?wikidata\.org/(?:wiki|entity)/(Q[1-9]\d*)$")
_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")
#: How deep lists and objects may nest in a file's JSON: a ClaimReview needs about eight levels,
#: and kg's reading (and rdflib's JSON-LD processing) recurses once per level.
MAX_DEPTH = 100


@dataclass(frozen=True)
class Agent:
    """A person or organisation named in a ClaimReview (claimant, reviewer, publisher)."""

    name: str
    type: str
    wikidata: str | None = None
    iri: str | None = None


@dataclass(frozen=True)
class Source:
    """Where the claim appeared: the article, post or speech (``appearance``)."""

    key: str | None
    url: str | None = None
    iri: str | None = None
    headline: str | None = None
    date: str | None = None
    language: str | None = None
    publisher: Agent | None = None
    author: Agent | None = None


@dataclass(frozen=True)
class ClaimReviewRecord:
    """One ClaimReview, checked and flattened: what kg needs to store it."""

    where: str
    order: int
    url: str | None
    claim_text: str
    claim_iri: str | None
    claimants: tuple[Agent, ...]
    claim_date: str | None
    source: Source
    reviewer: Agent
    date: str | None
    label: str
    rating: Rating
    citations: tuple[str, ...]
    note: str | None
    language: str | None


@lru_cache(maxsize=1)
def local_context() -> dict[str, Any]:
    """The minimal schema.org context shipped with kg (the value of its ``@context``)."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def is_url(value: str | None) -> bool:
    """True for an absolute http(s) URL without spaces that is a valid IRI (as the store reads
    IRIs: ``%`` followed by two hex digits, no control or non-character code points, a host
    that parses). Usage: ``is_url("https://x.org")``."""
    if not value or not _URL.match(value):
        return False
    try:
        NamedNode(value)
    except (ValueError, UnicodeError):
        return False
    return True


# --------------------------------------------------------------------------------------------
# Files: JSON or HTML
# --------------------------------------------------------------------------------------------


class _LdJsonBlocks(HTMLParser):
    """Collects the text of ``<script type="application/ld+json">`` elements, with their line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, str]] = []
        self._current: list[str] | None = None
        self._line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        kind = dict(attrs).get("type") or ""
        if kind.split(";")[0].strip().lower() == "application/ld+json":
            self._current = []
            self._line = self.getpos()[0]

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.blocks.append((self._line, "".join(self._current)))
            self._current = None


def _json_documents(path: Path) -> list[tuple[str, int, Any]]:
    """The JSON documents of a file: (label for errors, first line, parsed JSON)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
    if text.lstrip().startswith("<"):
        parser = _LdJsonBlocks()
        parser.feed(text)
        parser.close()
        if not parser.blocks:
            raise UsageError(
                f'{path}: no <script type="application/ld+json"> block in this HTML page')
        chunks = [(f"{path}: ld+json block {i}", line, body)
                  for i, (line, body) in enumerate(parser.blocks, start=1)]
    else:
        chunks = [(str(path), 1, text)]
    documents = []
    for label, first_line, body in chunks:
        if not body.strip():
            raise UsageError(f"{label}: empty, expected JSON-LD")
        documents.append((label, first_line, _parse_json(body, path, label, first_line)))
    return documents


def _parse_json(body: str, path: Path, label: str, first_line: int) -> Any:
    """One JSON document; malformed, too deep or with too long a number is a UsageError."""
    try:
        value = json.loads(body)
    except json.JSONDecodeError as exc:
        line = first_line + exc.lineno - 1
        raise UsageError(f"{path}:{line}: malformed JSON: {exc.msg} "
                         f"(column {exc.colno})") from None
    except RecursionError:
        raise UsageError(f"{label}: JSON nested more than {MAX_DEPTH} levels deep") from None
    except ValueError:  # the only other error of json.loads: an integer too long to convert
        raise UsageError(f"{label}: malformed JSON: a number of more than "
                         f"{sys.get_int_max_str_digits()} digits") from None
    if _depth(value) > MAX_DEPTH:
        raise UsageError(f"{label}: JSON nested more than {MAX_DEPTH} levels deep")
    return value


def _depth(value: Any) -> int:
    """How deep lists and objects nest in a JSON value (0 for a scalar); stops counting past
    MAX_DEPTH. Iterative, so that no depth can exhaust Python's stack."""
    deepest, stack = 0, [(value, 1)]
    while stack and deepest <= MAX_DEPTH:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            stack += [(child, depth + 1) for child in
                      (item.values() if isinstance(item, dict) else item)]
    return deepest


# --------------------------------------------------------------------------------------------
# JSON-LD, offline
# --------------------------------------------------------------------------------------------


def _is_claimreview_type(value: Any) -> bool:
    values = value if isinstance(value, list) else [value]
    return any(isinstance(v, str) and (v == "ClaimReview" or v.endswith((":ClaimReview",
                                                                        "/ClaimReview")))
               for v in values)


def _offline_context(value: Any, label: str) -> Any:
    """A context with schema.org references replaced by the local one; remote ones refused."""
    if isinstance(value, list):
        return [_offline_context(v, label) for v in value]
    if isinstance(value, str):
        if value.strip().rstrip("/") in SCHEMA_CONTEXTS:
            return local_context()
        raise UsageError(f"{label}: remote @context '{shown(value)}' is not supported "
                         "(kg never fetches contexts; use https://schema.org)")
    if isinstance(value, dict):
        if "@import" in value:
            raise UsageError(f"{label}: @import in @context is not supported "
                             "(kg never fetches contexts)")
        return {k: _offline_context(v, label) if k == "@context" else
                (_offline_term(v, label)) for k, v in value.items()}
    return value


def _offline_term(value: Any, label: str) -> Any:
    if isinstance(value, dict) and "@context" in value:
        return {k: _offline_context(v, label) if k == "@context" else v
                for k, v in value.items()}
    return value


class _Counter:
    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


def _prepare(value: Any, label: str, counter: _Counter) -> Any:
    """Offline contexts everywhere, and a file-order number on every ClaimReview object."""
    if isinstance(value, list):
        return [_prepare(v, label, counter) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if key == "@context":
            out[key] = _offline_context(item, label)
        else:
            out[key] = _prepare(item, label, counter)
    if _is_claimreview_type(value.get("@type", value.get("type"))):
        out[ORDER] = counter.next()
    return out


def _https_to_http(term: Node) -> Node:
    if isinstance(term, URIRef) and str(term).startswith(_HTTPS_SCHEMA):
        return URIRef(str(SCHEMA) + str(term)[len(_HTTPS_SCHEMA):])
    return term


def load_graph(path: str | Path) -> Graph:
    """Every JSON-LD document of a file as one RDF graph, processed offline.

    The local schema.org context is also the initial context (JSON-LD's ``expandContext``),
    so a ClaimReview without ``@context`` still reads as schema.org. ``https://schema.org/``
    terms are folded into kg's ``http://schema.org/`` namespace.
    Usage: ``graph = load_graph("review.json")``.
    """
    path = Path(path)
    counter = _Counter()
    dataset = Dataset(default_union=True)
    base = path.resolve().as_uri()
    for label, _line, document in _json_documents(path):
        prepared = _prepare(document, label, counter)
        try:
            with warnings.catch_warnings():  # rdflib's parser uses its own deprecated classes
                warnings.simplefilter("ignore", DeprecationWarning)
                dataset.parse(data=json.dumps(prepared), format="json-ld", base=base,
                              context=local_context())
        except UsageError:
            raise
        except Exception as exc:  # rdflib raises many kinds on bad JSON-LD
            message = " ".join(str(exc).split()) or type(exc).__name__
            raise UsageError(f"{label}: malformed JSON-LD: {message}") from None
    graph = Graph()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        triples = list(dataset.triples((None, None, None)))
    for s, p, o in triples:
        graph.add((_https_to_http(s), _https_to_http(p), _https_to_http(o)))
    return graph


# --------------------------------------------------------------------------------------------
# Reading the graph
# --------------------------------------------------------------------------------------------


def _values(graph: Graph, node: Node, prop: URIRef) -> list[Node]:
    return sorted(graph.objects(node, prop),
                  key=lambda o: (isinstance(o, Literal), isinstance(o, BNode), str(o)))


def _text(graph: Graph, node: Node, *props: URIRef) -> str | None:
    """The first non-empty text value of the first property that has one."""
    for prop in props:
        texts = sorted(str(o).strip() for o in graph.objects(node, prop)
                       if isinstance(o, Literal | URIRef) and str(o).strip())
        if texts:
            return texts[0]
    return None


def _url(graph: Graph, node: Node) -> str | None:
    """The http(s) URL of a node: its ``url``, or its own IRI."""
    for value in [*_values(graph, node, SCHEMA.url), node]:
        if isinstance(value, Literal | URIRef) and is_url(str(value).strip()):
            return str(value).strip()
    return None


def _own_iri(node: Node) -> str | None:
    return str(node) if isinstance(node, URIRef) and is_url(str(node)) else None


def _date(value: str | None, where: str, field: str) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD date from an ISO 8601 date or date-time."""
    if value is None:
        return None
    match = _DATE.match(value)
    if not match:
        raise UsageError(f"{where}: {field} '{shown(value)}' is not an ISO 8601 date")
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise UsageError(f"{where}: {field} '{shown(value)}' is not a valid date") from None
    return "-".join(p for p in (year, month, day) if p)


def _language(graph: Graph, *nodes: Node | None) -> str | None:
    for node in nodes:
        if node is None:
            continue
        for value in _values(graph, node, SCHEMA.inLanguage):
            text = str(value).strip()
            if isinstance(value, Literal) and _LANGUAGE.match(text):
                primary, *rest = text.replace("_", "-").split("-")
                return "-".join([primary.lower(), *rest])
    return None


_ORGANIZATION_TYPES = {"Corporation", "NGO", "PoliticalParty", "Project", "Airline",
                       "Consortium", "LibrarySystem", "SportsTeam", "FundingScheme"}
_OTHER_TYPES = {"Product": "product", "Place": "place", "Event": "event", "Thing": "thing"}


def _agent_type(graph: Graph, node: Node, default: str) -> str:
    extra = {str(o) for o in graph.objects(node, SCHEMA.additionalType)}
    if str(KG.UnnamedGroup) in extra:
        return "group"
    names = sorted(str(t)[len(str(SCHEMA)):] for t in graph.objects(node, RDF.type)
                   if str(t).startswith(str(SCHEMA)))
    if "Person" in names:
        return "person"
    if any(n.endswith("Organization") or n in _ORGANIZATION_TYPES for n in names):
        return "organization"
    for name in names:
        if name in _OTHER_TYPES:
            return _OTHER_TYPES[name]
    return default


def _agent(graph: Graph, node: Node, default_type: str) -> Agent | None:
    """An agent from a node (or a plain name); None when it has no name."""
    if isinstance(node, Literal):
        name = " ".join(str(node).split())
        return Agent(name, default_type) if name else None
    name = _text(graph, node, SCHEMA.name, SCHEMA.alternateName)
    if not name:
        return None
    wikidata = None
    for same in _values(graph, node, SCHEMA.sameAs):
        match = _WIKIDATA.match(str(same).strip())
        if match:
            wikidata = match.group(1)
            break
    return Agent(" ".join(name.split()), _agent_type(graph, node, default_type), wikidata,
                 _own_iri(node))


def _agents(graph: Graph, node: Node, prop: URIRef, default_type: str) -> list[Agent]:
    found = [_agent(graph, o, default_type) for o in _values(graph, node, prop)]
    return [a for a in found if a is not None]


def _source(graph: Graph, claim: Node | None, review_url: str | None) -> Source:
    """The claim's appearance: firstAppearance, else the first appearance by URL, else the
    ClaimReview's own url (the fact-check page quotes the claim)."""
    candidates: list[Node] = []
    if claim is not None:
        candidates = [*_values(graph, claim, SCHEMA.firstAppearance),
                      *sorted(_values(graph, claim, SCHEMA.appearance),
                              key=lambda n: (_url(graph, n) is None, _url(graph, n) or ""))]
    for node in candidates:
        url = _url(graph, node)
        if isinstance(node, Literal):
            if url:
                return Source(key=url, url=url)
            continue
        iri = _own_iri(node)
        url = next((str(v).strip() for v in _values(graph, node, SCHEMA.url)
                    if is_url(str(v).strip())), None)
        if not (url or iri):
            continue
        publisher = next(iter(_agents(graph, node, SCHEMA.publisher, "organization")), None)
        author = next(iter(_agents(graph, node, SCHEMA.author, "person")), None)
        kg_article = bool(iri and iri.startswith(f"{DATA_BASE}article/"))
        return Source(
            key=iri if kg_article else (url or iri),
            url=url or (None if kg_article else iri),
            iri=iri,
            headline=_text(graph, node, SCHEMA.headline, SCHEMA.name),
            date=_text(graph, node, SCHEMA.datePublished),
            language=_language(graph, node),
            publisher=publisher,
            author=author,
        )
    return Source(key=review_url, url=review_url)


def _citations(graph: Graph, node: Node) -> tuple[str, ...]:
    """http(s) URLs among the citations (URLs, or works with a url); other values are ignored."""
    urls = set()
    for value in graph.objects(node, SCHEMA.citation):
        url = _url(graph, value) if not isinstance(value, Literal) else (
            str(value).strip() if is_url(str(value).strip()) else None)
        if url:
            urls.add(url)
    return tuple(sorted(urls))


def _reviewer(graph: Graph, node: Node, where: str) -> Agent:
    """The review's author: an organisation first (the fact-checker), then people, by name."""
    values = _values(graph, node, SCHEMA.author)
    if not values:
        raise UsageError(f"{where}: missing author (the fact-checker: an Organization or "
                         "Person with a name)")
    agents = [a for a in (_agent(graph, v, "organization") for v in values) if a]
    if not agents:
        raise UsageError(f"{where}: missing author.name")
    agents.sort(key=lambda a: (a.type != "organization", a.name.casefold(), a.name))
    return agents[0]


def _record(graph: Graph, node: Node, order: int, path: Path) -> ClaimReviewRecord:
    url = _url(graph, node)
    where = f"{path}: ClaimReview #{order}" + (f" ({shown(url, 100)})" if url else "")
    claim_text = _text(graph, node, SCHEMA.claimReviewed)
    if not claim_text:
        raise UsageError(f"{where}: missing claimReviewed (the text of the claim)")
    ratings = _values(graph, node, SCHEMA.reviewRating)
    if not ratings or isinstance(ratings[0], Literal):
        raise UsageError(f"{where}: missing reviewRating (a Rating with an alternateName)")
    rating_node = ratings[0]
    label = _text(graph, rating_node, SCHEMA.alternateName)
    value = _text(graph, rating_node, SCHEMA.ratingValue)
    best = _text(graph, rating_node, SCHEMA.bestRating)
    worst = _text(graph, rating_node, SCHEMA.worstRating)
    verdict_type = next((str(t) for t in _values(graph, rating_node, SCHEMA.additionalType)
                         if str(t).startswith(str(VERDICT))), None)
    rating = normalize_rating(label, value, best, worst, verdict_type)
    if not label:
        if rating.basis.startswith("rating "):
            label = f"{value}/{best}"
        else:
            raise UsageError(f"{where}: missing reviewRating.alternateName (the rating's "
                             "label, e.g. 'False')")
    reviewer = _reviewer(graph, node, where)
    claim_nodes = [c for c in _values(graph, node, SCHEMA.itemReviewed)
                   if not isinstance(c, Literal)]
    claim = claim_nodes[0] if claim_nodes else None
    claimants = tuple(_agents(graph, claim, SCHEMA.author, "thing")) if claim else ()
    date = _date(_text(graph, node, SCHEMA.datePublished, SCHEMA.dateModified,
                       SCHEMA.dateCreated), where, "datePublished")
    if date is not None and len(date) != 10:
        raise UsageError(f"{where}: datePublished '{date}' needs a day (YYYY-MM-DD)")
    source = _source(graph, claim, url)
    if source.date:
        source = Source(**{**source.__dict__,
                           "date": _date(source.date, where, "appearance.datePublished")})
    claim_date = _date(_text(graph, claim, SCHEMA.datePublished), where,
                       "itemReviewed.datePublished") if claim is not None else None
    record = ClaimReviewRecord(
        where=where,
        order=order,
        url=url,
        claim_text=" ".join(claim_text.split()),
        claim_iri=_own_iri(claim) if claim is not None else None,
        claimants=claimants,
        claim_date=claim_date,
        source=source,
        reviewer=reviewer,
        date=date,
        label=label,
        rating=rating,
        citations=_citations(graph, node),
        note=_text(graph, node, SCHEMA.reviewBody),
        language=_language(graph, node, claim),
    )
    _check_text(record)
    return record


def _check_text(record: ClaimReviewRecord) -> None:
    """Refuse, as annotations do, text that the store or an export cannot hold: a lone
    surrogate, NUL and other controls, U+FFFE and U+FFFF (``kg.annotation.NOT_TEXT_RE``)."""
    source = record.source
    agents = [("author.name", record.reviewer),
              *(("itemReviewed.author.name", a) for a in record.claimants),
              ("appearance.publisher.name", source.publisher),
              ("appearance.author.name", source.author)]
    fields = [("claimReviewed", record.claim_text), ("reviewRating.alternateName", record.label),
              ("reviewBody", record.note), ("appearance.headline", source.headline),
              *((field, agent.name) for field, agent in agents if agent is not None)]
    for field, value in fields:
        bad = NOT_TEXT_RE.search(value or "")
        if bad:
            raise UsageError(f"{record.where}: {field}: the character U+{ord(bad.group()):04X} "
                             "is not allowed in text")


def read_claimreviews(path: str | Path) -> list[ClaimReviewRecord]:
    """Every ClaimReview of a file, in file order, checked; raises UsageError on bad input.

    Usage: ``for r in read_claimreviews("page.html"): print(r.claim_text, r.rating.verdict)``.
    """
    path = Path(path)
    graph = load_graph(path)
    nodes = set(graph.subjects(RDF.type, SCHEMA.ClaimReview))
    if not nodes:
        raise UsageError(f"{path}: no ClaimReview found (expected objects with "
                         '"@type": "ClaimReview")')

    def order(node: Node) -> tuple[int, str]:
        numbers = [int(str(o)) for o in graph.objects(node, URIRef(ORDER))
                   if isinstance(o, Literal) and re.fullmatch("[0-9]{1,9}", str(o))]
        return (min(numbers) if numbers else 1_000_000, str(node))

    ranked = sorted(nodes, key=order)
    return [_record(graph, node, index, path) for index, node in enumerate(ranked, start=1)]
