"""Real files from the peers' own repositories import right, and what we write back reads right.

Every sample in tests/data/peers/ is a real file (or a slice of one) from the
tool's own repository; tests/data/peers/README.md names the source and licence
of each. The tests that run a peer's own code (doccano, Label Studio's SDK,
spaCy, seqeval, datasets) are in test_formats_peer_consumers.py.
"""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest
from formats_project import annotations

from annotator import formats
from annotator.errors import InputError
from annotator.formats.registry import SNIFF_BYTES, ExportOptions, ReadOptions
from annotator.label_schema import EntityLabel, RelationLabel
from annotator.model import (
    AnnotatedDocument,
    CandidateState,
    Document,
    SourceFile,
    Status,
)
from annotator.project import label_adoption
from annotator.project.exporting import export
from annotator.project.importing import discover, import_paths
from annotator.store import Store

PEERS = Path(__file__).resolve().parent / "data" / "peers"


def imported(store, paths, **kwargs):
    reports = import_paths(store, paths if isinstance(paths, list) else [paths], suggest=False, **kwargs)
    failed = [r.notes for r in reports if r.outcome == "failed"]
    assert not failed, failed
    return reports


def adopt_from(store, path):
    """Add the labels ``path`` (a file or folder) uses to the store's schema, as --add-labels does."""
    path = Path(path)
    files = discover([path])
    plan = label_adoption.plan(store.schema.current, files, root=path if path.is_dir() else None)
    label_adoption.adopt(store, plan)
    return plan


# --- 1. detection reads whole lines ------------------------------------------------------------------------------

SENTENCE = "本报讯（记者邹倜然）浙江省嘉兴市嘉善县姚庄镇总工会专职副主席张萍告诉记者，"


def long_article_project(store: Store, length: int = 1500) -> str:
    text = (SENTENCE * (length // len(SENTENCE) + 1))[:length] + "。"
    source = SourceFile(path="long.txt", name="long.txt", sha256="long", size=1, format="text")
    source.documents.append(AnnotatedDocument(Document(id="long-1", text=text, kind="news")))
    store.documents.import_source(source)
    for n in range(6):
        start = text.index("张萍", n * 40)
        person = store.annotations.add_entity("long-1", start, start + 2, "PER")
        union_start = text.index("姚庄镇总工会", n * 40)
        union = store.annotations.add_entity("long-1", union_start, union_start + 6, "ORG")
        store.annotations.add_relation(person.id, union.id, "works_at")
    store.documents.set_status("long-1", Status.DONE)
    return text


# A Prodigy task holds a token dict per character, so an ordinary 1,500-character article is a
# line of over 64 KiB; doccano and Hugging Face records get there with longer documents.
@pytest.mark.parametrize(("fmt", "out", "length"), [("prodigy", "x.jsonl", 1500), ("doccano", "x.jsonl", 25000),
                                                    ("hf", "x", 8000)])
def test_a_first_record_longer_than_the_sniffed_head_is_still_recognised(fresh_store, tmp_path, fmt, out, length):
    """Such files used to import as plain JSONL: "1 documents, 0 entities", or a relation error."""
    long_article_project(fresh_store, length)
    target = tmp_path / out
    export(fresh_store, fmt, str(target))
    data = target / "train.jsonl" if fmt == "hf" else target
    assert len(data.read_bytes().split(b"\n")[0]) > SNIFF_BYTES
    assert formats.detect_reader(data).name == fmt
    with Store(tmp_path / "back.db", annotator="t") as back:
        (report,) = imported(back, data)
        assert (report.documents, report.entities, report.relations) == (1, 12, 6)
        assert annotations(back)["long-1"] == annotations(fresh_store)["long-1"]


def test_plain_jsonl_refuses_records_that_carry_another_formats_annotations(fresh_store, tmp_path):
    path = tmp_path / "prodigy-like.jsonl"
    path.write_text(json.dumps({"text": "张萍在北京。", "spans": [{"start": 0, "end": 2, "label": "PER"}]},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    (report,) = import_paths(fresh_store, [path], format="jsonl", suggest=False)
    assert report.outcome == "failed"
    assert "holds its annotations the way the prodigy format does" in report.notes[0]
    assert "--format prodigy" in report.notes[0]


def test_a_first_line_past_the_limit_is_a_question_not_a_guess(tmp_path, monkeypatch):
    from annotator.formats import registry

    monkeypatch.setattr(registry, "SNIFF_LINE_LIMIT", 2 * SNIFF_BYTES)
    path = tmp_path / "huge.jsonl"
    path.write_bytes(b'{"text": "' + b"a" * (4 * SNIFF_BYTES) + b'"}\n')
    with pytest.raises(InputError, match=r"huge.jsonl: the first line is longer than .* name it with --format"):
        formats.detect_reader(path)


# --- 2. Hugging Face ---------------------------------------------------------------------------------------------


def test_numeric_tags_are_named_by_the_msra_ner_dataset_infos(fresh_store, tmp_path):
    """Rows of msra_ner written out with to_json keep numeric tags; the hub's dataset_infos.json names them."""
    shutil.copy(PEERS / "hf" / "msra_ner.dataset_infos.json", tmp_path / "dataset_infos.json")
    rows = [{"id": "0", "tokens": list("当希望工程救助的百万儿童"), "ner_tags": [0, 0, 0, 3, 4, 4, 4, 0, 0, 0, 0, 0]},
            {"id": "0", "tokens": list("张萍在北京"), "ner_tags": [1, 2, 0, 5, 6]}]  # another split's row 0
    path = tmp_path / "train.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert formats.detect_reader(path).name == "hf"
    (report,) = imported(fresh_store, path)
    assert report.documents == 2  # row numbers are not document ids
    got = {fresh_store.documents.get(d).text: [(e.text, e.label) for e in fresh_store.annotations.entities(d)]
           for d in fresh_store.documents.ids()}
    assert got == {"当希望工程救助的百万儿童": [("工程救助", "ORG")], "张萍在北京": [("张萍", "PER"), ("北京", "LOC")]}


def test_save_to_disk_metadata_is_not_taken_for_label_studio(fresh_store, tmp_path):
    info = tmp_path / "dataset_info.json"
    shutil.copy(PEERS / "hf" / "msra_ner.dataset_infos.json", tmp_path / "x.json")
    info.write_text(json.dumps(json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["msra_ner"]),
                    encoding="utf-8")
    (tmp_path / "x.json").unlink()
    (report,) = import_paths(fresh_store, [info], suggest=False)
    assert report.outcome == "failed"
    assert "describes a Hugging Face dataset saved with save_to_disk" in report.notes[0]
    assert "missing field 'data'" not in report.notes[0]
    (tmp_path / "notes.txt").write_text("张萍在北京。", encoding="utf-8")
    assert [p.name for p in discover([tmp_path])] == ["notes.txt"]  # the metadata is passed over


def test_the_card_declares_every_feature_and_the_tag_class_labels(fresh_store, tmp_path):
    long_article_project(fresh_store)
    out = tmp_path / "hf"
    export(fresh_store, "hf", str(out))
    card = (out / "README.md").read_text(encoding="utf-8")
    header = card.split("---\n")[1]
    assert "dataset_info:\n  features:\n  - name: id\n    dtype: string" in header
    assert "  - name: relations\n    list:\n    - name: id\n      dtype: string" in header
    assert "  - name: ner_tags\n    sequence:\n      class_label:\n        names:\n          '0': \"O\"\n" in header
    assert "'2': \"I-PER\"" in header


# --- 3. doccano offsets ------------------------------------------------------------------------------------------

RARE = "者𠮷田一郎在东京😀见到了张萍。"


def rare_project(store: Store) -> None:
    source = SourceFile(path="rare.txt", name="rare.txt", sha256="rare", size=1, format="text")
    source.documents.append(AnnotatedDocument(Document(id="rare-1", text=RARE, kind="news")))
    store.documents.import_source(source)
    store.annotations.add_entity("rare-1", 1, 5, "PER")  # 𠮷田一郎
    store.annotations.add_entity("rare-1", 6, 8, "LOC")  # 东京
    store.annotations.add_entity("rare-1", RARE.index("张萍"), RARE.index("张萍") + 2, "PER")
    store.documents.set_status("rare-1", Status.DONE)


def test_doccano_exports_utf16_names_the_unit_and_comes_back_exact_without_its_schema_file(fresh_store, tmp_path):
    rare_project(fresh_store)
    out = tmp_path / "rare.jsonl"
    export(fresh_store, "doccano", str(out))
    (out.parent / "rare.schema.json").unlink()  # the file travels alone
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["offset_unit"] == "utf16"
    first = record["entities"][0]
    assert (first["start_offset"], first["end_offset"]) == (1, 6)  # 𠮷 is two UTF-16 units
    with Store(tmp_path / "back.db", annotator="t") as back:
        (report,) = imported(back, out)
        assert [e.text for e in back.annotations.entities("rare-1")] == ["𠮷田一郎", "东京", "张萍"]
        assert any("as each record's offset_unit says" in n for n in report.notes)


def test_a_code_point_doccano_export_also_says_so(fresh_store, tmp_path):
    rare_project(fresh_store)
    out = tmp_path / "rare.jsonl"
    export(fresh_store, "doccano", str(out), options=ExportOptions(offsets="codepoint"))
    (out.parent / "rare.schema.json").unlink()
    assert json.loads(out.read_text(encoding="utf-8"))["offset_unit"] == "codepoint"
    with Store(tmp_path / "back.db", annotator="t") as back:
        imported(back, out)
        assert [e.text for e in back.annotations.entities("rare-1")] == ["𠮷田一郎", "东京", "张萍"]


def test_doccanos_own_sample_files_import(fresh_store):
    adopt_from(fresh_store, PEERS / "doccano")
    (relations,) = imported(fresh_store, PEERS / "doccano" / "relation_extraction.jsonl")
    assert (relations.documents, relations.entities, relations.relations) == (1, 4, 3)
    (doc_id,) = relations.doc_ids
    ents = {e.id: e for e in fresh_store.annotations.entities(doc_id)}
    got = sorted((ents[r.head_id].text, r.label, ents[r.tail_id].text) for r in fresh_store.annotations.relations(doc_id))
    assert got == [("Google", "foundedAt", "September 4, 1998"), ("Google", "foundedBy", "Larry Page"),
                   ("Google", "foundedBy", "Sergey Brin")]
    (labels,) = imported(fresh_store, PEERS / "doccano" / "sequence_labeling.jsonl")
    assert (labels.documents, labels.entities) == (3, 4)


def test_a_span_doccano_states_twice_is_imported_once_with_a_note(fresh_store):
    fresh_store.schema.set(fresh_store.schema.current.with_entity(EntityLabel("LOC", color="#59a14f")))
    (report,) = imported(fresh_store, PEERS / "doccano" / "example_overlapping.jsonl")
    assert report.entities == 1
    assert any("1 span(s) stated twice (same offsets and label) were imported once" in n for n in report.notes)


# --- 4. Prodigy binary answers -----------------------------------------------------------------------------------

REDDIT = PEERS / "prodigy" / "annotated_reddit-PRODUCT-ner.slice.jsonl"


def test_ner_teach_rejections_are_not_entities(fresh_store):
    fresh_store.schema.set(fresh_store.schema.current.with_entity(EntityLabel("PRODUCT", color="#4e79a7")))
    rows = [json.loads(line) for line in REDDIT.read_text(encoding="utf-8").splitlines()]
    decisions = {}
    for row in rows:  # the file's own answers, span by span (the last answer about a span stands)
        for s in row["spans"]:
            decisions[(row["text"], s["start"], s["end"], s["label"])] = s["answer"]
    accepted = {k for k, v in decisions.items() if v == "accept"}
    rejected = {k for k, v in decisions.items() if v == "reject"}
    (report,) = imported(fresh_store, REDDIT)
    texts = {row["text"] for row in rows}
    assert report.documents == len(texts)  # tasks about the same text are one document
    got_entities, got_rejected = set(), set()
    for doc_id in fresh_store.documents.ids():
        text = fresh_store.documents.get(doc_id).text
        got_entities |= {(text, e.start, e.end, e.label) for e in fresh_store.annotations.entities(doc_id)}
        got_rejected |= {(text, c.start, c.end, c.label)
                         for c in fresh_store.candidates.for_document(doc_id, states=[CandidateState.REJECTED])}
        assert fresh_store.documents.get(doc_id).status == Status.IN_PROGRESS
    assert got_entities == accepted and got_rejected == rejected
    assert len(accepted) < len(rejected)  # the slice is mostly "no", as the whole file is
    assert any("binary answers about single spans" in n for n in report.notes)


def test_the_relation_tutorials_prodigy_data_counts_what_it_stores(fresh_store):
    path = PEERS / "prodigy" / "rel_component_annotations.slice.jsonl"
    fresh_store.schema.set(fresh_store.schema.current.with_entity(EntityLabel("GGP", color="#4e79a7")))
    for name in ("Pos-Reg", "Neg-Reg", "Reg", "Binds", "No-rel"):
        fresh_store.schema.set(fresh_store.schema.current.with_relation(RelationLabel(name)))
    (report,) = imported(fresh_store, path)
    stored = sum(len(fresh_store.annotations.relations(d)) for d in fresh_store.documents.ids())
    in_file = sum(len(json.loads(line)["relations"]) for line in path.read_text(encoding="utf-8").splitlines())
    assert report.relations == stored == in_file - 4
    assert any("4 relation(s) stated twice (same head, tail and label) were imported once" in n for n in report.notes)


# --- 5. brat events ----------------------------------------------------------------------------------------------

BRAT = PEERS / "brat-news"


def test_brat_events_are_left_out_with_a_count_when_the_schema_lacks_them(fresh_store, tmp_path):
    schema = fresh_store.schema.current
    for name in ("Person", "Organization", "GPE"):
        schema = schema.with_entity(EntityLabel(name, color="#4e79a7"))
    fresh_store.schema.set(schema.with_relation(RelationLabel("Family")))
    (report,) = imported(fresh_store, BRAT / "110-note_annotation.ann", options=ReadOptions(schema=fresh_store.schema.current))
    labels = sorted({e.label for e in fresh_store.annotations.entities("110-note_annotation")})
    assert labels == ["GPE", "Organization", "Person"]  # no trigger became an entity labelled Merge-org
    assert (report.entities, report.relations) == (12, 2)
    notes = "\n".join(report.notes)
    assert "2 events (their type is not an entity label of the project) left out" in notes
    assert "6 event arguments left out" in notes and "3 notes left out" in notes


def test_brat_events_come_in_as_triggers_and_roles_once_their_labels_are_adopted(fresh_store, tmp_path):
    plan = adopt_from(fresh_store, BRAT)
    assert str(BRAT / "annotation.conf") in plan.sources
    names = [e.name for e in plan.entities]
    assert {"Person", "Organization", "GPE", "Merge-org", "Report", "Transfer-money"} <= set(names)
    org_arg = next(r for r in plan.relations if r.name == "Org-Arg")
    assert set(org_arg.heads) == {"Start-org", "Merge-org", "End-org"} and org_arg.tails == ("Organization",)
    assert next(r for r in plan.relations if r.name == "Alias").directed is False
    reports = imported(fresh_store, [BRAT], options=ReadOptions(schema=fresh_store.schema.current))
    assert len(reports) == 4
    ents = {e.id: e for e in fresh_store.annotations.entities("090-event_structures")}
    got = {(ents[r.head_id].label, ents[r.head_id].text, r.label, ents[r.tail_id].text)
           for r in fresh_store.annotations.relations("090-event_structures")}
    # E2 Report:T5 Reporter-Arg:T4 Event-Arg:E1, and E1 Merge-org:T3 Org-Arg:T1 Org-Arg2:T2
    assert ("Report", "reported", "Reporter-Arg", "Wikinews") in got
    assert ("Report", "reported", "Event-Arg", "merged") in got
    assert ("Merge-org", "merged", "Org-Arg", "Google") in got and ("Merge-org", "merged", "Org-Arg", "YouTube") in got


# --- 7. adopting a peer's label set ------------------------------------------------------------------------------


def test_label_studio_labelling_config_is_adopted_with_its_colours(fresh_store):
    plan = adopt_from(fresh_store, PEERS / "label-studio")
    assert [(e.name, e.color) for e in plan.entities] == [("Organization", "#f28e2b"), ("Person", "#59a14f"),
                                                          ("Datetime", "#4e79a7")]
    assert [r.name for r in plan.relations] == ["org:founded_by", "org:founded"]
    (report,) = imported(fresh_store, PEERS / "label-studio" / "relation-extraction.json")
    assert (report.entities, report.relations) == (4, 2)
    assert any("relations without a label were left out" in n for n in report.notes)


def test_a_doccano_label_list_is_read_and_not_imported_as_tasks(fresh_store):
    plan = label_adoption.plan(fresh_store.schema.current, discover([PEERS / "doccano"]), root=PEERS / "doccano")
    assert "label_types.json" not in [p.name for p in discover([PEERS / "doccano"])]
    assert ("Cat", "#ff0000") in [(e.name, e.color) for e in plan.entities]  # a Span type of the list
    assert "Dog" not in [e.name for e in plan.entities]  # a Category type: not an entity label
    assert {"PERSON", "MISC"} <= {e.name for e in plan.entities}  # used by the data
    assert {r.name for r in plan.relations} == {"foundedAt", "foundedBy"}


def test_import_add_labels_lists_first_and_dry_run_changes_nothing(tmp_path, capsys):
    from annotator.cli.main import main

    db = tmp_path / "p.db"
    assert main(["import", "--db", str(db), "--no-candidates", "--add-labels", "--dry-run", str(BRAT)]) == 0
    err = capsys.readouterr().err
    assert "schema: would add 34 label(s):" in err and "  entity label Merge-org (" in err
    assert f"label set: {BRAT / 'annotation.conf'}" in err
    with Store(db) as store:
        assert store.documents.ids() == [] and not store.schema.current.has_entity("Merge-org")
    assert main(["import", "--db", str(db), "--no-candidates", str(BRAT)]) == 3
    assert "hint: --add-labels adds the labels the files use" in capsys.readouterr().err
    assert main(["import", "--db", str(db), "--no-candidates", "--add-labels", str(BRAT)]) == 0
    err = capsys.readouterr().err
    assert "schema: adding 34 label(s):" in err and "4 new documents from 4 of 4 files" in err
    with Store(db) as store:
        assert store.schema.current.has_entity("Merge-org")
        assert any(e.label == "Merge-org" for e in store.annotations.entities("080-event-annotation"))


# --- 8. smaller points -------------------------------------------------------------------------------------------


def test_weibo_ner_word_positions_are_taken_out_of_the_text(fresh_store):
    path = PEERS / "weibo" / "weiboNER_2nd_conll.dev.head.conll"
    assert formats.detect_reader(path).name == "conll"
    plan = adopt_from(fresh_store, path)
    assert {"PER.NOM", "PER.NAM", "GPE.NAM"} <= {e.name for e in plan.entities}
    (report,) = imported(fresh_store, path)
    texts = [fresh_store.documents.get(d).text for d in fresh_store.documents.ids()]
    assert "口腔溃疡加上这玩意～酸酸甜甜好滋味。" in texts
    assert not any(ch.isdigit() for text in texts for ch in text)
    assert any("followed by its position in its word" in n for n in report.notes)
    doc = next(d for d in fresh_store.documents.ids() if fresh_store.documents.get(d).text.startswith("老百姓"))
    assert [(e.text, e.label) for e in fresh_store.annotations.entities(doc)] == [("老百姓", "PER.NOM"), ("新乡", "GPE.NAM"),
                                                                        ("新乡", "GPE.NAM")]


def test_label_studio_tasks_carry_an_id_and_notes_count_tasks_from_one(fresh_store, tmp_path):
    rare_project(fresh_store)
    out = tmp_path / "tasks.json"
    export(fresh_store, "label-studio", str(out))
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert [t["id"] for t in tasks] == [1]
    tasks.append({"id": 17, "data": {"text": "张萍在北京。"}, "annotations": [{"result": [
        {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": 9, "labels": ["PER"]}}]}]})
    out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    with Store(tmp_path / "back.db") as back:
        (report,) = import_paths(back, [out], suggest=False)
    assert report.outcome == "failed"
    assert "tasks.json: task 2 (id 17) (document doc-" in report.notes[0]


@pytest.mark.parametrize("policy", ["outermost", "innermost"])
def test_one_layer_exports_leave_the_other_layer_out_and_say_so(fresh_store, tmp_path, policy):
    from formats_project import build_rich_project

    build_rich_project(fresh_store)
    summary = export(fresh_store, "prodigy", str(tmp_path / "x.jsonl"), options=ExportOptions(nesting=policy))
    task = json.loads((tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()[0])
    spans = sorted((s["start"], s["end"]) for s in task["spans"])
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))  # no two spans overlap
    texts = {s["text"] for s in task["spans"]}
    if policy == "outermost":
        assert "浙江省嘉兴市嘉善县姚庄镇总工会" in texts and "姚庄镇" not in texts
    else:
        assert "姚庄镇" in texts and "浙江省嘉兴市嘉善县姚庄镇总工会" not in texts
    assert any(f"(--nested {policy})" in s for s in summary.skipped)


# --- the evidence table ------------------------------------------------------------------------------------------


def test_every_test_the_formats_table_names_exists():
    """docs/formats.md's "Tested against the peers" names its evidence; each named test must be there."""
    import re

    root = Path(__file__).resolve().parent.parent
    doc = (root / "docs" / "formats.md").read_text(encoding="utf-8")
    table = doc.split("## Tested against the peers", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert sorted(row.split("|")[1].strip() for row in rows) == sorted(f"`{name}`" for name in formats.WRITERS)
    named = 0
    for row in rows:
        for cell in row.split("|")[2:5]:
            current = None
            for module, test in re.findall(r"`(?:(test_\w+\.py))?::(test_\w+)", cell):
                current = module or current
                source = (root / "tests" / current).read_text(encoding="utf-8")
                assert f"def {test}(" in source, f"{current}::{test} is named in docs/formats.md but does not exist"
                named += 1
    assert named >= 20
