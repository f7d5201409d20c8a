"""kg.safe_files.read_inside: a file that data names is read only inside its root, only if it
is a regular file, and only up to the size limit; every refusal is quick."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kg.safe_files import MAX_FILE_BYTES, RefusedFile, read_inside


def _refused(root: Path, base: Path, name: str, limit: int = MAX_FILE_BYTES) -> str:
    started = time.monotonic()
    with pytest.raises(RefusedFile) as info:
        read_inside(root, base, name, limit)
    assert time.monotonic() - started < 1.0
    assert "\n" not in str(info.value)
    return str(info.value)


def test_a_file_below_the_base_is_read(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_bytes(b"bonjour")
    assert read_inside(tmp_path, tmp_path, "texts/a.txt") == b"bonjour"


def test_dotdot_that_stays_inside_the_root_is_read(tmp_path: Path) -> None:
    (tmp_path / "annotations").mkdir()
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_bytes(b"texte")
    assert read_inside(tmp_path, tmp_path / "annotations", "../articles/a.txt") == b"texte"


def test_absolute_paths_are_refused(tmp_path: Path) -> None:
    assert _refused(tmp_path, tmp_path, "/etc/passwd") == (
        f"'/etc/passwd' is an absolute path; give it relative to {tmp_path}")


def test_dotdot_out_of_the_root_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (tmp_path / "secret.txt").write_bytes(b"secret")
    assert _refused(root, root, "../secret.txt") == f"'../secret.txt' leaves {root} (through '..')"


def test_a_symlink_out_of_the_root_is_refused(tmp_path: Path) -> None:
    (tmp_path / "passwd.txt").symlink_to("/etc/passwd")
    assert _refused(tmp_path, tmp_path, "passwd.txt") == (
        f"'passwd.txt' resolves outside {tmp_path} (through a symlink)")


def test_a_symlinked_folder_out_of_the_root_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.txt").write_bytes(b"x")
    root.mkdir()
    (root / "texts").symlink_to(tmp_path / "elsewhere")
    assert "resolves outside" in _refused(root, root, "texts/a.txt")


def test_a_symlink_that_stays_inside_the_root_is_read(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "a.txt").write_bytes(b"shared text")
    (tmp_path / "a.txt").symlink_to(tmp_path / "shared" / "a.txt")
    assert read_inside(tmp_path, tmp_path, "a.txt") == b"shared text"


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    assert _refused(tmp_path, tmp_path, "pipe") == "'pipe' is not a regular file (a FIFO)"


def test_a_device_is_refused_without_reading_it() -> None:
    message = _refused(Path("/dev"), Path("/dev"), "zero")
    assert message == "'zero' is not a regular file (a character device)"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    assert _refused(tmp_path, tmp_path, "sub") == "'sub' is not a regular file (a folder)"
    assert _refused(tmp_path, tmp_path, ".") == "'.' is not a regular file (a folder)"


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    assert _refused(tmp_path, tmp_path, "absent.txt") == "'absent.txt' does not exist"


def test_a_nul_character_is_refused(tmp_path: Path) -> None:
    assert _refused(tmp_path, tmp_path, "a\0.txt") == "'a\\x00.txt' contains a NUL character"


def test_the_size_limit_is_inclusive(tmp_path: Path) -> None:
    (tmp_path / "ten.txt").write_bytes(b"x" * 10)
    (tmp_path / "eleven.txt").write_bytes(b"x" * 11)
    assert read_inside(tmp_path, tmp_path, "ten.txt", limit=10) == b"x" * 10
    assert _refused(tmp_path, tmp_path, "eleven.txt", limit=10) == (
        "'eleven.txt' is larger than the limit of 10 bytes")


def test_the_default_limit_is_ten_megabytes(tmp_path: Path) -> None:
    assert MAX_FILE_BYTES == 10 * 1024 * 1024
    with open(tmp_path / "big.txt", "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    assert "larger than the limit" in _refused(tmp_path, tmp_path, "big.txt")
