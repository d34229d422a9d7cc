"""annotator suggest: JSON lines for raw text, in-process and as a subprocess."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from annotator.cli.main import main
from annotator.store import Store
from candidates_helpers import add_documents

TEXT = "本报讯（记者张建华）鞍钢集团工会主席王建国说，2019年发放8500元。"


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_suggest_prints_one_json_object_per_candidate(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["suggest", str(path)]) == 0
    records = lines(capsys.readouterr().out)
    assert records and all(set(r) == {"start", "end", "label", "text", "source", "score"} for r in records)
    assert all(TEXT[r["start"] : r["end"]] == r["text"] for r in records)
    assert {(r["text"], r["label"]) for r in records} >= {
        ("张建华", "PER"), ("工会主席", "TITLE"), ("王建国", "PER"), ("2019年", "DATE"), ("8500元", "MONEY")
    }


def test_suggest_reads_standard_input_and_keeps_offsets_of_the_text_as_given(monkeypatch, capsys):
    text = "\ufeffNote 😀：" + TEXT
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))
    assert main(["suggest", "-"]) == 0
    records = lines(capsys.readouterr().out)
    given = text[1:]  # the byte order mark is not part of the text
    assert records and all(given[r["start"] : r["end"]] == r["text"] for r in records)


def test_suggest_with_a_project_uses_its_gazetteer_and_min_score(tmp_path, capsys):
    db = tmp_path / "project.db"
    with Store(db, annotator="tester") as store:
        add_documents(store, {"a": "鞍钢集团召开职代会。"})
        store.annotations.add_entity("a", 0, 4, "ORG")
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["suggest", str(path)]) == 0
    # the rules know 鞍钢 by name; without the project nothing comes from a gazetteer
    assert not any("gazetteer" in r["source"] for r in lines(capsys.readouterr().out))
    assert main(["suggest", "--db", str(db), str(path)]) == 0
    records = {r["text"]: r for r in lines(capsys.readouterr().out)}
    assert records["鞍钢集团"]["label"] == "ORG" and "gazetteer" in records["鞍钢集团"]["source"]
    assert main(["suggest", "--db", str(db), "--min-score", "0.9", str(path)]) == 0
    assert all(r["score"] >= 0.9 for r in lines(capsys.readouterr().out))


def test_suggest_with_a_project_schema_suggests_only_its_labels(tmp_path, capsys):
    from annotator.label_schema import default_schema

    db = tmp_path / "people.db"
    schema = default_schema()
    for label in ("ORG", "LOC", "TITLE", "DATE", "MONEY", "WORK"):
        schema = schema.without_entity(label)
    Store(db, schema=schema).close()
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["suggest", "--db", str(db), str(path)]) == 0
    assert {r["label"] for r in lines(capsys.readouterr().out)} == {"PER"}


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["suggest", "missing.txt"], 3, "missing.txt: no such file"),
        (["suggest", "."], 3, ".: is a folder, not a file"),
        (["suggest", "--db", "missing.db", "-"], 6, "missing.db: no such project database"),
        (["suggest", "--min-score", "2", "-"], 3, "--min-score must be between 0 and 1"),
    ],
)
def test_suggest_errors_are_clear(tmp_path, monkeypatch, capsys, argv, code, message):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))
    assert main(argv) == code
    assert message in capsys.readouterr().err


def test_suggest_refuses_text_that_is_not_utf8(tmp_path, capsys):
    path = tmp_path / "latin.txt"
    path.write_bytes("Café 工会".encode("gb18030"))
    assert main(["suggest", str(path)]) == 3
    assert f"{path}: not UTF-8 text" in capsys.readouterr().err


def test_suggest_as_a_subprocess(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "suggest", "-"],
        input=TEXT.encode("utf-8"),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    records = lines(result.stdout.decode("utf-8"))
    assert ("王建国", "PER") in {(r["text"], r["label"]) for r in records}
