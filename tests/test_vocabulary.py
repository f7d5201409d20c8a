"""The published vocabulary (ontology/kg.ttl) declares every kg: term the code uses.

Code that writes or queries a term of the kg namespace (``KG.name``, ``KG["name"]`` in
kg/**/*.py, ``kg:name`` in SPARQL text in kg/**/*.py and kg/queries/*.rq) must find it declared
as a subject of ontology/kg.ttl, with an English label and a comment, so that docs/VOCABULARY.md
describes everything the store holds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.reconcile.terms import MATCH, MATCHES, RULE, RULES
from kg.vocab import KG

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kg"
ONTOLOGY_FILE = ROOT / "ontology" / "kg.ttl"
ONTOLOGY = URIRef(str(KG).rstrip("#"))

_ATTRIBUTE = re.compile(r"\bKG\.([A-Za-z_][A-Za-z0-9_]*)")
_ITEM = re.compile(r"""\bKG\[\s*(['"])([^'"]+)\1\s*\]""")
# A prefixed name in SPARQL text; not a part of a longer name or IRI (``urn:kg:any``),
# and not a placeholder (``kg:{kind}``).
_PREFIXED = re.compile(r"(?<![A-Za-z0-9_:/.#<-])kg:([A-Za-z_][A-Za-z0-9_-]*)")
_TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def _used_terms() -> dict[str, set[str]]:
    """Every kg: local name the package uses, with the files that use it."""
    used: dict[str, set[str]] = {}

    def add(name: str, path: Path) -> None:
        used.setdefault(name, set()).add(str(path.relative_to(ROOT)))

    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for match in _ATTRIBUTE.finditer(text):
            add(match.group(1), path)
        for match in _ITEM.finditer(text):
            add(match.group(2), path)
        for match in _PREFIXED.finditer(text):
            add(match.group(1), path)
    for path in sorted((PACKAGE / "queries").glob("*.rq")):
        for match in _PREFIXED.finditer(path.read_text(encoding="utf-8")):
            add(match.group(1), path)
    return used


def _declared_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(KG))}


def test_the_ontology_parses_and_is_an_owl_ontology(ontology: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    assert len(ontology) > 100


def test_the_scan_finds_the_terms_it_should() -> None:
    used = _used_terms()
    # KG.name in Python, kg:name in SPARQL strings and in canned queries.
    assert "kg/reconcile/quads.py" in used["firstClaim"]
    assert "kg/reconcile/terms.py" in used["CrossSourceAssessment"]
    assert "kg/queries/conflicts.rq" in used["CrossSourceAssessment"]
    assert "kg/reconcile/reports.py" in used["subjectEntity"]
    assert "any" not in used  # <urn:kg:any> is not a kg: term
    assert _ITEM.findall('KG["rank"] KG[\'rule\']') == [('"', "rank"), ("'", "rule")]


def test_every_kg_term_the_code_uses_is_declared(ontology: Graph) -> None:
    declared = _declared_terms(ontology)
    undeclared = {name: sorted(files) for name, files in sorted(_used_terms().items())
                  if KG[name] not in declared}
    assert not undeclared, f"used in code, not declared in ontology/kg.ttl: {undeclared}"


def test_every_used_term_is_a_class_or_property(ontology: Graph) -> None:
    untyped = sorted(name for name in _used_terms()
                     if not any((KG[name], RDF.type, t) in ontology for t in _TERM_TYPES))
    assert not untyped


def test_every_declared_term_has_an_english_label_a_comment_and_is_defined_here(
        ontology: Graph) -> None:
    problems = []
    for term in sorted(_declared_terms(ontology)):
        labels = [o for o in ontology.objects(term, RDFS.label)
                  if isinstance(o, Literal) and o.language == "en" and str(o).strip()]
        comments = [o for o in ontology.objects(term, RDFS.comment)
                    if isinstance(o, Literal) and o.language == "en" and str(o).strip()]
        if not labels:
            problems.append(f"{term}: no English rdfs:label")
        if not comments:
            problems.append(f"{term}: no English rdfs:comment")
        if not any((term, RDF.type, t) in ontology for t in _TERM_TYPES):
            problems.append(f"{term}: not an owl:Class, owl:ObjectProperty or owl:DatatypeProperty")
        if (term, RDFS.isDefinedBy, ONTOLOGY) not in ontology:
            problems.append(f"{term}: no rdfs:isDefinedBy <{ONTOLOGY}>")
    assert not problems


def test_domains_and_ranges_are_declared_classes_or_known_vocabularies(ontology: Graph) -> None:
    """A kg: class named in a domain or range (or a union of them) is declared."""
    declared = _declared_terms(ontology)
    named = set()
    for predicate in (RDFS.domain, RDFS.range, RDFS.subClassOf):
        for value in ontology.objects(None, predicate):
            members = ontology.value(value, OWL.unionOf)
            if members is not None:
                named.update(ontology.items(members))
            else:
                named.add(value)
    missing = sorted(str(n) for n in named if n.startswith(str(KG)) and n not in declared)
    assert not missing


@pytest.mark.parametrize(("namespace", "values", "prop"), [
    (RULE, RULES, KG.rule),
    (MATCH, MATCHES, KG.matchedBy),
])
def test_reconciliation_schemes_hold_exactly_the_values_of_the_code(
        ontology: Graph, namespace, values: dict[str, str], prop: URIRef) -> None:
    scheme = URIRef(str(namespace))
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
    assert (prop, RDFS.seeAlso, scheme) in ontology
    concepts = set(ontology.subjects(SKOS.inScheme, scheme))
    assert concepts == {namespace[key] for key in values}
    for key, definition in values.items():
        assert str(ontology.value(namespace[key], SKOS.definition)) == definition
