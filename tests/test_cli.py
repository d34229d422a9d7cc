"""The command line, run in-process (fast) and as a real subprocess (what users and scripts do)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import __version__
from annotator.cli.main import build_parser, main
from annotator.store import Store


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


GOLD = {
    "id": "g1",
    "title": "示例",
    "text": "张萍是姚庄镇总工会专职副主席。",
    "status": "done",
    "entities": [
        {"id": "T1", "start": 0, "end": 2, "label": "PER", "text": "张萍"},
        {"id": "T2", "start": 3, "end": 9, "label": "ORG", "text": "姚庄镇总工会"},
    ],
    "relations": [{"id": "R1", "label": "works_at", "head": "T1", "tail": "T2"}],
}


# --- every command answers --help and --version ---------------------------------------------


def test_version(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"annotator {__version__}"


def test_every_command_has_help(capsys):
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # the registered subcommands
    assert {"gui", "import", "export", "stats", "check"} <= set(commands)
    for command in commands:
        with pytest.raises(SystemExit) as exited:
            main([command, "--help"])
        assert exited.value.code == 0
        assert f"usage: annotator {command}" in capsys.readouterr().out


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["frobnicate"])
    assert exited.value.code == 2


# --- import, stats, export, check ---------------------------------------------------------------


def test_import_stats_export_check(capsys, tmp_path, seed_copy):
    db = str(tmp_path / "p.db")
    code, _, err = run(capsys, "import", "--db", db, "--annotator", "ann", str(seed_copy))
    assert code == 0, err
    assert "new documents from 5 of 5 files" in err

    code, out, _ = run(capsys, "stats", "--db", db, "--json")
    stats = json.loads(out)
    assert code == 0
    documents = stats["documents"]["total"]
    assert documents >= 5
    assert stats["documents"]["todo"] == documents

    code, _, err = run(capsys, "import", "--db", db, str(seed_copy / "000_d55bd91ce48279e9.txt"))
    assert code == 0 and "unchanged, already imported" in err
    _, out, _ = run(capsys, "stats", "--db", db, "--json")
    assert json.loads(out)["documents"]["total"] == documents

    code, out, _ = run(capsys, "export", "--db", db, "--format", "jsonl", "--status", "all", "-o", "-")
    lines = out.splitlines()
    assert code == 0 and len(lines) == documents
    assert {json.loads(line)["status"] for line in lines} == {"todo"}

    code, out, err = run(capsys, "export", "--db", db, "--format", "jsonl", "-o", "-")
    assert code == 0 and out == "" and "wrote 0 documents" in err

    code, out, err = run(capsys, "check", "--db", db)
    assert code == 0 and "no problems found" in err


def test_stats_table_for_people(capsys, tmp_path):
    db = str(tmp_path / "p.db")
    run(capsys, "import", "--db", db, "--annotator", "ann", str(write_jsonl(tmp_path / "g.jsonl", GOLD)))
    code, out, _ = run(capsys, "stats", "--db", db)
    assert code == 0
    assert "Documents: 1 (todo 0, in progress 0, done 1, skipped 0)" in out
    assert "Entities: 2 (ORG 1, PER 1)" in out
    assert "Relations: 1 (works_at 1)" in out


def test_export_to_a_file_and_import_into_another_project(capsys, tmp_path):
    first, second = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    run(capsys, "import", "--db", first, str(write_jsonl(tmp_path / "g.jsonl", GOLD)))
    out = tmp_path / "out" / "gold.jsonl"
    code, _, err = run(capsys, "export", "--db", first, "--format", "jsonl", "-o", str(out))
    assert code == 0 and "wrote 1 documents, 2 entities, 1 relations" in err
    code, _, _ = run(capsys, "import", "--db", second, str(out))
    assert code == 0
    again = tmp_path / "again.jsonl"
    run(capsys, "export", "--db", second, "--format", "jsonl", "-o", str(again))
    assert again.read_bytes() == out.read_bytes()


def test_check_reports_problems_with_exit_code_7(capsys, tmp_path):
    db = tmp_path / "p.db"
    run(capsys, "import", "--db", str(db), str(write_jsonl(tmp_path / "g.jsonl", GOLD)))
    conn = sqlite3.connect(db)
    conn.execute("UPDATE entities SET text = '李四' WHERE text = '张萍'")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "check", "--db", str(db))
    assert code == 7
    assert "document g1, entity" in out and "does not match the text at 0-2" in out


# --- bad input: one line naming the thing, a meaningful exit code -----------------------------


def test_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "import", "--db", str(tmp_path / "p.db"), str(tmp_path / "nope.txt"))
    assert code == 3
    assert err.strip() == f"annotator: error: {tmp_path / 'nope.txt'}: no such file or folder"


def test_folder_without_text(capsys, tmp_path):
    empty = tmp_path / "pictures"
    empty.mkdir()
    (empty / "photo.png").write_bytes(b"\x89PNG")
    code, _, err = run(capsys, "import", "--db", str(tmp_path / "p.db"), str(empty))
    assert code == 3
    assert f"{empty}: the folder holds no files Annotator can import" in err


def test_not_a_database(capsys, tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("just some notes\n" * 200, encoding="utf-8")
    code, _, err = run(capsys, "stats", "--db", str(bogus))
    assert code == 4
    assert err.strip() == f"annotator: error: {bogus}: not an SQLite database (the file is damaged or is some other kind of file)"


def test_locked_database(capsys, tmp_path, monkeypatch):
    db = tmp_path / "p.db"
    Store(db).close()
    monkeypatch.setenv("ANNOTATOR_BUSY_TIMEOUT_MS", "50")
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        code, _, err = run(capsys, "import", "--db", str(db), str(write_jsonl(tmp_path / "g.jsonl", GOLD)))
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert code == 4
    assert "locked by another program" in err


def test_unknown_label_names_the_document_and_imports_nothing(capsys, tmp_path):
    db = tmp_path / "p.db"
    record = dict(GOLD, entities=[{"start": 0, "end": 2, "label": "PERSON", "text": "张萍"}], relations=[])
    path = write_jsonl(tmp_path / "bad.jsonl", {"id": "ok", "text": "没问题。"}, record)
    code, _, err = run(capsys, "import", "--db", str(db), str(path))
    assert code == 3
    assert f"error: {path}: document g1, entity 1 ('张萍'): label 'PERSON' is not in the project's schema" in err
    assert "1 of 1 files were not imported" in err
    with Store(db) as store:
        assert store.documents.count() == 0


def test_one_bad_file_does_not_stop_the_others(capsys, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", GOLD)
    (folder / "b.jsonl").write_text("{broken\n", encoding="utf-8")
    db = tmp_path / "p.db"
    code, _, err = run(capsys, "import", "--db", str(db), str(folder))
    assert code == 3
    assert "b.jsonl: line 1 is not valid JSON" in err
    with Store(db) as store:
        assert store.documents.ids() == ["g1"]


def test_bad_status_filter(capsys, tmp_path):
    code, _, err = run(capsys, "export", "--db", str(tmp_path / "p.db"), "--format", "jsonl", "--status",
                       "finished", "-o", "-")
    assert code == 3
    assert "--status: 'finished' is not one of todo, in_progress, done, skipped or all" in err


# --- as a real subprocess ------------------------------------------------------------------------


def subprocess_env(home: Path) -> dict[str, str]:
    env = dict(os.environ, ANNOTATOR_HOME=str(home), PYTHONIOENCODING="utf-8")
    return env


def test_python_dash_m_annotator_as_a_subprocess(tmp_path, annotator_home):
    db = tmp_path / "p.db"
    gold = write_jsonl(tmp_path / "g.jsonl", GOLD)
    env = subprocess_env(annotator_home)
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "import", "--db", str(db), str(gold)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    exported = subprocess.run(
        [sys.executable, "-m", "annotator", "export", "--db", str(db), "--format", "jsonl", "-o", "-", "-q"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )
    assert exported.returncode == 0, exported.stderr
    assert exported.stderr == ""
    record = json.loads(exported.stdout)
    assert [e["text"] for e in record["entities"]] == ["张萍", "姚庄镇总工会"]

    missing = subprocess.run(
        [sys.executable, "-m", "annotator", "import", "--db", str(db), str(tmp_path / "nope")],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )
    assert missing.returncode == 3
    assert missing.stderr.strip() == f"annotator: error: {tmp_path / 'nope'}: no such file or folder"


def test_the_console_script_is_installed(annotator_home):
    script = Path(sys.executable).with_name("annotator")
    if sys.platform == "win32":
        script = script.with_suffix(".exe")
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True,
                          env=subprocess_env(annotator_home), timeout=60)
    assert done.returncode == 0
    assert done.stdout.strip() == f"annotator {__version__}"


def test_app_options_without_a_command_open_the_app(monkeypatch, tmp_path):
    opened = {}

    def fake_run_app(db_path=None, annotator=None):
        opened.update(db_path=db_path, annotator=annotator)
        return 0

    monkeypatch.setattr("annotator.ui.app.run_app", fake_run_app)
    assert main(["--db", str(tmp_path / "p.db"), "--annotator", "王芳"]) == 0
    assert opened == {"db_path": tmp_path / "p.db", "annotator": "王芳"}
    opened.clear()
    assert main([]) == 0
    assert opened == {"db_path": None, "annotator": None}
