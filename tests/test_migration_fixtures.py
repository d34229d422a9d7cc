"""Every released schema version, as the released program wrote it, migrates forward intact.

The fixtures in tests/data/migrations/ were built by the released code (see
its README and build_fixtures.py). Each is copied, opened with today's Store
(which migrates it), and checked: every data row is as the released code left
it, ``check`` finds nothing, the schema is exactly a new project's, and the
data works through today's API.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.model import CandidateState
from annotator.project.search import SearchIndex
from annotator.store import Store, migrations

FIXTURES = Path(__file__).parent / "data" / "migrations"
RELEASED_VERSIONS = [1, 2, 3, 4]
# the same tables, in the same order, as build_fixtures.DATA_TABLES
DATA_TABLES = {
    "settings": "key",
    "label_schema": "id",
    "annotators": "name",
    "sources": "id",
    "documents": "id",
    "entities": "id",
    "relations": "id",
    "candidates": "id",
    "doc_labels": "doc_id, name",
    "time_spent": "doc_id, annotator",
    "events": "id",
}
# What migration 0002 itself writes into a project that did not have it yet.
WRITTEN_BY_0002 = ["search.tokenizer_version", "1"]
# What the teams migration writes: a random id that packages of this project carry.
PROJECT_ID_KEY = "project.id"


def schema_objects(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    finally:
        conn.close()


def expected(version: int) -> dict:
    return json.loads((FIXTURES / f"v{version}.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(params=RELEASED_VERSIONS, ids=[f"v{v}" for v in RELEASED_VERSIONS])
def migrated(request: pytest.FixtureRequest, tmp_path: Path):
    version = request.param
    fixture = FIXTURES / f"v{version}.db"
    original = fixture.read_bytes()
    path = tmp_path / f"v{version}.db"
    shutil.copy(fixture, path)
    # an annotator the project already knows, so opening adds nothing of its own
    with Store(path, annotator="reviewer-b") as store:
        yield version, store
    assert fixture.read_bytes() == original, "the test must work on a copy"


def test_the_fixtures_are_the_released_versions():
    for version in RELEASED_VERSIONS:
        conn = sqlite3.connect(FIXTURES / f"v{version}.db")
        try:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == version
            names = [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY name")]
        finally:
            conn.close()
        assert names == migrations.known_names()[:version] == expected(version)["migrations"]


def test_every_row_survives_the_migration(migrated):
    version, store = migrated
    assert store.version == len(migrations.known_names())
    tables = expected(version)["tables"]
    if version < 2:
        tables["settings"] = sorted(tables["settings"] + [WRITTEN_BY_0002])
    for table, order in DATA_TABLES.items():
        rows = [list(row) for row in store.db.conn.execute(f"SELECT * FROM {table} ORDER BY {order}")]
        if table == "settings":
            project_id = [value for key, value in rows if key == PROJECT_ID_KEY]
            assert len(project_id) == 1 and re.fullmatch(r"[0-9a-f]{32}", project_id[0])
            rows = [row for row in rows if row[0] != PROJECT_ID_KEY]
        assert rows == tables[table], table
    applied = [row[0] for row in store.db.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY name")]
    assert applied == migrations.known_names()
    assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.known_names())


def test_a_migrated_project_is_sound_and_shaped_like_a_new_one(migrated, tmp_path: Path):
    _version, store = migrated
    assert store.check() == []
    with Store(tmp_path / "new.db", annotator="someone"):
        pass
    assert schema_objects(store.path) == schema_objects(tmp_path / "new.db")


def test_the_migrated_data_works_through_todays_api(migrated):
    _version, store = migrated
    assert store.documents.ids() == ["p2-1", "p2-2"]
    page = store.documents.annotated("p2-1")
    assert page.document.raw_text is not None and "总工仝" in page.document.raw_text
    assert page.document.provenance is not None and len(page.document.provenance.pieces) == 2
    assert "𠮷利街道" in [e.text for e in page.entities]
    assert {(r.label) for r in page.relations} == {"located_in", "has_title", "works_at"}
    assert {c.state for c in page.candidates} == set(CandidateState)
    assert page.time_spent == {"importer": 42.5, "reviewer-a": 95.0}
    merged = store.documents.annotated("p2-2")
    assert merged.document.text.endswith("简讯：嘉善县工会开展送清凉活动。")
    assert [f["kind"] for f in merged.document.meta["flags"]] == ["no_headline"]
    assert merged.doc_labels == {"topic": "职工服务"}
    # ids are never reused: the entity deleted before the migration keeps its id to itself
    used = max(row[0] for row in store.db.conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'entities'"))
    assert store.annotations.add_entity("p2-2", 0, 3, "LOC").id == used + 1
    # search finds documents imported before the index existed (v1) and after
    index = SearchIndex(store)
    index.sync()
    assert [hit.doc_id for hit in index.search("𠮷利").hits] == ["p2-1"]
    assert [hit.doc_id for hit in index.search("送清凉").hits] == ["p2-2"]
