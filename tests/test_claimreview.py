"""schema.org ClaimReview: export for the web, import from any fact-checker, round trip.

Everything runs the real ``kg`` command line on real files; the rating table and the offline
reader are also tested in-process.
"""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest

from kg.claimreview import normalize_rating, read_claimreviews, source_article_id
from kg.claimreview.reader import load_graph
from kg.store import open_store
from kg.vocab import SCHEMA

from .conftest import FIXTURES, SEED, kg_json, run_kg

CR = FIXTURES / "claimreview"
NUMERIC = CR / "northbridge-numeric.json"
HTML = CR / "harbor-verify-page.html"
FRENCH = CR / "les-verificateurs-fr.json"
H800 = "2 000 processeurs H800"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article ingested once; tests copy it."""
    path = tmp_path_factory.mktemp("cr-seed") / "store"
    run_kg("ingest", str(SEED), store=path)
    return path


@pytest.fixture()
def store(seed_store: Path, tmp_path: Path) -> Path:
    """A fresh copy of the seed store."""
    path = tmp_path / "store"
    shutil.copytree(seed_store, path)
    return path


@pytest.fixture()
def reviewed(store: Path) -> Path:
    """The seed store with Ana Pereira's review of the H800 claim (c11)."""
    run_kg("review", "c11", "--verdict", "mostly-false", "--reviewer", "Ana Pereira",
           "--evidence", "https://example.org/r", "--note", "Not independently confirmed",
           "--date", "2026-11-29", store=store)
    return store


def _export(store: Path, out: Path) -> dict:
    run_kg("export", "--format", "claimreview", "--out", str(out), store=store)
    return json.loads(out.read_text(encoding="utf-8"))


def _dump(store: Path) -> bytes:
    with open_store(str(store)) as opened:
        return opened.dump("nquads")


def _reviews(store: Path) -> list[dict]:
    """Every review with its claim's text, comparable across stores."""
    claims = {c["id"]: c for c in kg_json("claims", store=store)}
    out = []
    for r in kg_json("reviews", store=store):
        claim = claims[r["claim"]]
        out.append({
            "text": claim["text"],
            "claimants": sorted(p["name"] for p in claim["claimants"]),
            **{k: r[k] for k in ("kind", "verdict", "rating", "normalized_rating", "reviewer",
                                 "date", "evidence", "note")},
        })
    return sorted(out, key=lambda r: json.dumps(r, sort_keys=True))


def _check_google_fields(node: dict) -> None:
    """Google's required fields, and the recommended ones kg always has."""
    assert node["@type"] == "ClaimReview"
    assert node["claimReviewed"].strip()
    assert node["url"].startswith("https://")
    assert node["author"]["@type"] in ("Person", "Organization") and node["author"]["name"]
    assert node["reviewRating"]["@type"] == "Rating" and node["reviewRating"]["alternateName"]
    item = node["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] and all(a["name"] for a in item["author"])
    assert item["appearance"]["@id"] or item["appearance"]["url"]


# ---------------------------------------------------------------------------------------------
# The H800 review everywhere
# ---------------------------------------------------------------------------------------------


def test_h800_review_shows_in_show_sparql_and_export(reviewed: Path, tmp_path: Path) -> None:
    shown = kg_json("show", "c11", store=reviewed)
    assert H800 in shown["text"]
    assert shown["status"] == "refuted"
    assert [(r["verdict"], r["rating"], r["normalized_rating"], r["reviewer"])
            for r in shown["reviews"]] == [("mostly-false", "mostly-false", "FALSE",
                                            "Ana Pereira")]

    sparql = kg_json("query", """PREFIX schema: <http://schema.org/>
PREFIX kg: <https://kg.example.org/def/ns#>
SELECT ?text ?label ?normalized ?name WHERE {
  ?r a schema:ClaimReview ; schema:itemReviewed ?c ; schema:author/schema:name ?name ;
     schema:reviewRating ?rating . ?rating schema:alternateName ?label ;
     kg:normalizedRating ?normalized . ?c schema:text ?text }""", store=reviewed)
    rows = sparql["results"]["bindings"]
    assert len(rows) == 1 and H800 in rows[0]["text"]["value"]
    assert (rows[0]["label"]["value"], rows[0]["normalized"]["value"],
            rows[0]["name"]["value"]) == ("mostly-false", "FALSE", "Ana Pereira")

    document = _export(reviewed, tmp_path / "cr.jsonld")
    assert document["@context"] == "https://schema.org"
    [node] = document["@graph"]
    _check_google_fields(node)
    assert H800 in node["claimReviewed"]
    assert node["url"] == node["@id"] == shown["reviews"][0]["id"]
    assert node["author"] == {"@id": "https://kg.example.org/id/entity/ana-pereira",
                              "@type": "Person", "name": "Ana Pereira"}
    assert node["reviewRating"] == {
        "@type": "Rating", "alternateName": "mostly-false",
        "additionalType": "https://kg.example.org/def/verdict/mostly-false",
        "ratingValue": 2, "bestRating": 5, "worstRating": 1}
    assert node["datePublished"] == "2026-11-29"
    assert node["citation"] == ["https://example.org/r"]
    assert node["reviewBody"] == "Not independently confirmed"
    item = node["itemReviewed"]
    assert item["@id"] == shown["id"]
    assert [a["name"] for a in item["author"]] == ["Roy Chua"]
    assert item["appearance"]["headline"] == shown["source"]["title"]
    assert item["appearance"]["@id"] == shown["source"]["id"]


def test_export_is_deterministic_and_goes_to_stdout(reviewed: Path, tmp_path: Path) -> None:
    first = tmp_path / "a.jsonld"
    _export(reviewed, first)
    _export(reviewed, tmp_path / "b.jsonld")
    assert first.read_bytes() == (tmp_path / "b.jsonld").read_bytes()
    stdout = run_kg("export", "--format", "claimreview", store=reviewed).stdout
    assert stdout == first.read_text(encoding="utf-8")


def test_export_of_a_store_without_reviews_is_an_empty_graph(store: Path) -> None:
    stdout = run_kg("export", "-f", "claimreview", store=store).stdout
    assert json.loads(stdout) == {"@context": "https://schema.org", "@graph": []}


def test_export_lists_standing_reviews_only(store: Path, tmp_path: Path) -> None:
    run_kg("review", "c11", "--verdict", "false", "--reviewer", "Ana Pereira", "--date",
           "2026-11-29", store=store)
    run_kg("review", "c11", "--verdict", "unverifiable", "--reviewer", "Lucas Martin",
           "--date", "2026-12-01", store=store)
    run_kg("review", "c09", "--verdict", "mixture", "--reviewer", "Ana Pereira", "--date",
           "2026-11-30", store=store)
    run_kg("review", "c09", "--retract", "--reviewer", "Ana Pereira", "--date", "2026-12-02",
           store=store)
    graph = _export(store, tmp_path / "cr.jsonld")["@graph"]
    assert [(n["itemReviewed"]["@id"].rsplit("/", 1)[-1], n["author"]["name"]) for n in graph] \
        == [("c11", "Ana Pereira"), ("c11", "Lucas Martin")], "retracted c09 review left out"
    unverifiable = graph[1]["reviewRating"]
    assert "ratingValue" not in unverifiable and unverifiable["alternateName"] == "unverifiable"


def test_export_is_embeddable_in_a_web_page(store: Path, tmp_path: Path) -> None:
    run_kg("review", "c11", "--verdict", "false", "--reviewer", "Ana Pereira", "--note",
           "</script><script>alert(1)</script> & more", "--date", "2026-11-29", store=store)
    text = run_kg("export", "-f", "claimreview", store=store).stdout
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["@graph"][0]["reviewBody"].startswith("</script>")
    page = tmp_path / "page.html"
    page.write_text(f'<html><head><script type="application/ld+json">{text}</script></head>'
                    "<body><p>Our review</p></body></html>", encoding="utf-8")
    empty = tmp_path / "empty"
    run_kg("import", str(page), store=empty)
    assert _reviews(empty) == _reviews(store)


# ---------------------------------------------------------------------------------------------
# Round trip
# ---------------------------------------------------------------------------------------------


def test_round_trip_into_an_empty_store(reviewed: Path, tmp_path: Path) -> None:
    run_kg("review", "c09", "--verdict", "mixture", "--reviewer", "Lucas Martin", "--date",
           "2026-12-01", store=reviewed)
    exported = tmp_path / "cr.jsonld"
    _export(reviewed, exported)
    empty = tmp_path / "empty"
    result = run_kg("import", str(exported), store=empty)
    assert "2 reviews added" in result.stdout
    assert _reviews(empty) == _reviews(reviewed)
    assert len(_reviews(empty)) == 2
    shown = kg_json("show", "c11", store=empty)
    assert H800 in shown["text"] and shown["status"] == "refuted"
    assert [p["name"] for p in shown["claimants"]] == ["Roy Chua"]
    assert shown["kind"] == "reported-speech"
    claimants = {c["claim_id"]: [p["name"] for p in c["claimants"]]
                 for c in kg_json("claims", store=empty)}
    assert claimants == {"c09": ["les créateurs de DeepSeek"], "c11": ["Roy Chua"]}
    assert run_kg("validate", store=empty).stdout.startswith("conforms")
    again = tmp_path / "again.jsonld"
    run_kg("export", "-f", "claimreview", "--out", str(again), store=empty)
    assert again.read_bytes() == exported.read_bytes(), "export → import → export is stable"


def test_import_attaches_reviews_to_claims_already_in_the_store(reviewed: Path, store: Path,
                                                                 tmp_path: Path) -> None:
    exported = tmp_path / "cr.jsonld"
    _export(reviewed, exported)
    other = tmp_path / "other"
    shutil.copytree(store, other)  # the seed, without the review
    result = run_kg("import", str(exported), store=other)
    assert "0 new claims, 1 existing claims" in result.stdout
    assert _reviews(other) == _reviews(reviewed)
    assert len(kg_json("claims", store=other)) == 41


def test_reimport_adds_nothing(tmp_path: Path) -> None:
    target = tmp_path / "store"
    run_kg("import", str(FRENCH), store=target)
    before = _dump(target)
    result = run_kg("import", str(FRENCH), store=target)
    assert "0 reviews added (4 already there)" in result.stdout
    assert _dump(target) == before


# ---------------------------------------------------------------------------------------------
# Other fact-checkers' files
# ---------------------------------------------------------------------------------------------


def _by_text(store: Path) -> dict[str, dict]:
    reviews: dict[str, list[dict]] = {}
    for r in kg_json("reviews", store=store):
        reviews.setdefault(r["claim"], []).append(r)
    return {c["text"]: {**c, "review_list": reviews.get(c["id"], [])}
            for c in kg_json("claims", store=store)}


def test_import_numeric_scale(tmp_path: Path) -> None:
    target = tmp_path / "store"
    result = run_kg("import", str(NUMERIC), store=target)
    assert "3 reviews added" in result.stdout
    claims = _by_text(target)
    cost = claims["Training DeepSeek-V3 cost only $5.6 million in total"]
    [review] = cost["review_list"]
    assert (review["verdict"], review["rating"], review["normalized_rating"]) == (
        "mostly-false", "Misleading", "FALSE"), "2 on 1..5"
    assert review["reviewer"] == "Northbridge Fact Check"
    assert review["date"] == "2025-02-03", "date of a date-time"
    assert review["evidence"] == [
        "https://arxiv.org/abs/2412.19437",
        "https://northbridgefactcheck.example/checks/2025/02/deepseek-training-cost",
        "https://research.example.org/notes/deepseek-capex"]
    assert review["note"].startswith("The $5.6 million covers")
    assert cost["kind"] == "reported-speech" and cost["status"] == "refuted"
    assert [(p["name"], p["type"]) for p in cost["claimants"]] == [("DeepSeek", "organization")]
    export_rules = claims["The H800 chips DeepSeek used complied with US export control rules "
                          "when they were sold"]
    assert export_rules["review_list"][0]["verdict"] == "mostly-true", "'4' on '1'..'5'"
    market = claims["Nvidia lost nearly $600 billion in market value on January 27, 2025"]
    assert market["review_list"][0]["verdict"] == "true"
    assert market["kind"] == "assertion", "no author: the source's own assertion"
    assert [p["name"] for p in market["claimants"]] == ["Example Daily News"]
    assert market["source"] == export_rules["source"], "one article per appearance URL"
    assert market["source"]["title"] == "Nvidia responds to the DeepSeek sell-off"
    nvidia = next(e for e in kg_json("entities", store=target) if e["name"] == "Nvidia")
    assert nvidia["wikidata"] == "Q182477"
    assert run_kg("validate", store=target).stdout.startswith("conforms")


def test_import_html_page_with_two_ld_json_blocks(tmp_path: Path) -> None:
    target = tmp_path / "store"
    run_kg("import", str(HTML), store=target)
    claims = _by_text(target)
    jobs = claims["Stargate will create more than 100,000 jobs in the United States"]
    [review] = jobs["review_list"]
    assert review["reviewer"] == "Harbor Verify", "author given by @id in the other block"
    assert (review["verdict"], review["rating"], review["normalized_rating"]) == (
        "unverifiable", "Unproven", "OTHER")
    assert review["note"] == ("No plan or study behind the figure was published <yet> & the "
                              "companies gave no timeline.")
    assert jobs["source"]["title"] == "Stargate announcement briefing", "firstAppearance"
    money = claims["OpenAI, Oracle and SoftBank have already put the full $500 billion into "
                   "Stargate"]
    assert money["review_list"][0]["verdict"] == "false", "Pants on Fire"
    assert money["status"] == "refuted"
    people = {e["name"]: e for e in kg_json("entities", store=target)}
    assert people["Donald Trump"]["wikidata"] == "Q22686"
    assert people["Donald Trump"]["type"] == "person"
    assert run_kg("validate", store=target).stdout.startswith("conforms")


def test_import_french_fact_checker(tmp_path: Path) -> None:
    target = tmp_path / "store"
    run_kg("import", str(FRENCH), store=target)
    claims = _by_text(target)
    verdicts = {text[:30]: (c["review_list"][0]["rating"], c["review_list"][0]["verdict"],
                            c["status"]) for text, c in claims.items()}
    assert verdicts == {
        "l’entraînement de DeepSeekV3, ": ("Invérifiable", "unverifiable", "unverified"),
        "Stargate représente un investi": ("Trompeur", "mostly-false", "refuted"),
        "DeepSeek avait eu accès à des ": ("Mitigé", "mixture", "contested"),
        "Nvidia a perdu près de 600 mil": ("Plutôt vrai", "mostly-true", "confirmed"),
    }
    h800 = next(c for t, c in claims.items() if H800 in t)
    article = h800["source"]["id"]
    assert article.endswith("/mobileworldlive-example-fr-deepseek-stargate")
    same_source = sorted(c["claim_id"] for c in claims.values() if c["source"]["id"] == article)
    assert same_source == ["c01", "c02", "c03"]
    body = kg_json("query", f"""PREFIX schema: <http://schema.org/>
SELECT ?body ?lang WHERE {{ <{article}> schema:articleBody ?body ; schema:inLanguage ?lang }}""",
                   store=target)["results"]["bindings"][0]
    assert body["lang"]["value"] == "fr"
    for claim in claims.values():
        if claim["source"]["id"] == article:
            assert body["body"]["value"][claim["start"]:claim["end"]] == claim["text"]
    assert body["body"]["value"].split("\n\n") == [
        c["text"] for c in sorted(claims.values(), key=lambda c: c["start"])
        if c["source"]["id"] == article]
    assert run_kg("validate", store=target).stdout.startswith("conforms")


def test_import_into_the_seed_store_reuses_its_entities(store: Path) -> None:
    run_kg("import", str(NUMERIC), str(HTML), str(FRENCH), store=store)
    claims = kg_json("claims", store=store)
    assert len(claims) == 41 + 9
    by_text = {c["text"]: c for c in claims}
    nvidia = by_text["The H800 chips DeepSeek used complied with US export control rules when "
                     "they were sold"]["claimants"][0]
    assert nvidia["id"] == "https://kg.example.org/id/entity/nvidia", "same Wikidata item"
    trump = by_text["Stargate will create more than 100,000 jobs in the United States"]
    assert trump["claimants"][0]["id"] == "https://kg.example.org/id/entity/donald-trump"
    analysts = by_text["DeepSeek avait eu accès à des dizaines de milliers de puces plus "
                       "performantes"]
    assert [p["id"].rsplit("/", 1)[-1] for p in analysts["claimants"]] == [
        "certains-analystes"], "same name"
    assert len(kg_json("reviews", store=store)) == 9
    seed_c11 = kg_json("show", "deepseek-stargate-mwl/c11", store=store)
    assert seed_c11["reviews"] == [], "another source's claim is another claim"
    assert run_kg("validate", store=store).stdout.startswith("conforms")


def test_import_extends_an_article_it_imported(tmp_path: Path) -> None:
    target = tmp_path / "store"
    first = json.loads(FRENCH.read_text(encoding="utf-8"))
    part_one, part_two = tmp_path / "one.json", tmp_path / "two.json"
    part_one.write_text(json.dumps({**first, "@graph": first["@graph"][:1]}), encoding="utf-8")
    part_two.write_text(json.dumps({**first, "@graph": first["@graph"][1:3]}), encoding="utf-8")
    run_kg("import", str(part_one), store=target)
    before = kg_json("claims", store=target)
    run_kg("import", str(part_two), store=target)
    after = {c["claim_id"]: c for c in kg_json("claims", store=target)}
    assert sorted(after) == ["c01", "c02", "c03"]
    assert {k: after["c01"][k] for k in ("id", "text", "start", "end", "status")} == {
        k: before[0][k] for k in ("id", "text", "start", "end", "status")}, "kept as it was"
    assert len(kg_json("reviews", store=target)) == 3
    assert run_kg("validate", store=target).stdout.startswith("conforms")


# ---------------------------------------------------------------------------------------------
# Bad input: one line, exit 2, nothing changed
# ---------------------------------------------------------------------------------------------

GOOD = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://factcheck.example/r/1",
    "datePublished": "2025-02-01",
    "author": {"@type": "Organization", "name": "Example Checks"},
    "claimReviewed": "DeepSeek-V3 needed only 2,000 H800 chips",
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Roy Chua"}},
    "reviewRating": {"@type": "Rating", "alternateName": "Unproven"},
}


def _without(key: str) -> str:
    return json.dumps({k: v for k, v in GOOD.items() if k != key})


BAD_FILES = {
    "malformed.json": ('{"@context": "https://schema.org",\n "@type": "ClaimReview",, }',
                       "malformed.json:2: malformed JSON"),
    "no-claim.json": (_without("claimReviewed"), "ClaimReview #1 (https://factcheck.example/r/1)"
                      ": missing claimReviewed"),
    "no-rating.json": (_without("reviewRating"), "missing reviewRating"),
    "no-author.json": (_without("author"), "missing author"),
    "nameless.json": (json.dumps({**GOOD, "author": {"@type": "Organization"}}),
                      "missing author.name"),
    "no-label.json": (json.dumps({**GOOD, "reviewRating": {"@type": "Rating"}}),
                      "missing reviewRating.alternateName"),
    "bad-date.json": (json.dumps({**GOOD, "datePublished": "last week"}),
                      "datePublished 'last week' is not an ISO 8601 date"),
    "remote.json": (json.dumps({**GOOD, "@context": "https://example.org/context.jsonld"}),
                    "remote @context 'https://example.org/context.jsonld' is not supported"),
    "webpage.json": (json.dumps({"@context": "https://schema.org", "@type": "WebPage"}),
                     "no ClaimReview found"),
    "page.html": ("<html><head><script>var a = 1;</script></head><body>Hi</body></html>",
                  'page.html: no <script type="application/ld+json"> block'),
    "broken.html": ('<html><script type="application/ld+json">\n{"a": }</script></html>',
                    "broken.html:2: malformed JSON"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_import_is_refused_and_changes_nothing(store: Path, tmp_path: Path,
                                                   name: str) -> None:
    content, message = BAD_FILES[name]
    good = tmp_path / "good.json"
    good.write_text(json.dumps(GOOD), encoding="utf-8")
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    before = _dump(store)
    result = run_kg("import", str(good), str(bad), store=store, check=False)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and str(bad.name) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert _dump(store) == before, "the good file before it was not imported either"


def test_missing_file_is_a_one_line_error(store: Path, tmp_path: Path) -> None:
    result = run_kg("import", str(tmp_path / "nope.json"), store=store, check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'nope.json'}: no such file"


# ---------------------------------------------------------------------------------------------
# The library: rating table, offline reading, ids
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "numbers", "verdict"),
    [
        ("Pants on Fire", {}, "false"),
        ("False", {}, "false"),
        ("FAUX", {}, "false"),
        ("Incorrect", {}, "false"),
        ("Misleading", {}, "mostly-false"),
        ("Trompeur", {}, "mostly-false"),
        ("Mostly False", {}, "mostly-false"),
        ("Mostly True", {}, "mostly-true"),
        ("Plutôt vrai", {}, "mostly-true"),
        ("Half True", {}, "mixture"),
        ("Mixture", {}, "mixture"),
        ("Mitigé", {}, "mixture"),
        ("Partly false", {}, "mixture"),
        ("True", {}, "true"),
        ("Vrai", {}, "true"),
        ("Correct", {}, "true"),
        ("Unproven", {}, "unverifiable"),
        ("Invérifiable", {}, "unverifiable"),
        ("Satire", {}, "unverifiable"),
        ("contested", {}, "contested"),
        ("Misleading", {"value": 5, "best": 5, "worst": 1}, "true"),
        ("Four", {"value": 4, "best": 5, "worst": 1}, "mostly-true"),
        ("x", {"value": "3", "best": "5", "worst": "1"}, "mixture"),
        ("x", {"value": 0, "best": 10, "worst": 0}, "false"),
        ("x", {"value": -2, "best": 2, "worst": -2}, "false"),
        ("False", {"value": 9, "best": 5, "worst": 1}, "false"),
        ("False", {"value": 3}, "false"),
    ],
)
def test_rating_normalisation(label: str, numbers: dict, verdict: str) -> None:
    assert normalize_rating(label, **numbers).verdict == verdict


def test_kg_verdict_type_wins() -> None:
    rating = normalize_rating("Pants on Fire",
                              additional_type="https://kg.example.org/def/verdict/mixture")
    assert (rating.verdict, rating.normalized) == ("mixture", "MIXTURE")


def test_reading_never_touches_the_network(monkeypatch: pytest.MonkeyPatch,
                                           reviewed: Path, tmp_path: Path) -> None:
    exported = tmp_path / "cr.jsonld"
    _export(reviewed, exported)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access during ClaimReview reading")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    for path in (NUMERIC, HTML, FRENCH, exported):
        records = read_claimreviews(path)
        assert records and all(r.claim_text for r in records)
        assert (None, None, SCHEMA.ClaimReview) in load_graph(path)


def test_records_keep_file_order() -> None:
    records = read_claimreviews(FRENCH)
    assert [r.order for r in records] == [1, 2, 3, 4]
    assert records[0].where == f"{FRENCH}: ClaimReview #1 ({records[0].url})"
    assert [r.label for r in records] == ["Invérifiable", "Trompeur", "Mitigé", "Plutôt vrai"]


@pytest.mark.parametrize(
    ("key", "article_id"),
    [
        ("https://kg.example.org/id/article/deepseek-stargate-mwl", "deepseek-stargate-mwl"),
        ("https://www.example.org/news/a.html", "example-org-news-a-html"),
        (None, "claimreview-unsourced"),
    ],
)
def test_source_article_id(key: str | None, article_id: str) -> None:
    assert source_article_id(key) == article_id


def test_long_urls_get_short_stable_ids() -> None:
    url = "https://news.example.com/" + "very-long-path-segment/" * 10
    article_id = source_article_id(url)
    assert len(article_id) <= 60 and article_id == source_article_id(url)
    assert article_id != source_article_id(url + "other")
