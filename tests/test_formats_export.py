"""Export options every format shares: filters, splits, progress, the summary, atomic output, the CLI."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from formats_project import build_rich_project, tree

from annotator.cli.main import main
from annotator.errors import InputError, SchemaError, VerificationError
from annotator.project.exporting import export
from annotator.formats import WRITERS
from annotator.formats.registry import ExportOptions
from annotator.formats.splits import parse_splits, split_of


@pytest.fixture
def rich_store(fresh_store):
    build_rich_project(fresh_store)
    return fresh_store


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- filters ---------------------------------------------------------------------------------------


def test_only_done_documents_by_default(rich_store, tmp_path):
    summary = export(rich_store, "jsonl", str(tmp_path / "g.jsonl"))
    assert [r["id"] for r in records(tmp_path / "g.jsonl")] == ["a-1", "a-2"]
    assert summary.documents == 2
    export(rich_store, "jsonl", str(tmp_path / "all.jsonl"), statuses=None)
    assert len(records(tmp_path / "all.jsonl")) == 4


def test_label_filter_keeps_documents_and_drops_relations_that_lose_an_end(rich_store, tmp_path):
    summary = export(rich_store, "jsonl", str(tmp_path / "g.jsonl"), labels=["PER", "ORG"])
    first, second = records(tmp_path / "g.jsonl")
    assert {e["label"] for e in first["entities"]} == {"PER", "ORG"}
    assert [r["label"] for r in first["relations"]] == ["works_at", "part_of"]
    assert second["entities"] == []  # still there: a negative example
    assert "2 relation(s) left out because their head or tail was filtered out" in summary.notes
    assert summary.labels == {"ORG": 3, "PER": 1}


def test_annotator_filter_keeps_their_documents_and_annotations(rich_store, tmp_path):
    export(rich_store, "jsonl", str(tmp_path / "bob.jsonl"), annotators=["bob"])  # done: a-1 only
    (record,) = records(tmp_path / "bob.jsonl")
    assert {e["annotator"] for e in record["entities"]} == {"bob"}
    assert [e["text"] for e in record["entities"]] == ["嘉善县姚庄", "2018年", "该镇总工会"]
    assert record["relations"] == []  # bob's two relations point at alice's entities


def test_document_filter(rich_store, tmp_path):
    export(rich_store, "jsonl", str(tmp_path / "g.jsonl"), statuses=None, doc_ids=["a-3"])
    assert [r["id"] for r in records(tmp_path / "g.jsonl")] == ["a-3"]


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"labels": ["CITY"]}, SchemaError, "--label: 'CITY' is not an entity label of this project"),
    ({"annotators": ["carol"]}, InputError, "--annotator: nobody called 'carol' has worked in this project"),
    ({"doc_ids": ["nope"]}, InputError, "--doc: no document with id 'nope'"),
    ({"options": ExportOptions(splits={"train": 0.8, "dev": 0.1})}, InputError, "the ratios add up to 0.9, not 1"),
])
def test_bad_selections_are_refused(rich_store, tmp_path, kwargs, error, message):
    with pytest.raises(error, match=message):
        export(rich_store, "jsonl", str(tmp_path / "out" / "g.jsonl"), **kwargs)
    assert not (tmp_path / "out").exists()


# --- splits ------------------------------------------------------------------------------------------


def test_split_assignment_depends_only_on_the_id_and_seed():
    splits = {"train": 0.8, "dev": 0.1, "test": 0.1}
    ids = [f"doc-{n:05d}" for n in range(5000)]
    first = {i: split_of(i, splits) for i in ids}
    assert first == {i: split_of(i, dict(splits)) for i in reversed(ids)}
    counts = Counter(first.values())
    assert 3850 < counts["train"] < 4150 and 400 < counts["dev"] < 600 and 400 < counts["test"] < 600
    reseeded = {i: split_of(i, splits, seed="v2") for i in ids}
    assert sum(first[i] != reseeded[i] for i in ids) > 1000
    assert split_of("doc-00042", splits) == first["doc-00042"]  # pinned across runs: no randomness involved


def test_removing_documents_does_not_move_the_others(rich_store, tmp_path):
    options = ExportOptions(splits={"train": 0.5, "test": 0.5})
    everything = export(rich_store, "jsonl", str(tmp_path / "all"), statuses=None, options=options)
    subset = export(rich_store, "jsonl", str(tmp_path / "some"), statuses=None, doc_ids=["a-1", "a-3"], options=options)
    placed = {r["id"]: name for name in everything.splits for r in records(tmp_path / "all" / f"{name}.jsonl")}
    for name in subset.splits:
        for record in records(tmp_path / "some" / f"{name}.jsonl"):
            assert placed[record["id"]] == name


@pytest.mark.parametrize(("value", "message"), [
    ("train=0.8,dev=0.1", "add up to 0.9"),
    ("train=0.8,train=0.2", "'train' is given twice"),
    ("train=abc,dev=1", "the ratio of 'train' is 'abc', not a number"),
    ("train", "'train' is not NAME=RATIO"),
    ("tr ain=1", "is not a usable split name"),
    ("train=0,dev=1", "must be above 0"),
])
def test_bad_split_specifications(value, message):
    with pytest.raises(InputError, match=message):
        parse_splits(value)


def test_split_counts_are_in_the_summary_and_the_schema(rich_store, tmp_path):
    summary = export(rich_store, "doccano", str(tmp_path / "d"), statuses=None,
                     options=ExportOptions(splits={"train": 0.5, "dev": 0.5}, split_seed="x"))
    assert sum(c["documents"] for c in summary.splits.values()) == 4
    info = json.loads((tmp_path / "d" / "schema.json").read_text(encoding="utf-8"))["export"]
    assert info["splits"] == {"train": 0.5, "dev": 0.5} and info["split_seed"] == "x"
    assert info["selection"]["statuses"] == "all"


# --- progress, cancelling, atomic output -------------------------------------------------------------


def test_progress_reports_every_document_up_to_the_total(rich_store, tmp_path):
    seen = []
    export(rich_store, "conll", str(tmp_path / "g.conll"), statuses=None, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 4) and seen[-1] == (4, 4)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_cancelling_from_progress_leaves_nothing_behind(rich_store, tmp_path, fmt):
    class Cancelled(Exception):
        pass

    def progress(done: int, total: int) -> None:
        if done == 2:
            raise Cancelled

    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(Cancelled):
        export(rich_store, fmt, str(folder / "out"), statuses=None, progress=progress)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_span_that_does_not_fit_its_text_stops_the_export_and_keeps_the_old_one(rich_store, tmp_path, fmt):
    out = tmp_path / "out"
    export(rich_store, fmt, str(out), statuses=None)
    before = tree(out)
    rich_store.db.conn.execute("UPDATE entities SET text = '上海' WHERE text = '北京'")
    with pytest.raises(VerificationError, match=r"document a-1, entity \d+ \(LOC\): text\[32:34\] is '北京', "
                                                r"not '上海'; nothing was written"):
        export(rich_store, fmt, str(out), statuses=None)
    assert tree(out) == before
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]


def test_a_folder_of_the_users_own_files_is_not_replaced(rich_store, tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="folder is not empty and was not written by Annotator"):
        export(rich_store, "brat", str(tmp_path / "mine"))
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_stdout_is_for_one_file_text_formats(rich_store, capsys):
    summary = export(rich_store, "doccano", "-")
    out = capsys.readouterr().out
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a-1", "a-2"]
    assert any("no schema file" in note for note in summary.notes)
    for fmt in ("spacy", "brat", "hf"):
        with pytest.raises(InputError, match="give a path with -o, not '-'"):
            export(rich_store, fmt, "-")
    with pytest.raises(InputError, match="with splits writes a folder"):
        export(rich_store, "doccano", "-", options=ExportOptions(splits={"train": 1.0}))


def test_the_schema_travels_with_every_format(rich_store, tmp_path):
    from annotator.label_schema import LabelSchema

    for fmt, out, schema_file in [("jsonl", "g.jsonl", "g.schema.json"), ("prodigy", "p.jsonl", "p.schema.json"),
                                  ("spacy", "s.spacy", "s.schema.json"), ("hf", "hf", "hf/schema.json"),
                                  ("brat", "brat", "brat/schema.json")]:
        summary = export(rich_store, fmt, str(tmp_path / out))
        schema = LabelSchema.load(tmp_path / schema_file)
        assert schema == rich_store.schema.current
        assert str(tmp_path / schema_file) in summary.files
    export(rich_store, "label-studio", str(tmp_path / "ls.json"))
    config = (tmp_path / "ls.label_config.xml").read_text(encoding="utf-8")
    assert '<Label value="PER" background="#e15759" hotkey="1"/>' in config
    assert '<Relation value="works_at"/>' in config and '<Choices name="topic" toName="text"' in config
    conf = (tmp_path / "brat" / "annotation.conf").read_text(encoding="utf-8")
    assert "located_in\tArg1:ORG|LOC, Arg2:LOC" in conf and "<OVERLAP>" in conf


def test_writers_say_which_options_apply(rich_store):
    assert WRITERS["conll"].uses == {"tokens"} and WRITERS["doccano"].uses == {"offsets"}
    assert "include_candidates" in WRITERS["label-studio"].uses
    assert not WRITERS["spacy"].stdout and WRITERS["brat"].folder and WRITERS["jsonl"].stdout


def test_label_studio_writes_pending_candidates_as_predictions(rich_store, tmp_path):
    summary = export(rich_store, "label-studio", str(tmp_path / "t.json"),
                     options=ExportOptions(include_candidates=True))
    tasks = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    (prediction,) = tasks[0]["predictions"]
    assert prediction["model_version"] == "jieba:ns" and prediction["result"][0]["value"]["text"] == "嘉兴市"
    assert summary.candidates == 1
    export(rich_store, "doccano", str(tmp_path / "d.jsonl"), options=ExportOptions(include_candidates=True))


# --- the command line --------------------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_export_with_splits_labels_and_word_tokens(rich_store, tmp_path, capsys):
    db = str(rich_store.path)
    rich_store.close()
    out = tmp_path / "conll"
    code, _, err = run(capsys, "export", "--db", db, "--format", "conll", "--status", "all", "--label", "PER,ORG",
                       "--split", "train=0.5,dev=0.5", "--tokens", "word", "-o", str(out))
    assert code == 0, err
    assert "wrote 4 documents" in err and "  train: " in err and "  dev: " in err
    assert "relation(s) not written: CoNLL has no place for relations" in err
    assert {p.name for p in out.iterdir()} >= {"train.conll", "dev.conll", "schema.json"}
    text = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.conll"))
    assert "张萍 B-PER" in text and "LOC" not in text


def test_cli_export_rejects_bad_options_with_a_message(rich_store, tmp_path, capsys):
    db = str(rich_store.path)
    rich_store.close()
    code, _, err = run(capsys, "export", "--db", db, "--format", "hf", "--split", "train=0.7", "-o", str(tmp_path / "x"))
    assert code == 3 and "--split: the ratios add up to 0.7, not 1" in err
    code, _, err = run(capsys, "export", "--db", db, "--format", "spacy", "-o", "-")
    assert code == 3 and "give a path with -o, not '-'" in err
    code, _, err = run(capsys, "export", "--db", db, "--format", "jsonl", "--annotator", "carol", "-o", "-")
    assert code == 3 and "nobody called 'carol'" in err


def test_cli_import_offsets_option(tmp_path, capsys):
    data = Path(__file__).resolve().parent / "data" / "formats" / "doccano_relation_utf16.jsonl"
    db = str(tmp_path / "p.db")
    code, _, err = run(capsys, "import", "--db", db, "--offsets", "codepoint", str(data))
    assert code == 3 and "as --offsets asked" in err
    code, _, err = run(capsys, "import", "--db", db, str(data))
    assert code == 0 and "note: converted UTF-16 offsets" in err
