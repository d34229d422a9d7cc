"""The import pipeline: every file stands alone, hostile input is refused or cleaned on purpose,
documents can arrive reviewed, and an import that is interrupted is finished by the next one."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zlib
from pathlib import Path

import pytest

from annotator.candidates import refresh
from annotator.cli.main import main
from annotator.errors import DatabaseError, InputError
from annotator.project import importing
from annotator.project.importing import (
    CANDIDATES,
    FILES,
    SEARCH,
    ImportSettings,
    finish_pending,
    run_import,
)
from annotator.project.search import SearchIndex
from annotator.store import Store
from annotator.store.documents import Documents

GOOD = [
    {"id": "g1", "text": "本报讯（记者张建华）河南省洛阳市涧西区总工会召开会议。",
     "entities": [{"start": 6, "end": 9, "label": "PER", "text": "张建华"}]},
    {"id": "g2", "text": "湖南省总工会党组书记王建国出席会议。"},
]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def project_rows(db: Path) -> dict[str, list[tuple]]:
    """Everything an import writes, minus what differs between two runs (times, row ids)."""
    conn = sqlite3.connect(db)
    try:
        return {
            "documents": conn.execute(
                "SELECT id, position, title, text, raw_text, kind, status, meta, provenance FROM documents ORDER BY id"
            ).fetchall(),
            "entities": conn.execute("SELECT doc_id, start, \"end\", label, text FROM entities ORDER BY 1, 2, 3, 4").fetchall(),
            "sources": conn.execute("SELECT name, sha256, format FROM sources ORDER BY sha256").fetchall(),
            "candidates": conn.execute(
                "SELECT doc_id, start, \"end\", label, text, source, score, state FROM candidates ORDER BY 1, 2, 3, 4"
            ).fetchall(),
            "due": conn.execute("SELECT doc_id FROM candidates_due ORDER BY 1").fetchall(),
            "events": conn.execute("SELECT action, doc_id FROM events WHERE action != 'annotator' ORDER BY id").fetchall(),
        }
    finally:
        conn.close()


@pytest.fixture
def folder(tmp_path: Path, seeds_dir: Path) -> Path:
    """Two good newspaper pages and a good JSONL file."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt"))[:2]:
        shutil.copy(seed, inbox / seed.name)
    write_jsonl(inbox / "good.jsonl", GOOD)
    return inbox


# --- every file stands alone ---------------------------------------------------------------------

HOSTILE = {
    "deep": ('{"text": ' + "[" * 10_000 + "]" * 10_000 + "}\n", "nested more than 100 levels deep"),
    "surrogate": ('{"id": "s1", "text": "前文\\ud800后文"}\n', "line 1: field 'text' holds a lone UTF-16 surrogate"),
    "surrogate_in_entity": (
        '{"id": "s2", "text": "张三在北京", "entities": [{"start": 0, "end": 2, "label": "PER", "text": "张\\udc00"}]}\n',
        "field 'entities[0].text' holds a lone UTF-16 surrogate",
    ),
    "not_json": ('{"id": "n1", "text": \n', "line 1 is not valid JSON"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_is_refused_by_name_and_the_good_ones_all_come_in(name, folder, tmp_path):
    content, message = HOSTILE[name]
    with Store(tmp_path / "clean.db", annotator="tester") as clean:
        expected = run_import(clean, [folder], ImportSettings(suggest=False))
    (folder / f"hostile_{name}.jsonl").write_text(content, encoding="utf-8")
    with Store(tmp_path / "mixed.db", annotator="tester") as mixed:
        result = run_import(mixed, [folder], ImportSettings(suggest=False))
    (failed,) = result.failed
    assert failed.file.endswith(f"hostile_{name}.jsonl")
    assert failed.notes[0].startswith(str(folder / f"hostile_{name}.jsonl"))
    assert message in failed.notes[0]
    assert sorted(result.doc_ids) == sorted(expected.doc_ids)
    # no trace of the hostile file: the project is exactly what the good files alone make
    assert project_rows(tmp_path / "mixed.db") == project_rows(tmp_path / "clean.db")


# Files read beside the data (a Hugging Face folder's metadata, a doccano label list) are JSON too.
HOSTILE_COMPANIONS = {
    "dataset_info.json": "[" * 50_000 + "]" * 50_000,
    "labels.json": '[{"background_color": "#fff", "x": ' + "[" * 50_000 + "]" * 50_000 + "}]",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_COMPANIONS))
@pytest.mark.parametrize("add_labels", [False, True])
def test_a_hostile_companion_file_is_refused_by_name_and_the_rest_comes_in(name, add_labels, folder, tmp_path, capsys):
    (folder / name).write_text(HOSTILE_COMPANIONS[name], encoding="utf-8")
    db = tmp_path / "p.db"
    arguments = ["import", "--db", str(db), "--no-candidates", *(["--add-labels"] if add_labels else []), str(folder)]
    assert main(arguments) == InputError.exit_code
    err = capsys.readouterr().err
    assert f"error: {folder / name}: JSON nested more than 100 levels deep" in err
    assert "internal error" not in err
    with Store(db) as store:
        assert {"g1", "g2"} <= set(store.documents.ids())


def test_nul_and_control_characters_are_replaced_one_for_one_and_the_spans_still_fit(fresh_store, tmp_path):
    text = "张三\x00在北京\x0c工作\x01。"
    record = {"id": "c1", "text": text, "title": "标题\x07",
              "entities": [{"start": 0, "end": 3, "label": "PER", "text": "张三\x00"},
                           {"start": 4, "end": 6, "label": "LOC", "text": "北京"}]}
    path = write_jsonl(tmp_path / "controls.jsonl", [record])
    result = run_import(fresh_store, [path], ImportSettings(suggest=False))
    (report,) = result.reports
    assert report.outcome == "imported", report.notes
    stored = fresh_store.documents.text("c1")
    assert stored == "张三\ufffd在北京\n工作\ufffd。"
    assert len(stored) == len(text)
    assert [(e.start, e.end, e.text) for e in fresh_store.annotations.entities("c1")] == [(0, 3, "张三\ufffd"), (4, 6, "北京")]
    assert fresh_store.documents.get("c1").title == "标题\ufffd"
    (note,) = [n for n in report.notes if "control character" in n]
    assert "5 control character(s)" in note and "U+0000" in note and "U+000C" in note and "c1" in note
    assert fresh_store.check() == []


def test_a_megabyte_line_is_accepted(fresh_store, tmp_path):
    text = ("工会组织职工开展技能竞赛。" * 80_000)[:1_000_000]
    path = write_jsonl(tmp_path / "long.jsonl", [{"id": "long", "text": text}])
    assert path.stat().st_size > 2_000_000
    (report,) = run_import(fresh_store, [path], ImportSettings(suggest=False)).reports
    assert report.outcome == "imported"
    assert fresh_store.documents.text("long") == text


def test_a_nul_span_in_an_older_project_is_refused_with_a_message(fresh_store):
    fresh_store.db.conn.execute(
        "INSERT INTO documents (id, position, text, content_hash, created_at, updated_at) "
        "VALUES ('old', 1, ?, 'x', '', '')", ("张三\x00李四",)
    )
    with pytest.raises(InputError, match=r"document old: span 1-4 contains a NUL character"):
        fresh_store.annotations.add_entity("old", 1, 4, "PER")
    assert fresh_store.annotations.add_entity("old", 3, 5, "PER").text == "李四"


def test_the_cli_names_the_hostile_file_and_imports_the_rest(folder, tmp_path, capsys):
    (folder / "deep.jsonl").write_text("[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    db = tmp_path / "p.db"
    assert main(["import", "--db", str(db), "--no-candidates", str(folder)]) == InputError.exit_code
    err = capsys.readouterr().err
    assert f"error: {folder / 'deep.jsonl'}: line 1: JSON nested more than 100 levels deep" in err
    assert "internal error" not in err
    assert "from 3 of 4 files" in err


# --- arriving reviewed ---------------------------------------------------------------------------


def test_status_done_marks_what_the_file_leaves_open_and_keeps_what_it_states(fresh_store, tmp_path):
    path = write_jsonl(tmp_path / "mixed.jsonl", [
        {"id": "a", "text": "张三在北京工作。"},
        {"id": "b", "text": "李四在上海工作。", "status": "skipped", "status_reason": "广告"},
        {"id": "c", "text": "王五在广州工作。", "status": "in_progress"},
        {"id": "d", "text": "赵六在深圳工作。", "status": "todo"},
    ])
    result = run_import(fresh_store, [path], ImportSettings(status="done"))
    statuses = {d: fresh_store.documents.get(d).status.value for d in "abcd"}
    assert statuses == {"a": "done", "b": "skipped", "c": "in_progress", "d": "done"}
    assert fresh_store.documents.get("b").status_reason == "广告"
    (note,) = [n for n in result.reports[0].notes if "kept the status" in n]
    assert "2 document(s)" in note and "in_progress 1, skipped 1" in note
    # finished documents are not owed candidates; the one still in progress is
    assert result.suggested == ["c"]


def test_cli_status_done_brings_gold_data_in_as_reviewed(tmp_path, capsys):
    gold = tmp_path / "example.dev"
    gold.write_text("张 B-PER\n三 I-PER\n在 O\n北 B-LOC\n京 I-LOC\n\n李 B-PER\n四 I-PER\n好 O\n", encoding="utf-8")
    tasks = tmp_path / "tasks.json"  # Label Studio tasks without a review: todo unless told otherwise
    tasks.write_text(json.dumps([{"id": 7, "data": {"text": "王五在上海工作。"}}], ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "p.db"
    assert main(["import", "--db", str(db), "--format", "conll", "--status", "done", str(gold)]) == 0
    assert main(["import", "--db", str(db), "--status", "done", str(tasks)]) == 0
    with Store(db) as store:
        assert store.documents.count(["done"]) == store.documents.count() == 3
        assert store.db.conn.execute("SELECT COUNT(*) FROM candidates").fetchone()[0] == 0
        assert store.check() == []


# --- interrupted imports -------------------------------------------------------------------------


def test_documents_are_owed_candidates_until_they_have_them_and_check_says_so(fresh_store, folder):
    stored = run_import(fresh_store, [folder], ImportSettings(finish=False))
    assert len(stored.doc_ids) > 10
    assert fresh_store.candidates_due.owed() == fresh_store.documents.ids()
    (problem,) = fresh_store.check()
    assert f"{len(stored.doc_ids)} document(s) still wait for the candidate spans" in problem

    again = run_import(fresh_store, [folder])
    assert again.documents == 0 and again.resumed == len(stored.doc_ids)
    assert again.candidates > 0
    assert fresh_store.candidates_due.owed() == []
    assert fresh_store.db.conn.execute("SELECT COUNT(*) FROM candidates_due").fetchone()[0] == 0
    assert fresh_store.check() == []
    assert SearchIndex(fresh_store).pending() == 0


def test_a_lock_held_during_the_candidates_leaves_them_owed_and_a_rerun_finishes(db_path, folder):
    stages = []

    def hold_the_lock_once_files_are_in(stage, done, total, what):
        stages.append(stage)
        if stage == CANDIDATES and not other.in_transaction:
            other.execute("BEGIN IMMEDIATE")  # another program takes the write lock

    with Store(db_path, annotator="tester") as store:
        # (once the project exists: an empty file is no project, and would be refused)
        other = sqlite3.connect(db_path, isolation_level=None)
        store.db.conn.execute("PRAGMA busy_timeout = 20")
        result = run_import(store, [folder], progress=hold_the_lock_once_files_are_in)
        assert isinstance(result.unfinished, DatabaseError)
        assert "locked" in result.unfinished_message()
        assert "running the same import again finishes it" in result.unfinished_message()
        other.execute("ROLLBACK")
        other.close()
        assert len(store.candidates_due.owed()) == len(result.doc_ids) > 0
        assert store.check()
        again = run_import(store, [folder])
        assert again.unfinished is None and again.resumed == len(result.doc_ids)
        assert store.check() == []
    assert FILES in stages and CANDIDATES in stages


def test_a_lock_held_while_files_are_stored_stops_the_import_and_a_rerun_goes_on(db_path, folder, monkeypatch):
    monkeypatch.setattr(importing, "BATCH_FILES", 1)  # each file committed at once, so the lock can be taken between
    def take_the_lock_after_the_first_file(stage, done, total, what):
        if stage == FILES and done == 1 and not other.in_transaction:
            other.execute("BEGIN IMMEDIATE")

    with Store(db_path, annotator="tester") as store:
        other = sqlite3.connect(db_path, isolation_level=None)  # once the project exists
        store.db.conn.execute("PRAGMA busy_timeout = 20")
        stopped = run_import(store, [folder], progress=take_the_lock_after_the_first_file)
        other.execute("ROLLBACK")
        other.close()
        assert isinstance(stopped.unfinished, DatabaseError)
        # the lock is not the file's fault: no file is reported failed, the first is stored whole
        assert [r.outcome for r in stopped.reports] == ["imported"] and not stopped.failed
        again = run_import(store, [folder])
        assert [r.outcome for r in again.reports] == ["unchanged", "imported", "imported"]
        assert again.unfinished is None and store.check() == []


def test_the_cli_rerun_finishes_and_says_so(folder, tmp_path, capsys):
    db = tmp_path / "p.db"
    with Store(db, annotator="tester") as store:
        owed = run_import(store, [folder], ImportSettings(finish=False)).doc_ids
    assert main(["check", "--db", str(db)]) == 7
    assert "still wait for the candidate spans" in capsys.readouterr().out + capsys.readouterr().err
    assert main(["import", "--db", str(db), str(folder)]) == 0
    err = capsys.readouterr().err
    assert f"{len(owed)} documents that an interrupted import had left without candidate spans now have them" in err
    assert "0 new documents" in err
    assert main(["check", "--db", str(db)]) == 0


def test_no_candidates_leaves_nothing_owed(fresh_store, folder):
    run_import(fresh_store, [folder], ImportSettings(suggest=False))
    assert fresh_store.candidates_due.owed() == []
    assert fresh_store.check() == []


def test_finding_what_is_owed_is_one_query_however_many_documents(fresh_store, tmp_path):
    statements: list[str] = []
    for n in (5, 40):
        path = write_jsonl(tmp_path / f"batch{n}.jsonl", [{"id": f"b{n}-{i}", "text": f"第{i}篇：北京{n}。"} for i in range(n)])
        run_import(fresh_store, [path], ImportSettings(finish=False))
        statements.clear()
        fresh_store.db.conn.set_trace_callback(statements.append)
        finish_pending(fresh_store, workers=1)
        fresh_store.db.conn.set_trace_callback(None)
        per_document = [s for s in statements if "FROM candidates WHERE doc_id = ?" in s and "rejected" not in s]
        assert not per_document, per_document[:3]
        assert sum("candidates_due" in s for s in statements) == 2  # list owed; settled with the candidates


def test_stopping_in_the_candidates_stage_keeps_what_is_owed(fresh_store, folder, monkeypatch):
    monkeypatch.setattr(refresh, "CHUNK_DOCUMENTS", 4)  # several chunks, so the stop falls between two
    asked = []

    def stop_once_candidates_start() -> bool:
        return bool(asked) and asked[-1] == CANDIDATES

    result = run_import(fresh_store, [folder], ImportSettings(workers=1),
                        progress=lambda stage, *_: asked.append(stage), should_stop=stop_once_candidates_start)
    assert result.stopped and result.doc_ids
    owed = fresh_store.candidates_due.owed()
    suggested = [d for d in fresh_store.documents.ids() if fresh_store.candidates.for_document(d)]
    assert owed and suggested
    assert sorted(owed + suggested) == sorted(fresh_store.documents.ids())
    assert SEARCH not in asked
    again = run_import(fresh_store, [folder])
    assert again.resumed == len(owed) and fresh_store.check() == []


def test_a_message_quoting_a_huge_field_is_cut_to_a_readable_length(fresh_store, tmp_path):
    text = "工会" * 300_000
    path = write_jsonl(tmp_path / "huge.jsonl", [{"id": "h", "text": text, "entities": [
        {"start": 0, "end": len(text), "label": "ORG", "text": "不" + text[1:]}]}])
    (report,) = run_import(fresh_store, [path], ImportSettings(suggest=False)).failed
    assert report.notes[0].startswith(f"{path}: line 1")
    assert "characters left out" in report.notes[0] and len(report.notes[0]) < 2100


def test_a_compressed_file_that_would_inflate_to_gigabytes_is_refused_before_it_does(fresh_store, tmp_path):
    pytest.importorskip("spacy")
    bomb = tmp_path / "bomb.spacy"
    bomb.write_bytes(zlib.compress(b"\0" * 200_000_000, 9))  # 200 MB from about 200 KB
    assert bomb.stat().st_size < 1_000_000
    (report,) = run_import(fresh_store, [bomb], ImportSettings(suggest=False)).failed
    assert report.notes[0].startswith(f"{bomb}: inflates to more than")


def test_an_unknown_document_label_is_refused_naming_the_file_and_the_document(fresh_store, tmp_path):
    path = write_jsonl(tmp_path / "labels.jsonl", [{"id": "d1", "text": "工会召开会议。", "doc_labels": {"x": "其他"}}])
    (report,) = run_import(fresh_store, [path], ImportSettings(suggest=False)).failed
    assert report.notes[0] == f"{path}: document d1: unknown document label 'x' (the schema has topic)"


def test_a_refusal_that_forgets_the_file_gets_it_in_front(fresh_store, tmp_path, monkeypatch):
    path = write_jsonl(tmp_path / "any.jsonl", [{"id": "d1", "text": "工会召开会议。"}])

    def refuse(self, source):
        raise InputError("something is wrong")

    monkeypatch.setattr(Documents, "import_source", refuse)
    (report,) = run_import(fresh_store, [path], ImportSettings(suggest=False)).failed
    assert report.notes == [f"{path}: something is wrong"]


def test_the_cli_says_how_far_an_import_stopped_by_a_lock_got(folder, tmp_path, capsys, monkeypatch):
    stored = []
    original = importing._Batches.store_source

    def locked_after_the_first(self, source, *, owed):
        if stored:
            raise DatabaseError(f"{tmp_path / 'p.db'}: the database is locked by another program; close it and try again")
        stored.append(source.path)
        return original(self, source, owed=owed)

    monkeypatch.setattr(importing._Batches, "store_source", locked_after_the_first)
    assert main(["import", "--db", str(tmp_path / "p.db"), str(folder)]) == DatabaseError.exit_code
    err = capsys.readouterr().err
    assert "new documents from 1 of 3 files" in err and "(stopped before the other 2)" in err
    assert "locked by another program" in err and "running the same import again finishes it" in err


def test_no_write_transaction_is_open_while_a_file_is_read_and_the_disk_is_synced_once(
    fresh_store, folder, monkeypatch
):
    """Files read wait to be stored together: the app's own writes never wait for a file being read,
    and a small import commits once. A file refused when read keeps its place among the reports."""
    monkeypatch.setattr(importing, "WAITING_SECONDS", 60.0)
    (folder / "broken.jsonl").write_text('{"text": "没有结尾\n', encoding="utf-8")
    open_while_reading: list[bool] = []
    statements: list[str] = []
    fresh_store.db.conn.set_trace_callback(statements.append)

    def note(stage, done, total, what):
        if stage == FILES and done < total:
            open_while_reading.append(fresh_store.db.conn.in_transaction)

    result = run_import(fresh_store, [folder], ImportSettings(suggest=False, finish=False), progress=note)
    fresh_store.db.conn.set_trace_callback(None)
    assert open_while_reading == [False] * 4
    assert [Path(r.file).name for r in result.reports] == sorted(p.name for p in folder.iterdir())
    assert [r.outcome for r in result.reports] == ["imported", "imported", "failed", "imported"]
    assert [s for s in statements if s.startswith(("BEGIN", "COMMIT"))] == ["BEGIN IMMEDIATE", "COMMIT"]
