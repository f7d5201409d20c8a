"""Pages for people and dereferenceable IRIs: data is always shown as text, never as HTML.

The store holds the seed article plus a small one whose claim, speaker, title and status
reason contain HTML (``<script>``, ``<img onerror>``, ``<b>``). The query page works offline:
its bundle is served from this server, and a headless Chromium (when available) sees no
request leave it.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
import rdflib

from kg.canned import load_queries
from tests.test_serve_support import (
    ROOT,
    TOKEN,
    Served,
    copy_store,
    free_port,
    kg,
    start_server,
    stop_server,
)

STATIC = ROOT / "kg" / "server" / "static"
SCHEMA = rdflib.Namespace("http://schema.org/")
C11 = "https://kg.example.org/id/claim/deepseek-stargate-mwl/c11"
XSS_TEXT = '<script>alert("kg")</script> la production a <b>doublé</b> en 2024'
XSS_CLAIM = "https://kg.example.org/id/claim/xss-test/c01"


def _xss_annotation(folder: Path) -> Path:
    text = f"Selon Jeanne Martin, « {XSS_TEXT} ». Fin.\n"
    (folder / "xss.txt").write_text(text, encoding="utf-8")
    start = text.index(XSS_TEXT)
    path = folder / "xss.yaml"
    path.write_text(f"""article:
  id: xss-test
  title: "Un titre <img src=x onerror=alert(1)>"
  language: fr
  date: 2025-02-03
  url: https://example.org/articles/xss
  text_file: xss.txt
entities:
  - id: jeanne-martin-xss
    name: "Jeanne <i>Martin</i>"
    type: person
claims:
  - id: c01
    text: '{XSS_TEXT}'
    start: {start}
    end: {start + len(XSS_TEXT)}
    kind: direct-quote
    category: figure
    claimants: [jeanne-martin-xss]
    summary: "Production <em>doubled</em>."
    status:
      value: unverified
      reason: "Nobody confirms it <script>alert(2)</script>."
""", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def served(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("pages")
    store = copy_store(built["store"], folder / "store")
    kg("ingest", str(_xss_annotation(folder)), store=store)
    server = start_server(store)
    try:
        yield server
    finally:
        stop_server(server)


class _Text(HTMLParser):
    """Collects the text inside elements of one tag, and every tag seen."""

    def __init__(self, wanted: str) -> None:
        super().__init__()
        self.wanted, self.depth, self.texts, self.tags = wanted, 0, [], []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == self.wanted:
            self.depth += 1
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self.wanted:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.texts[-1] += data


def _parse(html: str, wanted: str = "blockquote") -> _Text:
    parser = _Text(wanted)
    parser.feed(html)
    return parser


def _page(served: Served, path: str, accept: str = "text/html") -> httpx.Response:
    return httpx.get(served.url + path, headers={"Accept": accept}, timeout=30)


# -- data shown as text ----------------------------------------------------------------------

def test_a_claim_with_script_is_shown_as_text(served: Served) -> None:
    response = _page(served, "/id/claim/xss-test/c01")
    assert response.status_code == 200
    html = response.text
    parsed = _parse(html)
    assert parsed.texts == [XSS_TEXT]                      # the exact words, as text
    assert "&lt;script&gt;alert(&quot;kg&quot;)&lt;/script&gt;" in html
    assert "<script" not in html.lower()                   # no script element at all
    assert "<b>" not in html and "<i>" not in html and "<em>" not in html
    assert "Nobody confirms it &lt;script&gt;alert(2)&lt;/script&gt;." in html
    assert "Jeanne &lt;i&gt;Martin&lt;/i&gt;" in html
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_the_article_and_the_speaker_pages_escape_too(served: Served) -> None:
    article = _page(served, "/id/article/xss-test").text
    assert "Un titre &lt;img src=x onerror=alert(1)&gt;" in article
    assert not any(tag == "img" for tag, _ in _parse(article).tags)
    person = _page(served, "/id/entity/jeanne-martin-xss").text
    assert "<h1>Jeanne &lt;i&gt;Martin&lt;/i&gt;</h1>" in person
    assert "/id/claim/xss-test/c01" in person


def test_the_query_page_shows_results_as_escaped_text(served: Served) -> None:
    query = f"SELECT ?text WHERE {{ <{XSS_CLAIM}> <http://schema.org/text> ?text }}"
    response = httpx.get(served.url + "/query", params={"query": query})
    assert response.status_code == 200
    cells = _parse(response.text, "td").texts
    assert cells == [XSS_TEXT]
    assert '<script>alert("kg")' not in response.text


# -- dereferenceable IRIs --------------------------------------------------------------------

def test_a_claim_iri_resolves_to_its_data_iri(served: Served) -> None:
    html = _page(served, "/id/claim/deepseek-stargate-mwl/c11").text
    assert C11 in html
    assert "2 000 processeurs H800" in html                       # its words
    assert "Roy Chua" in html and "contested" in html              # speaker and status
    assert "tens of thousands of more powerful chips" in html      # the reason
    assert 'href="/id/claim/deepseek-stargate-mwl/c15"' in html    # related claim, here
    assert 'href="/id/entity/roy-chua"' in html
    assert "processor" in html                                     # the figure's unit


@pytest.mark.parametrize("accept, fmt", [
    ("text/turtle", "turtle"),
    ("application/ld+json", "json-ld"),
    ("application/n-triples", "nt"),
    ("application/rdf+xml", "xml"),
])
def test_machines_get_rdf_by_accept(served: Served, accept: str, fmt: str) -> None:
    response = _page(served, "/id/claim/deepseek-stargate-mwl/c11", accept)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    assert "Accept" in response.headers["vary"]
    graph = rdflib.Graph().parse(data=response.text, format=fmt)
    claim = rdflib.URIRef(C11)
    assert (claim, rdflib.RDF.type, SCHEMA.Claim) in graph
    assert "2 000 processeurs H800" in str(graph.value(claim, SCHEMA.text))
    assert (rdflib.URIRef(C11 + "#target-position"), None, None) in graph
    assert (None, None, claim) in graph                            # what points at it


def test_format_parameter_and_defaults(served: Served) -> None:
    by_param = httpx.get(served.url + "/id/entity/roy-chua?format=turtle")
    assert by_param.headers["content-type"].startswith("text/turtle")
    assert _page(served, "/id/entity/roy-chua", "*/*").headers["content-type"].startswith(
        "text/html")
    assert _page(served, "/id/entity/roy-chua", "image/png").status_code == 406


@pytest.mark.parametrize("path, expected", [
    ("/id/entity/roy-chua", ["Roy Chua", "fondateur et analyste principal", "c11"]),
    ("/id/entity/avidthink", ["AvidThink", "organization"]),
    ("/id/entity/createurs-de-deepseek", ["les créateurs de DeepSeek", "c09"]),
    ("/id/article/deepseek-stargate-mwl", ["Le monde de l’IA américain", "Claims (41)"]),
    ("/id/graph/deepseek-stargate-mwl", ["kg:describes"]),
])
def test_people_organisations_and_articles_have_pages(served: Served, path: str,
                                                      expected: list[str]) -> None:
    response = _page(served, path)
    assert response.status_code == 200
    for text in expected:
        assert text in response.text


@pytest.mark.parametrize("path", ["/id/claim/deepseek-stargate-mwl/c99", "/id/entity/nobody",
                                  "/id/claim/a%3Eb", "/id/"])
def test_unknown_iris_are_404(served: Served, path: str) -> None:
    assert _page(served, path).status_code == 404
    assert _page(served, path, "text/turtle").status_code == 404


def test_base_iri_is_configurable(built: dict[str, Path], tmp_path: Path) -> None:
    store = copy_store(built["store"], tmp_path / "store")
    server = start_server(store, "--base-iri", "http://data.test/kg/", token=TOKEN)
    try:
        update = ("INSERT DATA { GRAPH <urn:g> { <http://data.test/kg/thing/1> "
                  "<http://www.w3.org/2000/01/rdf-schema#label> 'a <thing>' } }")
        httpx.post(server.url + "/sparql", data={"update": update},
                   headers=server.auth()).raise_for_status()
        page = _page(server, "/kg/thing/1")
        assert page.status_code == 200
        assert "a &lt;thing&gt;" in page.text
        assert _page(server, "/id/claim/deepseek-stargate-mwl/c11").status_code == 404
    finally:
        stop_server(server)
    bad = subprocess.run([sys.executable, "-m", "kg", "--store", str(store), "serve",
                          "--port", str(free_port()), "--base-iri", "https://x.org/sparql/"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: --base-iri https://x.org/sparql/:")


# -- the query page --------------------------------------------------------------------------

def test_the_query_page_lists_the_canned_queries_and_loads_nothing_from_elsewhere(
        served: Served) -> None:
    response = httpx.get(served.url + "/query")
    assert response.status_code == 200
    for query in load_queries().values():
        assert query.title in response.text
    parsed = _parse(response.text)
    sources = [attrs.get("src") or attrs.get("href") for tag, attrs in parsed.tags
               if tag in ("script", "link", "img", "iframe")]
    assert "/static/yasgui/yasgui.min.js" in sources
    assert all(s is None or s.startswith("/") or s == "data:," for s in sources), sources
    assert httpx.get(served.url + "/").text == response.text


def test_a_canned_query_runs_without_javascript(served: Served) -> None:
    response = httpx.get(served.url + "/query", params={"name": "disputed-claims"})
    assert response.status_code == 200
    assert "2 row(s)" in response.text
    assert "certains analystes" in " ".join(_parse(response.text, "td").texts)
    refused = httpx.get(served.url + "/query",
                        params={"query": "SELECT * { SERVICE <http://127.0.0.1:9/> {} }"})
    assert "SERVICE is not allowed" in refused.text


def test_the_bundle_is_served_and_matches_its_notice(served: Served) -> None:
    notice = (STATIC / "yasgui" / "NOTICE.md").read_text()
    for name in ("yasgui.min.js", "yasgui.min.css"):
        data = (STATIC / "yasgui" / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() in notice
        response = httpx.get(f"{served.url}/static/yasgui/{name}")
        assert response.status_code == 200 and response.content == data
    own = [(STATIC / name).read_text() for name in ("kg-query.js", "kg.css")]
    for text in own:
        assert not re.search(r"https?://", text)


def test_in_a_browser_the_editor_runs_queries_offline(served: Served) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("no Chromium at /usr/bin/chromium")
    requests: list[str] = []
    errors: list[str] = []
    dialogs: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(served.url + "/query")
            page.wait_for_selector(".yasqe")
            page.click("[data-canned=disputed-claims]")
            page.wait_for_selector(".yasr table tbody tr", timeout=10_000)
            assert page.locator(".yasr table tbody tr").count() == 2
            page.goto(served.url + "/id/claim/xss-test/c01")
            assert page.inner_text("blockquote") == XSS_TEXT
            clean_console = list(errors)
            hostile = ("SELECT ?t WHERE { { <https://kg.example.org/id/article/xss-test> "
                       "<http://schema.org/headline> ?t } UNION "
                       f"{{ <{XSS_CLAIM}> <http://schema.org/text> ?t }} }}")
            page.goto(served.url + "/query?" + str(httpx.QueryParams({"query": hostile})))
            page.wait_for_selector(".yasqe")
            page.click(".yasqe_queryButton")
            page.wait_for_selector(".yasr table tbody tr", timeout=10_000)
            page.wait_for_timeout(300)
            shown = page.inner_text(".yasr table tbody")
            assert "<img src=x onerror=alert(1)>" in shown
            assert XSS_TEXT in shown
            assert page.locator(".yasr table img, .yasr table b").count() == 0
        finally:
            browser.close()
    assert requests and all(r.startswith(served.url + "/") for r in requests), requests
    assert not any(r.startswith(served.url + "/x") for r in requests)  # no <img src=x> load
    assert clean_console == []
    # YASR turns the hostile cell into an element somewhere off-page: the browser reports
    # the inline handler that the page's Content-Security-Policy blocked, and nothing ran.
    assert all("Content Security Policy" in e for e in errors), errors
    assert dialogs == []
