"""The page as a file: self-contained, data escaped, byte for byte stable (no browser here)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import UsageError
from kg.store import open_store
from kg.viz.layout import layout
from kg.viz.page import PHYSICS_MAX_NODES, page_data, render_page, script_json, write_page
from kg.viz.synthetic import synthetic_graph

from .conftest import ROOT

PAYLOAD = '</script><script>window.__xss=1</script><img src=x onerror="window.__xss=2"> & <!--'


def _tiny_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("urn:p", kind="entity", type="person", label=PAYLOAD, name=PAYLOAD)
    graph.add_node("urn:c", kind="claim", type="claim", label=PAYLOAD, text=PAYLOAD,
                   status="contested", status_reason=PAYLOAD, start=0, end=5)
    graph.add_edge("urn:p", "urn:c", key="said", relation="said", label="said")
    return graph


def _embedded_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert match, "the data element is there and ends at its own closing tag"
    return json.loads(match.group(1))


def test_script_json_escapes_what_could_end_the_element() -> None:
    text = script_json({"a": "</script><b>&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><b>&"}


def test_payload_in_data_stays_data() -> None:
    page = render_page(_tiny_graph(), PAYLOAD)
    assert PAYLOAD not in page
    assert page.count("</script>") == 3, "only the page's own three script elements close"
    data = _embedded_data(page)
    assert {n["label"] for n in data["nodes"]} == {PAYLOAD}
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<" not in title and "&lt;/script&gt;" in title


def test_page_is_self_contained() -> None:
    page = render_page(_tiny_graph(), "t")
    assert not re.search(r"<(script|img|link|iframe)[^>]*\s(src|href)=", page, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page, re.I)
    assert "@import" not in page
    assert "sourceMappingURL" not in page
    assert "vis.Network" in page and "vis-network" in page


def test_content_security_policy_allows_only_the_pages_own_scripts() -> None:
    page = render_page(_tiny_graph(), "t")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    for code in scripts:
        digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]


def test_page_data_positions_styles_and_physics_switch() -> None:
    data = page_data(_tiny_graph())
    assert data["meta"] == {"nodes": 2, "edges": 1, "physics": True, "big": False,
                            "focus": None}
    assert data["edges"] == [[0, 1, "said"]]
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert data["statuses"]["contested"]["color"] == "#f57c00"
    assert set(data["types"]) >= {"person", "organization", "claim", "figure", "article"}
    big = page_data(synthetic_graph(PHYSICS_MAX_NODES + 1))
    assert big["meta"]["physics"] is False


def test_layout_is_deterministic_whatever_the_hash_seed() -> None:
    code = ("import hashlib, json; from kg.viz.layout import layout; "
            "from kg.viz.synthetic import synthetic_graph; "
            "print(hashlib.sha256(json.dumps(list(layout(synthetic_graph(900)).items()))"
            ".encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, cwd=ROOT, env={"PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2")}
    assert len(digests) == 1


def test_big_layout_spreads_nodes() -> None:
    graph = synthetic_graph(1200)
    positions = layout(graph)
    assert set(positions) == set(graph)
    assert len(set(positions.values())) > 0.95 * len(positions)


def test_write_page_is_stable_and_checks_its_options(built: dict[str, Path],
                                                     tmp_path: Path) -> None:
    with open_store(str(built["store"])) as store:
        first = write_page(store, tmp_path / "a" / "graph.html")
        second = write_page(store, tmp_path / "b.html")
        assert first.read_bytes() == second.read_bytes()
        focused = write_page(store, tmp_path / "roy.html", focus="Roy Chua", depth=1,
                             statuses=["contested", "unverified"])
        with pytest.raises(UsageError):
            write_page(store, tmp_path / "bad.html", statuses=["maybe"])
    assert not (tmp_path / "bad.html").exists()
    data = _embedded_data(focused.read_text(encoding="utf-8"))
    assert data["meta"]["focus"] == "https://kg.example.org/id/entity/roy-chua"
    assert "around Roy Chua (depth 1)" in focused.read_text(encoding="utf-8")
