"""Helpers for the tests of opening, damage, backups and full disks: hashing, the CLI, an unprivileged user."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCHMARKS = REPO / "benchmarks"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def cli(*argv: str) -> tuple[int, str, str]:
    """``annotator ARGV`` in this process: exit code, stdout, stderr."""
    from annotator.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def benchmark_modules() -> Iterator[None]:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        yield
    finally:
        sys.path.remove(str(BENCHMARKS))


# --- file permissions, for real ------------------------------------------------------------
#
# Root may write any file, so a read-only file means nothing to a test run as
# root. Such a test runs the command in a child process without root's
# capabilities (setpriv clears them; the files stay root's, so their
# permission bits apply as to any owner); run as an ordinary user, the child
# is just that user.


def _unprivileged_prefix() -> list[str] | None:
    if not hasattr(os, "geteuid"):
        return None  # Windows: no POSIX permissions to test this way
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--"]


can_drop_privileges = _unprivileged_prefix() is not None


@contextlib.contextmanager
def shared_folder() -> Iterator[Path]:
    """A temporary folder whose permissions the test sets; made writable again to be removed."""
    folder = Path(tempfile.mkdtemp(prefix="annotator-perm-"))
    try:
        yield folder
    finally:
        for root, dirs, _files in os.walk(folder):
            os.chmod(root, 0o755)
            for name in dirs:
                os.chmod(Path(root) / name, 0o755)
        shutil.rmtree(folder, ignore_errors=True)


def run_unprivileged(argv: list[str], home: Path) -> subprocess.CompletedProcess:
    """``annotator ARGV`` in a child process that cannot ignore file permissions."""
    prefix = _unprivileged_prefix()
    assert prefix is not None
    env = dict(os.environ, ANNOTATOR_HOME=str(home), PYTHONPATH=str(REPO), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [*prefix, sys.executable, "-m", "annotator", *argv],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
