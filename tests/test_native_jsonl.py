"""The native JSONL format: export, import into a new project, export again gives identical output."""

from __future__ import annotations

import json

import pytest

from annotator.errors import InputError, SchemaError, VerificationError
from annotator.project.exporting import export
from annotator.formats.registry import ExportOptions
from annotator.project.importing import import_paths
from annotator.model import Status
from annotator.store import Store

TEXT = "浙江省嘉兴市嘉善县姚庄镇总工会专职副主席张萍告诉记者，𠮷野家😀在北京。"


def annotated_project(store: Store) -> None:
    from annotator.model import AnnotatedDocument, Candidate, Document, Piece, Provenance, SourceFile

    doc = Document(
        id="page-1",
        text=TEXT,
        title="“工会专家团”，给力！",
        kind="news",
        meta={"byline": {"reporters": ["邹倜然"]}},
        provenance=Provenance("000.txt", "abc", "utf-8", [Piece(0, len(TEXT), "000.txt", 10, 10 + len(TEXT))]),
    )
    source = SourceFile(path="000.txt", name="000.txt", sha256="abc", size=1, format="text")
    source.documents.append(AnnotatedDocument(doc))
    second = Document(id="page-2", text="第二篇文章没有标注。", title="二")
    source.documents.append(AnnotatedDocument(second))
    store.documents.import_source(source)
    person = store.annotations.add_entity("page-1", 20, 22, "PER")
    org = store.annotations.add_entity("page-1", 9, 15, "ORG")
    store.annotations.add_entity("page-1", 0, 15, "ORG")  # nested: the union contains the town union
    store.annotations.add_entity("page-1", 32, 34, "LOC")  # after two non-BMP characters
    title = store.annotations.add_entity("page-1", 15, 20, "TITLE")
    store.annotations.add_relation(person.id, org.id, "works_at")
    store.annotations.add_relation(person.id, title.id, "has_title")
    store.annotations.set_doc_label("page-1", "topic", "工会建设")
    store.annotations.add_time("page-1", 42.0)
    store.candidates.replace({"page-1": [Candidate("page-1", 3, 6, "LOC", "嘉兴市", "jieba:ns", 0.7)]})
    store.documents.set_status("page-1", Status.DONE)


def test_export_writes_the_documented_shape(fresh_store, tmp_path):
    annotated_project(fresh_store)
    out = tmp_path / "gold.jsonl"
    summary = export(fresh_store, "jsonl", str(out))
    assert (summary.documents, summary.entities, summary.relations) == (1, 5, 2)
    (line,) = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert list(record)[:8] == ["id", "title", "text", "status", "kind", "source", "entities", "relations"]
    assert record["status"] == "done"
    assert record["source"]["pieces"] == [{"start": 0, "end": 35, "file": "000.txt", "src_start": 10, "src_end": 45}]
    assert [(e["id"], e["start"], e["end"], e["label"], e["text"]) for e in record["entities"]] == [
        ("T1", 0, 15, "ORG", "浙江省嘉兴市嘉善县姚庄镇总工会"),
        ("T2", 9, 15, "ORG", "姚庄镇总工会"),
        ("T3", 15, 20, "TITLE", "专职副主席"),
        ("T4", 20, 22, "PER", "张萍"),
        ("T5", 32, 34, "LOC", "北京"),
    ]
    for entity in record["entities"]:
        assert record["text"][entity["start"] : entity["end"]] == entity["text"]
    assert record["relations"] == [
        {"id": "R1", "label": "works_at", "head": "T4", "tail": "T2", "annotator": "tester"},
        {"id": "R2", "label": "has_title", "head": "T4", "tail": "T3", "annotator": "tester"},
    ]
    assert "candidates" not in record
    assert record["doc_labels"] == {"topic": "工会建设"}


def test_round_trip_through_a_new_project_is_identical(fresh_store, tmp_path):
    annotated_project(fresh_store)
    first = tmp_path / "first.jsonl"
    export(fresh_store, "jsonl", str(first), statuses=None, options=ExportOptions(include_candidates=True))
    with Store(tmp_path / "second.db", annotator="someone-else") as second:
        (report,) = import_paths(second, [first])
        assert (report.outcome, report.documents, report.entities, report.relations) == ("imported", 2, 5, 2)
        again = tmp_path / "again.jsonl"
        export(second, "jsonl", str(again), statuses=None, options=ExportOptions(include_candidates=True))
    assert again.read_bytes() == first.read_bytes()


def test_export_refuses_to_write_anything_when_a_span_is_wrong(fresh_store, tmp_path):
    annotated_project(fresh_store)
    fresh_store.db.conn.execute("UPDATE entities SET text = '上海' WHERE text = '北京'")
    out = tmp_path / "gold.jsonl"
    out.write_text("previous export\n", encoding="utf-8")
    with pytest.raises(VerificationError, match="document page-1, entity .* nothing was written"):
        export(fresh_store, "jsonl", str(out))
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.parametrize(
    ("record", "error", "message"),
    [
        ({"id": "a"}, InputError, "line 2: missing field 'text'"),
        ({"id": "a", "text": ""}, InputError, "'text' is empty"),
        ({"id": "a", "text": "北京", "status": "finished"}, InputError, "'status' is 'finished'"),
        ({"id": "a", "text": "北京", "entities": [{"start": 0, "end": 9, "label": "LOC"}]}, InputError,
         r"document a\): entities\[0\]: offsets 0-9 are outside the text"),
        ({"id": "a", "text": "北京", "entities": [{"start": 0, "end": 2, "label": "LOC", "text": "上海"}]},
         InputError, r"entities\[0\]: text\[0:2\] is '北京', not '上海'"),
        ({"id": "a", "text": "北京", "entities": [{"start": "0", "end": 2, "label": "LOC"}]}, InputError,
         r"entities\[0\]: 'start' must be int, not str"),
        ({"id": "a", "text": "北京", "entities": [{"start": 0, "end": 2, "label": "CITY"}]}, SchemaError,
         r"document a, entity 1 \('北京'\): label 'CITY' is not in the project's schema"),
        ({"id": "a", "text": "张三在北京", "entities": [{"id": "T1", "start": 0, "end": 2, "label": "PER"}],
          "relations": [{"label": "works_at", "head": "T1", "tail": "T9"}]}, InputError,
         r"relations\[0\]: 'tail' is 'T9', which is not an entity of this document"),
    ],
)
def test_malformed_records_name_the_line_and_field_and_import_nothing(fresh_store, tmp_path, record, error, message):
    path = tmp_path / "bad.jsonl"
    good = {"id": "fine", "text": "这一行没有问题。"}
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n" + json.dumps(record, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    (report,) = import_paths(fresh_store, [path])
    assert report.outcome == "failed"
    with pytest.raises(error, match=message):
        raise error(report.notes[0])
    assert str(path) in report.notes[0]
    assert fresh_store.documents.count() == 0


def test_invalid_json_and_encoding_are_reported_by_line(fresh_store, tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": \n')
    (report,) = import_paths(fresh_store, [path])
    assert "line 2 is not valid JSON" in report.notes[0]
    path.write_bytes('{"text": "好"}\n'.encode("gbk"))
    (report,) = import_paths(fresh_store, [path])
    assert "line 1 is not valid UTF-8" in report.notes[0]


def test_plain_jsonl_with_only_text_imports_as_documents(fresh_store, tmp_path):
    path = tmp_path / "plain.jsonl"
    path.write_text('{"text": "第一篇"}\n\n{"text": "第二篇", "title": "二"}\n', encoding="utf-8")
    (report,) = import_paths(fresh_store, [path])
    assert report.documents == 2
    ids = fresh_store.documents.ids()
    assert [fresh_store.documents.get(i).text for i in ids] == ["第一篇", "第二篇"]
    assert all(i.startswith("doc-") for i in ids)
