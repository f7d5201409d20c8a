"""Every command on Virtuoso Open-Source: build, claims, canned queries, dump, push and pull.

One Virtuoso per module (it takes about ten seconds to start); writes go to its
authenticated endpoints with digest auth. Skipped, with the reason, when virtuoso-t is not
installed (CI installs Debian's virtuoso-opensource).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_remote_support import VIRTUOSO, Server, skip_without, start_virtuoso
from .test_serve_support import copy_store

skip_without(VIRTUOSO, "Virtuoso Open-Source (Debian package virtuoso-opensource)")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A Virtuoso with the seed built into it by the real `kg build`."""
    with start_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        exports = tmp_path_factory.mktemp("virtuoso-exports")
        result = _kg("build", "--exports", str(exports), env=server.env())
        assert result.returncode == 0, result.stderr
        yield server


def _kg(*args: str, env: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300, check=False)


def test_claims_validate_and_exports_equal_the_embedded_store(
        virtuoso: Server, built: dict[str, Path], tmp_path: Path) -> None:
    remote = _kg("claims", "--format", "json", env=virtuoso.env(), cwd=tmp_path)
    assert remote.returncode == 0, remote.stderr
    local = _kg("--store", str(built["store"]), "claims", "--format", "json",
                env=virtuoso.env(), cwd=tmp_path)
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    validate = _kg("validate", env=virtuoso.env(), cwd=tmp_path)
    assert validate.returncode == 0 and validate.stdout.startswith("conforms")
    for fmt in ("nquads", "trig"):
        dumped = _kg("dump", "--format", fmt, env=virtuoso.env(), cwd=tmp_path)
        assert dumped.returncode == 0, dumped.stderr
        local_dump = _kg("--store", str(built["store"]), "dump", "--format", fmt,
                         env=virtuoso.env(), cwd=tmp_path)
        assert dumped.stdout == local_dump.stdout, fmt


def test_canned_queries_answer_the_same_as_the_embedded_store(
        virtuoso: Server, built: dict[str, Path]) -> None:
    from .test_remote_oxigraph import assert_same_canned_answers

    assert_same_canned_answers(built["store"], virtuoso)


def test_push_pull_and_canned_answers_on_generated_data(
        virtuoso: Server, built: dict[str, Path], tmp_path: Path) -> None:
    from .test_remote_oxigraph import article_dump, assert_same_canned_answers, generated_store

    generated = generated_store(tmp_path / "generated")
    env = virtuoso.env()
    push = _kg("--store", str(generated), "push", "--to", virtuoso.query, "--to-update-url",
               virtuoso.update, env=env)
    assert push.returncode == 0, push.stderr
    pulled = tmp_path / "pulled"
    pull = _kg("--store", str(pulled), "pull", "--from", virtuoso.query, "--article",
               "gen-3-0000001", env=env)
    assert pull.returncode == 0, pull.stderr
    assert article_dump(pulled, "gen-3-0000001") == article_dump(generated, "gen-3-0000001")
    combined = copy_store(built["store"], tmp_path / "combined")
    assert _kg("--store", str(generated), "push", "--to", str(combined), env=env).returncode == 0
    assert_same_canned_answers(combined, virtuoso)


def test_wrong_password_is_a_clear_error(virtuoso: Server, tmp_path: Path) -> None:
    env = {**virtuoso.env(), "KG_PASSWORD": "wrong"}
    result = _kg("ingest", str(ROOT / "data" / "annotations" / "deepseek-stargate-mwl.yaml"),
                 env=env, cwd=tmp_path)
    assert result.returncode == 3, result.stderr
    assert "refused the update (401)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
