"""The learned suggester: training on People's Daily, and what prediction adds to the candidate pass.

- ``train_pd_dev``: training the CRF on the 2,318 sentences of the People's
  Daily dev split (``annotator.learning.evaluate.default_peoples_daily``; the
  data is never bundled, and without it the figure says so and is not judged),
  in this process on one core, against a plain character CRF trained on the
  same sentences with the same settings. ``features_pd_dev`` is the feature
  building before it (jieba, the rules, the characters), against jieba's
  tagging of the same sentences alone. In the full run, ``train_pd_dev_command``
  adds what ``annotator train`` does around it: the five cross-validation folds
  and the learning curve, on worker processes.
- ``predict_overhead`` (the target): the candidate pass (``suggest``) over
  article-length texts with the project's model against the same pass without
  it (jieba, the rules, the gazetteer: no model, and not the bundled starter
  either), in turns. Since round 11 of issue 16 a project that has not trained
  its own model suggests with the bundled starter model
  (``annotator.learning.starter``), the same kind of model: a user without a
  model of the project's own pays about this cost too, which ``starter_overhead``
  (informational) measures in the same turns: that project's pass, starter
  included, against the pass without it.
- ``refresh_predict_overhead`` (informational): what a reviewer waits for after
  a training, the refresh of the unfinished documents' candidates: reading them
  from the project, the same pass, and storing the candidates and the
  uncertainty, on one core, with the model against without it, in turns.

Both use article-length texts from the seed pages and a model trained on the
seed pages' gold set (``tests/data/candidates_gold.jsonl``), the kind of text
and labels the pass is for; both sides use its labels as the gazetteer.
"""

from __future__ import annotations

import hashlib
import json
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from harness.corpus import article_texts
from harness.measure import Figure, alternating, ratio_at_most, value_at_most
from harness.profiles import call_tree
from harness.session import Session

GROUP = "learning"
FIGURES = {
    "train_pd_dev": "training the learned suggester on People's Daily dev (2,318 sentences), one core (≤ 60 s)",
    "features_pd_dev": "building the features for that training (informational)",
    "train_pd_dev_command": "annotator train on People's Daily dev, every core (informational, full run)",
    "predict_overhead": "the candidate pass with the model against the pass without it (≤ 1.5×)",
    "refresh_predict_overhead": "the candidate refresh of a project with the model against without it (informational)",
    "starter_overhead": "the candidate pass of a project without its own model (the starter's) against rules alone "
                        "(informational)",
}

TRAIN_TARGET_S = 60.0
PREDICT_TARGET_RATIO = 1.5


def _timed(run) -> tuple[float, object]:
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def figures(session: Session) -> list[Figure]:
    return [*_training(session), *_prediction(session)]


def _training(session: Session) -> list[Figure]:
    from annotator.candidates.analysis import analyse
    from annotator.learning.crf import train_crf
    from annotator.learning.evaluate import (
        PD_LABELS,
        PLAIN,
        default_peoples_daily,
        peoples_daily_examples,
    )
    from annotator.learning.runner import run_trainings
    from annotator.learning.settings import TrainingSettings
    from annotator.learning.training import plan_tasks, prepare, sequences_for
    from annotator.text.segmenter import get_segmenter

    path = default_peoples_daily()
    name = "training on People's Daily dev (2,318 sentences), one core"
    if not path.is_file():
        note = f"People's Daily dev split not found at {path} (set ANNOTATOR_PEOPLES_DAILY); not measured"
        return [Figure(id="train_pd_dev", name=name, value=None, unit="s",
                       targets=[value_at_most(TRAIN_TARGET_S, "s", "≤ 60 s")], detail=note)]
    plan = session.plan
    repeats = 1 if plan.mode == "quick" else 3
    examples = peoples_daily_examples(path)
    chars = sum(len(e.text) for e in examples)
    settings = TrainingSettings()
    plain = replace(settings, features=PLAIN)
    segmenter = get_segmenter()
    segmenter.tag("预热")
    everything = tuple(range(len(examples)))

    feature_runs = alternating(
        {
            "jieba": lambda i: [analyse(e.text, segmenter) for e in examples],
            "features": lambda i: prepare(examples, settings),
        },
        repeats,
    )
    prepared = prepare(examples, settings)
    prepared_plain = prepare(examples, plain)
    sequences = list(sequences_for(prepared, everything, settings))
    plain_sequences = list(sequences_for(prepared_plain, everything, plain))
    cpu: dict[str, list[float]] = {"plain": [], "full": []}

    def train(which: str, chosen_sequences, chosen_settings) -> None:
        started = time.process_time()
        train_crf(chosen_sequences, chosen_settings.crf)
        cpu[which].append(time.process_time() - started)

    training_runs = alternating(
        {
            "plain": lambda i: train("plain", plain_sequences, plain),
            "full": lambda i: train("full", sequences, settings),
        },
        repeats,
    )
    features_s = statistics.median(feature_runs["features"])
    jieba_s = statistics.median(feature_runs["jieba"])
    full_s = statistics.median(training_runs["full"])
    plain_s = statistics.median(training_runs["plain"])
    out = [
        Figure(
            id="train_pd_dev", name=name, value=full_s, unit="s", baseline=plain_s,
            baseline_name="a plain character CRF (characters and pairs only) on the same sentences, same settings",
            targets=[value_at_most(TRAIN_TARGET_S, "s", "≤ 60 s")],
            detail=(f"{len(examples):,} sentences, {chars:,} characters, {settings.crf.max_iterations} L-BFGS "
                    f"iterations, in this process; features built beforehand ({features_s:.1f} s, next figure); "
                    f"median of {repeats}, in turns; CPU time {statistics.median(cpu['full']):.1f} s against "
                    f"{statistics.median(cpu['plain']):.1f} s (wall time above it means other programs "
                    "were using the cores)"),
        ),
        Figure(
            id="features_pd_dev", name="feature building for that training", value=features_s, unit="s",
            baseline=jieba_s, baseline_name="jieba's words and tags of the same sentences alone",
            informational=True,
            detail=(f"jieba, the candidate rules and the character features of {len(examples):,} sentences; "
                    f"median of {repeats}"),
        ),
    ]
    if plan.mode == "full":
        tasks = plan_tasks(examples, settings)
        command_s, _outcome = _timed(lambda: run_trainings(examples, PD_LABELS, tasks, settings))
        out.append(Figure(
            id="train_pd_dev_command", name="annotator train on People's Daily dev, every core",
            value=command_s, unit="s", baseline=full_s, baseline_name="the final training alone, one core",
            informational=True,
            detail=(f"{len(tasks)} trainings (the final model, {settings.folds} cross-validation folds and "
                    f"{len(settings.curve_fractions)} learning-curve points per fold) on worker processes, "
                    "feature building in each included; one run"),
        ))
    return out


def _prediction(session: Session) -> list[Figure]:
    from annotator.candidates import (
        context_from_store,
        refresh_candidates,
        suggest,
        warm_up,
    )
    from annotator.learning.dataset import examples_from
    from annotator.learning.evaluate import DEFAULT_GOLD, SEED_LABELS, reviewed_project_contexts
    from annotator.learning.settings import TrainingSettings
    from annotator.model import AnnotatedDocument, Document, Entity, SourceFile, Status
    from annotator.store import Store
    from annotator.store.models import ModelRecord

    plan = session.plan
    records = [json.loads(line) for line in DEFAULT_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    examples = examples_from(
        [(r["id"], r["text"], [(e["start"], e["end"], e["label"]) for e in r["entities"]]) for r in records],
        SEED_LABELS,
    )
    settings = TrainingSettings()
    project, with_model = reviewed_project_contexts(examples, settings, in_process=True)
    assert with_model.model is not None
    data, labels = with_model.model.data, with_model.model.labels
    warm_up()
    without = replace(project, sources=("pos", "rules", "gazetteer"))
    with_starter = replace(project, model=None, sources=None)  # no model of its own: the starter suggests
    texts = article_texts(plan.candidate_chars, seed=11)
    chars = sum(map(len, texts))
    suggest(texts[0], context=with_model)  # opens the tagger
    suggest(texts[0], context=with_starter)  # opens the starter's
    cpu: dict[str, list[float]] = {"without": [], "with": [], "starter": [], "refresh without": [], "refresh with": []}

    def candidate_pass(which: str, context) -> None:
        started = time.process_time()
        for text in texts:
            suggest(text, context=context)
        cpu[which].append(time.process_time() - started)

    runs = alternating(
        {
            "without": lambda i: candidate_pass("without", without),
            "with": lambda i: candidate_pass("with", with_model),
            "starter": lambda i: candidate_pass("starter", with_starter),
        },
        plan.candidate_repeats,
    )
    with_s, without_s = statistics.median(runs["with"]), statistics.median(runs["without"])
    with_cpu, without_cpu = statistics.median(cpu["with"]), statistics.median(cpu["without"])
    compute = Figure(
        id="predict_overhead", name="candidate pass with the model", value=with_s, unit="s", baseline=without_s,
        baseline_name="the same pass without it (jieba, rules, gazetteer, resolution)",
        targets=[ratio_at_most(PREDICT_TARGET_RATIO, "≤ 1.5× baseline (prediction adds ≤ 50%)")],
        detail=(f"{len(texts)} texts, {chars:,} characters, suggest() only (no database); a model trained on the "
                f"{len(examples)} gold paragraphs ({len(data):,} bytes); {chars / with_s:,.0f} against "
                f"{chars / without_s:,.0f} characters/s; median of {plan.candidate_repeats}, in turns; CPU time "
                f"{with_cpu:.2f} s against {without_cpu:.2f} s ({with_cpu / without_cpu:.2f}×)"),
        profile=lambda: call_tree(
            lambda: [suggest(text, context=with_model) for text in texts],
            shares={
                "the model: features and tagging (LearnedModel.predict)": "predict",
                "  its features (ModelFeatures.rows)": "rows",
                "  CRFsuite: reading them, tagging, marginals (predict_features)": "predict_features",
                "the dictionary of labelled texts (Dictionary.spans)": "spans",
                "jieba (analyse)": "analyse",
                "resolution (resolve)": "resolve",
            },
        ),
        note=("The model's share is building its feature strings in Python and CRFsuite reading them and "
              "tagging 29 tags; tagging with only the attributes the model knows already halved both, and round "
              "12 took six to ten per cent more off the model's part with the same output; CRFsuite's part alone "
              "outweighs the pass without the model. Fewer features or BIO tags cost accuracy "
              "(docs/learning.md)."),
    )

    starter_s, starter_cpu = statistics.median(runs["starter"]), statistics.median(cpu["starter"])
    starter_figure = Figure(
        id="starter_overhead", name="candidate pass of a project without its own model (the starter's)",
        value=starter_s, unit="s", baseline=without_s,
        baseline_name="the same pass without the starter (jieba, rules, gazetteer, resolution)", informational=True,
        detail=(f"{len(texts)} texts, {chars:,} characters, suggest() only, the same turns as predict_overhead; "
                f"the bundled starter model; CPU time {starter_cpu:.2f} s against {without_cpu:.2f} s "
                f"({starter_cpu / without_cpu:.2f}×)"),
    )

    # The refresh a reviewer waits for after a training: read, compute, store, in a project of its own.
    with tempfile.TemporaryDirectory(prefix="annotator-bench-refresh-") as folder:
        def source(name: str, bundles: list[AnnotatedDocument]) -> SourceFile:
            return SourceFile(path=name, name=name, sha256=hashlib.sha256(name.encode()).hexdigest(), size=1,
                              format="bench", documents=bundles)

        with Store(Path(folder) / "refresh.db", annotator="bench") as store:
            gold = [
                AnnotatedDocument(
                    Document(id=f"gold-{n}", text=r["text"], title="", status=Status.DONE),
                    entities=[Entity(f"gold-{n}", e["start"], e["end"], e["label"], e["text"]) for e in r["entities"]],
                )
                for n, r in enumerate(records)
            ]
            unfinished = [AnnotatedDocument(Document(id=f"doc-{n}", text=text, title="")) for n, text in enumerate(texts)]
            store.documents.import_source(source("gold", gold))
            store.documents.import_source(source("articles", unfinished))
            store.models.add(ModelRecord(data=data, documents=len(examples), entities=sum(len(e.spans) for e in examples),
                                         labels=labels, settings=settings.to_dict(), metrics={}))
            ids = [bundle.document.id for bundle in unfinished]
            refresh_with = context_from_store(store)
            refresh_without = replace(refresh_with, sources=("pos", "rules", "gazetteer"), model=None)
            refresh_candidates(store, ids, workers=1, context=refresh_with)  # the tagger opened, the rows there

            def refresh(which: str, context) -> None:
                started = time.process_time()
                refresh_candidates(store, ids, workers=1, context=context)
                cpu[which].append(time.process_time() - started)

            refreshes = alternating(
                {
                    "without": lambda i: refresh("refresh without", refresh_without),
                    "with": lambda i: refresh("refresh with", refresh_with),
                },
                plan.candidate_repeats,
            )
    refresh_with_s, refresh_without_s = statistics.median(refreshes["with"]), statistics.median(refreshes["without"])
    refresh_with_cpu = statistics.median(cpu["refresh with"])
    refresh_without_cpu = statistics.median(cpu["refresh without"])
    refresh_figure = Figure(
        id="refresh_predict_overhead", name="candidate refresh with the model (what a reviewer waits for)",
        value=refresh_with_s, unit="s", baseline=refresh_without_s,
        baseline_name="the same refresh without it: read the documents, the pass, store the candidates",
        informational=True,
        detail=(f"{len(texts)} unfinished documents, {chars:,} characters, refreshed on one core (refresh_candidates, "
                f"workers=1) in a project with the {len(examples)} gold paragraphs done; median of "
                f"{plan.candidate_repeats}, in turns; CPU time {refresh_with_cpu:.2f} s against "
                f"{refresh_without_cpu:.2f} s ({refresh_with_cpu / refresh_without_cpu:.2f}×)"),
    )
    return [compute, starter_figure, refresh_figure]
