"""Creating a new project so that it appears complete or not at all.

The project is built (migrated, its label schema installed) in a private file
beside its final name and moved into place only if nothing is there yet.
Two processes creating the same project at once (two ``annotator import``
runs, the app and an import) both build one; the first to arrive wins and
the other opens the winner's. A killed creation leaves a hidden ``.new``
file, never a half-made project under the real name.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from annotator.errors import DatabaseError
from annotator.store.connection import sidecars


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp makes owner-only files; a project gets the permissions SQLite would give it.
FILE_MODE = 0o666 & ~_current_umask()


def create_project_file(path: Path, build: Callable[[Path], None]) -> bool:
    """Build a project with ``build(private_path)`` and move it to ``path``.

    Returns True when this call's project was installed, False when another
    process created ``path`` first (then that project stands, untouched).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    except OSError as exc:
        raise DatabaseError(f"{path}: cannot create the project there ({exc.strerror or exc})") from None
    os.close(fd)
    private = Path(name)
    try:
        os.chmod(private, FILE_MODE)
        build(private)
        wal, _shm = sidecars(private)
        if wal.exists() and wal.stat().st_size:
            # The builder left its connection open: moving the file alone would lose what the -wal holds.
            raise DatabaseError(f"{path}: the new project was not closed before being moved into place")
        _sync(private)
        installed = _install_if_absent(private, path)
        if installed:
            _sync(path.parent)
        return installed
    except OSError as exc:
        raise DatabaseError(f"{path}: cannot create the project there ({exc.strerror or exc})") from None
    finally:
        for leftover in (private, *sidecars(private)):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _install_if_absent(private: Path, path: Path) -> bool:
    """Give ``private`` the name ``path`` unless something has that name already; atomically."""
    if os.name == "nt":
        try:
            os.rename(private, path)  # never replaces on Windows
        except FileExistsError:
            return False
        return True
    try:
        os.link(private, path)  # fails if the name is taken, whoever took it
    except FileExistsError:
        return False
    except OSError:
        # A file system without hard links (FAT, some network shares): check, then
        # rename. Not atomic, but the window is a few microseconds wide.
        if path.exists():
            return False
        os.rename(private, path)
    return True


def _sync(path: Path) -> None:
    """Flush a file, or a folder's entry for a new name, to the disk (POSIX; best effort)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
