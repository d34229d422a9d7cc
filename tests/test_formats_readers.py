"""Files made by the other tools import as a team switching to Annotator would expect.

The samples in tests/data/formats/ follow each tool's own export: doccano's
numeric ids and UTF-16 offsets, Label Studio's several annotations per task,
Prodigy's hashes and answers, brat's events and discontinuous spans, MSRA's
BMES and People's Daily's BIO files.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from formats_project import annotations

from annotator import formats
from annotator.project.importing import discover, import_paths
from annotator.model import CandidateState

DATA = Path(__file__).resolve().parent / "data" / "formats"


def imported(store, path, **kwargs):
    reports = import_paths(store, [path], **kwargs)
    failed = [r.notes for r in reports if r.outcome == "failed"]
    assert not failed, failed
    return reports


@pytest.mark.parametrize(("name", "reader"), [
    ("doccano_relation_utf16.jsonl", "doccano"),
    ("doccano_sequence.jsonl", "doccano"),
    ("prodigy_rel_manual.jsonl", "prodigy"),
    ("hf_token_classification.jsonl", "hf"),
    ("label_studio_export.json", "label-studio"),
    ("msra_sample.bmes", "conll"),
    ("people_daily.train", "conll"),
    ("brat/news-1.ann", "brat"),
])
def test_the_format_is_detected(name, reader):
    assert formats.detect_reader(DATA / name).name == reader


def test_jsonl_that_is_plain_text_or_native_stays_native(tmp_path):
    plain = tmp_path / "plain.jsonl"
    plain.write_text('{"text": "一篇文章。", "entities": []}\n{"text": "二", "status": "done"}\n', encoding="utf-8")
    assert formats.detect_reader(plain).name == "jsonl"


def test_a_conll_looking_txt_is_conll_and_a_news_page_is_text(tmp_path, seeds_dir):
    bio = tmp_path / "msra_train.txt"
    bio.write_text("张 B-PER\n萍 I-PER\n说 O\n", encoding="utf-8")
    assert formats.detect_reader(bio).name == "conll"
    page = next(seeds_dir.glob("*.txt"))
    assert formats.detect_reader(page).name == "text"


def test_doccano_utf16_offsets_are_detected_and_converted(fresh_store):
    (report,) = imported(fresh_store, DATA / "doccano_relation_utf16.jsonl")
    assert (report.documents, report.entities, report.relations) == (3, 5, 1)
    got = {fresh_store.documents.get(d).text: [(e.text, e.label) for e in fresh_store.annotations.entities(d)]
           for d in fresh_store.documents.ids()}
    assert got["😀姚庄镇总工会位于嘉兴。"] == [("姚庄镇总工会", "ORG"), ("嘉兴", "LOC")]
    assert got["记者张萍😀北京"] == [("张萍", "PER"), ("北京", "LOC")]
    notes = "\n".join(report.notes)
    # 记者张萍😀北京 proves it: its last span ends past the text in code points
    assert "converted UTF-16 offsets (as doccano counts them in the browser) to code points in 1 document(s)" in notes
    assert "fit the text both as code points and as UTF-16 units; read as UTF-16 units" in notes
    # doccano's numeric ids are its database rows: documents get content-based ids instead
    assert all(d.startswith("doc-") for d in fresh_store.documents.ids())
    assert {fresh_store.documents.get(d).status.value for d in fresh_store.documents.ids()} == {"done"}


def test_offsets_can_be_forced_and_a_wrong_choice_is_an_error(fresh_store):
    from annotator.formats.registry import ReadOptions

    (report,) = import_paths(fresh_store, [DATA / "doccano_relation_utf16.jsonl"],
                             options=ReadOptions(offsets="codepoint"))
    assert report.outcome == "failed"
    assert "line 2 (document doc-" in report.notes[0] and "entities[1]: offsets 6-8 are outside the text (length 7)" \
        in report.notes[0] and "as --offsets asked" in report.notes[0]
    assert fresh_store.documents.count() == 0


def test_doccano_classic_sequence_labelling(fresh_store):
    (report,) = imported(fresh_store, DATA / "doccano_sequence.jsonl")
    assert (report.documents, report.entities) == (2, 2)


def test_label_studio_export_takes_the_ground_truth_predictions_and_statuses(fresh_store):
    (report,) = imported(fresh_store, DATA / "label_studio_export.json")
    assert (report.documents, report.entities, report.relations) == (3, 2, 1)
    by_text = {fresh_store.documents.get(d).text: d for d in fresh_store.documents.ids()}
    first = by_text["🎉𠮷野家的张萍任职于姚庄镇总工会。"]
    assert [(e.text, e.label) for e in fresh_store.annotations.entities(first)] == [("张萍", "PER"), ("姚庄镇总工会", "ORG")]
    (relation,) = fresh_store.annotations.relations(first)
    head = fresh_store.annotations.entity(relation.head_id)
    assert (head.text, relation.label) == ("张萍", "works_at")  # direction "left": to_id is the head
    assert fresh_store.annotations.doc_labels(first) == {"topic": "工会建设"}
    (candidate,) = fresh_store.candidates.for_document(first)
    assert (candidate.text, candidate.source, candidate.score, candidate.state) == (
        "姚庄镇", "ner-v2", 0.61, CandidateState.PENDING)
    statuses = {fresh_store.documents.get(d).text: fresh_store.documents.get(d).status.value for d in by_text.values()}
    assert statuses == {"🎉𠮷野家的张萍任职于姚庄镇总工会。": "done", "一则广告。": "skipped", "尚未标注的文章。": "todo"}
    notes = "\n".join(report.notes)
    assert "converted UTF-16 offsets" in notes
    assert "results of type 'rating' were left out" in notes
    assert "several annotations: the ground truth or latest was imported" in notes


def test_label_studio_json_min(fresh_store):
    (report,) = imported(fresh_store, DATA / "label_studio_min.json")
    assert (report.documents, report.entities) == (1, 2)


def test_prodigy_rel_manual_output(fresh_store):
    (report,) = imported(fresh_store, DATA / "prodigy_rel_manual.jsonl")
    assert (report.documents, report.entities, report.relations) == (2, 3, 1)
    statuses = sorted(fresh_store.documents.get(d).status.value for d in fresh_store.documents.ids())
    assert statuses == ["done", "skipped"]  # accept, reject


def test_brat_keeps_what_it_can_and_reports_the_rest(fresh_store, tmp_path):
    folder = tmp_path / "brat"
    shutil.copytree(DATA / "brat", folder)
    files = discover([folder])
    assert [f.name for f in files] == ["news-1.ann"]  # the .txt is read with it
    (report,) = imported(fresh_store, folder)
    assert (report.documents, report.entities, report.relations) == (1, 4, 1)
    (doc_id,) = fresh_store.documents.ids()
    assert doc_id == "news-1"
    notes = "\n".join(report.notes)
    for left_out in ("1 discontinuous spans left out", "1 relations to discontinuous spans left out",
                     "1 events (their type is not an entity label of the project) left out", "1 attributes left out", "1 notes left out"):
        assert left_out in notes


def test_msra_bmes_without_document_markers_gives_a_document_per_sentence(fresh_store):
    (report,) = imported(fresh_store, DATA / "msra_sample.bmes")
    assert report.documents == 2
    got = sorted((fresh_store.documents.get(d).text, tuple((e.text, e.label) for e in fresh_store.annotations.entities(d)))
                 for d in fresh_store.documents.ids())
    assert got == [("张萍在北京。", (("张萍", "PER"), ("北京", "LOC"))),
                   ("该镇总工会好", (("镇", "LOC"), ("工会好", "ORG")))]
    assert any("no -DOCSTART- lines" in n for n in report.notes)


def test_people_daily_bio_with_a_loose_start(fresh_store):
    (report,) = imported(fresh_store, DATA / "people_daily.train")
    assert (report.documents, report.entities) == (2, 3)
    assert any("1 entit(ies) began with an I-, E- or M- tag" in n for n in report.notes)


def test_token_classification_records(fresh_store):
    (report,) = imported(fresh_store, DATA / "hf_token_classification.jsonl")
    (doc_id,) = fresh_store.documents.ids()
    assert [(e.text, e.label) for e in fresh_store.annotations.entities(doc_id)] == [("张萍", "PER"), ("北京", "LOC")]


def test_numeric_tags_are_named_by_the_schema_beside_them(fresh_store, tmp_path):
    from annotator.project.exporting import export

    export(fresh_store, "hf", str(tmp_path / "hf"), statuses=None)  # an empty project: just the schema.json
    records = tmp_path / "hf" / "extra.jsonl"
    records.write_text(json.dumps({"tokens": ["张", "萍"], "ner_tags": [1, 2]}) + "\n", encoding="utf-8")
    (report,) = imported(fresh_store, records)
    (doc_id,) = fresh_store.documents.ids()
    assert [(e.text, e.label) for e in fresh_store.annotations.entities(doc_id)] == [("张萍", "PER")]


def test_folder_import_of_an_export_skips_its_companion_files(fresh_store, tmp_path):
    from formats_project import build_rich_project

    from annotator.project.exporting import export
    from annotator.formats.registry import ExportOptions
    from annotator.store import Store

    build_rich_project(fresh_store)
    exports = tmp_path / "exports"
    export(fresh_store, "hf", str(exports / "hf"), statuses=None)
    export(fresh_store, "label-studio", str(exports / "ls" / "tasks.json"), statuses=None)
    export(fresh_store, "brat", str(exports / "brat"), statuses=None, options=ExportOptions(splits={"a": 0.5, "b": 0.5}))
    names = sorted(f.relative_to(exports).as_posix() for f in discover([exports]))
    assert "hf/README.md" not in names and "hf/schema.json" not in names and "ls/tasks.schema.json" not in names
    assert not any(n.endswith(".txt") for n in names)
    assert "hf/train.jsonl" in names and "ls/tasks.json" in names
    with Store(tmp_path / "one.db") as one:
        imported(one, exports / "brat")
        assert annotations(one) == annotations(fresh_store)


def test_prodigy_copies_by_several_annotators_import_once(fresh_store, tmp_path):
    line = (DATA / "prodigy_rel_manual.jsonl").read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "two_annotators.jsonl"
    path.write_text(line + "\n" + line + "\n", encoding="utf-8")
    (report,) = imported(fresh_store, path)
    assert report.documents == 1
    assert "1 manual task(s) repeat a text seen earlier in the file" in "\n".join(report.notes)


def test_brat_file_names_for_ids_that_are_not_safe_file_names(fresh_store, tmp_path):
    from annotator.project.exporting import export
    from annotator.model import AnnotatedDocument, Document, SourceFile

    source = SourceFile(path="s", name="s", sha256="s", size=1, format="text")
    for doc_id, text in (("news/2024:01", "第一篇。"), ("Page", "第二篇。"), ("page", "第三篇。")):
        source.documents.append(AnnotatedDocument(Document(id=doc_id, text=text)))
    fresh_store.documents.import_source(source)
    summary = export(fresh_store, "brat", str(tmp_path / "brat"), statuses=None)
    names = {p.name for p in (tmp_path / "brat").glob("*.txt")}
    (odd,) = names - {"Page.txt", "page-2.txt"}  # macOS and Windows would not tell Page from page
    assert odd.startswith("news_2024_01-") and len(names) == 3
    notes = "\n".join(summary.notes)
    assert "document 'news/2024:01' is written as news_2024_01-" in notes
    assert "document 'page' is written as page-2.txt/.ann" in notes


def test_repeated_texts_import_once_but_repeated_ids_are_an_error(fresh_store, tmp_path):
    corpus = tmp_path / "repeats.bmes"
    corpus.write_text("好 O\n。 O\n\n张 B-PER\n萍 E-PER\n\n好 O\n。 O\n", encoding="utf-8")
    (report,) = imported(fresh_store, corpus)
    assert report.documents == 2
    assert any("1 record(s) repeat the text of an earlier one" in n for n in report.notes)
    clash = tmp_path / "clash.jsonl"
    clash.write_text('{"id": "x", "text": "一", "entities": [{"id": 1, "label": "PER", "start_offset": 0, '
                     '"end_offset": 1}]}\n{"id": "x", "text": "二", "entities": []}\n', encoding="utf-8")
    (report,) = import_paths(fresh_store, [clash])
    assert report.outcome == "failed" and "line 2: document id 'x' appears twice in the file" in report.notes[0]
