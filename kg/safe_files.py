"""Read a file that data names: only inside a root folder, only a regular file, size-limited.

A path the user types on the command line is theirs to choose; a path written inside a data
file (an annotation's ``text_file``) is not, so kg reads it only through :func:`read_inside`.
It refuses absolute paths, ``..`` and symlinks that lead out of the root, anything but a
regular file (the file is opened non-blocking and checked on its descriptor, so a FIFO or a
device never blocks) and files over the size limit. The open walks from the root one folder
at a time without following symlinks, so a path swapped for a symlink after the check is
refused too. Usage::

    from kg.safe_files import read_inside
    data = read_inside(Path("corpus"), Path("corpus/annotations"), "../articles/a.txt")
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kg.errors import UsageError

#: The largest file kg reads for data: 10 MB (a long news article is well under 1 MB).
MAX_FILE_BYTES = 10 * 1024 * 1024

_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_NOCTTY | os.O_CLOEXEC
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


class RefusedFile(UsageError):
    """A file that data names and kg will not read; the message says why, on one line."""


def read_inside(root: Path, base: Path, name: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``name`` (relative to ``base``) if it is a regular file of at most
    ``limit`` bytes inside ``root``; raises :class:`RefusedFile` otherwise.

    Usage: ``read_inside(Path("corpus"), Path("corpus/annotations"), "a.txt")``.
    """
    if "\0" in name:
        raise RefusedFile(f"{name!r} contains a NUL character")
    if os.path.isabs(name):
        raise RefusedFile(f"'{name}' is an absolute path; give it relative to {base}")
    if not _within(os.path.normpath(os.path.join(os.path.abspath(base), name)),
                   os.path.abspath(root)):
        raise RefusedFile(f"'{name}' leaves {root} (through '..')")
    real_root = os.path.realpath(root)
    target = os.path.realpath(os.path.join(base, name))
    if not _within(target, real_root):
        raise RefusedFile(f"'{name}' resolves outside {root} (through a symlink)")
    try:
        fd = _open_below(real_root, Path(target).relative_to(real_root).parts)
    except FileNotFoundError:
        raise RefusedFile(f"'{name}' does not exist") from None
    except OSError as exc:
        raise RefusedFile(f"'{name}' cannot be opened: {exc.strerror}") from None
    try:
        info = os.fstat(fd)  # on the descriptor: what was opened is what is checked
        if not stat.S_ISREG(info.st_mode):
            kind = next((what for test, what in _KINDS if test(info.st_mode)), "not a file")
            raise RefusedFile(f"'{name}' is not a regular file ({kind})")
        if info.st_size <= limit:
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(limit + 1)  # a file that grows meanwhile stops there
            if len(data) <= limit:
                return data
    finally:
        os.close(fd)
    raise RefusedFile(f"'{name}' is larger than the limit of {limit} bytes")


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _open_below(root: str, parts: tuple[str, ...]) -> int:
    """A descriptor of ``root/parts...``, opened one component at a time, no symlinks."""
    folder = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for part in parts[:-1]:
            inner = os.open(part, _FOLDER_FLAGS, dir_fd=folder)
            os.close(folder)
            folder = inner
        return os.open(parts[-1] if parts else ".", _FILE_FLAGS, dir_fd=folder)
    finally:
        os.close(folder)
