"""Damaged projects, made by benchmarks/damage.py from a good one: each detected, none changed, each restored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from safety_helpers import benchmark_modules, cli

from annotator.store import health

with benchmark_modules():
    import damage


@pytest.fixture(scope="module")
def good_project(tmp_path_factory) -> Path:
    return damage.build_good_project(tmp_path_factory.mktemp("good") / "good")


@pytest.mark.parametrize("kind", damage.KINDS)
def test_each_kind_of_damage_is_detected_and_restored_from_its_backup(kind, good_project, tmp_path):
    trial = damage.run_trial(good_project, kind, tmp_path)
    # check and export refuse it with exit 4, and export writes nothing
    assert trial.check == 4 and trial.export == 4, trial
    # stats too, but for a damaged value inside a record, which SQLite's quick check cannot see
    assert trial.stats == (0 if kind == "bytes flipped" else 4), trial
    assert not trial.export_wrote
    assert trial.message.startswith("annotator: error: ") and "project.db" in trial.message
    # looking at it changed nothing: same bytes, no -wal or -shm
    assert trial.unchanged
    # and the backup brings back exactly the project that was backed up
    assert trial.restore == 0 and trial.restored_check == 0
    assert trial.restored_identical and trial.set_aside


def test_an_export_no_longer_succeeds_on_a_project_with_zeroed_pages(good_project, tmp_path):
    project = tmp_path / "p.db"
    project.write_bytes(good_project.read_bytes())
    damage.make_damage(project, "pages zeroed")
    # The pages hold the event log and the candidates, which a plain export never reads...
    code, _out, err = cli("export", "--db", str(project), "--format", "jsonl", "-o", str(tmp_path / "o.jsonl"))
    # ...yet it refuses, because the project is checked first.
    assert code == 4 and "the project file is damaged" in err
    assert not (tmp_path / "o.jsonl").exists()


def test_check_reports_text_json_and_hash_damage_in_plain_words(good_project, tmp_path):
    project = tmp_path / "p.db"
    project.write_bytes(good_project.read_bytes())
    conn = sqlite3.connect(project)
    rows = conn.execute("SELECT rowid, id FROM documents ORDER BY position LIMIT 3").fetchall()
    doc_ids = [r[1] for r in rows]
    conn.execute("UPDATE documents SET title = CAST(X'E4B8' AS TEXT) WHERE id = ?", (doc_ids[0],))
    conn.execute("UPDATE documents SET meta = '{\"broken\": ' WHERE id = ?", (doc_ids[1],))
    # one character for another: still UTF-8, but no longer the text that was stored
    conn.execute("UPDATE documents SET text = '北' || substr(text, 2) WHERE id = ?", (doc_ids[2],))
    conn.commit()
    conn.close()
    problems = health.content_problems(sqlite3.connect(project))
    assert f"table documents, row {rows[0][0]}: title holds bytes that are not UTF-8 text (at byte 0)" in problems
    assert f"table documents, row {doc_ids[1]}: meta is not valid JSON" in problems
    assert f"document {doc_ids[2]}: its text has changed since it was stored (the hash differs)" in problems
    code, out, err = cli("check", "--db", str(project))
    assert code == 4
    assert "meta is not valid JSON" in out and "not UTF-8" in out
    assert "the project file is damaged (3 problems above)" in err


def test_a_damaged_json_value_met_while_reading_names_the_file_and_the_record(good_project, tmp_path):
    """Not a JSONDecodeError (which the app would show as a bug) but the damage, in plain words."""
    from annotator.errors import DamagedProjectError
    from annotator.store import Store
    from annotator.store.rows import event_from_row

    project = tmp_path / "p.db"
    project.write_bytes(good_project.read_bytes())
    with sqlite3.connect(project) as conn:
        doc_id = conn.execute("SELECT id FROM documents ORDER BY position LIMIT 1").fetchone()[0]
        conn.execute("UPDATE documents SET meta = '{\"broken\": ' WHERE id = ?", (doc_id,))
    conn.close()
    with Store(project, read_only=True) as store:
        with pytest.raises(DamagedProjectError) as opened:
            store.documents.get(doc_id)
        assert str(opened.value).startswith(f"{project}: the project file is damaged: document {doc_id}, meta is not valid JSON")
        with pytest.raises(DamagedProjectError, match=f"the project file is damaged: document {doc_id}, meta"):
            list(store.documents.iter_annotated([doc_id]))
    # the event log is append-only (a trigger), so its damage is made up here, as the row SQLite would return
    event = {"id": 7, "at": "2024-01-01T00:00:00Z", "annotator": "a", "action": "x", "doc_id": None, "target": None,
             "before": None, "after": "[1, 2"}
    with pytest.raises(DamagedProjectError, match=r"p.db: the project file is damaged: event 7, after is not valid JSON"):
        event_from_row(event, project)
