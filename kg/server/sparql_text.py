"""Read SPARQL text without running it: does it reach out of the server (SERVICE, LOAD)?

Oxigraph makes an outbound HTTP call for ``SERVICE <url> { ... }`` and for ``LOAD <url>``,
so kg serve refuses both before a request reaches the engine. The check follows the SPARQL
grammar's terminals (strings, IRIs, comments, variables, prefixed names), so the words only
count where they can be keywords, and it errs on the side of refusing: Oxigraph's parser needs
no space between tokens (``1SERVICE <u> {}`` and ``?o.SERVICE:x {}`` are federated queries
to it), so any bare word *containing* SERVICE or LOAD counts, and so does a prefix containing
them. The text is read twice, as written and with ``\\uXXXX`` escapes expanded. Usage::

    from kg.server.sparql_text import outbound_keywords
    outbound_keywords("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")  # ['SERVICE']
    outbound_keywords('SELECT * { ?s ?p "SERVICE" }')                   # []
"""

from __future__ import annotations

import re

#: Words that make the engine open a connection to a URL.
OUTBOUND = ("SERVICE", "LOAD")

# Letters, digits and the connector characters SPARQL allows in names (PN_CHARS).
_NAME = r"[\w\u00B7\u0300-\u036F\u203F-\u2040]"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"

# What is skipped as opaque: comments, the four string forms, IRIs, escaped characters
# outside strings (``ex:a\'b`` is a prefixed name, not the start of a string).
_OPAQUE = re.compile(
    "|".join([
        r"'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''",
        r'"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""',
        r"'(?:[^'\\\n\r]|\\.)*'",
        r'"(?:[^"\\\n\r]|\\.)*"',
        rf"<(?:[^<>\"{{}}|^`\\\x00-\x20]|{_UCHAR})*>",
        r"#[^\n\r]*",
        r"\\.",
    ]),
    re.DOTALL,
)

# Tokens read from what is left: variables (skipped), blank node labels (skipped), prefixed
# names (only their prefix is checked), and bare words (checked whole).
_TOKEN = re.compile(
    rf"(?P<var>[?$]{_NAME}+)"
    rf"|(?P<bnode>_:{_NAME}(?:(?:{_NAME}|[.\-])*(?:{_NAME}|-))?)"
    rf"|(?P<prefix>(?:[^\W\d_](?:(?:{_NAME}|[.\-])*(?:{_NAME}|-))?)?):(?P<local>(?:{_NAME}|[.:%\-])*)"
    rf"|(?P<word>{_NAME}+)"
)

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _expand_escapes(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _ESCAPE.sub(one, text)


def _found_in(text: str) -> set[str]:
    code = _OPAQUE.sub(" ", text)
    found: set[str] = set()
    for match in _TOKEN.finditer(code):
        if match.lastgroup in ("var", "bnode"):
            continue
        part = match.group("word") if match.lastgroup == "word" else match.group("prefix")
        upper = (part or "").upper()
        found.update(word for word in OUTBOUND if word in upper)
    return found


def outbound_keywords(sparql: str) -> list[str]:
    """The outbound keywords (SERVICE, LOAD) a query or update uses, sorted; [] when none."""
    lowered = sparql.lower()
    if "service" not in lowered and "load" not in lowered and "\\u" not in lowered:
        return []
    found = _found_in(sparql) | _found_in(_expand_escapes(sparql))
    return sorted(found)
