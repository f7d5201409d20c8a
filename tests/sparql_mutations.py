"""Generated SERVICE and LOAD requests: every spelling and placement we could think of.

The generator builds a request from parts — a prologue, a term that ends a pattern, the glue
between that term and the keyword, the keyword's spelling, the target, the group, and where
the whole sits (top level, OPTIONAL, UNION, EXISTS, a subquery, an update's WHERE, after
``;`` in an update) — drawn with a seeded random generator, so the same seed gives the same
requests. Each request names the target ``TARGET``, to be replaced by the address of a
local listener (``with_target``). Used by ``tests/test_serve_egress.py`` (a fixed sample)
and ``bench/fuzz_sparql.py`` (the full run). Usage::

    from tests.sparql_mutations import generate, with_target
    for request in generate(10_000, seed=13):
        text = with_target(request.text, "http://127.0.0.1:9/sparql")
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

TARGET = "TARGET/"

_PROLOGUES = (
    "",
    "PREFIX e: <http://schema.org/Claim> ",
    "PREFIX e: <http://x.example/> PREFIX : <http://x.example/> ",
    "PREFIX SERVICE: <TARGET/> PREFIX e: <http://x.example/> ",
    "PREFIX trueSERVICE: <http://x.example/> PREFIX e: <http://x.example/> ",
    "PREFIX e.SERVICE: <http://x.example/> PREFIX e: <http://x.example/> ",
    "PREFIX t: <TARGET/> PREFIX e: <http://x.example/> ",
    "BASE <TARGET/> PREFIX e: <http://x.example/> ",
    "prefix e:<http://x.example/>",
    "PREFIX e: <http://x.example/> #SERVICE <TARGET/> {}\n",
)

# Terms a pattern can end with, just before the keyword (the object of ``?s ?p``).
_ENDS = (
    "?o", "$o", "e:", "e:a", "e:a.b", "e:a.b.c", "e:a\\.", "e:a\\.b", "e:-", "e:a-", "e:a_",
    "e:%41", "e:a%2E", "e:1", "e:.", ":", ":a", "1", "1.", "1.0", "1e0", ".5", "+1", "-1",
    "true", "false", "trueSERVICE:", '"a"', "'a'", '"a"@en', '"a"@en-GB', '"a"^^e:x',
    '"""a"""', "'''a'''", "<http://x.example/o>", "<o>", "_:b", "_:b.c", "_:b-", "[]",
    "[ ]", "()", "( )", "(1)", "[ e:p 1 ]", "<<( e:a e:b e:c )>>", "e:a\\'", "e:a\\#",
    '"a\\"b"', '"\\u0053"',
)

# What comes between the end of a pattern and the keyword.
_GLUE = ("", " ", ".", " . ", "\n", "\t", "\r\n", "#c\n", ". #c\n", "..", " .\n", "\u00a0")

_SERVICE = ("SERVICE", "service", "SeRvIcE", "sERVICE", "SERVICE SILENT", "service silent",
            "SERVICE\tSILENT", "SERVICE#c\nSILENT", "SERVICESILENT", "\\u0053ERVICE",
            "SERV\\u0049CE", "SERVICE\u00a0")

_AFTER_KEYWORD = ("", " ", "\n", "#c\n", "\t")

_TARGETS = ("<TARGET/>", "<TARGET/sparql>", "?t", "t:", "t:x", "SERVICE:", "SERVICE:x", "<>",
            "<sparql>")

_GROUPS = ("{}", "{ }", "{ ?s ?p ?o }", "{?s ?p ?o}", "{ SELECT * {} }", "{{}}", "{ {} }")

# Where the SERVICE pattern sits: {pattern} is the triple with its end term, glue and SERVICE.
_PLACEMENTS = (
    "SELECT * WHERE {{ {values}?s ?p {pattern} }}",
    "SELECT * {{{values}?s ?p {pattern}}}",
    "SELECT * WHERE {{ {values}OPTIONAL {{ ?s ?p {pattern} }} }}",
    "SELECT * WHERE {{ {values}{{ ?s ?p ?o }} UNION {{ ?s ?p {pattern} }} }}",
    "SELECT * WHERE {{ {values}FILTER EXISTS {{ ?s ?p {pattern} }} }}",
    "SELECT * WHERE {{ {values}FILTER NOT EXISTS {{ ?s ?p {pattern} }} }}",
    "SELECT * WHERE {{ {values}MINUS {{ ?s ?p {pattern} }} }}",
    "SELECT * WHERE {{ {values}GRAPH ?g {{ ?s ?p {pattern} }} }}",
    "SELECT * WHERE {{ {values}{{ SELECT * WHERE {{ ?s ?p {pattern} }} }} }}",
    "ASK {{ {values}?s ?p {pattern} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {values}?s ?p {pattern} }}",
    "DESCRIBE ?s WHERE {{ {values}?s ?p {pattern} }}",
    "SELECT * WHERE {{ {values}?s ?p ?o FILTER(?o < 1) ?s ?p {pattern} }}",
    "SELECT * WHERE {{ {values}BIND(1 AS ?x) ?s ?p {pattern} }}",
    "SELECT (COUNT(*) AS ?n) WHERE {{ {values}?s ?p {pattern} }} GROUP BY ?s",
    "INSERT {{ ?s ?p ?o }} WHERE {{ {values}?s ?p {pattern} }}",
    "DELETE {{ ?s ?p ?o }} WHERE {{ {values}?s ?p {pattern} }}",
    "WITH <urn:g> DELETE {{ ?s ?p ?o }} INSERT {{ ?s ?p 1 }} WHERE {{ {values}?s ?p {pattern} }}",
)

_LOAD = ("LOAD", "load", "LoAd", "LOAD SILENT", "load silent", "LOADSILENT", "\\u004cOAD")
_LOAD_TARGETS = ("<TARGET/d.ttl>", "<TARGET/>", "t:d", "t:", "<d.ttl>", "<>")
_LOAD_INTO = ("", " INTO GRAPH <urn:g>", "INTO GRAPH<urn:g>", " into graph t:g")
_BEFORE_LOAD = (
    "", "CLEAR ALL ;", "CLEAR SILENT GRAPH <urn:g>;", "INSERT DATA { <urn:a> <urn:b> 1 } ;",
    "INSERT DATA{<urn:a> <urn:b> 1};", "DROP SILENT GRAPH <urn:g> ; ",
    "DELETE WHERE { ?s <urn:x> ?o } ;", "CREATE SILENT GRAPH <urn:g>;\n",
    "INSERT DATA { <urn:a> <urn:b> \"x;\" } ;", "INSERT DATA { <urn:a> <urn:b> 1 } #;\n;",
)


# Near misses: the words where they are not keywords (these must pass, and not connect).
_NEAR = ('"SERVICE <TARGET/> {}"', "'LOAD <TARGET/>'", "<TARGET/SERVICE>", "?service",
         "$load", "e:SERVICE", "e:LOAD", "e:a.SERVICE", "_:SERVICE", '"""\nSERVICE <TARGET/> {}"""',
         "e:serviceType", "e:loadFactor", '"x"@service', r"e:SERVICE\.x")


@dataclass(frozen=True)
class Request:
    """One generated request: its text (with TARGET) and whether it is an update."""

    text: str
    update: bool


def _service(rng: random.Random) -> Request:
    prologue = rng.choice(_PROLOGUES)
    end, glue = rng.choice(_ENDS), rng.choice(_GLUE)
    keyword, after = rng.choice(_SERVICE), rng.choice(_AFTER_KEYWORD)
    target, group = rng.choice(_TARGETS), rng.choice(_GROUPS)
    placement = rng.choice(_PLACEMENTS)
    values = "VALUES ?t { <TARGET/> } " if target == "?t" or rng.random() < 0.2 else ""
    if "t:" in target and "PREFIX t:" not in prologue:
        prologue += "PREFIX t: <TARGET/> "
    space = rng.choice(("", " ", "\n"))
    pattern = f"{end}{glue}{keyword}{after}{target}{space}{group}"
    text = prologue + placement.format(values=values, pattern=pattern)
    return Request(text, placement.startswith(("INSERT", "DELETE", "WITH")))


def _load(rng: random.Random) -> Request:
    prologue = rng.choice(_PROLOGUES)
    target = rng.choice(_LOAD_TARGETS)
    if "t:" in target and "PREFIX t:" not in prologue:
        prologue += "PREFIX t: <TARGET/> "
    glue = rng.choice(("", " ", "\n", "#c\n"))
    text = (f"{prologue}{rng.choice(_BEFORE_LOAD)}{rng.choice(_LOAD)}{glue}{target}"
            f"{rng.choice(_LOAD_INTO)}{rng.choice(('', ' ;', ';'))}")
    return Request(text, True)


def _near_miss(rng: random.Random) -> Request:
    placement = rng.choice(_PLACEMENTS)
    comment = rng.choice(("", " #SERVICE <TARGET/> {}\n", " # LOAD <TARGET/>\n"))
    pattern = f"{rng.choice(_NEAR)}{rng.choice(_GLUE)}{comment}"
    text = "PREFIX e: <http://x.example/> " + placement.format(values="", pattern=pattern)
    return Request(text, placement.startswith(("INSERT", "DELETE", "WITH")))


def generate(count: int, seed: int = 13) -> Iterator[Request]:
    """``count`` requests, the same ones for the same seed: about 70 % SERVICE, 20 % LOAD
    and 10 % near misses (the words in strings, IRIs, comments, names)."""
    rng = random.Random(seed)
    for _ in range(count):
        draw = rng.random()
        yield _near_miss(rng) if draw < 0.1 else _load(rng) if draw < 0.3 else _service(rng)


def with_target(text: str, url: str) -> str:
    """The request with its target pointing at ``url`` (an http URL ending without '/')."""
    return text.replace(TARGET, url.rstrip("/") + "/")


_TOKENS = ("{", "}", "(", ")", "[", "]", ".", ";", ",", "?x", "<urn:x>", '"s"', "'''", "#",
           "\\", "<", ">", "^^", "@en", "SELECT", "WHERE", "FILTER", "OPTIONAL", "UNION",
           "GRAPH", "VALUES", "BIND", "AS", "ORDER BY", "LIMIT 1", "GROUP BY", "COUNT(*)",
           "EXISTS", "NOT", "INSERT", "DELETE", "DATA", "WITH", "USING", "CLEAR", "DROP",
           "SERVICE", "LOAD", "<<(", ")>>", "{|", "|}", "~", "\u0000", "\u202e", "\ufeff",
           "\U0001F600", "日本語", "9" * 40, "1e999", "-0", "NaN", "\r\n")


def mutate(texts: list[str], count: int, seed: int = 13) -> Iterator[str]:
    """``count`` mutations of ``texts`` (byte flips, tokens inserted, deleted, repeated,
    sections doubled, deep nesting, huge literals), the same ones for the same seed."""
    rng = random.Random(seed)
    for _ in range(count):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 4)):
            text = _one_mutation(rng, text)
        yield text


def _one_mutation(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    kind = rng.randrange(9)
    if kind == 0 and text:
        return text[:at] + chr(rng.randrange(0x20, 0x7F)) + text[at + 1:]
    if kind == 1:
        return text[:at] + rng.choice(_TOKENS) + text[at:]
    if kind == 2:
        end = min(len(text), at + rng.randint(1, 12))
        return text[:at] + text[end:]
    if kind == 3:
        end = min(len(text), at + rng.randint(1, 40))
        return text[:end] + text[at:end] * rng.randint(2, 5) + text[end:]
    if kind == 4:
        depth = rng.choice((10, 50, 200, 2000))
        opener, closer = rng.choice((("{", "}"), ("(", ")"), ("[ <urn:p> ", "]")))
        return text[:at] + opener * depth + closer * rng.choice((0, depth)) + text[at:]
    if kind == 5:
        return text[:at] + '"' + "x" * rng.choice((1000, 100_000)) + '"' + text[at:]
    if kind == 6:
        return text.upper() if rng.random() < 0.5 else text.lower()
    if kind == 7:
        return text[:at]
    return text[:at] + rng.choice(_TOKENS) * rng.randint(2, 30) + text[at:]
