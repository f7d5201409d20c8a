"""Disputed claim groups on the graph page, in a real headless Chromium: the claims of every
disputed group wear a halo, the legend explains it, choosing a group selects exactly its
claims, the claim panel names its group, and a hostile group label stays text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.store import open_store
from kg.viz.page import render_page, write_page
from kg.viz.style import DISPUTED_GROUP_STYLE
from kg.viz.synthetic import synthetic_graph

from .test_viz_browser import Opened
from .test_viz_disputed import corpus_facts, members

GROUP_PAYLOAD = 'Stargate · cost <img src=x onerror="window.__xss=6"> (USD)</script>'
HALOED = "kgView.nodes.get({filter: n => n.shadow && n.shadow.enabled}).map(n => n.id)"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("disputed-page")
    facts = corpus_facts(folder)
    with open_store(str(facts["store"])) as store:
        facts["page"] = write_page(store, folder / "graph.html")
    return facts


@pytest.fixture()
def page(browser: Any, corpus: dict[str, Any]) -> Iterator[Opened]:
    opened = Opened(browser, corpus["page"])
    yield opened
    opened.close()


def _panel_fields(opened: Opened) -> dict[str, str]:
    return opened.js("""() => Object.fromEntries(Array.from(
        document.querySelectorAll('#kg-panel dt')).map(dt => [dt.textContent,
        dt.nextElementSibling.textContent]))""")


def test_claims_of_disputed_groups_are_highlighted_and_the_legend_says_why(
        page: Opened, corpus: dict[str, Any]) -> None:
    disputed = set().union(*(members(g) for g in corpus["disputed"]))
    haloed = page.js(HALOED)
    assert len(haloed) == len(disputed) == 18
    assert set(haloed) == disputed
    borders = page.js("ids => ids.map(id => kgView.nodes.get(id).color.border)", haloed)
    assert set(borders) == {DISPUTED_GROUP_STYLE["border"]}
    drawn = page.js("ids => ids.filter(id => kgView.network.body.nodes[id].options.shadow"
                    ".enabled)", sorted(disputed))
    assert set(drawn) == disputed, "vis-network draws the halo on exactly those nodes"
    assert page.page.is_visible("#kg-disputed")
    legend = page.page.text_content("#kg-legend-disputed")
    assert "Claim in a disputed group" in legend and "18" in legend
    labels = page.js("Array.from(document.querySelectorAll('#kg-disputed-groups button'))"
                     ".map(b => b.textContent)")
    assert sorted(labels) == sorted(g["label"] for g in corpus["disputed"])
    page.page.uncheck("#kg-legend-disputed input")
    assert page.js(HALOED) == []
    page.page.check("#kg-legend-disputed input")
    assert set(page.js(HALOED)) == disputed
    page.check_clean()


def test_choosing_a_group_selects_exactly_its_claims(
        page: Opened, corpus: dict[str, Any]) -> None:
    for group in corpus["disputed"]:
        button = page.page.locator(f"#kg-disputed-groups button[data-group='{group['id']}']")
        button.click()
        assert set(page.js("kgView.network.getSelectedNodes()")) == members(group)
        assert len(page.js("kgView.network.getSelectedNodes()")) == len(members(group))
        assert page.js("kgView.selectedGroup()") == group["id"]
        assert button.get_attribute("aria-pressed") == "true"
        assert page.page.get_attribute("#kg-panel", "data-group") == group["id"]
        assert page.page.text_content("#kg-panel h2") == group["label"]
        assert members(group) <= set(page.js("kgView.highlighted()"))
        listed = page.js("Array.from(document.querySelectorAll('#kg-panel .kg-claim-text'))"
                         ".map(s => s.textContent)")
        assert sorted(listed) == sorted({m["claim"]: m["text"]
                                         for m in group["members"]}.values())
    page.js("kgView.clearSelection()")
    assert page.js("kgView.network.getSelectedNodes()") == []
    assert page.js("kgView.selectedGroup()") is None
    page.check_clean()


def test_claim_panel_names_its_group_and_leads_to_it(
        page: Opened, corpus: dict[str, Any]) -> None:
    group = next(g for g in corpus["disputed"]
                 if g["label"] == "DeepSeek-V3 · trainedWithProcessors (chip)")
    claim = sorted(members(group))[0]
    page.js("id => kgView.focusNode(id, false)", claim)
    assert page.page.get_attribute("#kg-panel", "data-node") == claim
    assert _panel_fields(page)["Disputed group"] == group["label"]
    page.page.click("#kg-panel button.kg-group-link")
    assert set(page.js("kgView.network.getSelectedNodes()")) == members(group)
    undisputed = next(n for n, a in corpus["graph"].nodes(data=True)
                      if a["kind"] == "claim" and "disputed_group" not in a)
    page.js("id => kgView.focusNode(id, false)", undisputed)
    assert "Disputed group" not in _panel_fields(page)
    page.check_clean()


def test_choosing_a_group_brings_back_claims_the_filters_hid(
        page: Opened, corpus: dict[str, Any]) -> None:
    group = corpus["disputed"][0]
    statuses = {corpus["graph"].nodes[c]["status"] for c in members(group)}
    for status in statuses:
        page.page.uncheck(f"#kg-filter-statuses input[value='{status}']")
    assert not members(group) & set(page.js("kgView.visibleNodeIds()"))
    page.page.click(f"#kg-disputed-groups button[data-group='{group['id']}']")
    assert members(group) <= set(page.js("kgView.visibleNodeIds()"))
    assert set(page.js("kgView.network.getSelectedNodes()")) == members(group)
    page.check_clean()


def test_hostile_group_label_stays_text(browser: Any, tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    for k in (1, 2):
        graph.add_node(f"urn:c{k}", kind="claim", type="claim", label=f"c{k}", text=f"claim {k}",
                       claim_id=f"c{k}", status="contested", disputed_group="urn:g",
                       disputed_group_label=GROUP_PAYLOAD, disputed_groups="urn:g",
                       disputed_group_labels=GROUP_PAYLOAD)
    graph.add_edge("urn:c2", "urn:c1", key="disputes", relation="disputes", label="disputes")
    path = tmp_path / "hostile-group.html"
    path.write_text(render_page(graph, "hostile group"), encoding="utf-8")
    opened = Opened(browser, path)
    try:
        button = opened.page.locator("#kg-disputed-groups button")
        assert button.count() == 1 and button.text_content() == GROUP_PAYLOAD
        button.click()
        assert opened.page.text_content("#kg-panel h2") == GROUP_PAYLOAD
        assert sorted(opened.js("kgView.network.getSelectedNodes()")) == ["urn:c1", "urn:c2"]
        opened.js("kgView.focusNode('urn:c1', false)")
        assert _panel_fields(opened)["Disputed group"] == GROUP_PAYLOAD
        assert opened.js("document.querySelectorAll('img, #kg-panel script').length") == 0
        assert opened.js("typeof window.__xss") == "undefined"
        opened.check_clean()
    finally:
        opened.close()


def test_page_without_disputed_groups_hides_the_section(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "plain.html"
    path.write_text(render_page(synthetic_graph(60), "plain"), encoding="utf-8")
    opened = Opened(browser, path)
    try:
        assert not opened.page.is_visible("#kg-disputed")
        assert opened.js(HALOED) == []
        opened.check_clean()
    finally:
        opened.close()
