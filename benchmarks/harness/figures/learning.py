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
- ``predict_overhead``: the candidate pass over article-length texts with the
  project's model against the same pass without it, in turns. The model is
  trained on the seed pages' gold set (``tests/data/candidates_gold.jsonl``), the
  kind of text and labels the pass is for, and both passes use its labels as
  the gazetteer.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import replace

from harness.corpus import article_texts
from harness.measure import Figure, alternating, ratio_at_most, value_at_most
from harness.session import Session

GROUP = "learning"
FIGURES = {
    "train_pd_dev": "training the learned suggester on People's Daily dev (2,318 sentences), one core (≤ 60 s)",
    "features_pd_dev": "building the features for that training (informational)",
    "train_pd_dev_command": "annotator train on People's Daily dev, every core (informational, full run)",
    "predict_overhead": "the candidate pass with the model against the pass without it (≤ 1.5×)",
}

TRAIN_TARGET_S = 60.0
PREDICT_TARGET_RATIO = 1.5


def _timed(run) -> tuple[float, object]:
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def figures(session: Session) -> list[Figure]:
    return [*_training(session), _prediction(session)]


def _training(session: Session) -> list[Figure]:
    from annotator.candidates.analysis import analyse
    from annotator.learning.crf import train_crf
    from annotator.learning.evaluate import PD_LABELS, PLAIN, default_peoples_daily, peoples_daily_examples
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


def _prediction(session: Session) -> Figure:
    from annotator.candidates import default_context, suggest, warm_up
    from annotator.candidates.gazetteer import Gazetteer
    from annotator.learning.dataset import examples_from
    from annotator.learning.evaluate import DEFAULT_GOLD, SEED_LABELS, stored_model_for
    from annotator.learning.runner import run_trainings
    from annotator.learning.settings import TrainingSettings
    from annotator.learning.training import FINAL, plan_tasks

    plan = session.plan
    records = [json.loads(line) for line in DEFAULT_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    examples = examples_from(
        [(r["id"], r["text"], [(e["start"], e["end"], e["label"]) for e in r["entities"]]) for r in records],
        SEED_LABELS,
    )
    labels = tuple(label for label in SEED_LABELS if any(s[2] == label for e in examples for s in e.spans))
    settings = TrainingSettings()
    tasks = [t for t in plan_tasks(examples, settings) if t.kind == FINAL]
    data = run_trainings(examples, labels, tasks, settings, in_process=True).results[0].data
    warm_up()
    base = default_context()
    labelled: dict[tuple[str, str], int] = {}
    for example in examples:
        for start, end, label in example.spans:
            key = (example.text[start:end], label)
            labelled[key] = labelled.get(key, 0) + 1
    project = replace(base, gazetteer=Gazetteer(labelled, base.rules.gazetteer.min_length))
    without = replace(project, sources=("pos", "rules", "gazetteer"))
    with_model = replace(project, model=stored_model_for(data, labels, settings))
    texts = article_texts(plan.posseg_chars, seed=11)
    chars = sum(map(len, texts))
    suggest(texts[0], context=with_model)  # opens the tagger
    cpu: dict[str, list[float]] = {"without": [], "with": []}

    def candidate_pass(which: str, context) -> None:
        started = time.process_time()
        for text in texts:
            suggest(text, context=context)
        cpu[which].append(time.process_time() - started)

    runs = alternating(
        {
            "without": lambda i: candidate_pass("without", without),
            "with": lambda i: candidate_pass("with", with_model),
        },
        plan.candidate_repeats,
    )
    with_s, without_s = statistics.median(runs["with"]), statistics.median(runs["without"])
    with_cpu, without_cpu = statistics.median(cpu["with"]), statistics.median(cpu["without"])
    return Figure(
        id="predict_overhead", name="candidate pass with the model", value=with_s, unit="s", baseline=without_s,
        baseline_name="the same pass without it (jieba, rules, gazetteer, resolution)",
        targets=[ratio_at_most(PREDICT_TARGET_RATIO, "≤ 1.5× baseline (prediction adds ≤ 50%)")],
        detail=(f"{len(texts)} texts, {chars:,} characters; a model trained on the {len(examples)} gold paragraphs "
                f"({len(data):,} bytes); {chars / with_s:,.0f} against {chars / without_s:,.0f} characters/s; "
                f"median of {plan.candidate_repeats}, in turns; CPU time {with_cpu:.2f} s against "
                f"{without_cpu:.2f} s ({with_cpu / without_cpu:.2f}×)"),
    )
