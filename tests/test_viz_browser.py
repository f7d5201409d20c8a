"""The graph page in a real headless Chromium: offline, no script errors, safe with hostile
data, and usable by a fact-checker (find Roy Chua, read each of his claims and statuses).

One browser for the whole module; each test opens its own page.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from kg.ingest import ingest_files
from kg.listing import list_claims
from kg.stats import compute_stats
from kg.store import open_store
from kg.viz.page import render_page, write_page
from kg.viz.projection import project
from kg.viz.style import node_color
from kg.viz.synthetic import synthetic_graph

from .conftest import FIXTURES

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    pytest.skip("Chromium is not installed", allow_module_level=True)

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ROY = "https://kg.example.org/id/entity/roy-chua"
CLAIM_PAYLOAD = '<img src=x onerror="window.__xss=1"></script><script>window.__xss=2</script>'
NAME_PAYLOAD = 'Jeanne <img src=x onerror="window.__xss=3"> Martin'
REASON_PAYLOAD = '<b onmouseover="window.__xss=4">Disputed</b> by the ministry (c02).'
TITLE_PAYLOAD = "Production <script>window.__xss=5</script>"


class Opened:
    """A page opened offline, with every request and every script error recorded."""

    def __init__(self, browser: Any, path: Path, timeout_ms: int = 60_000) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on("request", self._request)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("console", lambda msg: self.errors.append(f"console: {msg.text}")
                     if msg.type == "error" else None)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-first-draw='1']", state="attached",
                                    timeout=timeout_ms)
        self.page.wait_for_selector("body[data-stable='1']", state="attached",
                                    timeout=timeout_ms)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _request(self, request: Any) -> None:
        if not request.url.startswith(("file:", "data:")):
            self.outside.append(request.url)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def node_point(self, node: str) -> tuple[float, float]:
        """Where ``node`` is on the screen (scrolled into view first)."""
        self.js("id => kgView.network.moveTo({position: kgView.network.getPosition(id), "
                "scale: 1.2, animation: false})", node)
        x, y = self.js("""id => {
            const p = kgView.network.canvasToDOM(kgView.network.getPosition(id));
            const r = document.getElementById('kg-graph').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y]; }""", node)
        return x, y

    def panel_text(self) -> str:
        return self.page.text_content("#kg-panel") or ""

    def check_clean(self) -> None:
        assert self.outside == [], f"requests outside the page: {self.outside}"
        assert self.errors == [], f"script errors: {self.errors}"

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def seed_page_file(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("page") / "graph.html"
    with open_store(str(built["store"])) as store:
        return write_page(store, out)


@pytest.fixture(scope="module")
def seed_facts(built: dict[str, Path]) -> dict[str, Any]:
    with open_store(str(built["store"])) as store:
        return {"stats": compute_stats(store), "claims": list_claims(store),
                "roy": list_claims(store, by="Roy Chua"), "graph": project(store)}


@pytest.fixture()
def seed_page(browser: Any, seed_page_file: Path) -> Iterator[Opened]:
    opened = Opened(browser, seed_page_file)
    yield opened
    opened.close()


def test_seed_page_loads_offline_without_errors_and_counts_match(
        seed_page: Opened, seed_facts: dict[str, Any]) -> None:
    stats = seed_facts["stats"]
    count = seed_page.page.locator("#kg-count")
    assert count.get_attribute("data-nodes") == str(stats["nodes"])
    assert count.get_attribute("data-edges") == str(stats["edges"])
    assert f"{stats['nodes']} nodes" in count.text_content()
    assert seed_page.js("kgView.nodes.length") == stats["nodes"]
    assert seed_page.js("kgView.edges.length") == stats["edges"]
    seed_page.check_clean()


def test_every_claim_speaker_and_organisation_shown_in_its_colour(
        seed_page: Opened, seed_facts: dict[str, Any]) -> None:
    graph = seed_facts["graph"]
    shown = {n["id"]: n for n in seed_page.js(
        "kgView.nodes.get().map(n => ({id: n.id, bg: n.color.background, shape: n.shape, "
        "hidden: !!n.hidden, label: n.label}))")}
    wanted = {c["id"] for c in seed_facts["claims"]}
    wanted |= {p["id"] for c in seed_facts["claims"] for p in c["claimants"] + c["reported_by"]}
    wanted |= {n for n, a in graph.nodes(data=True) if a["type"] == "organization"}
    assert wanted <= set(shown)
    for node in wanted:
        attrs = graph.nodes[node]
        assert shown[node]["bg"] == node_color(attrs["type"], attrs.get("status")), node
        assert not shown[node]["hidden"] and shown[node]["label"] == attrs["label"]
    statuses = {c["status"] for c in seed_facts["claims"]}
    legend = seed_page.page.text_content("#kg-filter-statuses")
    assert all(status.capitalize() in legend for status in statuses)
    seed_page.check_clean()


def test_fact_checker_finds_roy_chua_and_reads_each_claim_and_status(
        seed_page: Opened, seed_facts: dict[str, Any]) -> None:
    page = seed_page.page
    page.fill("#kg-search", "Roy Chua")
    assert "Roy Chua" in page.text_content("#kg-results")
    page.press("#kg-search", "Enter")
    assert seed_page.js("kgView.network.getSelectedNodes()") == [ROY]
    page.wait_for_timeout(600)  # the view glides to the node
    centre = seed_page.js("kgView.network.getViewPosition()")
    where = seed_page.js("id => kgView.network.getPosition(id)", ROY)
    assert abs(centre["x"] - where["x"]) < 5 and abs(centre["y"] - where["y"]) < 5
    assert page.text_content("#kg-panel h2") == "Roy Chua"
    assert page.get_attribute("#kg-panel", "data-node") == ROY

    listed = seed_page.js("""() => Array.from(document.querySelectorAll('#kg-panel li'))
        .filter(li => li.querySelector('.kg-status'))
        .map(li => ({status: li.querySelector('.kg-status').textContent,
                     id: li.querySelector('.kg-link').textContent,
                     text: li.querySelector('.kg-claim-text').textContent}))""")
    said = {(c["claim_id"], c["status"], c["text"]) for c in seed_facts["roy"]}
    assert said <= {(item["id"], item["status"], item["text"]) for item in listed}

    for claim in seed_facts["roy"]:
        page.locator("#kg-panel li", has=page.locator(".kg-status")).locator(
            f"button.kg-link:text-is('{claim['claim_id']}')").first.click()
        assert page.get_attribute("#kg-panel", "data-node") == claim["id"]
        assert page.text_content("#kg-panel h2") == f"Claim {claim['claim_id']}"
        assert page.text_content("#kg-panel blockquote") == claim["text"]
        fields = seed_page.js("""() => Object.fromEntries(Array.from(
            document.querySelectorAll('#kg-panel dt')).map(dt => [dt.textContent,
            dt.nextElementSibling.textContent]))""")
        assert fields["Status"] == claim["status"]
        assert fields["Why"] == claim["status_reason"]
        assert "Roy Chua" in fields["Said by"]
        assert fields["Source"] == claim["source"]["title"]
        assert fields["Position"] == f"characters {claim['start']}–{claim['end']}"
        if claim["figures"]:
            assert all(f["text"] in fields["Figures"] for f in claim["figures"])
        page.locator("#kg-panel button.kg-link:text-is('Roy Chua')").first.click()
        assert page.get_attribute("#kg-panel", "data-node") == ROY
    seed_page.check_clean()


def test_selecting_a_node_highlights_its_neighbourhood(
        seed_page: Opened, seed_facts: dict[str, Any]) -> None:
    graph = seed_facts["graph"]
    seed_page.js("id => kgView.focusNode(id, false)", ROY)
    expected = {ROY} | set(graph.successors(ROY)) | set(graph.predecessors(ROY))
    assert set(seed_page.js("kgView.highlighted()")) == expected
    x, y = seed_page.node_point(ROY)
    seed_page.page.mouse.click(x, y - 400)  # empty canvas: back to the whole graph
    assert seed_page.js("kgView.highlighted()") == []
    assert seed_page.page.get_attribute("#kg-panel", "data-node") is None
    seed_page.check_clean()


def test_status_filter_hides_the_other_claims(
        seed_page: Opened, seed_facts: dict[str, Any]) -> None:
    page = seed_page.page
    for status in ("unverified", "confirmed", "refuted"):
        page.uncheck(f"#kg-filter-statuses input[value='{status}']")
    visible = set(seed_page.js("kgView.visibleNodeIds()"))
    claims = {c["id"]: c["status"] for c in seed_facts["claims"]}
    assert {c for c in claims if c in visible} == {c for c, s in claims.items()
                                                    if s == "contested"}
    hidden = set(seed_page.js("kgView.nodes.get({filter: n => n.hidden}).map(n => n.id)"))
    assert {c for c, s in claims.items() if s != "contested"} <= hidden
    assert page.get_attribute("#kg-count", "data-visible") == str(len(visible))
    page.check("#kg-filter-statuses input[value='unverified']")
    page.uncheck("#kg-filter-types input[value='person']")
    visible = set(seed_page.js("kgView.visibleNodeIds()"))
    assert ROY not in visible
    assert {c for c, s in claims.items() if s in ("unverified", "contested")} <= visible
    seed_page.check_clean()


def _xss_store(folder: Path) -> Path:
    """The mini annotation with hostile text in a claim, a name, a reason and the title."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (FIXTURES / "mini.txt").read_text(encoding="utf-8")
    text = text.replace("doublé en 2024", f"doublé en 2024 {CLAIM_PAYLOAD}", 1)
    (folder / "mini.txt").write_text(text, encoding="utf-8")
    doc = yaml.safe_load((FIXTURES / "mini.yaml").read_text(encoding="utf-8"))
    doc["article"]["title"] = TITLE_PAYLOAD
    doc["entities"][0]["name"] = NAME_PAYLOAD

    def place(item: dict, after: int = 0) -> None:
        item["start"] = text.index(item["text"], after)
        item["end"] = item["start"] + len(item["text"])

    for entity in doc["entities"]:
        for role in entity.get("roles", []):
            place(role)
    doc["claims"][0]["text"] = f"la production a doublé en 2024 {CLAIM_PAYLOAD}"
    doc["claims"][0]["status"]["reason"] = REASON_PAYLOAD
    for claim in doc["claims"]:
        place(claim)
        for figure in claim.get("figures", []):
            place(figure, claim["start"])
        if "cue" in claim["status"]:
            place(claim["status"]["cue"])
    path = folder / "mini.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    store_path = folder / "store"
    with open_store(str(store_path)) as store:
        ingest_files(store, [path])
        write_page(store, folder / "graph.html")
    return folder / "graph.html"


def test_hostile_text_in_a_claim_and_a_name_never_runs(browser: Any, tmp_path: Path) -> None:
    opened = Opened(browser, _xss_store(tmp_path / "xss"))
    try:
        nodes = opened.js("kgView.nodes.getIds()")
        claim = "https://kg.example.org/id/claim/mini-exemple/c01"
        person = "https://kg.example.org/id/entity/jeanne-martin"
        assert claim in nodes and person in nodes
        for node in nodes:
            x, y = opened.node_point(node)
            opened.page.mouse.move(x, y)
            opened.page.mouse.click(x, y)
            assert opened.page.get_attribute("#kg-panel", "data-node") == node
            opened.page.mouse.move(5, 5)
        for node, payloads in ((claim, [CLAIM_PAYLOAD, REASON_PAYLOAD, NAME_PAYLOAD]),
                               (person, [NAME_PAYLOAD, CLAIM_PAYLOAD])):
            opened.js("kgView.clearSelection()")
            x, y = opened.node_point(node)
            opened.page.mouse.move(x, y)  # hover shows the panel too
            assert opened.page.get_attribute("#kg-panel", "data-node") == node
            opened.page.mouse.click(x, y)
            text = opened.panel_text()
            for payload in payloads:
                assert payload in text
        opened.page.fill("#kg-search", "img src")
        assert NAME_PAYLOAD in opened.page.text_content("#kg-results")
        assert opened.js("document.querySelectorAll('#kg-panel img, #kg-panel script, "
                         "#kg-results img, #kg-panel b').length") == 0
        assert opened.js("typeof window.__xss") == "undefined"
        assert opened.page.title() == "kg — 2 claims from 1 article"
        opened.check_clean()
    finally:
        opened.close()


def test_render_page_with_hostile_labels(browser: Any, tmp_path: Path) -> None:
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_node("urn:p", kind="entity", type="person", label=NAME_PAYLOAD, name=NAME_PAYLOAD,
                   aliases=CLAIM_PAYLOAD, roles=REASON_PAYLOAD)
    graph.add_node("urn:c", kind="claim", type="claim", label=CLAIM_PAYLOAD, text=CLAIM_PAYLOAD,
                   status="refuted", status_reason=REASON_PAYLOAD, start=0, end=3,
                   source="urn:a", source_title=TITLE_PAYLOAD, speakers=NAME_PAYLOAD,
                   figures_text=CLAIM_PAYLOAD)
    graph.add_node("urn:a", kind="article", type="article", label=TITLE_PAYLOAD,
                   title=TITLE_PAYLOAD)
    graph.add_edge("urn:p", "urn:c", key="said", relation="said", label="said")
    graph.add_edge("urn:c", "urn:a", key="appears_in", relation="appears_in", label="appears in",
                   role=CLAIM_PAYLOAD)
    path = tmp_path / "hostile.html"
    path.write_text(render_page(graph, TITLE_PAYLOAD), encoding="utf-8")
    opened = Opened(browser, path)
    try:
        for node in ("urn:p", "urn:c", "urn:a"):
            opened.js("kgView.clearSelection()")
            x, y = opened.node_point(node)
            opened.page.mouse.move(x, y)
            opened.page.mouse.click(x, y)
            assert opened.page.get_attribute("#kg-panel", "data-node") == node
        assert CLAIM_PAYLOAD in opened.panel_text()
        assert opened.js("typeof window.__xss") == "undefined"
        assert opened.page.text_content("#kg-title") == TITLE_PAYLOAD
        opened.check_clean()
    finally:
        opened.close()


def test_a_5000_node_graph_opens_and_responds(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    graph = synthetic_graph(5000)
    path.write_text(render_page(graph, "synthetic"), encoding="utf-8")
    start = time.perf_counter()
    opened = Opened(browser, path, timeout_ms=60_000)
    try:
        assert time.perf_counter() - start < 30
        assert opened.js("kgView.nodes.length") == 5000
        assert opened.js("kgView.data.meta.physics") is False
        node = next(n for n, a in graph.nodes(data=True) if a["type"] == "person")
        began = time.perf_counter()
        x, y = opened.node_point(node)
        opened.page.mouse.click(x, y)
        clicked = opened.js("kgView.network.getSelectedNodes()")
        assert len(clicked) == 1, "the click lands on a node (maybe one drawn over the probe)"
        assert opened.page.get_attribute("#kg-panel", "data-node") == clicked[0]
        assert time.perf_counter() - began < 5
        opened.page.fill("#kg-search", graph.nodes[node]["label"])
        opened.page.press("#kg-search", "Enter")
        assert opened.js("kgView.network.getSelectedNodes()") == [node]
        opened.page.uncheck("#kg-filter-statuses input[value='unverified']")
        assert opened.js("kgView.nodes.get({filter: n => n.hidden}).length") > 1000
        opened.check_clean()
    finally:
        opened.close()
