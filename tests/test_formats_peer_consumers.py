"""Our exports read by the peers' own code: doccano's importer, Label Studio's SDK converters, seqeval,
spaCy (its Doc API as the relation tutorial uses it, and ``spacy train``) and Hugging Face ``datasets``.

All slow. spaCy, datasets and seqeval come with the ``test`` extra. doccano 1.8.4 and label-studio-sdk pin versions of Django,
pandas, pydantic and numpy that cannot live in Annotator's environment, so
each runs in an environment of its own (``.ci/run`` makes them; see
``tests/peer_consumers/``): a test finds its interpreter in
``ANNOTATOR_PEER_DOCCANO_PYTHON`` / ``ANNOTATOR_PEER_LABEL_STUDIO_PYTHON`` or
``.venv-peers/doccano`` / ``.venv-peers/label-studio`` in the checkout, and is
skipped, saying how to make it, when there is none.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from formats_project import RICH_TEXT, annotations, build_rich_project, span
from test_formats_peers import PEERS, adopt_from, imported, rare_project

from annotator.formats.registry import ExportOptions
from annotator.project.exporting import export
from annotator.store import Store

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = Path(__file__).resolve().parent / "peer_consumers"
MAKE_ENVIRONMENT = {
    "doccano": 'python -m venv .venv-peers/doccano && .venv-peers/doccano/bin/pip install doccano==1.8.4 '
               '"marshmallow<4" "numpy<2"',
    "label-studio": "python -m venv .venv-peers/label-studio && .venv-peers/label-studio/bin/pip install "
                    "label-studio-sdk==2.1.2",
}


def peer_python(name: str) -> str:
    """The interpreter of the peer's own environment, or a skip saying how to make one."""
    given = os.environ.get(f"ANNOTATOR_PEER_{name.upper().replace('-', '_')}_PYTHON")
    folder = REPO / ".venv-peers" / name
    default = folder / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    path = Path(given) if given else default
    if not path.exists():
        pytest.skip(f"{name}'s own code runs in an environment of its own (its pinned dependencies conflict with "
                    f"Annotator's), and there is none at {path}; make it with: {MAKE_ENVIRONMENT[name]}")
    return str(path)


def run_peer(name: str, script: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([peer_python(name), str(SCRIPTS / script), *args], capture_output=True, text=True,
                            encoding="utf-8", timeout=600, check=False)
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


def mixed_project(store: Store) -> None:
    """Nested and crossing spans, relations, emoji and 𠮷 before later spans, statuses: the hard cases."""
    build_rich_project(store)
    rare_project(store)


# --- doccano -----------------------------------------------------------------------------------------------------


def test_doccano_imports_our_export_and_we_read_its_export_back(fresh_store, tmp_path):
    mixed_project(fresh_store)
    ours = tmp_path / "ours.jsonl"
    export(fresh_store, "doccano", str(ours), statuses=None)
    result = run_peer("doccano", "doccano_roundtrip.py", str(ours), str(tmp_path / "doccano"))
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    expected = annotations(fresh_store)
    assert summary["errors"] == []
    assert summary["spans"] == sum(len(e) for _t, e, _r in expected.values())
    assert summary["relations"] == sum(len(r) for _t, _e, r in expected.values())
    theirs = tmp_path / "doccano" / "all.jsonl"  # doccano's own export: its ids, our columns kept as metadata
    assert all(json.loads(line)["offset_unit"] == "utf16" for line in theirs.read_text(encoding="utf-8").splitlines())
    with Store(tmp_path / "back.db", annotator="t") as back:
        imported(back, theirs)  # no schema file beside it: the offset_unit column says how to read it
        got = {back.documents.get(d).text: (e, r) for d, (_t, e, r) in annotations(back).items()}
    assert got == {text: (e, r) for text, e, r in expected.values()}


def test_doccano_drops_nested_spans_unless_the_project_allows_overlapping_spans(fresh_store, tmp_path):
    """Why docs/formats.md says to tick "Allow overlapping spans" for nested data."""
    mixed_project(fresh_store)
    ours = tmp_path / "ours.jsonl"
    export(fresh_store, "doccano", str(ours), statuses=None)
    result = run_peer("doccano", "doccano_roundtrip.py", str(ours), str(tmp_path / "doccano"), "--no-overlapping",
                      check=False)
    spans = sum(len(e) for _t, e, _r in annotations(fresh_store).values())
    if result.returncode == 0:
        assert json.loads(result.stdout.strip().splitlines()[-1])["spans"] < spans
    else:  # doccano 1.8.4 fails on a relation whose span it dropped
        assert "KeyError" in result.stderr


# --- Label Studio's SDK ------------------------------------------------------------------------------------------


def test_label_studio_sdk_converts_our_tasks(fresh_store, tmp_path):
    adopt_from(fresh_store, PEERS / "label-studio")
    imported(fresh_store, PEERS / "label-studio" / "relation-extraction.json")
    rare_project(fresh_store)
    tasks = tmp_path / "tasks.json"
    export(fresh_store, "label-studio", str(tasks), statuses=None)
    run_peer("label-studio", "label_studio_sdk_convert.py", str(tasks), str(tmp_path / "tasks.label_config.xml"),
             str(tmp_path / "out"))
    rows = json.loads((tmp_path / "out" / "json_min" / "result.json").read_text(encoding="utf-8"))
    by_text = {row["text"]: row for row in rows}
    rare = by_text["者𠮷田一郎在东京😀见到了张萍。"]
    assert [(s["text"], row_text(rare, s)) for s in rare["label"]] == [("𠮷田一郎", "𠮷田一郎"), ("东京", "东京"),
                                                                       ("张萍", "张萍")]
    conll = (tmp_path / "out" / "conll" / "result.conll").read_text(encoding="utf-8")
    assert "Microsoft -X- _ B-Organization" in conll and "Gates -X- _ I-Person" in conll
    # and JSON-MIN, the SDK's output, comes back in
    with Store(tmp_path / "back.db", annotator="t") as back:
        adopt_from(back, PEERS / "label-studio")
        (report,) = imported(back, tmp_path / "out" / "json_min" / "result.json")
        assert report.entities == 4 + 3


def row_text(row: dict, region: dict) -> str:
    return row["text"][region["start"]:region["end"]]


# --- seqeval -----------------------------------------------------------------------------------------------------


def test_seqeval_reads_the_conll_tags_as_our_entities(fresh_store, tmp_path):
    seqeval = pytest.importorskip("seqeval", reason="seqeval comes with the 'test' extra: pip install -e '.[test]'")
    from seqeval.metrics import classification_report
    from seqeval.metrics.sequence_labeling import get_entities
    from seqeval.scheme import IOB2

    build_rich_project(fresh_store)
    out = tmp_path / "gold.conll"
    summary = export(fresh_store, "conll", str(out), statuses=None)
    sentences, tags = [], []
    for line in out.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if tags:
                sentences.append(tags)
            tags = []
        elif not line.startswith("-DOCSTART-"):
            tags.append(line.split()[-1])
    if tags:
        sentences.append(tags)
    found = [get_entities(sentence) for sentence in sentences]
    assert sum(len(f) for f in found) == summary.entities
    # strict IOB2 checking refuses malformed sequences; ours score 1.0 against themselves
    report = classification_report(sentences, sentences, mode="strict", scheme=IOB2, output_dict=True)
    assert report["micro avg"]["f1-score"] == 1.0
    assert seqeval.__name__ == "seqeval"


# --- spaCy -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("nesting", ["all", "outermost", "innermost"])
def test_the_spacy_relation_tutorial_way_of_reading_a_prodigy_export(fresh_store, tmp_path, nesting):
    """parse_data.py builds a Doc from the tokens and sets doc.ents from the spans: spaCy refuses overlaps (E1010)."""
    pytest.importorskip("spacy")
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    build_rich_project(fresh_store)
    out = tmp_path / "rel.jsonl"
    export(fresh_store, "prodigy", str(out), options=ExportOptions(nesting=nesting))
    task = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    doc = Doc(Vocab(), words=[t["text"] for t in task["tokens"]], spaces=[t["ws"] for t in task["tokens"]])
    spans = [doc.char_span(s["start"], s["end"], label=s["label"]) for s in task["spans"]]
    if nesting == "all":
        with pytest.raises(ValueError, match="E1010"):
            doc.ents = spans
        return
    doc.ents = spans
    starts = {s["token_start"] for s in task["spans"]}
    end_to_start = {s["token_end"]: s["token_start"] for s in task["spans"]}
    for relation in task["relations"]:  # what parse_data.py looks up for every relation
        assert end_to_start[relation["head"]] in starts and end_to_start[relation["child"]] in starts
    assert doc.text == RICH_TEXT


def test_spacy_train_runs_on_our_docbin(fresh_store, tmp_path):
    pytest.importorskip("spacy")
    build_rich_project(fresh_store)
    out = tmp_path / "corpus"
    export(fresh_store, "spacy", str(out), statuses=None, options=ExportOptions(splits={"train": 0.5, "dev": 0.5}))
    config = tmp_path / "config.cfg"
    python = sys.executable
    made = subprocess.run([python, "-m", "spacy", "init", "config", str(config), "--lang", "zh", "--pipeline", "ner",
                           "--optimize", "efficiency", "--force"], capture_output=True, text=True, timeout=300,
                          check=False)
    assert made.returncode == 0, made.stderr[-2000:]
    trained = subprocess.run(
        [python, "-m", "spacy", "train", str(config), "--output", str(tmp_path / "model"),
         "--paths.train", str(out / "train.spacy"), "--paths.dev", str(out / "dev.spacy"),
         "--training.max_steps", "6", "--training.eval_frequency", "3", "--nlp.batch_size", "2"],
        capture_output=True, text=True, timeout=600, check=False)
    assert trained.returncode == 0, (trained.stdout + trained.stderr)[-3000:]
    assert (tmp_path / "model" / "model-last" / "meta.json").is_file()


# --- Hugging Face datasets ---------------------------------------------------------------------------------------


def test_datasets_loads_splits_whose_fields_are_empty_throughout_one_split(fresh_store, tmp_path):
    datasets = pytest.importorskip("datasets")
    build_rich_project(fresh_store)
    rare_project(fresh_store)  # no relations and no document label in this one
    out = tmp_path / "hf"
    summary = export(fresh_store, "hf", str(out), statuses=None,
                     options=ExportOptions(splits={"train": 0.5, "test": 0.5}, split_seed="peers"))
    written = [name for name, counts in summary.splits.items() if counts["documents"]]
    empties = [name for name in written
               if not any(json.loads(line)["relations"] for line in (out / f"{name}.jsonl").open(encoding="utf-8"))]
    assert len(written) == 2 and empties, "the seed must put a split without relations next to one with them"
    loaded = datasets.load_dataset(str(out), cache_dir=str(tmp_path / "cache"))
    assert sorted(loaded) == sorted(written)
    tags = loaded[written[0]].features["ner_tags"]
    assert isinstance(tags.feature, datasets.ClassLabel)
    assert tags.feature.names[:3] == ["O", "B-PER", "I-PER"]
    row = next(r for split in loaded.values() for r in split if r["id"] == "a-1")
    assert row["text"][slice(*span(RICH_TEXT, "北京"))] == "北京"


def test_a_save_to_disk_folder_imports(fresh_store, tmp_path):
    datasets = pytest.importorskip("datasets")
    mixed_project(fresh_store)
    out = tmp_path / "hf"
    export(fresh_store, "hf", str(out), statuses=None)
    saved = tmp_path / "saved"
    datasets.load_dataset(str(out), cache_dir=str(tmp_path / "cache")).save_to_disk(str(saved))
    # and a token-classification dataset with ClassLabel tags, as msra_ner is published
    features = datasets.Features({"id": datasets.Value("string"), "tokens": datasets.List(datasets.Value("string")),
                                  "ner_tags": datasets.List(datasets.ClassLabel(names=["O", "B-PER", "I-PER",
                                                                                       "B-LOC", "I-LOC"]))})
    msra_like = tmp_path / "msra_like"
    datasets.Dataset.from_dict({"id": ["0"], "tokens": [list("张萍在北京")], "ner_tags": [[1, 2, 0, 3, 4]]},
                               features=features).save_to_disk(str(msra_like))
    with Store(tmp_path / "back.db", annotator="t") as back:
        reports = imported(back, [saved, msra_like])
        assert len(reports) == 2  # one Arrow file each; the JSON beside them is not taken for Label Studio
        got = annotations(back)
        assert {k: v for k, v in got.items() if k in annotations(fresh_store)} == annotations(fresh_store)
        msra_doc = next(d for d in back.documents.ids() if back.documents.get(d).text == "张萍在北京")
        assert [(e.text, e.label) for e in back.annotations.entities(msra_doc)] == [("张萍", "PER"), ("北京", "LOC")]


def test_a_docbin_made_with_spacys_own_api_imports(fresh_store, tmp_path):
    """Not our writer: a DocBin as a spaCy user makes one, with doc.ents and a span group of its own."""
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin, Span

    nlp = spacy.blank("zh")
    doc = nlp("张萍在北京姚庄镇总工会工作。")
    doc.ents = [doc.char_span(0, 2, label="PER"), doc.char_span(3, 5, label="LOC")]
    doc.spans["orgs"] = [Span(doc, 5, 11, label="ORG"), Span(doc, 5, 8, label="LOC")]  # nested, outside doc.ents
    path = tmp_path / "made_by_spacy.spacy"
    DocBin(docs=[doc]).to_disk(path)
    (report,) = imported(fresh_store, path)
    (doc_id,) = report.doc_ids
    assert [(e.text, e.label) for e in fresh_store.annotations.entities(doc_id)] == [
        ("张萍", "PER"), ("北京", "LOC"), ("姚庄镇", "LOC"), ("姚庄镇总工会", "ORG")]
