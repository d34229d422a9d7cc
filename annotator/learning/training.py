"""Training and k-fold cross-validation on examples: the work, without deciding where it runs.

``prepare`` builds each document's features once (jieba, the rules, the
characters around each one): that is "feature building", timed on its own.
``plan_tasks`` lays out the trainings one ``train`` needs: one per fold (test
on the fold, train on the rest), the smaller trainings of the learning curve,
and the final model on everything. ``run_task`` runs one of them, in this
process or a worker (``annotator.learning.runner``), and ``summarise`` turns
the results into the figures stored with the model.

Folds are made of whole documents (the sentences of one article never sit on
both sides), assigned by a hash of the document id and the seed: the same
documents always land in the same folds, and a document keeps its fold as
more are reviewed.

The dictionary feature needs care: a training document must not find its own
entities in the dictionary (the tagger would learn to trust the dictionary
blindly), so each one sees the dictionary of the other training documents;
test documents see all of the training documents'.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.candidates.analysis import analyse
from annotator.candidates.context import default_context
from annotator.learning.crf import Cancelled, IterationProgress, TrainingCancelled, train_crf
from annotator.learning.dataset import Example
from annotator.learning.features import Dictionary, add_features, document_features, hit_features, sequence_ranges
from annotator.learning.metrics import Tally, calibration_table, tally_spans
from annotator.learning.model import LearnedModel
from annotator.learning.rule_hits import rule_spans
from annotator.learning.settings import TrainingSettings
from annotator.learning.tags import encode
from annotator.text.segmenter import get_segmenter

FINAL, FOLD, CURVE = "final", "fold", "curve"


@dataclass
class Prepared:
    """One document, ready to train on: its features without the dictionary's, its sequences and tags."""

    example: Example
    features: list[tuple[str, ...]]
    ranges: list[tuple[int, int]]
    tags: list[str]


def prepare(
    examples: Sequence[Example],
    settings: TrainingSettings,
    *,
    cancelled: Cancelled | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Prepared]:
    context = default_context()
    segmenter = get_segmenter()
    prepared = []
    for number, example in enumerate(examples, start=1):
        if cancelled is not None and cancelled():
            raise TrainingCancelled("training was cancelled")
        analysis = analyse(example.text, segmenter)
        rules = rule_spans(analysis, context) if settings.features.rule_hits else []
        features = document_features(analysis, settings.features, rule_spans=rules)
        ranges = sequence_ranges(example.text, example.spans)
        tags = encode(example.spans, len(example.text), settings.scheme)
        prepared.append(Prepared(example, features, ranges, tags))
        if progress is not None:
            progress(number, len(examples))
    return prepared


# --- the plan -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    id: int
    kind: str
    fold: int
    train: tuple[int, ...]
    test: tuple[int, ...] = ()
    # the share of the fold's training documents a learning-curve task trains on
    share: float = 1.0


def fold_order(examples: Sequence[Example], seed: int) -> list[int]:
    """Indices of ``examples`` in the seeded hash order of their ids (stable as documents are added)."""
    return sorted(
        range(len(examples)),
        key=lambda i: hashlib.sha1(f"{seed}:{examples[i].doc_id}".encode()).hexdigest(),
    )


def plan_tasks(examples: Sequence[Example], settings: TrainingSettings, *, final: bool = True) -> list[Task]:
    """The trainings of one ``train``: the final model, each fold, each learning-curve point; biggest first."""
    order = fold_order(examples, settings.seed)
    folds = min(settings.folds, len(examples))
    tasks: list[Task] = []
    if final:
        tasks.append(Task(0, FINAL, -1, tuple(range(len(examples)))))
    if folds >= 2:
        for fold in range(folds):
            test = tuple(sorted(order[r] for r in range(fold, len(order), folds)))
            train_in_order = [i for i in order if i not in set(test)]
            tasks.append(Task(len(tasks), FOLD, fold, tuple(sorted(train_in_order)), test))
            for fraction in settings.curve_fractions:
                size = max(1, round(fraction * len(train_in_order)))
                if size >= len(train_in_order):
                    continue
                subset = tuple(sorted(train_in_order[:size]))
                tasks.append(Task(len(tasks), CURVE, fold, subset, test, fraction))
    return sorted(tasks, key=lambda t: (-len(t.train), t.id))


# --- one task -----------------------------------------------------------------------------------


@dataclass
class TaskResult:
    task_id: int
    kind: str
    fold: int
    train_documents: int
    share: float = 1.0
    tallies: dict[str, Tally] = field(default_factory=dict)
    # (score as the smallest marginal, as their product, whether the span was right)
    # for every span predicted on the test documents of a fold
    scored: list[tuple[float, float, bool]] = field(default_factory=list)
    data: bytes | None = None
    seconds: float = 0.0


def dictionary_of(prepared: Sequence[Prepared], indices: Sequence[int]) -> tuple[Dictionary, list[Counter]]:
    """The dictionary of these documents' entities (in how many documents each text had each label), and each one's share."""
    own: list[Counter] = []
    total: Counter = Counter()
    for i in indices:
        example = prepared[i].example
        counts = Counter({(example.text[s:e], label): 1 for s, e, label in set(example.spans)})
        own.append(counts)
        total.update(counts)
    return Dictionary(total), own


def with_dictionary(item: Prepared, dictionary: Dictionary, own: Counter | None) -> list[tuple[str, ...]]:
    spans = dictionary.spans(item.example.text, own)
    return add_features(item.features, hit_features("d", spans, len(item.features)))


def sequences_for(prepared: Sequence[Prepared], indices: Sequence[int], settings: TrainingSettings):
    dictionary, own = (
        dictionary_of(prepared, indices) if settings.features.dictionary else (None, [None] * len(indices))
    )
    for i, mine in zip(indices, own, strict=True):
        item = prepared[i]
        rows = with_dictionary(item, dictionary, mine) if dictionary is not None else item.features
        for begin, end in item.ranges:
            yield rows[begin:end], item.tags[begin:end]


def run_task(
    prepared: Sequence[Prepared],
    labels: Sequence[str],
    task: Task,
    settings: TrainingSettings,
    *,
    progress: IterationProgress | None = None,
    cancelled: Cancelled | None = None,
) -> TaskResult:
    started = time.perf_counter()
    data = train_crf(list(sequences_for(prepared, task.train, settings)), settings.crf,
                     progress=progress, cancelled=cancelled)
    result = TaskResult(task.id, task.kind, task.fold, len(task.train), task.share)
    if task.kind == FINAL:
        result.data = data
    else:
        model = LearnedModel(data, labels, settings)
        dictionary = dictionary_of(prepared, task.train)[0] if settings.features.dictionary else None
        for i in task.test:
            item = prepared[i]
            rows = with_dictionary(item, dictionary, None) if dictionary is not None else item.features
            prediction = model.predict_features(item.example.text, rows)
            gold = set(item.example.spans)
            tally_spans(result.tallies, {(p.start, p.end, p.label) for p in prediction.spans}, gold)
            if task.kind == FOLD:
                result.scored.extend(
                    (p.scored("min"), p.scored("product"), (p.start, p.end, p.label) in gold) for p in prediction.spans
                )
    result.seconds = time.perf_counter() - started
    return result


# --- the figures --------------------------------------------------------------------------------


def summarise(
    results: Sequence[TaskResult], labels: Sequence[str], documents: int, span_score: str = "min"
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Cross-validated scores per label and overall, the calibration table of the span scores, and the learning curve."""
    folds = [r for r in results if r.kind == FOLD]
    pooled: dict[str, Tally] = {label: Tally() for label in labels}
    scored: list[tuple[float, bool]] = []
    which = 0 if span_score == "min" else 1
    for result in sorted(folds, key=lambda r: r.fold):
        for label, tally in result.tallies.items():
            pooled.setdefault(label, Tally()).add(tally)
        scored.extend((item[which], item[2]) for item in result.scored)
    overall = Tally()
    for tally in pooled.values():
        overall.add(tally)
    metrics: dict[str, Any] = {
        "folds": len(folds),
        "documents": documents,
        "overall": overall.as_dict(),
        "labels": {label: pooled[label].as_dict() for label in pooled},
        "calibration": calibration_table(scored),
    }
    curve: list[dict[str, Any]] = []
    by_share: dict[float, list[TaskResult]] = {}
    for result in results:
        if result.kind in (FOLD, CURVE):
            by_share.setdefault(result.share, []).append(result)
    for _share, group in sorted(by_share.items()):
        labelled: dict[str, Tally] = {label: Tally() for label in labels}
        total = Tally()
        for result in group:
            for label, tally in result.tallies.items():
                labelled.setdefault(label, Tally()).add(tally)
                total.add(tally)
        curve.append({
            "documents": round(sum(r.train_documents for r in group) / len(group), 1),
            "overall": round(total.f1, 4),
            "labels": {label: round(t.f1, 4) for label, t in labelled.items()},
        })
    return metrics, curve

