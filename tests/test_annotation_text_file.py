"""An annotation's text_file: read only inside the corpus root, only a regular file, only up to
10 MB; each refusal is one line naming file, line and field, and comes in under a second."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from kg.annotation import CORPUS_ROOT_ENV, corpus_root_for, load_annotation
from kg.errors import AnnotationError
from kg.safe_files import MAX_FILE_BYTES

from .conftest import FIXTURES, run_kg

TEXT_FILE_LINE = 9  # of tests/fixtures/mini.yaml


def _annotation(folder: Path, text_file: str) -> Path:
    """mini.yaml in ``folder`` with its text_file replaced."""
    folder.mkdir(parents=True, exist_ok=True)
    source = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    assert source.splitlines()[TEXT_FILE_LINE - 1] == "  text_file: mini.txt"
    path = folder / "mini.yaml"
    path.write_text(source.replace("text_file: mini.txt", f"text_file: '{text_file}'"),
                    encoding="utf-8")
    return path


def _refusal(path: Path, **kwargs: object) -> str:
    started = time.monotonic()
    with pytest.raises(AnnotationError) as info:
        load_annotation(path, **kwargs)
    assert time.monotonic() - started < 1.0
    prefix = f"{path}:{TEXT_FILE_LINE}: article.text_file: refused: "
    assert str(info.value).startswith(prefix)
    assert "\n" not in str(info.value)
    return str(info.value)[len(prefix):]


def test_etc_passwd_is_refused(tmp_path: Path) -> None:
    path = _annotation(tmp_path, "/etc/passwd")
    assert _refusal(path) == (
        f"'/etc/passwd' is an absolute path; give it relative to {tmp_path}")


def test_dev_zero_is_refused(tmp_path: Path) -> None:
    assert "'/dev/zero' is an absolute path" in _refusal(_annotation(tmp_path, "/dev/zero"))


def test_a_device_reached_through_a_wide_root_is_refused(tmp_path: Path) -> None:
    path = _annotation(tmp_path, os.path.relpath("/dev/zero", tmp_path))
    assert _refusal(path, corpus_root="/").endswith(
        "is not a regular file (a character device)")


def test_a_symlink_to_etc_passwd_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mini.txt").symlink_to("/etc/passwd")
    assert _refusal(_annotation(tmp_path, "mini.txt")) == (
        f"'mini.txt' resolves outside {tmp_path} (through a symlink)")


def test_dotdot_out_of_the_annotation_folder_is_refused(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "mini.txt", tmp_path / "mini.txt")
    path = _annotation(tmp_path / "sub", "../mini.txt")
    assert _refusal(path) == f"'../mini.txt' leaves {tmp_path / 'sub'} (through '..')"


def test_a_fifo_is_refused_in_under_a_second(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    assert _refusal(_annotation(tmp_path, "pipe.txt")) == (
        "'pipe.txt' is not a regular file (a FIFO)")


def test_an_article_over_ten_megabytes_is_refused(tmp_path: Path) -> None:
    text = (FIXTURES / "mini.txt").read_bytes()
    (tmp_path / "mini.txt").write_bytes(text + b" " * (MAX_FILE_BYTES - len(text)))
    path = _annotation(tmp_path, "mini.txt")
    assert len(load_annotation(path).article.text.encode("utf-8")) == MAX_FILE_BYTES
    with open(tmp_path / "mini.txt", "ab") as handle:
        handle.write(b" ")
    assert _refusal(path) == f"'mini.txt' is larger than the limit of {MAX_FILE_BYTES} bytes"


def test_text_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mini.txt").write_bytes(b"caf\xe9")
    with pytest.raises(AnnotationError) as info:
        load_annotation(_annotation(tmp_path, "mini.txt"))
    assert str(info.value).endswith("article.text_file: the article text is not UTF-8 (byte 3)")


def test_kg_layout_reads_the_articles_folder_next_to_annotations(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    shutil.copy(FIXTURES / "mini.txt", tmp_path / "articles" / "mini.txt")
    path = _annotation(tmp_path / "annotations", "../articles/mini.txt")
    assert corpus_root_for(path.parent) == tmp_path
    assert load_annotation(path).article.id == "mini-exemple"


def test_the_corpus_root_argument_widens_the_root(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    shutil.copy(FIXTURES / "mini.txt", tmp_path / "shared" / "mini.txt")
    path = _annotation(tmp_path / "batch" / "day1", "../../shared/mini.txt")
    assert "leaves" in _refusal(path)
    assert load_annotation(path, corpus_root=tmp_path).article.id == "mini-exemple"


def test_the_environment_variable_sets_the_corpus_root(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "shared").mkdir()
    shutil.copy(FIXTURES / "mini.txt", tmp_path / "shared" / "mini.txt")
    path = _annotation(tmp_path / "batch", "../shared/mini.txt")
    monkeypatch.setenv(CORPUS_ROOT_ENV, str(tmp_path))
    assert load_annotation(path).article.id == "mini-exemple"


def test_a_corpus_root_that_does_not_hold_the_annotation_does_not_apply(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "mini.txt", tmp_path / "mini.txt")
    path = _annotation(tmp_path, "mini.txt")
    (tmp_path.parent / "other").mkdir(exist_ok=True)
    assert corpus_root_for(tmp_path, tmp_path.parent / "other") == tmp_path
    assert load_annotation(path, corpus_root=tmp_path.parent / "other").article.text


def test_kg_ingest_refuses_etc_passwd_with_one_line(tmp_path: Path) -> None:
    path = _annotation(tmp_path, "/etc/passwd")
    result = run_kg("ingest", str(path), store=tmp_path / "store", check=False)
    assert result.returncode == 2
    assert result.stderr == (f"error: {path}:{TEXT_FILE_LINE}: article.text_file: refused: "
                             f"'/etc/passwd' is an absolute path; give it relative to "
                             f"{tmp_path}\n")
    assert not (tmp_path / "store").exists(), "a bad file is refused before the store opens"
