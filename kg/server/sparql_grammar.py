"""Parse a SPARQL query or update as the engine does, and say where it reaches out.

kg serve refuses ``SERVICE`` (a federated query) and ``LOAD`` (fetch a URL into the store)
because the engine would connect to the address they name. The decision is taken on the
parsed request, not on its text: this module is a recogniser of the grammar that Oxigraph
0.5 (the engine) parses — SPARQL 1.1 Query and Update with its SPARQL 1.2 additions (triple
terms, reifiers, annotations, ``VERSION``, ``LATERAL``, ``ADJUST``) — written as a PEG with
the engine's ordered choices, its terminals (no space needed between tokens, ``PN_LOCAL`` with
one trailing dot group, prefixes that must be declared, which make a choice fall back), and
its handling of ``\\uXXXX`` escapes. It does not build an algebra: it records the SERVICE
patterns and LOAD operations of the successful parse, with their line and column.

Anything it cannot parse is refused (:class:`SparqlSyntaxError`), so a request the engine
could read differently never passes unread; the text is parsed both as written and with its
``\\u`` escapes expanded, and both must pass. Nesting deeper than :data:`MAX_DEPTH` and
parses longer than :data:`MAX_STEPS` steps are refused too. Usage::

    from kg.server.sparql_grammar import outbound_operations
    outbound_operations("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")
    # [Outbound(keyword='SERVICE', target='<http://x/>', line=1, column=12)]
    outbound_operations("LOAD <http://x/d.ttl>", update=True)   # [Outbound('LOAD', ...)]
    outbound_operations('SELECT * { ?s ?p "SERVICE" }')           # []
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

#: Most nested groups, brackets, collections and paths a request may have.
MAX_DEPTH = 96
#: Most rule applications one parse may take (a parse of a few kB takes a few thousand).
MAX_STEPS = 2_000_000

FAIL = -1


@dataclass(frozen=True)
class Outbound:
    """One operation that would make the engine connect: SERVICE or LOAD, and where."""

    keyword: str
    target: str
    line: int
    column: int


class SparqlSyntaxError(ValueError):
    """The request is not SPARQL that this parser (and so the engine) reads; one line
    saying where (``at line 1, column 8 near 'x'; expected ...``) or why."""


# -- terminals (possessive, as PEG repetition never gives back) ------------------------------

_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
         "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd")
_U = f"_{_BASE}"
_CHARS = f"\\-0-9\u00b7\u0300-\u036f\u203f-\u2040{_U}"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_HEX4 = "[0-9A-Fa-f]{4}"
_ECHAR_UCHAR = rf"\\[tbnrf\"'\\]|\\u{_HEX4}|\\U[0-9A-Fa-f]{{8}}"

_WS = re.compile(r"(?:[ \t\n\r]|#[^\r\n]*+)*+")
_NIL = re.compile(r"\([ \t\n\r]*+\)")
_ANON = re.compile(r"\[[ \t\n\r]*+\]")
_VAR = re.compile(rf"[?$][0-9{_U}][0-9\u00b7\u0300-\u036f\u203f-\u2040{_U}]*+")
_PN_PREFIX = re.compile(rf"(?:[{_BASE}][{_CHARS}]*+(?:\.++[{_CHARS}]++)*+)?+:")
_PN_LOCAL = re.compile(
    rf"(?:[{_U}:0-9]|{_PLX})(?:[{_CHARS}:]|{_PLX})*+(?:\.++(?:[{_CHARS}:]|{_PLX})++)?+")
_BNODE = re.compile(rf"_:[0-9{_U}][{_CHARS}]*+(?:\.++[{_CHARS}]++)*+")
_LANGDIR = re.compile(r"@[a-zA-Z]++(?:-[a-zA-Z0-9]++)*+(?:--[a-zA-Z]++)?+")
_INTEGER = re.compile(r"[0-9]++")
_DECIMAL = re.compile(r"[0-9]*+\.[0-9]++")
_DOUBLE = re.compile(r"(?>[0-9]++\.[0-9]*+|\.[0-9]++|[0-9]++)[eE][+-]?+[0-9]++")
_STRINGS = (
    re.compile(rf"'''(?:(?>''|')?+(?:[^'\\]|{_ECHAR_UCHAR}))*+'''"),
    re.compile(rf'"""(?:(?>""|")?+(?:[^"\\]|{_ECHAR_UCHAR}))*+"""'),
    re.compile(rf"'(?:[^'\\\n\r]|{_ECHAR_UCHAR})*+'"),
    re.compile(rf'"(?:[^"\\\n\r]|{_ECHAR_UCHAR})*+"'),
)
_IRIREF = re.compile(r"<[^>]*+>")
_IRI_CONTENT = re.compile(r"[^<>\"{}|^`\\\x00-\x20]*")
_UCHAR = re.compile(rf"\\u({_HEX4})|\\U([0-9A-Fa-f]{{8}})")
_WORD = re.compile(r"[A-Za-z_0-9]*")

# BuiltInCall forms, in the engine's order: (keyword, form). Forms: a number n is
# "(" n expressions separated by "," ")"; "nil" is `_ NIL`, "nil!" NIL with no space before,
# "list" an ExpressionList right after the keyword, "var" "(" Var ")", "group" a group
# graph pattern, "not-exists" NOT EXISTS {..}.
_BUILTINS: tuple[tuple[str, object], ...] = (
    ("STR", 1), ("LANG", 1), ("LANGMATCHES", 2), ("LANGDIR", 1), ("DATATYPE", 1),
    ("BOUND", "var"), ("IRI", 1), ("URI", 1), ("BNODE", 1), ("BNODE", "nil!"),
    ("RAND", "nil"), ("ABS", 1), ("CEIL", 1), ("FLOOR", 1), ("ROUND", 1), ("CONCAT", "list"),
    ("SUBSTR", 3), ("SUBSTR", 2), ("STRLEN", 1), ("REPLACE", 4), ("REPLACE", 3),
    ("UCASE", 1), ("LCASE", 1), ("ENCODE_FOR_URI", 1), ("CONTAINS", 2), ("STRSTARTS", 2),
    ("STRENDS", 2), ("STRBEFORE", 2), ("STRAFTER", 2), ("YEAR", 1), ("MONTH", 1),
    ("DAY", 1), ("HOURS", 1), ("MINUTES", 1), ("SECONDS", 1), ("TIMEZONE", 1), ("TZ", 1),
    ("NOW", "nil"), ("UUID", "nil"), ("STRUUID", "nil"), ("MD5", 1), ("SHA1", 1),
    ("SHA256", 1), ("SHA384", 1), ("SHA512", 1), ("COALESCE", "list"), ("IF", 3),
    ("STRLANG", 2), ("STRLANGDIR", 3), ("STRDT", 2), ("sameTerm", 2), ("isIRI", 1),
    ("isURI", 1), ("isBLANK", 1), ("isLITERAL", 1), ("isNUMERIC", 1), ("hasLang", 1),
    ("hasLangDir", 1), ("REGEX", 3), ("REGEX", 2), ("EXISTS", "group"),
    ("NOT", "not-exists"), ("TRIPLE", 3), ("SUBJECT", 1), ("PREDICATE", 1), ("OBJECT", 1),
    ("isTriple", 1), ("ADJUST", 2),
)
_AGGREGATES = ("COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT")


def _by_first_letter(forms: tuple[tuple[str, object], ...]) -> dict[str, list[tuple[str, object]]]:
    table: dict[str, list[tuple[str, object]]] = {}
    for keyword, form in forms:
        table.setdefault(keyword[0].lower(), []).append((keyword.lower(), form))
    return table


_BUILTIN_TABLE = _by_first_letter(_BUILTINS)


def expand_escapes(text: str) -> str:
    """``\\uXXXX`` and ``\\UXXXXXXXX`` replaced by their character, as the engine's pre-pass
    does it (an escape that is not a valid code point stays as written; a backslash that
    starts no escape is kept and the next character is read again)."""
    if "\\u" not in text and "\\U" not in text:
        return text
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n and text[i + 1] in "uU":
            width = 4 if text[i + 1] == "u" else 8
            digits = text[i + 2:i + 2 + width]
            if len(digits) == width and all(c in "0123456789abcdefABCDEF" for c in digits):
                code = int(digits, 16)
                if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                    out.append(chr(code))
                    i += 2 + width
                    continue
        out.append(char)
        i += 1
    return "".join(out)


def _valid_escapes(body: str) -> bool:
    """True when every \\u escape in a string or IRI names a character."""
    for match in _UCHAR.finditer(body):
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return False
    return True


def _memo(method: Callable[[_Parser, int], int]) -> Callable[[_Parser, int], int]:
    """Packrat memo for a rule: its end (or FAIL) and the operations it recorded."""
    name = method.__name__

    def rule(self: _Parser, p: int) -> int:
        key = (name, p)
        hit = self.memo.get(key)
        if hit is not None:
            end, found = hit
            self.found.extend(found)
            return end
        mark = len(self.found)
        end = method(self, p)
        if end == FAIL:
            del self.found[mark:]
        self.memo[key] = (end, tuple(self.found[mark:]))
        return end

    rule.__name__ = name
    rule.__doc__ = method.__doc__
    return rule


def _nested(method: Callable[..., int]) -> Callable[..., int]:
    """A rule that nests: counts the depth, refuses past MAX_DEPTH, undoes on failure."""

    def rule(self: _Parser, p: int, *args: object) -> int:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise SparqlSyntaxError(f"the request nests deeper than {MAX_DEPTH} levels")
        mark = len(self.found)
        try:
            end = method(self, p, *args)
        finally:
            self.depth -= 1
        if end == FAIL:
            del self.found[mark:]
        return end

    rule.__name__ = method.__name__
    rule.__doc__ = method.__doc__
    return rule


class _Parser:
    """One parse of one text (rules return the end position, or FAIL)."""

    def __init__(self, text: str) -> None:
        self.t = text
        self.n = len(text)
        self.prefixes: set[str] = set()
        self.found: list[Outbound] = []
        self.memo: dict[tuple[str, int], tuple[int, tuple[Outbound, ...]]] = {}
        self.depth = 0
        self.steps = 0
        self.far = 0
        self.expected: set[str] = set()

    # -- primitives ------------------------------------------------------------------------

    def fail(self, p: int, what: str) -> int:
        if p > self.far:
            self.far, self.expected = p, {what}
        elif p == self.far:
            self.expected.add(what)
        return FAIL

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise SparqlSyntaxError("the request is too complex to check")

    def ws(self, p: int) -> int:
        return _WS.match(self.t, p).end()

    def lit(self, p: int, text: str) -> int:
        if self.t.startswith(text, p):
            return p + len(text)
        return self.fail(p, repr(text))

    def kw(self, p: int, word: str) -> int:
        """ASCII case-insensitive, with no word boundary (as the engine's ``i()``)."""
        segment = self.t[p:p + len(word)]
        if segment.isascii() and segment.lower() == word.lower():
            return p + len(word)
        return self.fail(p, word.upper())

    def rx(self, p: int, pattern: re.Pattern[str], what: str) -> int:
        match = pattern.match(self.t, p)
        return match.end() if match else self.fail(p, what)

    def first(self, p: int, *rules: Callable[[int], int]) -> int:
        """Ordered choice: the first rule that matches at ``p``."""
        for rule in rules:
            end = rule(p)
            if end != FAIL:
                return end
        return FAIL

    def opt(self, p: int, rule: Callable[[int], int]) -> int:
        end = rule(p)
        return p if end == FAIL else end

    def many(self, p: int, rule: Callable[[int], int]) -> int:
        """``rule*``: as many as match (a failed one consumes nothing)."""
        while True:
            end = rule(p)
            if end in (FAIL, p):
                return p if end == FAIL else end
            p = end

    def some(self, p: int, rule: Callable[[int], int]) -> int:
        """``rule+``."""
        end = rule(p)
        return FAIL if end == FAIL else self.many(end, rule)

    def sep(self, p: int, rule: Callable[[int], int], separator: Callable[[int], int],
            minimum: int = 0) -> int:
        """``rule ** separator`` (``**<1,>`` with minimum 1)."""
        end = rule(p)
        if end == FAIL:
            return FAIL if minimum else p
        p = end
        while True:
            after = separator(p)
            if after == FAIL:
                return p
            end = rule(after)
            if end == FAIL:
                return p
            p = end

    def record(self, keyword: str, start: int, target_start: int, target_end: int) -> None:
        line = self.t.count("\n", 0, start) + 1
        column = start - (self.t.rfind("\n", 0, start) + 1) + 1
        self.found.append(Outbound(keyword, self.t[target_start:target_end], line, column))

    # -- units -----------------------------------------------------------------------------

    def query_unit(self, p: int) -> int:
        p = self.prologue(self.ws(p))
        p = self.first(self.ws(p), self.select_query, self.construct_query,
                       self.describe_query, self.ask_query)
        return FAIL if p == FAIL else self.ws(p)

    def update_unit(self, p: int) -> int:
        p = self.ws(self.prologue(self.ws(p)))
        p = self.sep(p, self.update_item, lambda q: self._then_ws(self.lit(q, ";")))
        end = self._then_ws(self.lit(p, ";"))
        return p if end == FAIL else end

    def _then_ws(self, p: int) -> int:
        return FAIL if p == FAIL else self.ws(p)

    def prologue(self, p: int) -> int:
        return self.many(p, lambda q: self._then_ws(
            self.first(q, self.base_decl, self.prefix_decl, self.version_decl)))

    def base_decl(self, p: int) -> int:
        p = self.kw(p, "BASE")
        return FAIL if p == FAIL else self.iriref(self.ws(p))

    def prefix_decl(self, p: int) -> int:
        p = self.kw(p, "PREFIX")
        if p == FAIL:
            return FAIL
        start = self.ws(p)
        end = self.rx(start, _PN_PREFIX, "a prefix")
        if end == FAIL:
            return FAIL
        p = self.iriref(self.ws(end))
        if p != FAIL:
            self.prefixes.add(self.t[start:end - 1])
        return p

    def version_decl(self, p: int) -> int:
        p = self.kw(p, "VERSION")
        if p == FAIL:
            return FAIL
        p = self.ws(p)
        return self.first(p, lambda q: self.rx(q, _STRINGS[2], "a string"),
                          lambda q: self.rx(q, _STRINGS[3], "a string"))

    # -- queries ---------------------------------------------------------------------------

    def modifiers(self, p: int) -> int:
        """GroupClause? HavingClause? OrderClause? LimitOffsetClauses? ValuesClause."""
        for rule in (self.group_clause, self.having_clause, self.order_clause,
                     self.limit_offset):
            p = self.opt(self.ws(p), rule)
        p = self.ws(p)
        end = self.kw(p, "VALUES")
        if end != FAIL:
            end = self.data_block(self.ws(end))
        return p if end == FAIL else end

    def select_query(self, p: int) -> int:
        p = self.select_clause(p)
        if p == FAIL:
            return FAIL
        p = self.where_clause(self.ws(self.dataset_clauses(self.ws(p))))
        return FAIL if p == FAIL else self.modifiers(p)

    def sub_select(self, p: int) -> int:
        p = self.select_clause(p)
        if p == FAIL:
            return FAIL
        p = self.where_clause(self.ws(p))
        return FAIL if p == FAIL else self.modifiers(p)

    def select_clause(self, p: int) -> int:
        p = self.kw(p, "SELECT")
        if p == FAIL:
            return FAIL
        p = self.ws(self.opt(self.ws(p), lambda q: self.first(
            q, lambda r: self.kw(r, "DISTINCT"), lambda r: self.kw(r, "REDUCED"))))
        end = self.lit(p, "*")
        return end if end != FAIL else self.some(p, self.select_member)

    def select_member(self, p: int) -> int:
        end = self.var(p)
        if end != FAIL:
            return self.ws(end)
        p = self.lit(p, "(")
        if p == FAIL:
            return FAIL
        p = self.expression(self.ws(p))
        if p != FAIL:
            p = self.kw(self.ws(p), "AS")
        if p != FAIL:
            p = self.var(self.ws(p))
        if p != FAIL:
            p = self.lit(self.ws(p), ")")
        return FAIL if p == FAIL else self.ws(p)

    def construct_query(self, p: int) -> int:
        p = self.kw(p, "CONSTRUCT")
        if p == FAIL:
            return FAIL
        p = self.ws(p)
        end = self.construct_template(p)
        if end != FAIL:
            end = self.where_clause(self.ws(self.dataset_clauses(self.ws(end))))
            if end != FAIL:
                return self.modifiers(end)
        p = self.kw(self.ws(self.dataset_clauses(p)), "WHERE")
        if p == FAIL:
            return FAIL
        p = self.lit(self.ws(p), "{")
        if p == FAIL:
            return FAIL
        p = self.ws(self.opt(self.ws(p), self.triples_template))
        p = self.lit(p, "}")
        return FAIL if p == FAIL else self.modifiers(p)

    def describe_query(self, p: int) -> int:
        p = self.kw(p, "DESCRIBE")
        if p == FAIL:
            return FAIL
        p = self.ws(p)
        end = self.lit(p, "*")
        if end == FAIL:
            end = self.some(p, lambda q: self._then_ws(self.var_or_iri(q)))
        if end == FAIL:
            return FAIL
        p = self.ws(self.dataset_clauses(self.ws(end)))
        return self.modifiers(self.opt(p, self.where_clause))

    def ask_query(self, p: int) -> int:
        p = self.kw(p, "ASK")
        if p == FAIL:
            return FAIL
        p = self.where_clause(self.ws(self.dataset_clauses(self.ws(p))))
        return FAIL if p == FAIL else self.modifiers(p)

    def dataset_clauses(self, p: int) -> int:
        return self.sep(p, self.dataset_clause, self.ws)

    def dataset_clause(self, p: int) -> int:
        p = self.kw(p, "FROM")
        if p == FAIL:
            return FAIL
        p = self.ws(p)
        end = self.iri(p)
        if end != FAIL:
            return end
        p = self.kw(p, "NAMED")
        return FAIL if p == FAIL else self.iri(self.ws(p))

    def where_clause(self, p: int) -> int:
        return self.group_graph_pattern(self.ws(self.opt(p, lambda q: self.kw(q, "WHERE"))))

    def group_clause(self, p: int) -> int:
        p = self.kw(p, "GROUP")
        if p != FAIL:
            p = self.kw(self.ws(p), "BY")
        if p == FAIL:
            return FAIL
        return self.some(self.ws(p), lambda q: self._then_ws(self.group_condition(q)))

    def group_condition(self, p: int) -> int:
        def bracketed(q: int) -> int:
            q = self.lit(q, "(")
            if q == FAIL:
                return FAIL
            q = self.expression(self.ws(q))
            if q == FAIL:
                return FAIL
            q = self.ws(q)
            end = self.kw(q, "AS")
            if end != FAIL:
                end = self.var(self.ws(end))
            q = q if end == FAIL else self.ws(end)
            return self.lit(q, ")")

        return self.first(p, self.builtin_call, self.function_call, bracketed, self.var)

    def having_clause(self, p: int) -> int:
        p = self.kw(p, "HAVING")
        if p == FAIL:
            return FAIL
        return self.some(self.ws(p), lambda q: self._then_ws(self.constraint(q)))

    def order_clause(self, p: int) -> int:
        p = self.kw(p, "ORDER")
        if p != FAIL:
            p = self.kw(self.ws(p), "BY")
        if p == FAIL:
            return FAIL
        return self.some(self.ws(p), lambda q: self._then_ws(self.order_condition(q)))

    def order_condition(self, p: int) -> int:
        for word in ("ASC", "DESC"):
            end = self.kw(p, word)
            if end != FAIL:
                end = self.bracketed_expression(self.ws(end))
                if end != FAIL:
                    return end
        return self.first(p, self.constraint, self.var)

    def limit_offset(self, p: int) -> int:
        for one, other in (("LIMIT", "OFFSET"), ("OFFSET", "LIMIT")):
            end = self._count(p, one)
            if end != FAIL:
                return self.opt(self.ws(end), lambda q, word=other: self._count(q, word))
        return FAIL

    def _count(self, p: int, word: str) -> int:
        p = self.kw(p, word)
        return FAIL if p == FAIL else self.rx(self.ws(p), _INTEGER, "an integer")

    # -- updates ---------------------------------------------------------------------------

    def update_item(self, p: int) -> int:
        end = self.first(p, self.load, self.clear_drop_create, self.add_move_copy,
                         self.insert_data, self.delete_data, self.delete_where, self.modify)
        return FAIL if end == FAIL else self.ws(end)

    def silent(self, p: int) -> int:
        return self.opt(p, lambda q: self.kw(q, "SILENT"))

    def load(self, p: int) -> int:
        start = p
        p = self.kw(p, "LOAD")
        if p == FAIL:
            return FAIL
        source = self.ws(self.silent(self.ws(p)))
        p = self.iri(source)
        if p == FAIL:
            return FAIL
        target_end = p
        p = self.ws(p)
        end = self.kw(p, "INTO")
        if end != FAIL:
            end = self.graph_ref(self.ws(end))
        self.record("LOAD", start, source, target_end)
        return p if end == FAIL else end

    def clear_drop_create(self, p: int) -> int:
        for word in ("CLEAR", "DROP", "CREATE"):
            end = self.kw(p, word)
            if end == FAIL:
                continue
            end = self.ws(self.silent(self.ws(end)))
            if word == "CREATE":
                return self.graph_ref(end)
            return self.first(end, self.graph_ref, lambda q: self.kw(q, "DEFAULT"),
                              lambda q: self.kw(q, "NAMED"), lambda q: self.kw(q, "ALL"))
        return FAIL

    def add_move_copy(self, p: int) -> int:
        for word in ("ADD", "MOVE", "COPY"):
            end = self.kw(p, word)
            if end == FAIL:
                continue
            end = self.graph_or_default(self.ws(self.silent(self.ws(end))))
            if end != FAIL:
                end = self.kw(self.ws(end), "TO")
            return FAIL if end == FAIL else self.graph_or_default(self.ws(end))
        return FAIL

    def graph_or_default(self, p: int) -> int:
        end = self.kw(p, "DEFAULT")
        if end != FAIL:
            return end
        end = self.kw(p, "GRAPH")
        return self.iri(p if end == FAIL else self.ws(end))

    def graph_ref(self, p: int) -> int:
        p = self.kw(p, "GRAPH")
        return FAIL if p == FAIL else self.iri(self.ws(p))

    def _two_words(self, p: int, first: str, second: str) -> int:
        p = self.kw(p, first)
        return FAIL if p == FAIL else self.kw(self.ws(p), second)

    def insert_data(self, p: int) -> int:
        p = self._two_words(p, "INSERT", "DATA")
        return FAIL if p == FAIL else self.quad_pattern(self.ws(p))

    def delete_data(self, p: int) -> int:
        p = self._two_words(p, "DELETE", "DATA")
        return FAIL if p == FAIL else self.quad_pattern(self.ws(p))

    def delete_where(self, p: int) -> int:
        p = self._two_words(p, "DELETE", "WHERE")
        return FAIL if p == FAIL else self.quad_pattern(self.ws(p))

    def modify(self, p: int) -> int:
        end = self.kw(p, "WITH")
        if end != FAIL:
            end = self.iri(self.ws(end))
        p = self.ws(p if end == FAIL else self.ws(end))
        end = self.kw(p, "DELETE")
        if end != FAIL:
            end = self.quad_pattern(self.ws(end))
        if end != FAIL:
            p = self.ws(end)
            end = self.kw(p, "INSERT")
            if end != FAIL:
                end = self.quad_pattern(self.ws(end))
            p = p if end == FAIL else end
        else:
            p = self.kw(p, "INSERT")
            if p != FAIL:
                p = self.quad_pattern(self.ws(p))
            if p == FAIL:
                return FAIL
        p = self.ws(self.sep(self.ws(p), self.using_clause, self.ws))
        p = self.kw(p, "WHERE")
        return FAIL if p == FAIL else self.group_graph_pattern(self.ws(p))

    def using_clause(self, p: int) -> int:
        p = self.kw(p, "USING")
        if p == FAIL:
            return FAIL
        p = self.ws(p)
        end = self.iri(p)
        if end != FAIL:
            return end
        p = self.kw(p, "NAMED")
        return FAIL if p == FAIL else self.iri(self.ws(p))

    def quad_pattern(self, p: int) -> int:
        p = self.lit(p, "{")
        if p == FAIL:
            return FAIL
        p = self.ws(self.sep(self.ws(p), lambda q: self.first(
            q, self.triples_template, self.quads_not_triples_dot), self.ws))
        return self.lit(p, "}")

    def quads_not_triples_dot(self, p: int) -> int:
        p = self.kw(p, "GRAPH")
        if p == FAIL:
            return FAIL
        p = self.var_or_iri(self.ws(p))
        if p != FAIL:
            p = self.lit(self.ws(p), "{")
        if p == FAIL:
            return FAIL
        p = self.ws(self.opt(self.ws(p), self.triples_template))
        p = self.lit(p, "}")
        if p == FAIL:
            return FAIL
        p = self.ws(p)
        return self.opt(p, lambda q: self.lit(q, "."))

    def construct_template(self, p: int) -> int:
        p = self.lit(p, "{")
        if p == FAIL:
            return FAIL
        p = self.sep(self.ws(p), lambda q: self._then_ws(self.triples_same_subject(q)),
                     lambda q: self._then_ws(self.lit(q, ".")))
        p = self.opt(p, lambda q: self.lit(q, "."))
        return self.lit(self.ws(p), "}")

    def triples_template(self, p: int) -> int:
        p = self.sep(p, lambda q: self._then_ws(self.triples_same_subject(self.ws(q))),
                     lambda q: self.lit(q, "."), minimum=1)
        if p == FAIL:
            return FAIL
        return self.opt(p, lambda q: self._then_ws(self.lit(q, ".")))

    # -- graph patterns --------------------------------------------------------------------

    @_memo
    @_nested
    def group_graph_pattern(self, p: int) -> int:
        self.step()
        p = self.lit(p, "{")
        if p == FAIL:
            return FAIL
        p = self.ws(p)
        for body in (self.group_graph_pattern_sub, self.sub_select):
            mark = len(self.found)
            end = body(p)
            if end != FAIL:
                end = self.lit(self.ws(end), "}")
                if end != FAIL:
                    return end
            del self.found[mark:]
        return FAIL

    def group_graph_pattern_sub(self, p: int) -> int:
        p = self.ws(self.opt(p, self.triples_block))

        def item(q: int) -> int:
            q = self.graph_pattern_not_triples(q)
            if q == FAIL:
                return FAIL
            q = self.ws(q)
            q = self.opt(q, lambda r: self._then_ws(self.lit(r, ".")))
            return self.ws(self.opt(q, self.triples_block))

        return self.many(p, item)

    def triples_block(self, p: int) -> int:
        p = self.sep(p, lambda q: self._then_ws(self.triples_same_subject_path(self.ws(q))),
                     lambda q: self.lit(q, "."), minimum=1)
        if p == FAIL:
            return FAIL
        return self.opt(p, lambda q: self._then_ws(self.lit(q, ".")))

    def graph_pattern_not_triples(self, p: int) -> int:
        self.step()
        return self.first(p, self.group_or_union, self.keyword_group, self.graph_graph,
                          self.service, self.filter, self.bind, self.inline_data)

    def group_or_union(self, p: int) -> int:
        return self.sep(p, lambda q: self._then_ws(self.group_graph_pattern(q)),
                        lambda q: self._then_ws(self.kw(q, "UNION")), minimum=1)

    def keyword_group(self, p: int) -> int:
        """OPTIONAL, LATERAL or MINUS, then a group (in the engine's order)."""
        for word in ("OPTIONAL", "LATERAL", "MINUS"):
            end = self.kw(p, word)
            if end != FAIL:
                end = self.group_graph_pattern(self.ws(end))
                if end != FAIL:
                    return end
        return FAIL

    def graph_graph(self, p: int) -> int:
        p = self.kw(p, "GRAPH")
        if p == FAIL:
            return FAIL
        p = self.var_or_iri(self.ws(p))
        return FAIL if p == FAIL else self.group_graph_pattern(self.ws(p))

    def service(self, p: int) -> int:
        start = p
        p = self.kw(p, "SERVICE")
        if p == FAIL:
            return FAIL
        p = self.ws(p)
        for silent in (True, False):
            q = p
            if silent:
                q = self.kw(q, "SILENT")
                if q == FAIL:
                    continue
                q = self.ws(q)
            target_end = self.var_or_iri(q)
            if target_end == FAIL:
                continue
            end = self.group_graph_pattern(self.ws(target_end))
            if end != FAIL:
                self.record("SERVICE", start, q, target_end)
                return end
        return FAIL

    def filter(self, p: int) -> int:
        p = self.kw(p, "FILTER")
        return FAIL if p == FAIL else self.constraint(self.ws(p))

    def bind(self, p: int) -> int:
        p = self.kw(p, "BIND")
        if p != FAIL:
            p = self.lit(self.ws(p), "(")
        if p != FAIL:
            p = self.expression(self.ws(p))
        if p != FAIL:
            p = self.kw(self.ws(p), "AS")
        if p != FAIL:
            p = self.var(self.ws(p))
        return FAIL if p == FAIL else self.lit(self.ws(p), ")")

    def inline_data(self, p: int) -> int:
        p = self.kw(p, "VALUES")
        return FAIL if p == FAIL else self.data_block(self.ws(p))

    def data_block(self, p: int) -> int:
        def value(q: int) -> int:
            return self._then_ws(self.first(
                q, self.triple_term_data, self.iri, self.rdf_literal, self.numeric_literal,
                self.boolean_literal, lambda r: self.kw(r, "UNDEF")))

        def one_var(q: int) -> int:
            q = self.var(q)
            if q != FAIL:
                q = self.lit(self.ws(q), "{")
            if q == FAIL:
                return FAIL
            return self.lit(self.many(self.ws(q), value), "}")

        def full(q: int) -> int:
            q = self.lit(q, "(")
            if q == FAIL:
                return FAIL
            q = self.ws(self.many(self.ws(q), lambda r: self._then_ws(self.var(r))))
            q = self.lit(q, ")")
            if q != FAIL:
                q = self.lit(self.ws(q), "{")
            if q == FAIL:
                return FAIL

            def row(r: int) -> int:
                r = self.lit(r, "(")
                if r == FAIL:
                    return FAIL
                r = self.lit(self.ws(self.many(self.ws(r), value)), ")")
                return FAIL if r == FAIL else self.ws(r)

            return self.lit(self.many(self.ws(q), row), "}")

        return self.first(p, one_var, full)

    # -- triples ---------------------------------------------------------------------------

    def triples_same_subject(self, p: int) -> int:
        def reified(q: int) -> int:
            q = self.reified_triple(q)
            return FAIL if q == FAIL else self.property_list(self.ws(q))

        def term(q: int) -> int:
            q = self.var_or_term(q)
            return FAIL if q == FAIL else self.property_list_not_empty(self.ws(q))

        def node(q: int) -> int:
            q = self.triples_node(q)
            return FAIL if q == FAIL else self.property_list(self.ws(q))

        return self.first(p, reified, term, node)

    def property_list(self, p: int) -> int:
        return self.opt(p, self.property_list_not_empty)

    def property_list_not_empty(self, p: int) -> int:
        return self._property_list(p, self.verb, self.object_list)

    def _property_list(self, p: int, verb: Callable[[int], int],
                       objects: Callable[[int], int]) -> int:
        def pair(q: int) -> int:
            q = verb(q)
            return FAIL if q == FAIL else self._then_ws(objects(self.ws(q)))

        p = pair(p)
        if p == FAIL:
            return FAIL

        def more(q: int) -> int:
            q = self.lit(q, ";")
            return FAIL if q == FAIL else self.opt(self.ws(q), pair)

        return self.many(p, more)

    def verb(self, p: int) -> int:
        return self.first(p, self.var_or_iri, lambda q: self.lit(q, "a"))

    def object_list(self, p: int) -> int:
        def one(q: int) -> int:
            q = self.graph_node(q)
            return FAIL if q == FAIL else self.ws(self.annotation(self.ws(q), False))

        return self.sep(p, one, lambda q: self._then_ws(self.lit(q, ",")), minimum=1)

    def triples_same_subject_path(self, p: int) -> int:
        self.step()

        def reified(q: int) -> int:
            q = self.reified_triple(q)
            return FAIL if q == FAIL else self.opt(self.ws(q), self.property_list_path)

        def term(q: int) -> int:
            q = self.var_or_term(q)
            return FAIL if q == FAIL else self.property_list_path(self.ws(q))

        def node(q: int) -> int:
            q = self.triples_node_path(q)
            return FAIL if q == FAIL else self.opt(self.ws(q), self.property_list_path)

        return self.first(p, reified, term, node)

    def property_list_path(self, p: int) -> int:
        return self._property_list(p, lambda q: self.first(q, self.path, self.var),
                                   self.object_list_path)

    def object_list_path(self, p: int) -> int:
        def one(q: int) -> int:
            q = self.graph_node_path(q)
            return FAIL if q == FAIL else self.ws(self.annotation(self.ws(q), True))

        return self.sep(p, one, lambda q: self._then_ws(self.lit(q, ",")), minimum=1)

    def annotation(self, p: int, path: bool) -> int:
        def block(q: int) -> int:
            q = self.lit(q, "{|")
            if q == FAIL:
                return FAIL
            body = self.property_list_path if path else self.property_list_not_empty
            q = body(self.ws(q))
            return FAIL if q == FAIL else self.lit(self.ws(q), "|}")

        def element(q: int) -> int:
            end = self.reifier(q)
            if end != FAIL:
                return self.ws(self.opt(self.ws(end), block))
            end = block(q)
            return FAIL if end == FAIL else self.ws(end)

        return self.many(p, element)

    def reifier(self, p: int) -> int:
        p = self.lit(p, "~")
        if p == FAIL:
            return FAIL
        return self.opt(self.ws(p), lambda q: self.first(q, self.var, self.iri,
                                                         self.blank_node))

    @_nested
    def path(self, p: int) -> int:
        def sequence(q: int) -> int:
            q = self.sep(q, lambda r: self._then_ws(self.path_elt_or_inverse(r)),
                         lambda r: self._then_ws(self.lit(r, "/")), minimum=1)
            return FAIL if q == FAIL else self.ws(q)

        return self.sep(p, sequence, lambda q: self._then_ws(self.lit(q, "|")), minimum=1)

    def path_elt_or_inverse(self, p: int) -> int:
        end = self.lit(p, "^")
        if end != FAIL:
            end = self.path_elt(self.ws(end))
            if end != FAIL:
                return end
        return self.path_elt(p)

    def path_elt(self, p: int) -> int:
        p = self.path_primary(p)
        if p == FAIL:
            return FAIL
        p = self.ws(p)
        for mod in "*+":
            if self.t.startswith(mod, p):
                return p + 1
        if self.t.startswith("?", p) and not re.match(f"[0-9{_U}]", self.t[p + 1:p + 2]):
            return p + 1
        return p

    def path_primary(self, p: int) -> int:
        def negated(q: int) -> int:
            q = self.lit(q, "!")
            if q == FAIL:
                return FAIL
            q = self.ws(q)
            end = self.lit(q, "(")
            if end != FAIL:
                end = self.sep(self.ws(end), lambda r: self._then_ws(self.path_one_in_set(r)),
                               lambda r: self._then_ws(self.lit(r, "|")), minimum=1)
                if end != FAIL:
                    end = self.lit(end, ")")
                if end != FAIL:
                    return end
            return self.path_one_in_set(q)

        def group(q: int) -> int:
            q = self.lit(q, "(")
            if q == FAIL:
                return FAIL
            q = self.path(self.ws(q))
            return FAIL if q == FAIL else self.lit(self.ws(q), ")")

        return self.first(p, self.iri, lambda q: self.lit(q, "a"), negated, group)

    def path_one_in_set(self, p: int) -> int:
        end = self.lit(p, "^")
        if end != FAIL:
            end = self.first(self.ws(end), self.iri, lambda q: self.lit(q, "a"))
            if end != FAIL:
                return end
        return self.first(p, self.iri, lambda q: self.lit(q, "a"))

    def triples_node(self, p: int) -> int:
        return self._node(p, self.graph_node, self.property_list_not_empty, False)

    def triples_node_path(self, p: int) -> int:
        return self._node(p, self.graph_node_path, self.property_list_path, True)

    @_nested
    def _node(self, p: int, member: Callable[[int], int], properties: Callable[[int], int],
              path: bool) -> int:
        """A collection ``( ... )`` or a blank node property list ``[ ... ]``."""
        end = self.lit(p, "(")
        if end != FAIL:
            end = self.some(self.ws(end), lambda q: self._then_ws(member(q)))
            if end != FAIL:
                end = self.lit(self.ws(end) if path else end, ")")
            return end
        end = self.lit(p, "[")
        if end == FAIL:
            return FAIL
        end = properties(self.ws(end))
        return FAIL if end == FAIL else self.lit(self.ws(end), "]")

    def graph_node(self, p: int) -> int:
        return self.first(p, self.reified_triple, self.var_or_term, self.triples_node)

    def graph_node_path(self, p: int) -> int:
        return self.first(p, self.reified_triple, self.var_or_term, self.triples_node_path)

    def var_or_term(self, p: int) -> int:
        return self.first(p, self.var, self.triple_term, self.iri, self.rdf_literal,
                          self.numeric_literal, self.boolean_literal, self.blank_node,
                          lambda q: self.rx(q, _NIL, "()"))

    @_nested
    def reified_triple(self, p: int) -> int:
        p = self.lit(p, "<<")
        if p == FAIL:
            return FAIL

        def term(q: int) -> int:
            return self.first(q, self.var, self.triple_term, self.reified_triple, self.iri,
                              self.rdf_literal, self.numeric_literal, self.boolean_literal,
                              self.blank_node)

        p = term(self.ws(p))
        if p != FAIL:
            p = self.verb(self.ws(p))
        if p != FAIL:
            p = term(self.ws(p))
        if p == FAIL:
            return FAIL
        p = self.ws(self.opt(self.ws(p), self.reifier))
        return self.lit(p, ">>")

    def triple_term(self, p: int) -> int:
        return self._triple_term(p, self.verb, lambda q: self.first(
            q, self.var, self.triple_term, self.iri, self.rdf_literal, self.numeric_literal,
            self.boolean_literal, self.blank_node))

    def triple_term_data(self, p: int) -> int:
        return self._triple_term(
            p, lambda q: self.first(q, self.iri, lambda r: self.lit(r, "a")),
            lambda q: self.first(q, self.triple_term_data, self.iri, self.rdf_literal,
                                 self.numeric_literal, self.boolean_literal))

    def expr_triple_term(self, p: int) -> int:
        return self._triple_term(p, self.verb, lambda q: self.first(
            q, self.expr_triple_term, self.iri, self.rdf_literal, self.numeric_literal,
            self.boolean_literal, self.var))

    @_nested
    def _triple_term(self, p: int, verb: Callable[[int], int],
                     term: Callable[[int], int]) -> int:
        p = self.lit(p, "<<(")
        if p != FAIL:
            p = term(self.ws(p))
        if p != FAIL:
            p = verb(self.ws(p))
        if p != FAIL:
            p = term(self.ws(p))
        return FAIL if p == FAIL else self.lit(self.ws(p), ")>>")

    # -- expressions -----------------------------------------------------------------------

    def constraint(self, p: int) -> int:
        return self.first(p, self.bracketed_expression, self.function_call, self.builtin_call)

    def function_call(self, p: int) -> int:
        p = self.iri(p)
        return FAIL if p == FAIL else self.arg_list(self.ws(p))

    def arg_list(self, p: int) -> int:
        end = self.lit(p, "(")
        if end != FAIL:
            end = self.sep(self.ws(end), lambda q: self._then_ws(self.expression(q)),
                           lambda q: self._then_ws(self.lit(q, ",")), minimum=1)
            if end != FAIL:
                end = self.lit(self.ws(end), ")")
            if end != FAIL:
                return end
        return self.rx(p, _NIL, "()")

    def expression_list(self, p: int) -> int:
        end = self.lit(p, "(")
        if end != FAIL:
            end = self.sep(self.ws(end), lambda q: self._then_ws(self.expression(q)),
                           lambda q: self._then_ws(self.lit(q, ",")), minimum=1)
            if end != FAIL:
                end = self.lit(end, ")")
            if end != FAIL:
                return end
        return self.rx(p, _NIL, "()")

    @_memo
    @_nested
    def expression(self, p: int) -> int:
        self.step()

        def conjunction(q: int) -> int:
            return self.sep(q, lambda r: self._then_ws(self.relational(r)),
                            lambda r: self._then_ws(self.lit(r, "&&")), minimum=1)

        return self.sep(p, lambda q: self._then_ws(conjunction(q)),
                        lambda q: self._then_ws(self.lit(q, "||")), minimum=1)

    def relational(self, p: int) -> int:
        p = self.additive(p)
        if p == FAIL:
            return FAIL
        q = self.ws(p)
        for op in ("=", "!=", ">=", ">", "<=", "<"):
            if self.t.startswith(op, q):
                end = self.additive(self.ws(q + len(op)))
                return q if end == FAIL else end
        end = self.kw(q, "IN")
        if end == FAIL:
            end = self.kw(q, "NOT")
            if end != FAIL:
                end = self.kw(self.ws(end), "IN")
        if end != FAIL:
            end = self.expression_list(self.ws(end))
        return q if end == FAIL else end

    def additive(self, p: int) -> int:
        return self._binary(p, self.multiplicative, "+-")

    def multiplicative(self, p: int) -> int:
        return self._binary(p, self.unary, "*/")

    def _binary(self, p: int, operand: Callable[[int], int], ops: str) -> int:
        """``operand _ (op _ operand _)*``: the engine's right recursion, as a loop."""
        p = operand(p)
        while p != FAIL:
            q = self.ws(p)
            if q >= self.n or self.t[q] not in ops:
                return q
            p = operand(self.ws(q + 1))
            if p == FAIL:
                return q
        return FAIL

    @_nested
    def unary(self, p: int) -> int:
        if self.t.startswith("!", p):
            end = self.unary(self.ws(p + 1))
            if end != FAIL:
                return end
        q = p + 1 if p < self.n and self.t[p] in "!+-" else p
        return self.primary(self.ws(q))

    def primary(self, p: int) -> int:
        self.step()
        return self.first(p, self.bracketed_expression, self.expr_triple_term,
                          self.iri_or_function, self.var, self.rdf_literal,
                          self.numeric_literal, self.boolean_literal, self.builtin_call)

    def bracketed_expression(self, p: int) -> int:
        p = self.lit(p, "(")
        if p == FAIL:
            return FAIL
        p = self.expression(self.ws(p))
        return FAIL if p == FAIL else self.lit(self.ws(p), ")")

    def iri_or_function(self, p: int) -> int:
        p = self.iri(p)
        return FAIL if p == FAIL else self.opt(self.ws(p), self.arg_list)

    def _args(self, p: int, count: int) -> int:
        """``"(" _ e _ ("," _ e _)* ")"`` with exactly ``count`` expressions."""
        p = self.lit(p, "(")
        for index in range(count):
            if p == FAIL:
                return FAIL
            if index:
                p = self.lit(self.ws(p), ",")
                if p == FAIL:
                    return FAIL
            p = self.expression(self.ws(p))
        return FAIL if p == FAIL else self.lit(self.ws(p), ")")

    def builtin_call(self, p: int) -> int:
        self.step()
        end = self.aggregate(p)
        if end != FAIL:
            return end
        letter = self.t[p:p + 1].lower()
        for keyword, form in _BUILTIN_TABLE.get(letter, ()):
            end = self.kw(p, keyword)
            if end == FAIL:
                continue
            if form == "nil!":
                end = self.rx(end, _NIL, "()")
            elif form == "list":
                end = self.expression_list(end)
            elif form == "nil":
                end = self.rx(self.ws(end), _NIL, "()")
            elif form == "var":
                end = self.lit(self.ws(end), "(")
                if end != FAIL:
                    end = self.var(self.ws(end))
                if end != FAIL:
                    end = self.lit(self.ws(end), ")")
            elif form == "group":
                end = self.group_graph_pattern(self.ws(end))
            elif form == "not-exists":
                end = self.kw(self.ws(end), "EXISTS")
                if end != FAIL:
                    end = self.group_graph_pattern(self.ws(end))
            else:
                assert isinstance(form, int)
                end = self._args(self.ws(end), form)
            if end != FAIL:
                return end
        return FAIL

    def aggregate(self, p: int) -> int:
        for name in _AGGREGATES:
            end = self.kw(p, name)
            if end == FAIL:
                continue
            end = self.lit(self.ws(end), "(")
            if end == FAIL:
                return FAIL
            inner = self.ws(end)
            forms = [True, False]
            for distinct in forms:
                q = inner
                if distinct:
                    q = self.kw(q, "DISTINCT")
                    if q == FAIL:
                        continue
                    q = self.ws(q)
                if name == "COUNT":
                    star = self.lit(q, "*")
                    if star != FAIL:
                        star = self.lit(self.ws(star), ")")
                        if star != FAIL:
                            return star
                q = self.expression(q)
                if q == FAIL:
                    continue
                q = self.ws(q)
                if name == "GROUP_CONCAT":
                    sep = self.lit(q, ";")
                    if sep != FAIL:
                        sep = self.kw(self.ws(sep), "SEPARATOR")
                    if sep != FAIL:
                        sep = self.lit(self.ws(sep), "=")
                    if sep != FAIL:
                        sep = self.string(self.ws(sep))
                    if sep != FAIL:
                        sep = self.lit(self.ws(sep), ")")
                    if sep != FAIL:
                        return sep
                q = self.lit(q, ")")
                if q != FAIL:
                    return q
            return FAIL
        return FAIL

    # -- terms -----------------------------------------------------------------------------

    def var(self, p: int) -> int:
        return self.rx(p, _VAR, "a variable")

    def var_or_iri(self, p: int) -> int:
        return self.first(p, self.var, self.iri)

    def iri(self, p: int) -> int:
        end = self.iriref(p)
        return end if end != FAIL else self.prefixed_name(p)

    def iriref(self, p: int) -> int:
        match = _IRIREF.match(self.t, p)
        if not match:
            return self.fail(p, "an IRI")
        body = match.group()[1:-1]
        if not _valid_escapes(body) or not _IRI_CONTENT.fullmatch(expand_escapes(body)):
            return self.fail(p, "an IRI")
        return match.end()

    def prefixed_name(self, p: int) -> int:
        match = _PN_PREFIX.match(self.t, p)
        if not match or match.group()[:-1] not in self.prefixes:
            return self.fail(p, "a declared prefix")
        local = _PN_LOCAL.match(self.t, match.end())
        return local.end() if local else match.end()

    def blank_node(self, p: int) -> int:
        end = self.rx(p, _BNODE, "a blank node")
        return end if end != FAIL else self.rx(p, _ANON, "[]")

    def string(self, p: int) -> int:
        for pattern in _STRINGS:
            match = pattern.match(self.t, p)
            if match and _valid_escapes(match.group()):
                return match.end()
        return self.fail(p, "a string")

    def rdf_literal(self, p: int) -> int:
        p = self.string(p)
        if p == FAIL:
            return FAIL
        q = self.ws(p)
        end = self.lit(q, "^^")
        if end != FAIL:
            end = self.iri(self.ws(end))
            if end != FAIL:
                return end
        end = self.rx(q, _LANGDIR, "a language tag")
        return p if end == FAIL else end

    def numeric_literal(self, p: int) -> int:
        q = p
        if self.t.startswith(("+", "-"), p):
            q = self.ws(p + 1)
        for pattern in (_DOUBLE, _DECIMAL, _INTEGER):
            match = pattern.match(self.t, q)
            if match:
                return match.end()
        return self.fail(q, "a number")

    def boolean_literal(self, p: int) -> int:
        end = self.lit(p, "true")
        return end if end != FAIL else self.lit(p, "false")

    # -- entry -----------------------------------------------------------------------------

    def run(self, update: bool) -> list[Outbound]:
        end = (self.update_unit if update else self.query_unit)(0)
        if end != self.n:
            raise SparqlSyntaxError(self.message(end))
        return self.found

    def message(self, end: int) -> str:
        where = max(self.far, end if end != FAIL else 0)
        line = self.t.count("\n", 0, where) + 1
        column = where - (self.t.rfind("\n", 0, where) + 1) + 1
        near = self.t[where:where + 20].split("\n", 1)[0]
        shown = f"near {near!r}" if near else "at the end"
        expected = ", ".join(sorted(self.expected)[:6]) if where == self.far else ""
        wanted = f"; expected {expected}" if expected else ""
        return f"at line {line}, column {column} {shown}{wanted}"


@lru_cache(maxsize=512)
def outbound_operations(text: str, update: bool = False) -> tuple[Outbound, ...]:
    """The SERVICE patterns and LOAD operations a query (or an ``update``) would run.

    Raises :class:`SparqlSyntaxError` (one line, with line and column) when the text does
    not parse or nests too deep. The text is read as the engine reads it (Oxigraph 0.5's
    server does not expand ``\\u`` escapes before parsing); it is read a second time with
    the escapes expanded, as the SPARQL specification has it, and what that reading finds
    counts too, so an engine built either way is covered.
    """
    found = list(_parse(text, update))
    expanded = expand_escapes(text)
    if expanded != text:
        with contextlib.suppress(SparqlSyntaxError):
            found.extend(_parse(expanded, update))
    return tuple(dict.fromkeys(found))


def _parse(text: str, update: bool) -> list[Outbound]:
    try:
        return _Parser(text).run(update)
    except RecursionError:
        raise SparqlSyntaxError("the request nests too deeply to be checked") from None
