"""Every released schema version, as the released program wrote it, migrates forward intact.

The fixtures in tests/data/migrations/ were built by the released code (see
its README, build_fixtures.py for v1-v4 and build_fixture_v7.py for v7, the
first release with the team, model and candidates-due tables). Each is copied, opened with today's Store
(which migrates it), and checked: every data row is as the released code left
it, ``check`` finds nothing, the schema is exactly a new project's, and the
data works through today's API.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.model import Candidate, CandidateState
from annotator.project.search import SearchIndex
from annotator.store import Store, migrations
from annotator.team import adjudication

FIXTURES = Path(__file__).parent / "data" / "migrations"
# v5 and v6 were never released on their own: 0005-0007 shipped together as v7.
RELEASED_VERSIONS = [1, 2, 3, 4, 7]
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
# the tables migrations 0005-0007 added, in the same order as build_fixture_v7.DATA_TABLES
ADDED_BY_0005_TO_0007 = {
    "assignments": "doc_id, annotator",
    "package_documents": "doc_id",
    "versions": "doc_id, annotator",
    "version_entities": "doc_id, annotator, key",
    "version_relations": "doc_id, annotator, key",
    "version_doc_labels": "doc_id, annotator, name",
    "adjudications": "doc_id",
    "models": "id",
    "document_uncertainty": "doc_id",
    "candidates_due": "doc_id",
}
FIRST_WITH_TEAMS = 7
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


def table_rows(conn: sqlite3.Connection, table: str, order: str) -> list[list]:
    """A table's rows as the builders write them into vN.expected.json: BLOBs by their sha256."""
    return [
        [f"sha256:{hashlib.sha256(value).hexdigest()}" if isinstance(value, bytes) else value for value in row]
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}")
    ]


@contextlib.contextmanager
def migrated_copy(version: int, folder: Path) -> Iterator[Store]:
    fixture = FIXTURES / f"v{version}.db"
    original = fixture.read_bytes()
    path = folder / f"v{version}.db"
    shutil.copy(fixture, path)
    # an annotator the project already knows, so opening adds nothing of its own
    with Store(path, annotator="reviewer-b") as store:
        yield store
    assert fixture.read_bytes() == original, "the test must work on a copy"


@pytest.fixture(params=RELEASED_VERSIONS, ids=[f"v{v}" for v in RELEASED_VERSIONS])
def migrated(request: pytest.FixtureRequest, tmp_path: Path):
    with migrated_copy(request.param, tmp_path) as store:
        yield request.param, store


@pytest.fixture(params=[v for v in RELEASED_VERSIONS if v >= FIRST_WITH_TEAMS])
def migrated_with_teams(request: pytest.FixtureRequest, tmp_path: Path):
    with migrated_copy(request.param, tmp_path) as store:
        yield store


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
    if version < FIRST_WITH_TEAMS:
        # nothing of the team, model or candidates-due tables before they existed
        tables.update({table: [] for table in ADDED_BY_0005_TO_0007})
    project_ids = [value for key, value in tables["settings"] if key == PROJECT_ID_KEY]
    tables["settings"] = [row for row in tables["settings"] if row[0] != PROJECT_ID_KEY]
    assert set(tables) == set(DATA_TABLES) | set(ADDED_BY_0005_TO_0007)
    for table, order in {**DATA_TABLES, **ADDED_BY_0005_TO_0007}.items():
        rows = table_rows(store.db.conn, table, order)
        if table == "settings":
            project_id = [value for key, value in rows if key == PROJECT_ID_KEY]
            assert len(project_id) == 1 and re.fullmatch(r"[0-9a-f]{32}", project_id[0])
            # a project that had its id keeps it: the packages out with annotators carry it
            assert project_ids in ([], project_id)
            rows = [row for row in rows if row[0] != PROJECT_ID_KEY]
        assert rows == tables[table], table
    applied = [row[0] for row in store.db.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY name")]
    assert applied == migrations.known_names()
    assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.known_names())


def test_a_migrated_project_is_sound_and_shaped_like_a_new_one(migrated, tmp_path: Path):
    version, store = migrated
    if version < FIRST_WITH_TEAMS:
        assert store.check() == []
    else:
        # v7 holds a document an interrupted import still owes its candidates; that is all ``check`` reports
        assert store.candidates_due.owed() == ["p1-1"]
        assert store.check() == store.candidates_due.problems() and len(store.check()) == 1
    with Store(tmp_path / "new.db", annotator="someone"):
        pass
    assert schema_objects(store.path) == schema_objects(tmp_path / "new.db")


def test_the_migrated_data_works_through_todays_api(migrated):
    version, store = migrated
    team_page = ["t-1", "t-2", "t-3", "t-4"] if version >= FIRST_WITH_TEAMS else []
    owed = ["p1-1"] if version >= FIRST_WITH_TEAMS else []
    assert store.documents.ids() == ["p2-1", "p2-2", *team_page, *owed]
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


def test_the_team_and_model_data_works_through_todays_api(migrated_with_teams):
    store = migrated_with_teams
    # t-1 was given to both annotators
    assert store.assignments.everything() == {"t-1": ["alice", "bob"], "t-2": ["alice"], "t-3": ["bob"]}
    assert store.assignments.counts() == {"alice": {"documents": 2, "shared": 1}, "bob": {"documents": 2, "shared": 1}}
    # their packages' versions, merged; t-1 adjudicated on alice's, nothing left to adjudicate
    versions = store.versions.of_document("t-1")
    assert sorted(versions) == ["alice", "bob"]
    assert {e.text for e in versions["bob"].entities} == {"全国总工会", "刘强", "北京"}
    decision = store.adjudications.get("t-1")
    assert decision is not None and decision.method == "version:alice"
    assert decision.versions == {name: layer.fingerprint() for name, layer in versions.items()}
    assert adjudication.pending(store) == []
    gold = store.layers.get("t-1")
    assert gold.fingerprint() == adjudication.take_version(versions, "alice").fingerprint()
    # the learned model is usable: bytes intact, its labels all in today's schema
    model, problem = store.models.usable()
    assert problem is None and model is not None
    assert set(model.labels) == {"PER", "ORG", "LOC", "TITLE"}
    assert all(model.label_map[label] == label for label in model.labels)
    assert [m.doc_id for m in store.models.most_uncertain(["todo", "in_progress"])] == ["p2-2", "t-4"]
    # the owed document gets its candidates, and the mark goes with them
    store.candidates.replace({"p1-1": [Candidate("p1-1", 3, 8, "ORG", "苏州市工会", "rules", 0.8)]})
    assert store.candidates_due.owed() == [] and store.check() == []
