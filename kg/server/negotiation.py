"""Content negotiation: which result format a client asked for, by ``Accept`` or ``format``.

SELECT and ASK answer in the four W3C SPARQL results formats; CONSTRUCT and DESCRIBE in
Turtle, N-Triples, JSON-LD or RDF/XML; pages in HTML or one of those RDF formats. Usage::

    from kg.server.negotiation import RESULT_FORMATS, choose
    choose("text/csv;q=0.5, application/sparql-results+json", RESULT_FORMATS)  # "json"
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """A format kg serve can answer in: its name, the media types that ask for it, its label."""

    name: str
    media_types: tuple[str, ...]
    label: str

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` of an answer in this format (text types carry UTF-8)."""
        media = self.media_types[0]
        return f"{media}; charset=utf-8" if media.startswith("text/") else media


RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", ("application/sparql-results+json", "application/json"), "SPARQL JSON"),
    Format("xml", ("application/sparql-results+xml", "application/xml", "text/xml"),
           "SPARQL XML"),
    Format("csv", ("text/csv",), "CSV"),
    Format("tsv", ("text/tab-separated-values",), "TSV"),
)

GRAPH_FORMATS: tuple[Format, ...] = (
    Format("turtle", ("text/turtle", "application/x-turtle"), "Turtle"),
    Format("ntriples", ("application/n-triples", "text/plain"), "N-Triples"),
    Format("jsonld", ("application/ld+json", "application/json"), "JSON-LD"),
    Format("rdfxml", ("application/rdf+xml", "application/xml", "text/xml"), "RDF/XML"),
)

HTML = Format("html", ("text/html", "application/xhtml+xml"), "HTML")

#: Short names accepted by the ``format`` (or ``output``) request parameter.
ALIASES = {
    "json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv",
    "turtle": "turtle", "ttl": "turtle", "ntriples": "ntriples", "nt": "ntriples",
    "n-triples": "ntriples", "jsonld": "jsonld", "json-ld": "jsonld", "rdfxml": "rdfxml",
    "rdf": "rdfxml", "rdf/xml": "rdfxml", "html": "html",
}


#: A short name meant for the other kind of answer: ``format=json`` on a CONSTRUCT is JSON-LD.
_COUNTERPART = {"json": "jsonld", "jsonld": "json", "xml": "rdfxml", "rdfxml": "xml"}


def by_name(name: str, formats: tuple[Format, ...]) -> Format:
    """The format called ``name``. Usage: ``by_name("csv", RESULT_FORMATS).content_type``."""
    for fmt in formats:
        if fmt.name == name:
            return fmt
    raise KeyError(name)


def _parse_accept(header: str) -> list[tuple[str, float]]:
    entries = []
    for part in header.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        entries.append((media.lower(), quality))
    return entries


def _quality(media: str, accepted: list[tuple[str, float]]) -> tuple[float, int]:
    """(q, specificity) the client gives ``media``: exact beats ``type/*`` beats ``*/*``."""
    best = (-1.0, -1)
    major = media.split("/", 1)[0]
    for pattern, quality in accepted:
        if pattern == media:
            specificity = 2
        elif pattern == f"{major}/*":
            specificity = 1
        elif pattern in ("*/*", "*"):
            specificity = 0
        else:
            continue
        if specificity > best[1]:
            best = (quality, specificity)
    return best


def choose(accept: str | None, formats: tuple[Format, ...],
           explicit: str | None = None) -> str | None:
    """The name of the format to answer in, or None when the client accepts none of them.

    ``explicit`` is a ``format=`` parameter (a short name or a media type); it wins over
    ``Accept``. A missing ``Accept`` accepts anything: the first format is the default.
    """
    names = [f.name for f in formats]
    if explicit:
        wanted = ALIASES.get(explicit.strip().lower())
        if wanted in names:
            return wanted
        if wanted and _COUNTERPART.get(wanted) in names:
            return _COUNTERPART[wanted]
        for fmt in formats:
            if explicit.strip().lower() in fmt.media_types:
                return fmt.name
    if not accept or not accept.strip():
        return names[0]
    accepted = _parse_accept(accept)
    best_name, best_score = None, (0.0, -1)
    for fmt in formats:
        score = max(_quality(media, accepted) for media in fmt.media_types)
        if score[0] > 0 and (score[0], score[1]) > best_score:
            best_name, best_score = fmt.name, score
    return best_name
