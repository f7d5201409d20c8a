"""Shared fixtures: a real embedded store built from the bundled seed annotation."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "data" / "annotations" / "deepseek-stargate-mwl.yaml"


def run_kg(*args: str, store: Path | None = None, cwd: Path | None = None,
           check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the real ``kg`` command line in a subprocess."""
    command = [sys.executable, "-m", "kg"]
    if store is not None:
        command += ["--store", str(store)]
    result = subprocess.run([*command, *args], capture_output=True, text=True,
                            cwd=cwd or ROOT, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} failed ({result.returncode}):\n"
                             f"{result.stdout}\n{result.stderr}")
    return result


def kg_json(*args: str, store: Path) -> object:
    """Run a kg listing with --format json and parse its output."""
    return json.loads(run_kg(*args, "--format", "json", store=store).stdout)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A store and an exports folder made by a real ``kg build`` of the bundled article."""
    base = tmp_path_factory.mktemp("built")
    store, exports = base / "store", base / "exports"
    run_kg("build", "--exports", str(exports), store=store)
    return {"store": store, "exports": exports}


@pytest.fixture(scope="session")
def seed_claims(built: dict[str, Path]) -> list[dict]:
    """``kg claims --format json`` on the built seed store."""
    return kg_json("claims", store=built["store"])  # type: ignore[return-value]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright: one per test module (skips the module's
    browser tests when Playwright or Chromium is missing)."""
    from .test_viz_browser import ARGS, CHROMIUM, sync_api

    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()

