"""The bundled seed pages go into a new project once."""

from __future__ import annotations

import pytest

from annotator.project import seeding
from annotator.errors import InputError


def test_a_new_project_is_seeded_once_and_never_again(fresh_store):
    assert seeding.needs_seeding(fresh_store)
    calls = []
    doc_ids = seeding.seed(fresh_store, suggest=False, progress=lambda done, total, path: calls.append((done, total)))
    assert len(doc_ids) == fresh_store.documents.count() >= 40  # five pages, cut into their articles
    assert calls[-1] == (5, 5)
    assert all(not fresh_store.candidates.for_document(d) for d in doc_ids)  # suggest=False leaves them to the caller
    assert not seeding.needs_seeding(fresh_store)
    for doc_id in doc_ids:
        fresh_store.db.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
    assert not seeding.needs_seeding(fresh_store)  # emptied on purpose: not seeded again


def test_seeds_that_cannot_be_read_are_an_error(fresh_store, tmp_path, monkeypatch):
    broken = tmp_path / "seeds"
    broken.mkdir()
    (broken / "page.txt").write_bytes(b"\x00\x01\x02binary\xff" * 100)
    monkeypatch.setattr("annotator.platform.app_paths.seeds_dir", lambda: broken)
    with pytest.raises(InputError, match="page.txt"):
        seeding.seed(fresh_store)
