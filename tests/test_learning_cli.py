"""annotator train and annotator suggest --db with the project's model."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.project.importing import import_paths
from annotator.store import Store

CORPUS = Path(__file__).resolve().parent / "data" / "learning" / "tiny_corpus.jsonl"
UNSEEN = "赵敏在厦门市的鹭岛电子有限公司工作，她毕业于天津大学。"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def project_db(tmp_path: Path) -> Path:
    path = tmp_path / "project.db"
    with Store(path, annotator="tester") as store:
        import_paths(store, [CORPUS], format="jsonl")
    return path


def test_train_json_reports_cross_validation_per_label_and_stores_the_model(capsys, project_db: Path):
    code, out, err = run(capsys, "train", "--db", str(project_db), "--json", "--workers", "1")
    assert code == 0, err
    report = json.loads(out)
    assert report["model"]["version"] == 1
    assert (report["documents"], report["entities"]) == (12, 35)
    assert set(report["cross_validation"]["labels"]) == {"PER", "ORG", "LOC"}
    for figures in [report["cross_validation"]["overall"], *report["cross_validation"]["labels"].values()]:
        assert {"precision", "recall", "f1", "gold", "predicted"} <= set(figures)
    assert report["cross_validation"]["folds"] == 5
    assert len(report["learning_curve"]) == 3 and report["refreshed"]["documents"] == 4
    assert set(report["timings"]) >= {"features", "training", "refresh"}
    assert "Model version 1" in err and "cross-validation" in err
    with Store(project_db) as store:
        assert store.models.current().sha256 == report["model"]["sha256"]


def test_train_prints_a_table(capsys, project_db: Path):
    code, out, _err = run(capsys, "train", "--db", str(project_db), "--workers", "1")
    assert code == 0
    assert "5-fold cross-validation" in out
    for label in ("PER", "ORG", "LOC", "all"):
        assert f"\n  {label}" in out


def test_suggest_with_db_uses_the_projects_model(capsys, monkeypatch, project_db: Path):
    run(capsys, "train", "--db", str(project_db), "--workers", "1", "--quiet")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(UNSEEN.encode("utf-8"))))
    code, out, err = run(capsys, "suggest", "--db", str(project_db))
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert any("model" in row["source"].split("+") and row["text"] == "赵敏" for row in rows)
    for row in rows:
        assert UNSEEN[row["start"]:row["end"]] == row["text"]
    # without --db: the bundled rules, no model
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(UNSEEN.encode("utf-8"))))
    code, out, _err = run(capsys, "suggest")
    assert code == 0 and all("model" not in json.loads(line)["source"] for line in out.splitlines())


def test_suggest_with_a_damaged_model_says_so_and_keeps_suggesting(capsys, monkeypatch, project_db: Path):
    run(capsys, "train", "--db", str(project_db), "--workers", "1", "--quiet")
    with Store(project_db) as store:
        store.db.conn.execute("UPDATE models SET data = substr(data, 1, 100)")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(UNSEEN.encode("utf-8"))))
    code, out, err = run(capsys, "suggest", "--db", str(project_db))
    assert code == 0
    assert "note:" in err and "damaged" in err and "annotator train" in err
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all("model" not in row["source"] for row in rows)


def test_train_with_too_little_data_exits_3_saying_how_much_more(capsys, tmp_path: Path):
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[:2]
    few = tmp_path / "few.jsonl"
    few.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = tmp_path / "few.db"
    with Store(path, annotator="tester") as store:
        import_paths(store, [few], format="jsonl")
    code, out, err = run(capsys, "train", "--db", str(path))
    assert code == 3 and out == ""
    assert "not enough reviewed data" in err and "Mark 3 more reviewed documents as done" in err


def test_train_without_a_project_exits_6(capsys, tmp_path: Path):
    code, _out, err = run(capsys, "train", "--db", str(tmp_path / "missing.db"))
    assert code == 6 and "no such project database" in err
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.slow
def test_train_as_a_real_subprocess(tmp_path: Path):
    """The command users run: worker processes, exit code, JSON on stdout."""
    path = tmp_path / "project.db"
    with Store(path, annotator="tester") as store:
        import_paths(store, [CORPUS], format="jsonl")
    copy = tmp_path / "copy.db"
    shutil.copy(path, copy)
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "train", "--db", str(copy), "--json", "--quiet"],
        capture_output=True, text=True, encoding="utf-8", timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["processes"] >= 1 and report["cross_validation"]["folds"] == 5
