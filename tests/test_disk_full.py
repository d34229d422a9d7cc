"""A full disk and a folder without permission: a clear message, nothing half-written, nothing acknowledged lost.

How each is simulated, without root tricks: an export onto a full disk by
making its file writes fail with ENOSPC (a patched ``os.fdopen``); a real
limit from the kernel with ``RLIMIT_FSIZE`` in a child process (writes past
it fail with EFBIG); a project on a full disk with SQLite's ``max_page_count``
(SQLite answers SQLITE_FULL exactly as on a full disk); a folder without
permission with real permissions, in a child process that cannot override them.
"""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from safety_helpers import (
    REPO,
    can_drop_privileges,
    cli,
    run_unprivileged,
    shared_folder,
)

from annotator.store import Store, opening


@pytest.fixture
def project(tmp_path, seeds_dir) -> Path:
    """Two seed pages (an export of about 60 KB)."""
    path = tmp_path / "project.db"
    pages = [str(p) for p in sorted(seeds_dir.glob("*.txt"))[:2]]
    code, _out, err = cli("import", "--db", str(path), "--no-candidates", "-q", *pages)
    assert code == 0, err
    return path


class _FullDisk(io.TextIOWrapper):
    """A text file on a disk that fills up after a few kilobytes."""

    def __init__(self, *args, room: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.room = room

    def write(self, text: str) -> int:
        self.room -= len(text.encode("utf-8"))
        if self.room < 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(text)


def test_an_export_onto_a_full_disk_says_so_and_leaves_the_old_file(project, tmp_path, monkeypatch):
    real_open = Path.open

    def open_on_a_full_disk(self, mode="r", *args, encoding=None, newline=None, **kwargs):
        if self.suffix != ".part" or "w" not in mode:
            return real_open(self, mode, *args, encoding=encoding, newline=newline, **kwargs)
        # The export's temporary file, on a disk with 4 KB left.
        return _FullDisk(real_open(self, "wb"), encoding=encoding or "utf-8", newline=newline, room=4096)

    monkeypatch.setattr(Path, "open", open_on_a_full_disk)
    out = tmp_path / "out"
    out.mkdir()
    previous = out / "gold.jsonl"
    previous.write_text("yesterday's export\n", encoding="utf-8")
    code, _out, err = cli("export", "--db", str(project), "--format", "jsonl", "--status", "all", "-o", str(previous))
    assert code == 3, err
    assert err.strip() == f"annotator: error: {previous}: cannot write the export (the disk is full); nothing was written"
    assert previous.read_text(encoding="utf-8") == "yesterday's export\n"
    assert sorted(p.name for p in out.iterdir()) == ["gold.jsonl"]  # no temporary file left


@pytest.mark.skipif(not hasattr(os, "fork"), reason="RLIMIT_FSIZE is POSIX")
def test_an_export_past_the_kernels_file_size_limit_writes_nothing(project, tmp_path):
    import resource

    def limit() -> None:
        # Room for SQLite's 32 KB -shm, not for the export.
        resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))

    out = tmp_path / "big.jsonl"
    child = subprocess.run(
        [sys.executable, "-m", "annotator", "export", "--db", str(project), "--format", "jsonl", "--status", "all",
         "-o", str(out)],
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
        preexec_fn=limit,  # the limit must be set in the child
    )
    assert child.returncode == 3, child.stderr
    assert "cannot write the export (the file would be larger than the disk or a size limit allows)" in child.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".big")] == []


def _run_under_file_size_limit(*args: str, limit: int) -> subprocess.CompletedProcess:
    """``annotator *args`` in a child process that cannot make any file bigger than ``limit`` bytes."""
    import resource
    import signal

    def apply_limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) rather than kills
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
        preexec_fn=apply_limit,  # the limit must be set in the child
    )


@pytest.mark.skipif(not hasattr(os, "fork"), reason="RLIMIT_FSIZE is POSIX")
def test_a_project_on_a_disk_too_full_for_sqlites_shared_memory_file_is_still_read(project, seeds_dir):
    """A WAL project needs a 32 KB -shm even to be read; when the disk cannot give it (SQLite's
    SQLITE_IOERR_SHMSIZE), a read-only command reads the file alone, and a writing one says the disk is full."""
    before = project.read_bytes()
    stats = _run_under_file_size_limit("stats", "--db", str(project), limit=1024)
    assert stats.returncode == 0, stats.stderr
    assert "Documents: 17 (todo 17" in stats.stdout  # two seed pages, 17 articles
    page = str(sorted(seeds_dir.glob("*.txt"))[2])
    write = _run_under_file_size_limit("import", "--db", str(project), "--no-candidates", page, limit=1024)
    assert write.returncode == 4, write.stderr
    assert f"{project}: the disk is full" in write.stderr and "disk I/O error" not in write.stderr
    assert project.read_bytes() == before


@pytest.mark.skipif(not can_drop_privileges, reason="POSIX permissions")
def test_an_export_into_a_folder_without_permission_says_so(project):
    with shared_folder() as shared:
        home, locked = shared / "home", shared / "locked"
        home.mkdir()
        locked.mkdir()
        os.chmod(locked, 0o555)
        child = run_unprivileged(
            ["export", "--db", str(project), "--format", "jsonl", "--status", "all", "-o", str(locked / "x.jsonl")],
            home,
        )
        assert child.returncode == 3, child.stderr
        assert "cannot write the export (no permission to write there); nothing was written" in child.stderr
        assert list(locked.iterdir()) == []


def _project_disk_fills_up(monkeypatch, pages: int = 3) -> None:
    """Projects opened from now on can grow by only ``pages`` pages: then SQLite reports SQLITE_FULL."""
    original = opening.prepare_for_writing

    def limited(db, path):
        original(db, path)
        count = db.conn.execute("PRAGMA page_count").fetchone()[0]
        db.conn.execute(f"PRAGMA max_page_count = {count + pages}")

    monkeypatch.setattr(opening, "prepare_for_writing", limited)


def test_an_import_onto_a_full_disk_says_so_and_keeps_the_project_whole(project, seeds_dir, monkeypatch):
    with Store(project, read_only=True) as store:
        documents = store.documents.ids()
    _project_disk_fills_up(monkeypatch)
    code, _out, err = cli("import", "--db", str(project), "--no-candidates", str(seeds_dir))
    assert code == 4
    assert "the disk is full (or the project reached a size limit); the change was not saved" in err
    monkeypatch.undo()
    code, _out, err = cli("check", "--db", str(project))
    assert code == 0, err
    with Store(project, read_only=True) as store:
        assert set(documents) <= set(store.documents.ids())


def test_a_store_write_on_a_full_disk_is_a_database_error_and_changes_nothing(project, monkeypatch):
    from annotator.errors import DatabaseError

    with Store(project, annotator="wang") as store:
        doc_id = store.documents.ids()[0]
        first = store.annotations.add_entity(doc_id, 0, 2, "ORG")
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        events = store.db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        with pytest.raises(DatabaseError, match="the disk is full"), store.transaction():
            for offset in range(200):  # enough rows to need a new page
                store.settings.set(f"filler.{offset}", "x" * 400)
        assert store.db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == events
        assert store.settings.get("filler.0") is None
        store.db.execute(f"PRAGMA max_page_count = {pages + 1000}")
        second = store.annotations.add_entity(doc_id, 3, 5, "LOC")
    with Store(project, read_only=True) as store:
        assert {e.id for e in store.annotations.entities(doc_id)} >= {first.id, second.id}
