"""Large imports: files read in worker processes, stored a few to a transaction, each file whole or not at all."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.project import reading
from annotator.formats.registry import READERS, ReadOptions, Reader
from annotator.project.importing import import_paths
from annotator.store import Store
from annotator.store.documents import Documents


def documents(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT id, position, title, text, raw_text, kind, meta, provenance FROM documents ORDER BY position"
        ).fetchall()
    finally:
        conn.close()


def jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def pages(tmp_path: Path, seeds_dir: Path) -> list[Path]:
    folder = tmp_path / "pages"
    folder.mkdir()
    return [Path(shutil.copy(seed, folder / seed.name)) for seed in sorted(seeds_dir.glob("*.txt"))]


def test_worker_processes_read_exactly_what_this_process_reads(pages: list[Path], tmp_path: Path, monkeypatch):
    options = ReadOptions(annotator="tester")
    here = [(p, s) for p, s in reading.read_sources(pages, options=options, workers=1)]
    monkeypatch.setattr(reading, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr(reading, "POOL_MIN_FILES", 2)
    monkeypatch.setattr(reading, "CHUNK_FILES", 2)  # several chunks, so the order is put back together
    assert reading._worth_a_pool(pages) and reading._workers_can_read(options)
    pooled = list(reading.read_sources(pages, options=options, workers=2))
    assert [p for p, _ in pooled] == pages
    for (_, mine), (_, theirs) in zip(here, pooled, strict=True):
        assert [d.document for d in theirs.documents] == [d.document for d in mine.documents]
        assert theirs.notes == mine.notes


def test_a_pooled_import_stores_the_same_project(pages: list[Path], tmp_path: Path, monkeypatch):
    with Store(tmp_path / "here.db", annotator="tester") as store:
        import_paths(store, pages, suggest=False, workers=1)
    monkeypatch.setattr(reading, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr(reading, "POOL_MIN_FILES", 2)
    with Store(tmp_path / "pooled.db", annotator="tester") as store:
        reports = import_paths(store, pages, suggest=False, workers=2)
    assert [r.outcome for r in reports] == ["imported"] * len(pages)
    assert documents(tmp_path / "pooled.db") == documents(tmp_path / "here.db")


def test_a_file_that_fails_inside_a_batch_leaves_no_trace(tmp_path: Path, fresh_store: Store):
    good = jsonl(tmp_path / "a.jsonl", [{"id": "a1", "text": "张萍在北京工作。"}])
    # the reader accepts it; the store refuses its second document's label, after storing the first
    bad = jsonl(tmp_path / "b.jsonl", [
        {"id": "b1", "text": "李明在上海。"},
        {"id": "b2", "text": "王芳在广州。", "entities": [{"start": 0, "end": 2, "label": "NOPE", "text": "王芳"}]},
    ])
    also_good = jsonl(tmp_path / "c.jsonl", [{"id": "c1", "text": "赵刚在深圳。"}])
    reports = import_paths(fresh_store, [good, bad, also_good], suggest=False)
    assert [r.outcome for r in reports] == ["imported", "failed", "imported"]
    assert "NOPE" in reports[1].notes[0]
    assert [row[0] for row in documents(fresh_store.path)] == ["a1", "c1"]
    assert fresh_store.db.conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == 2
    assert not fresh_store.db.conn.in_transaction


def test_stopping_keeps_the_files_stored_so_far_whole(pages: list[Path], fresh_store: Store):
    seen: list[Path] = []
    reports = import_paths(
        fresh_store, pages, suggest=False,
        progress=lambda done, total, path: seen.append(path),
        should_stop=lambda: len(seen) > 2,
    )
    assert len(reports) == 2
    stored = {row[0] for row in fresh_store.db.conn.execute("SELECT path FROM sources")}
    assert stored == {str(p.resolve()) for p in pages[:2]}
    assert not fresh_store.db.conn.in_transaction


def test_an_unexpected_error_rolls_back_the_open_batch_and_propagates(pages: list[Path], fresh_store: Store, monkeypatch):
    calls = []
    original = Documents.import_source

    def failing(self, source):
        calls.append(source.path)
        if len(calls) == 2:
            raise RuntimeError("a bug")
        return original(self, source)

    monkeypatch.setattr(Documents, "import_source", failing)
    with pytest.raises(RuntimeError, match="a bug"):
        import_paths(fresh_store, pages, suggest=False)
    # nothing half-imported: the first file's batch was not committed either
    assert fresh_store.documents.count() == 0
    assert not fresh_store.db.conn.in_transaction


def test_a_reader_added_at_run_time_keeps_the_reading_here(monkeypatch):
    options = ReadOptions()
    assert reading._workers_can_read(options)
    monkeypatch.setitem(READERS, "plugin", Reader("plugin", "a plugin", (".plug",), lambda path, opts: None))
    assert not reading._workers_can_read(options)
    monkeypatch.delitem(READERS, "plugin")
    assert reading._workers_can_read(options)
