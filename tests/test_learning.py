"""The learned suggester on a project: training, storing, loading, suggesting, renames, uncertainty, workers."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.candidates import context_from_store, refresh_candidates, suggest
from annotator.candidates import refresh as refresh_module
from annotator.candidates.analysis import analyse
from annotator.learning import (
    CrfSettings,
    NotEnoughDataError,
    TrainingCancelled,
    TrainingSettings,
    finished_since_last_model,
    learning_history,
    most_uncertain,
    retrain_due,
    retrain_every,
    set_retrain_every,
    train_project,
    training_readiness,
)
from annotator.learning.model import LearnedModel
from annotator.learning.source import ModelSource
from annotator.model import Status
from annotator.project.importing import import_paths
from annotator.project.schema_editing import SchemaDraft, apply_draft
from annotator.store import Store, migrations
from annotator.store.models import MODEL_FORMAT_VERSION, ModelUnreadableError

CORPUS = Path(__file__).resolve().parent / "data" / "learning" / "tiny_corpus.jsonl"
# Small and quick: three folds, one point of the learning curve below them, few iterations.
QUICK = TrainingSettings(folds=3, curve_fractions=(0.5,), crf=CrfSettings(max_iterations=60))
UNSEEN = "赵敏在厦门市的鹭岛电子有限公司工作，她毕业于天津大学。"


def tiny_project(path: Path, keep=None) -> Store:
    """A project from the fixture corpus; ``keep(record)`` chooses which records to import."""
    source = CORPUS
    if keep is not None:
        lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if keep(json.loads(line))]
        source = path.with_suffix(".jsonl")
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = Store(path, annotator="tester")
    (report,) = import_paths(store, [source], format="jsonl")
    assert report.outcome == "imported"
    return store


@pytest.fixture
def project(tmp_path: Path):
    store = tiny_project(tmp_path / "tiny.db")
    yield store
    store.close()


@pytest.fixture
def trained(project: Store):
    report = train_project(project, settings=QUICK, in_process=True)
    return project, report


def model_suggestions(store: Store, text: str = UNSEEN):
    return [s for s in suggest(text, context=context_from_store(store)) if "model" in s.source.split("+")]


# --- training and storing -------------------------------------------------------------------------


def test_the_migration_adds_the_model_tables(fresh_store: Store):
    assert "0006_models" in migrations.known_names()
    tables = set(fresh_store.db.table_names())
    assert {"models", "document_uncertainty"} <= tables
    assert fresh_store.models.current() is None and fresh_store.models.usable() == (None, None)


def test_training_stores_a_versioned_model_with_its_figures(trained):
    store, report = trained
    model = store.models.current()
    assert model is not None and model.id == report.model.id == 1
    assert (model.documents, model.entities) == (12, 35)
    assert model.labels == ("PER", "ORG", "LOC")  # the schema's order
    assert model.format_version == MODEL_FORMAT_VERSION
    assert model.data.startswith(b"lCRF") and model.size == len(model.data)
    assert model.settings == QUICK.to_dict()
    metrics = model.metrics
    assert metrics["folds"] == 3 and set(metrics["labels"]) == {"PER", "ORG", "LOC"}
    assert metrics["overall"]["gold"] == 35
    assert 0.5 < metrics["overall"]["f1"] <= 1.0
    assert metrics["calibration"]["spans"] == metrics["overall"]["predicted"]
    # the learning curve: half of each fold's training documents, then all of them
    assert [point["documents"] for point in model.learning_curve] == [4.0, 8.0]
    assert set(model.learning_curve[-1]["labels"]) == {"PER", "ORG", "LOC"}
    assert model.learning_curve[-1]["overall"] == metrics["overall"]["f1"]
    (event,) = store.events.find(action="model.train")
    assert event.target == "model:1" and event.after["entities"] == 35 and "data" not in event.after
    assert learning_history(store) == [{
        "version": 1, "created_at": model.created_at, "documents": 12, "overall": metrics["overall"]["f1"],
        "labels": {label: figures["f1"] for label, figures in metrics["labels"].items()},
    }]


def test_training_is_deterministic(tmp_path: Path, trained):
    _store, report = trained
    with tiny_project(tmp_path / "again.db") as again:
        second = train_project(again, settings=QUICK, in_process=True)
        assert second.model.sha256 == report.model.sha256
        assert second.model.metrics == report.model.metrics
        assert second.model.learning_curve == report.model.learning_curve


def test_worker_processes_train_the_same_model_as_this_process(tmp_path: Path, trained):
    _store, report = trained
    with tiny_project(tmp_path / "pooled.db") as pooled:
        phases = []
        result = train_project(
            pooled, settings=QUICK, workers=2, refresh=False,
            progress=lambda phase, done, total: phases.append(phase),
        )
        assert result.processes == 2
        assert result.model.sha256 == report.model.sha256
        assert result.model.metrics == report.model.metrics
        assert {"features", "training"} <= set(phases)


def test_the_model_suggests_through_the_candidate_pipeline(trained):
    store, _report = trained
    found = {(s.text, s.label) for s in model_suggestions(store)}
    assert ("赵敏", "PER") in found and ("天津大学", "ORG") in found
    for suggestion in model_suggestions(store):
        assert 0.0 < suggestion.score <= 1.0
        assert suggestion.source.split("+")[0] in {"model", "rules", "gazetteer", "pos"}


def test_agreeing_sources_raise_the_models_score(trained):
    store, _report = trained
    context = context_from_store(store)
    alone = {(s.start, s.end, s.label): s.score for s in suggest(UNSEEN, context=replace(context, sources=("model",)))}
    together = [s for s in suggest(UNSEEN, context=context) if "+" in s.source and "model" in s.source.split("+")]
    assert together
    for suggestion in together:
        assert suggestion.score >= alone[(suggestion.start, suggestion.end, suggestion.label)]


def test_the_model_source_proposes_nothing_without_a_model(project: Store):
    context = context_from_store(project)
    assert context.model is None
    assert list(ModelSource().suggest(analyse(UNSEEN), context)) == []


def test_unfinished_documents_are_refreshed_with_the_models_candidates(trained):
    store, report = trained
    unfinished = store.documents.ids([Status.TODO, Status.IN_PROGRESS])
    assert report.refreshed_documents == len(unfinished) == 4
    sources = {c.source for doc_id in unfinished for c in store.candidates.for_document(doc_id)}
    assert any("model" in source.split("+") for source in sources)


def test_a_stored_model_loads_and_tags_like_the_one_trained(trained):
    store, _report = trained
    stored = store.models.current()
    model = LearnedModel(stored.data, stored.labels, TrainingSettings.from_dict(stored.settings))
    prediction = model.predict(analyse("王芳在杭州工作。"))
    assert ("王芳", "PER") in {("王芳在杭州工作。"[p.start:p.end], p.label) for p in prediction.spans}
    assert all(0 < p.score <= 1 and p.score == min(p.marginals) for p in prediction.spans)


# --- too little, damaged, newer ------------------------------------------------------------------


def test_too_little_to_learn_from_says_how_much_more(tmp_path: Path):
    few = {"tiny-01", "tiny-02", "tiny-03"}
    with tiny_project(tmp_path / "few.db", keep=lambda r: r["id"] in few or r["status"] != "done") as store:
        state = training_readiness(store)
        assert (state.documents, state.entities, state.more_documents, state.more_entities) == (3, 8, 2, 12)
        with pytest.raises(NotEnoughDataError) as raised:
            train_project(store, settings=QUICK, in_process=True)
        assert "Mark 2 more reviewed documents as done and label 12 more entities" in str(raised.value)
        assert raised.value.exit_code == 3
        assert store.models.latest_id() is None
        # the rules keep working
        store.db.conn.execute("DELETE FROM candidates")
        assert refresh_candidates(store, store.documents.ids([Status.TODO])) > 0
        sources = {c.source for d in store.documents.ids([Status.TODO]) for c in store.candidates.for_document(d)}
        assert sources and not any("model" in s.split("+") for s in sources)


@pytest.mark.parametrize("damage", ["bytes", "truncated", "newer"])
def test_a_model_that_cannot_be_read_is_reported_ignored_and_retrained(trained, damage, caplog):
    store, _report = trained
    if damage == "bytes":
        store.db.conn.execute("UPDATE models SET data = CAST(replace(CAST(data AS TEXT), 'c0=', 'x0=') AS BLOB)")
    elif damage == "truncated":
        store.db.conn.execute("UPDATE models SET data = substr(data, 1, 200)")
    else:
        store.db.conn.execute("UPDATE models SET format_version = ?", (MODEL_FORMAT_VERSION + 1,))
    with pytest.raises(ModelUnreadableError) as raised:
        store.models.current()
    message = str(raised.value)
    assert "model version 1" in message and "annotator train" in message
    assert ("newer version of Annotator" if damage == "newer" else "is damaged") in message
    model, problem = store.models.usable()
    assert model is None and problem == message
    # ignored: the other sources carry on
    context = context_from_store(store)
    assert context.model is None and message in caplog.text
    assert suggest(UNSEEN, context=context) and not model_suggestions(store)
    # retrained on request
    report = train_project(store, settings=QUICK, in_process=True, refresh=False)
    assert report.model.id == 2 and store.models.current().id == 2
    assert model_suggestions(store)


def test_only_the_newest_models_keep_their_bytes(trained):
    store, _report = trained
    for _ in range(3):
        train_project(store, settings=QUICK, in_process=True, refresh=False)
    kept = store.db.conn.execute("SELECT id FROM models WHERE data IS NOT NULL ORDER BY id").fetchall()
    assert [row[0] for row in kept] == [2, 3, 4]
    assert [m.id for m in store.models.history()] == [1, 2, 3, 4]


# --- labels renamed or deleted since training --------------------------------------------------------------


def test_a_renamed_label_is_followed_and_a_deleted_one_dropped(trained):
    store, _report = trained
    store.schema.rename_entity_label("PER", "PERSON")
    store.schema.rename_entity_label("PERSON", "HUMAN")
    found = {(s.text, s.label) for s in model_suggestions(store)}
    assert ("赵敏", "HUMAN") in found
    assert not {label for _text, label in found} & {"PER", "PERSON"}
    assert store.models.current().label_map == {"PER": "HUMAN", "ORG": "ORG", "LOC": "LOC"}
    # delete LOC: first its entities, then the label
    for doc_id in store.documents.ids():
        for entity in store.annotations.entities(doc_id):
            if entity.label == "LOC":
                store.annotations.delete_entity(entity.id)
    draft = SchemaDraft(store.schema.current)
    draft.remove_entity(next(e for e in draft.entities if e.name == "LOC"))
    apply_draft(store, draft)
    assert "LOC" not in store.schema.current.entity_names
    assert store.models.current().label_map["LOC"] is None
    labels = {s.label for s in model_suggestions(store, "周敏从西安来到深圳，加入了厦门大学。")}
    assert "LOC" not in labels and "HUMAN" in labels
    # the refresh of every unfinished document goes through without the deleted label
    refresh_candidates(store, store.documents.ids([Status.TODO]))
    assert all(c.label != "LOC" for d in store.documents.ids([Status.TODO]) for c in store.candidates.for_document(d))


# --- uncertainty, workers, cancelling, settings -------------------------------------------------------------


def test_unfinished_documents_are_ordered_most_unsure_first(trained):
    store, _report = trained
    model = store.models.current()
    learned = LearnedModel(model.data, model.labels, TrainingSettings.from_dict(model.settings))
    source = ModelSource()
    context = context_from_store(store)
    expected = {}
    for doc_id in store.documents.ids([Status.TODO]):
        analysis = analyse(store.documents.text(doc_id))
        list(source.suggest(analysis, context))
        expected[doc_id] = analysis.measures["model.uncertainty"]
    order = most_uncertain(store)
    assert order == sorted(expected, key=lambda d: -expected[d])
    assert len(set(expected.values())) == len(expected)  # a real ordering, not ties
    measured = store.models.uncertainty(order[0])
    assert measured.model_id == model.id and measured.uncertainty == pytest.approx(expected[order[0]])
    assert measured.expected_wrong_sentences > 0
    assert learned.labels == model.labels
    # finished documents are not listed; a newer model's measurements replace the old ones
    store.documents.set_status(order[0], "done")
    assert order[0] not in most_uncertain(store)
    train_project(store, settings=QUICK, in_process=True, refresh=False)
    assert most_uncertain(store) == []  # nothing measured by model 2 yet


def test_worker_processes_load_the_model_and_suggest_the_same(trained, monkeypatch):
    store, _report = trained
    ids = store.documents.ids([Status.TODO])
    store.db.conn.execute("DELETE FROM document_uncertainty")
    refresh_candidates(store, ids, workers=1)
    here = {d: [(c.start, c.end, c.label, c.source, round(c.score, 6)) for c in store.candidates.for_document(d)] for d in ids}
    here_uncertainty = {d: store.models.uncertainty(d).uncertainty for d in ids}
    store.db.conn.execute("DELETE FROM candidates")
    store.db.conn.execute("DELETE FROM document_uncertainty")
    monkeypatch.setattr(refresh_module, "POOL_MIN_CHARS", 1)
    monkeypatch.setattr(refresh_module, "CHUNK_DOCUMENTS", 1)
    refresh_candidates(store, ids, workers=2)
    pooled = {d: [(c.start, c.end, c.label, c.source, round(c.score, 6)) for c in store.candidates.for_document(d)] for d in ids}
    assert pooled == here
    assert any("model" in row[3].split("+") for rows in pooled.values() for row in rows)
    assert {d: store.models.uncertainty(d).uncertainty for d in ids} == pytest.approx(here_uncertainty)


@pytest.mark.parametrize("in_process", [True, False])
def test_cancelling_stops_training_and_stores_nothing(project: Store, in_process: bool):
    seen = []

    def progress(phase, done, total):
        seen.append(phase)

    with pytest.raises(TrainingCancelled):
        train_project(project, settings=QUICK, in_process=in_process, workers=2, progress=progress,
                      cancelled=lambda: "training" in seen)
    assert project.models.latest_id() is None


def test_retraining_is_due_after_the_projects_setting(trained):
    store, _report = trained
    assert retrain_every(store) == 10 and finished_since_last_model(store) == 0 and not retrain_due(store)
    set_retrain_every(store, 2)
    assert retrain_every(store) == 2
    for doc_id in store.documents.ids([Status.TODO])[:2]:
        store.documents.set_status(doc_id, "done")
    assert finished_since_last_model(store) == 2 and retrain_due(store)


def test_documents_imported_as_done_are_training_data_whatever_their_format(tmp_path: Path):
    """CoNLL imports come in as done: a team can start from its existing gold data."""
    lines = []
    for record in map(json.loads, CORPUS.read_text(encoding="utf-8").splitlines()):
        if record["status"] != "done":
            continue
        tags = ["O"] * len(record["text"])
        for entity in record["entities"]:
            tags[entity["start"]] = "B-" + entity["label"]
            for i in range(entity["start"] + 1, entity["end"]):
                tags[i] = "I-" + entity["label"]
        lines += [f"{char} {tag}" for char, tag in zip(record["text"], tags)] + [""]
    conll = tmp_path / "gold.bio"
    conll.write_text("\n".join(lines), encoding="utf-8")
    with Store(tmp_path / "conll.db", annotator="tester") as store:
        import_paths(store, [conll], format="conll")
        assert store.documents.count([Status.DONE]) == 12
        report = train_project(store, settings=QUICK, in_process=True)
        assert (report.model.documents, report.model.entities) == (12, 35)
        digest = hashlib.sha256(store.models.current().data).hexdigest()
        assert digest == report.model.sha256
