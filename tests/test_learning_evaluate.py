"""The measuring tool behind docs/learning.md, on small files of our own (never People's Daily itself)."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.learning import evaluate
from annotator.learning.settings import TrainingSettings

CORPUS = Path(__file__).resolve().parent / "data" / "learning" / "tiny_corpus.jsonl"


def done_records() -> list[dict]:
    return [r for r in map(json.loads, CORPUS.read_text(encoding="utf-8").splitlines()) if r["status"] == "done"]


def bio_file(path: Path) -> Path:
    lines = []
    for record in done_records():
        tags = ["O"] * len(record["text"])
        for entity in record["entities"]:
            tags[entity["start"]] = "B-" + entity["label"]
            for i in range(entity["start"] + 1, entity["end"]):
                tags[i] = "I-" + entity["label"]
        lines += [f"{char} {tag}" for char, tag in zip(record["text"], tags, strict=True)] + [""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_bio_sentences_are_read_with_their_entities(tmp_path: Path):
    sentences = evaluate.read_bio(bio_file(tmp_path / "tiny.bio"))
    assert len(sentences) == 12
    text, spans = sentences[0]
    assert text == "李华在上海市浦东新区的华东科技有限公司工作。"
    assert [(text[s:e], label) for s, e, label in spans] == [
        ("李华", "PER"), ("上海市浦东新区", "LOC"), ("华东科技有限公司", "ORG")]
    # the tune and check halves split the sentences between them, by their text alone
    halves = [evaluate.half_of(t) for t, _ in sentences]
    assert set(halves) <= {"tune", "check"} and halves == [evaluate.half_of(t) for t, _ in sentences]


def test_cross_validation_report_with_both_span_scores(tmp_path: Path, capsys):
    path = bio_file(tmp_path / "tiny.bio")
    assert evaluate.main(["peoples-daily", "--file", str(path), "--folds", "3", "--workers", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["folds"] == 3 and report["documents"] == 12
    assert set(report["labels"]) == {"PER", "LOC", "ORG"} and report["overall"]["gold"] == 35
    assert {"min", "product"} == set(report["calibration"])
    assert evaluate.main(["peoples-daily", "--file", str(path), "--folds", "3", "--workers", "1", "--plain"]) == 0
    printed = capsys.readouterr().out
    assert "plain character CRF" in printed and "reliability of span scores" in printed


def test_seed_rotations_score_every_choice_of_reviewed_pages(tmp_path: Path, capsys):
    gold = tmp_path / "gold.jsonl"
    with gold.open("w", encoding="utf-8") as out:
        for number, record in enumerate(done_records()):
            record["meta"] = {"source": f"seeds/page{number % 4}.txt", "split": "dev"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    assert evaluate.main(["seeds", "--gold", str(gold), "--workers", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["rotations"]) == 4  # three of four pages, every way
    for row in report["rotations"]:
        assert len(row["reviewed"]) == 3 and len(row["evaluated"]) == 1
        base, with_model = row["rules and gazetteer"]["overall"], row["with the model"]["overall"]
        assert row["recall gain"] == round(with_model["recall"] - base["recall"], 4)
        assert with_model["gold"] == base["gold"] > 0


def test_seed_rotations_list_the_missed_entities_when_asked(tmp_path: Path, capsys):
    gold = tmp_path / "gold.jsonl"
    with gold.open("w", encoding="utf-8") as out:
        for number, record in enumerate(done_records()):
            record["meta"] = {"source": f"seeds/page{number % 4}.txt", "split": "dev"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    found = evaluate.seeds(gold, TrainingSettings(), in_process=True, verbose=True)
    for row in found["rotations"]:
        overall = row["with the model"]["overall"]
        right = round(overall["recall"] * overall["gold"])
        assert len(row["missed"]) == overall["gold"] - right
        assert all(set(miss) == {"paragraph", "text", "label", "rules and gazetteer found it"} for miss in row["missed"])


def test_tune_pages_read_only_the_tune_split_and_score_each_fold(tmp_path: Path, capsys):
    gold = tmp_path / "pages.jsonl"
    with gold.open("w", encoding="utf-8") as out:
        for number, record in enumerate(done_records()):
            split = "test" if number == 0 else "tune"
            record["meta"] = {"source": f"pages/{split}/p{number % 5}.txt", "split": split}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    paragraphs = evaluate.tune_page_paragraphs(gold)
    assert len(paragraphs) == len(done_records()) - 1 and all("/tune/" in p.page for p in paragraphs)
    assert evaluate.main(["tune-pages", "--gold", str(gold), "--workers", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    base, with_model = report["rules and gazetteer"]["overall"], report["with the model"]["overall"]
    assert base["gold"] == with_model["gold"] == sum(len(p.spans) for p in paragraphs)
    assert report["recall gain"] == round(with_model["recall"] - base["recall"], 4)
