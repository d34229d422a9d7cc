"""The learned suggester on a project: training, storing, loading, suggesting, renames, uncertainty, workers."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest
from learning_projects import CORPUS, QUICK, tiny_project

from annotator.candidates import context_from_store, refresh_candidates, suggest
from annotator.candidates import refresh as refresh_module
from annotator.candidates.analysis import analyse
from annotator.candidates.gazetteer import EMPTY
from annotator.candidates.model_settings import ModelSourceSettings
from annotator.learning import (
    NotEnoughDataError,
    TrainingCancelled,
    TrainingSettings,
    finished_since_last_model,
    learning_curve,
    learning_history,
    most_uncertain,
    retrain_due,
    retrain_every,
    set_retrain_every,
    train_project,
    training_readiness,
)
from annotator.learning.features import FeatureSettings, document_features, sequence_ranges
from annotator.learning.model import MAX_ALTERNATIVE_LENGTH, LearnedModel
from annotator.learning.model_features import ModelFeatures
from annotator.learning.source import ModelSource
from annotator.learning.tags import decode_entities, encode
from annotator.model import Status
from annotator.project.importing import import_paths
from annotator.project.schema_editing import SchemaDraft, apply_draft
from annotator.store import Store, migrations
from annotator.store.models import MODEL_FORMAT_VERSION, ModelUnreadableError
from annotator.team.packages import pack

UNSEEN = "赵敏在厦门市的鹭岛电子有限公司工作，她毕业于天津大学。"


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


def test_tagging_with_the_models_own_attributes_gives_the_same_tags_and_scores(trained):
    """The fast feature builder leaves out only what the model has no weights for, so nothing changes."""
    store, _report = trained
    stored = store.models.current()
    model = LearnedModel(stored.data, stored.labels, TrainingSettings.from_dict(stored.settings))
    assert model.model_features()._known == set(model._tagger().info().attributes)
    texts = [UNSEEN, "王芳在杭州工作。\n李明（北京大学教授）说：“好。”\r\n\n张三、李四到了上海市总工会。", "Ａ\n"]
    for text in texts:
        analysis = analyse(text)
        rules = [(0, 2, "PER"), (3, 5, "LOC")]
        dictionary = [(1, 3, "ORG")]
        slow = document_features(analysis, model.settings.features, rule_spans=rules, dictionary_spans=dictionary)
        assert model.predict_features(text, slow) == model.predict(analysis, rule_spans=rules, dictionary_spans=dictionary)


def test_alternative_spans_are_every_span_whose_tags_all_reach_the_threshold(trained):
    """Checked against every span of every sentence, its BIOES tags' marginals asked one by one."""
    store, _report = trained
    stored = store.models.current()
    model = LearnedModel(stored.data, stored.labels, TrainingSettings.from_dict(stored.settings))
    text = UNSEEN + "钱华与孙丽去了西安市的秦川机床厂。周健说，吴楠在长沙。"
    analysis = analyse(text)
    threshold = 0.05
    prediction = model.predict(analysis, alternatives=threshold)
    assert model.predict(analysis).alternatives == []
    assert prediction.spans == model.predict(analysis).spans  # the best tagging's spans are as before
    tagger = model._tagger()
    rows = model.model_features().rows(analysis)
    expected = set()
    for begin, end in sequence_ranges(text):
        best = tagger.tag(rows[begin:end])
        kept = {(begin + a, begin + b, label) for a, b, label in decode_entities(best)}
        known = set(tagger.labels())
        for label in model.labels:
            for start in range(end - begin):
                for stop in range(start + 1, min(end - begin, start + MAX_ALTERNATIVE_LENGTH) + 1):
                    tags = encode([(start, stop, label)], stop)[start:]
                    marginals = [tagger.marginal(tag, start + i) if tag in known else 0.0 for i, tag in enumerate(tags)]
                    if min(marginals) >= threshold and (begin + start, begin + stop, label) not in kept:
                        expected.add((begin + start, begin + stop, label, round(min(marginals), 9)))
    found = {(p.start, p.end, p.label, round(p.score, 9)) for p in prediction.alternatives}
    assert found == expected and found
    assert all(p.score == min(p.marginals) for p in prediction.alternatives)


def test_the_model_source_proposes_its_alternatives_as_the_rules_say(trained):
    store, _report = trained
    context = context_from_store(store)

    def proposed(alternatives: float) -> set[tuple[int, int, str]]:
        chosen = replace(context, rules=replace(context.rules, model=ModelSourceSettings(alternatives)))
        return {(x.start, x.end, x.label) for x in ModelSource().suggest(analyse(UNSEEN), chosen)}

    best = proposed(0.0)
    assert best and proposed(0.01) > proposed(0.2) >= best


@pytest.mark.parametrize("features", [
    FeatureSettings(),
    FeatureSettings(word_position=True, window=1),
    FeatureSettings().without("bigrams", "unknown_words"),
    FeatureSettings().without("pos_tags", "dictionary"),
])
def test_the_models_own_attributes_are_the_features_less_the_unknown_ones(features: FeatureSettings):
    text = "王芳在杭州工作。\n李明（北京大学教授）说：“好。”\r\n张三在𠮷野家吃饭"
    analysis = analyse(text)
    rules, dictionary = [(0, 2, "PER"), (3, 5, "LOC"), (20, 22, "PER")], [(1, 3, "ORG"), (9, 13, "ORG")]
    every = document_features(analysis, features, rule_spans=rules, dictionary_spans=dictionary)
    names = sorted({name for row in every for name in row})
    known = set(names[::2]) | {"bias", "u=0"}  # every other attribute, as if a model had dropped the rest
    rows = ModelFeatures(features, known).rows(analysis, rule_spans=rules, dictionary_spans=dictionary)
    assert len(rows) == len(every)
    for position, (row, full) in enumerate(zip(rows, every, strict=True)):
        kept = tuple(name for name in full if name in known or "\n" in name or "\r" in name)
        assert tuple(name.decode() for name in row) == kept, (position, text[position])


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
    assert raised.value.reason == (ModelUnreadableError.NEWER if damage == "newer" else ModelUnreadableError.DAMAGED)
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


def test_the_learning_curve_has_every_models_figures_and_the_newest_ones_smaller_trainings(trained):
    store, report = trained
    first = learning_curve(store)
    # one model: its training on half of each fold's 8 documents, and the full folds
    assert [(p.documents, p.subset, p.version) for p in first.points] == [(4.0, True, 1), (8.0, False, 1)]
    assert first.points[-1].f1 == report.model.metrics["overall"]["f1"] == first.latest_f1
    assert first.labels == ["PER", "ORG", "LOC"]
    store.documents.set_status("tiny-todo-1", Status.DONE)
    store.schema.rename_entity_label("PER", "PERSON")
    train_project(store, settings=QUICK, in_process=True, refresh=False)
    second = learning_curve(store)
    # the first model keeps its full point; the newest brings its smaller trainings; renames are followed
    assert [(p.subset, p.version) for p in second.points] == [(True, 2), (False, 1), (False, 2)]
    assert second.points[1].labels.keys() == {"PERSON", "ORG", "LOC"} and second.labels[0] == "PERSON"
    assert second.points[2].reviewed == 13 and second.latest.id == 2


def test_documents_waiting_for_the_newest_models_candidates(project: Store):
    assert project.models.not_measured() == []  # no model: nothing waits
    train_project(project, settings=QUICK, in_process=True, refresh=False)
    waiting = project.models.not_measured()
    assert waiting == project.documents.ids([Status.TODO, Status.IN_PROGRESS])
    refresh_candidates(project, waiting[:2])
    assert project.models.not_measured() == waiting[2:]


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


def test_an_annotators_package_carries_the_model_and_suggests_with_it(trained, tmp_path: Path):
    store, report = trained
    unfinished = store.documents.ids([Status.TODO, Status.IN_PROGRESS])
    store.settings.set("project.id", "tiny-project")
    store.assignments.assign({doc_id: ["wang"] for doc_id in unfinished[:3]})
    packed = pack(store, "wang", tmp_path / "wang.annotator")
    assert packed.with_model
    with Store(packed.path, annotator="wang") as package:
        model = package.models.current()
        assert model is not None and model.sha256 == report.model.sha256
        assert [m.metrics for m in package.models.history()] == [m.metrics for m in store.models.history()]
        # the package's model suggests exactly as the project's (the same dictionary given to both)
        def model_alone(project: Store):
            context = replace(context_from_store(project), gazetteer=EMPTY, sources=("model",))
            return suggest(UNSEEN, context=context)

        assert model_alone(package) == model_alone(store)
        assert ("赵敏", "PER") in {(s.text, s.label) for s in model_alone(package)}
        assert any("model" in s.source.split("+") for s in model_suggestions(package))
        # "most unsure first" works in the package at once: the measurements travelled with the candidates
        assert most_uncertain(package) == [d for d in most_uncertain(store) if d in unfinished[:3]]
        assert len(most_uncertain(package)) == 3


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
