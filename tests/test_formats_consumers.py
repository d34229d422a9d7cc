"""The exports load in the real consumers with exact offsets: spaCy and Hugging Face ``datasets``.

Both are in the ``test`` extra (``pip install -e '.[test]'``). When one is
missing these tests fail with a message saying so; they never skip.
"""

from __future__ import annotations

import importlib
import json

import pytest
from formats_project import RICH_TEXT, build_rich_project, span

from annotator.project.exporting import export
from annotator.formats.registry import ExportOptions


def consumer(name: str):
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        pytest.fail(f"{name} is not installed, so its export cannot be checked: pip install -e '.[test]' ({exc})")


@pytest.fixture
def rich_store(fresh_store):
    build_rich_project(fresh_store)
    return fresh_store


@pytest.mark.parametrize("tokens", ["char", "word"])
def test_spacy_loads_the_docbin_with_exact_spans(rich_store, tmp_path, tokens):
    spacy = consumer("spacy")
    from spacy.tokens import DocBin
    from spacy.training import Corpus

    out = tmp_path / "gold.spacy"
    summary = export(rich_store, "spacy", str(out), statuses=None, options=ExportOptions(tokens=tokens))
    assert summary.skipped == []
    nlp = spacy.blank("zh")
    docs = {d.user_data["annotator"]["id"]: d for d in DocBin().from_disk(out).get_docs(nlp.vocab)}
    doc = docs["a-1"]
    assert doc.text == RICH_TEXT
    spans = {(s.start_char, s.end_char, s.label_, s.text) for s in doc.spans["sc"]}
    assert (*span(RICH_TEXT, "北京"), "LOC", "北京") in spans  # after 𠮷 and 😀
    assert (*span(RICH_TEXT, "姚庄镇"), "LOC", "姚庄镇") in spans  # nested twice
    assert len(spans) == 9
    ents = [(e.text, e.label_) for e in doc.ents]
    # the outermost span wins in doc.ents; the nested and crossing ones are only in doc.spans
    assert ents == [("浙江省嘉兴市嘉善县姚庄镇总工会", "ORG"), ("专职副主席", "TITLE"), ("张萍", "PER"),
                    ("北京", "LOC"), ("2018年", "DATE"), ("该镇总工会", "ORG")]
    assert any("not in doc.ents" in note for note in summary.notes)
    sc = list(doc.spans["sc"])
    relations = {(sc[h].text, sc[t].text, label) for h, t, label in doc.user_data["annotator"]["relations"]}
    assert ("张萍", "姚庄镇总工会", "works_at") in relations and len(relations) == 4
    # spaCy's own training reader takes the file as it is
    examples = list(Corpus(str(out))(nlp))
    assert len(examples) == 4
    assert [e.text for e in examples[0].reference.ents][0] == "浙江省嘉兴市嘉善县姚庄镇总工会"


def test_spacy_reports_a_span_that_does_not_line_up(fresh_store, tmp_path):
    consumer("spacy")
    from annotator.model import AnnotatedDocument, Document, SourceFile

    source = SourceFile(path="x", name="x", sha256="x", size=1, format="text")
    source.documents.append(AnnotatedDocument(Document(id="d", text="记者 邹倜然报道。")))
    fresh_store.documents.import_source(source)
    fresh_store.annotations.add_entity("d", 2, 5, "PER")  # " 邹倜": starts on the space
    fresh_store.annotations.add_entity("d", 3, 6, "PER")
    summary = export(fresh_store, "spacy", str(tmp_path / "x.spacy"), statuses=None)
    assert summary.entities == 1
    assert summary.skipped == ["document d: PER ' 邹倜' (2-5) does not line up with spaCy tokens "
                               "(it starts or ends on whitespace); left out"]


def test_spacy_split_folder_is_ready_for_spacy_train(rich_store, tmp_path):
    consumer("spacy")
    out = tmp_path / "corpus"
    export(rich_store, "spacy", str(out), statuses=None, options=ExportOptions(splits={"train": 0.5, "dev": 0.5}))
    assert {p.name for p in out.iterdir()} >= {"train.spacy", "dev.spacy", "schema.json"}


def test_datasets_loads_the_hugging_face_folder(rich_store, tmp_path):
    datasets = consumer("datasets")
    out = tmp_path / "hf"
    summary = export(rich_store, "hf", str(out), statuses=None,
                     options=ExportOptions(splits={"train": 0.5, "dev": 0.25, "test": 0.25}))
    files = {name: f"{out}/{name}.jsonl" for name in summary.splits if (out / f"{name}.jsonl").exists()}
    loaded = datasets.load_dataset("json", data_files=files, cache_dir=str(tmp_path / "cache"))
    assert {name: loaded[name].num_rows for name in loaded} == {
        name: counts["documents"] for name, counts in summary.splits.items() if counts["documents"]}
    rows = {row["id"]: row for split in loaded.values() for row in split}
    row = rows["a-1"]
    assert row["text"] == RICH_TEXT
    for entity in row["entities"]:
        assert row["text"][entity["start"]:entity["end"]] == entity["text"]
    assert len(row["entities"]) == 9 and len(row["relations"]) == 4
    names = json.loads((out / "schema.json").read_text(encoding="utf-8"))
    assert names["export"]["format"] == "hf"
    assert "".join(row["tokens"]) == RICH_TEXT.replace("\n", "").replace(" ", "")
    assert len(row["tokens"]) == len(row["ner_tags"])
    # the card's YAML header declares the splits, so the folder loads by itself
    by_folder = datasets.load_dataset(str(out), cache_dir=str(tmp_path / "cache2"))
    assert sorted(by_folder) == sorted(loaded)


def test_the_dataset_card_names_labels_counts_and_method(rich_store, tmp_path):
    out = tmp_path / "hf"
    export(rich_store, "hf", str(out), options=ExportOptions(splits={"train": 0.8, "test": 0.2}, split_seed="v1"))
    card = (out / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\nlanguage:\n- zh\n")
    assert "| ORG | 机构 |" in card and "| works_at | 任职于 | PER | ORG | yes |" in card
    assert "0 `O`, 1 `B-PER`, 2 `I-PER`" in card
    assert "documents marked done" in card and "seed 'v1'" in card
    assert "nested or overlapping entit(ies) are not in `ner_tags`" in card


def test_without_spacy_the_format_says_how_to_get_it(rich_store, tmp_path, monkeypatch):
    import sys

    from annotator.errors import InputError

    monkeypatch.setitem(sys.modules, "spacy", None)  # what an install without the extra looks like
    with pytest.raises(InputError, match=r"the spaCy format needs spaCy.*pip install 'annotator\[spacy\]'"):
        export(rich_store, "spacy", str(tmp_path / "x.spacy"))
    assert not (tmp_path / "x.spacy").exists()
