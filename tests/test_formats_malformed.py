"""Malformed imports: a clear error naming the document and the field, and nothing imported from that file.

Every file holds a good document before the bad one, so "nothing imported"
really means the whole file was refused, not just the broken record.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.project.importing import import_paths

GOOD = {"id": "good", "text": "这一篇没有问题。"}
TEXT = "张萍在北京。"


def jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def doccano(**entity) -> dict:
    return {"id": "bad", "text": TEXT, "entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 2,
                                                     **entity}], "relations": []}


def label_studio(tmp_path: Path, value: dict, drop: str | None = None, relation_to: str | None = None) -> Path:
    value = {"start": 0, "end": 2, "text": "张萍", "labels": ["PER"], **value}
    if drop:
        del value[drop]
    result = [{"id": "r1", "from_name": "label", "to_name": "text", "type": "labels", "value": value}]
    if relation_to:
        result.append({"type": "relation", "from_id": "r1", "to_id": relation_to, "labels": ["works_at"]})
    tasks = [{"data": {"text": GOOD["text"], "doc_id": "good"}, "annotations": []},
             {"data": {"text": TEXT, "doc_id": "bad"}, "annotations": [{"result": result}]}]
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def prodigy(**span) -> dict:
    return {"text": TEXT, "meta": {"id": "bad"}, "answer": "accept",
            "spans": [{"start": 0, "end": 2, "token_start": 0, "token_end": 1, "label": "PER", **span}]}


def brat(tmp_path: Path, line: str) -> Path:
    (tmp_path / "bad.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "bad.ann"
    path.write_text(line + "\n", encoding="utf-8")
    return path


def hf(**entity) -> dict:
    return {"id": "bad", "title": "", "text": TEXT, "tokens": list(TEXT), "ner_tags": [0] * len(TEXT),
            "entities": [{"id": "T1", "start": 0, "end": 2, "label": "PER", "text": "张萍", **entity}],
            "relations": []}


CASES = {
    # format: {case: (file maker, expected words in the error)}
    "doccano": {
        "missing field": (lambda p: jsonl(p / "d.jsonl", GOOD, doccano(label=None)),
                          "line 2 (document bad): entities[0]: missing field 'label'"),
        "offsets out of range": (lambda p: jsonl(p / "d.jsonl", GOOD, doccano(end_offset=40)),
                                 "(document bad): entities[0]: offsets 0-40 are outside the text (length 6)"),
        "unknown label": (lambda p: jsonl(p / "d.jsonl", GOOD, doccano(label="CITY")),
                          "document bad, entity 1 ('张萍'): label 'CITY' is not in the project's schema"),
        "relation to nothing": (lambda p: jsonl(p / "d.jsonl", GOOD, dict(doccano(), relations=[
            {"id": 1, "from_id": 1, "to_id": 9, "type": "works_at"}])),
            "(document bad): relations[0]: 'to_id' is 9, which is not an entity of this document"),
    },
    "label-studio": {
        "missing field": (lambda p: label_studio(p, {}, drop="end"),
                          "task 2 (document bad): annotations[0]: result[0]: value: missing field 'end'"),
        "offsets out of range": (lambda p: label_studio(p, {"end": 40, "text": None}),
                                 "task 2 (document bad): annotations[0]: result[0]: value: offsets 0-40 are "
                                 "outside the text (length 6)"),
        "text mismatch": (lambda p: label_studio(p, {"text": "北京"}),
                          "(document bad): annotations[0]: result[0]: value: text[0:2] is '张萍', not '北京'"),
        "unknown label": (lambda p: label_studio(p, {"labels": ["CITY"]}),
                          "document bad, entity 1 ('张萍'): label 'CITY' is not in the project's schema"),
        "relation to nothing": (lambda p: label_studio(p, {}, relation_to="nowhere"),
                                "task 2 (document bad): annotations[0]: result[1]: 'to_id' is 'nowhere', which is "
                                "not a region of this annotation"),
    },
    "prodigy": {
        "missing field": (lambda p: jsonl(p / "p.jsonl", dict(GOOD, meta={"id": "good"}), prodigy(label=None)),
                          "line 2 (document bad): spans[0]: missing field 'label'"),
        "offsets out of range": (lambda p: jsonl(p / "p.jsonl", prodigy(end=40)),
                                 "line 1 (document bad): spans[0]: offsets 0-40 are outside the text (length 6)"),
        "text mismatch": (lambda p: jsonl(p / "p.jsonl", prodigy(text="北京")),
                          "(document bad): spans[0]: text[0:2] is '张萍', not '北京'"),
        "unknown label": (lambda p: jsonl(p / "p.jsonl", prodigy(label="CITY")),
                          "document bad, entity 1 ('张萍'): label 'CITY' is not in the project's schema"),
        "relation to nothing": (lambda p: jsonl(p / "p.jsonl", dict(prodigy(), relations=[{
            "head": 1, "child": 4, "label": "works_at",
            "head_span": {"start": 0, "end": 2, "token_start": 0, "token_end": 1, "label": "PER"},
            "child_span": {"start": 3, "end": 5, "token_start": 3, "token_end": 4, "label": "ORG"}}])),
            "(document bad): relations[0]: child_span: ORG 3-5 is not among the task's spans"),
    },
    "brat": {
        "missing field": (lambda p: brat(p, "T1\tPER\t张萍"),
                          "bad.ann: line 1 (document bad): a text-bound line is"),
        "offsets out of range": (lambda p: brat(p, "T1\tPER 0 40\t张萍"),
                                 "line 1 (document bad): offsets 0-40 are outside the text (length 6)"),
        "text mismatch": (lambda p: brat(p, "T1\tPER 0 2\t北京"),
                          "line 1 (document bad): the text at 0 2 is '张萍', not '北京'"),
        "unknown label": (lambda p: brat(p, "T1\tCITY 0 2\t张萍"),
                          "document bad, entity 1 ('张萍'): label 'CITY' is not in the project's schema"),
        "relation to nothing": (lambda p: brat(p, "T1\tPER 0 2\t张萍\nR1\tworks_at Arg1:T1 Arg2:T7"),
                                "line 2 (document bad): Arg2 is 'T7', which is not a text-bound annotation"),
        "relation breaking the schema": (lambda p: brat(p, "T1\tPER 0 2\t张萍\nT2\tLOC 3 5\t北京\n"
                                                           "R1\tworks_at Arg1:T1 Arg2:T2"),
                                         "document bad, relation 1 (works_at): relation 'works_at' goes from PER "
                                         "to ORG, not from PER to LOC"),
    },
    "conll": {
        "missing field": (lambda p: _write(p / "c.conll", "-DOCSTART- -X- good O\n\n好 O\n\n-DOCSTART- -X- bad O\n\n"
                                                         "张\n萍 I-PER\n"), "c.conll: line 7: expected a token and its tag"),
        "bad tag": (lambda p: _write(p / "c.conll", "张 X-PER\n萍 O\n"), "c.conll: line 1: 'X-PER' is not a tag"),
        "unknown label": (lambda p: _write(p / "c.conll", "-DOCSTART- -X- good O\n\n好 O\n\n-DOCSTART- -X- bad O\n\n"
                                                         "张 B-CITY\n萍 I-CITY\n"),
                          "document bad, entity 1 ('张萍'): label 'CITY' is not in the project's schema"),
    },
    "hf": {
        "missing field": (lambda p: jsonl(p / "train.jsonl", hf(start=None)),
                          "line 1 (document bad): entities[0]: missing field 'start'"),
        "offsets out of range": (lambda p: jsonl(p / "train.jsonl", hf(end=40)),
                                 "line 1 (document bad): entities[0]: offsets 0-40 are outside the text"),
        "text mismatch": (lambda p: jsonl(p / "train.jsonl", hf(text="北京")),
                          "(document bad): entities[0]: text[0:2] is '张萍', not '北京'"),
        "unknown label": (lambda p: jsonl(p / "train.jsonl", hf(label="CITY")),
                          "document bad, entity 1 ('张萍'): label 'CITY' is not in the project's schema"),
        "tags and tokens differ": (lambda p: jsonl(p / "train.jsonl", {"id": "bad", "tokens": ["张", "萍"],
                                                                          "ner_tags": ["B-PER"]}),
                                   "line 1: 'tokens' has 2 items but 'ner_tags' has 1"),
    },
}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("fmt", "case"), [(f, c) for f, cases in CASES.items() for c in cases])
def test_a_malformed_file_names_document_and_field_and_imports_nothing(fresh_store, tmp_path, fmt, case):
    make, expected = CASES[fmt][case]
    path = make(tmp_path)
    (report,) = import_paths(fresh_store, [path], format=fmt)
    assert report.outcome == "failed"
    assert str(path) in report.notes[0]
    assert expected in report.notes[0]
    assert fresh_store.documents.count() == 0


def test_a_damaged_spacy_file(fresh_store, tmp_path):
    path = tmp_path / "broken.spacy"
    path.write_bytes(b"\x00not msgpack at all")
    (report,) = import_paths(fresh_store, [path])
    assert report.outcome == "failed" and f"{path}: not a spaCy DocBin" in report.notes[0]


def test_spacy_relations_must_point_at_spans(fresh_store, tmp_path):
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("zh")
    doc = nlp.make_doc(TEXT)
    doc.spans["sc"] = [doc.char_span(0, 2, label="PER")]
    doc.user_data["annotator"] = {"id": "bad", "relations": [[0, 3, "works_at"]]}
    path = tmp_path / "bad.spacy"
    DocBin(docs=[doc], store_user_data=True).to_disk(path)
    (report,) = import_paths(fresh_store, [path])
    assert report.outcome == "failed"
    assert "doc 0 (document bad): user_data relations[0]: the tail 3 is not a span of doc.spans['sc']" in report.notes[0]
    assert fresh_store.documents.count() == 0


def test_a_brat_annotation_without_its_text(fresh_store, tmp_path):
    path = tmp_path / "lonely.ann"
    path.write_text("T1\tPER 0 2\t张萍\n", encoding="utf-8")
    (report,) = import_paths(fresh_store, [path])
    assert report.outcome == "failed" and "the text file lonely.txt it annotates is missing" in report.notes[0]


def test_a_schema_file_given_as_data_says_what_it_is(fresh_store, tmp_path):
    from annotator.project.exporting import export

    export(fresh_store, "label-studio", str(tmp_path / "tasks.json"), statuses=None)
    (report,) = import_paths(fresh_store, [tmp_path / "tasks.schema.json"])
    assert report.outcome == "failed" and "this is a label schema written beside an export" in report.notes[0]
