"""Training a project's model: read the reviewed documents, cross-validate, train, store, refresh the candidates.

This is what ``annotator train`` runs, and what the app's background
retraining calls (from a worker thread, with its own ``Store``)::

    report = train_project(store, progress=on_progress, cancelled=stop_requested.is_set)

Nothing is stored when training is cancelled or fails. ``refresh=False``
leaves the candidates alone, for a caller that refreshes them itself (the app
keeps the open document still until the reviewer moves on).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from annotator.candidates.refresh import refresh_candidates
from annotator.errors import InputError
from annotator.learning.crf import Cancelled, TrainingCancelled
from annotator.learning.dataset import Readiness, readiness, require_enough, reviewed_data
from annotator.learning.runner import Progress, run_trainings
from annotator.learning.settings import TrainingSettings, retrain_every
from annotator.learning.training import FINAL, plan_tasks, summarise
from annotator.model import Status
from annotator.store import Store
from annotator.store.models import ModelRecord, ModelSummary

CANDIDATES = "candidates"  # the progress phase of the refresh after training
UNFINISHED = (Status.TODO, Status.IN_PROGRESS)


@dataclass
class TrainingReport:
    model: ModelSummary
    # seconds: building features, the trainings (wall clock, all processes), refreshing candidates
    timings: dict[str, float] = field(default_factory=dict)
    processes: int = 1
    nested_dropped: int = 0
    refreshed_documents: int = 0
    candidates: int = 0

    def as_dict(self) -> dict[str, Any]:
        model = self.model
        return {
            "model": {
                "version": model.id,
                "created_at": model.created_at,
                "format_version": model.format_version,
                "size": model.size,
                "sha256": model.sha256,
            },
            "documents": model.documents,
            "entities": model.entities,
            "labels": list(model.labels),
            "nested_entities_left_out": self.nested_dropped,
            "cross_validation": model.metrics,
            "learning_curve": model.learning_curve,
            "settings": model.settings,
            "timings": {name: round(seconds, 2) for name, seconds in self.timings.items()},
            "processes": self.processes,
            "refreshed": {"documents": self.refreshed_documents, "candidates": self.candidates},
        }


def training_readiness(store: Store, settings: TrainingSettings | None = None) -> Readiness:
    """Whether there is enough reviewed data, and how much more is needed (for the app to say before it tries)."""
    settings = settings or TrainingSettings()
    return readiness(reviewed_data(store), settings.min_documents, settings.min_entities)


def train_project(
    store: Store,
    *,
    settings: TrainingSettings | None = None,
    workers: int | None = None,
    in_process: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    refresh: bool = True,
) -> TrainingReport:
    """Train on the done documents, store the model with its cross-validated figures, refresh unfinished documents.

    Raises ``NotEnoughDataError`` (saying how much more is needed) when there
    is too little to learn from, and ``TrainingCancelled`` when ``cancelled()``
    turned true before the model was stored.
    """
    settings = settings or TrainingSettings()
    data = reviewed_data(store)
    require_enough(data, settings.min_documents, settings.min_entities)
    tasks = plan_tasks(data.examples, settings)
    outcome = run_trainings(
        data.examples, data.labels, tasks, settings,
        workers=workers, in_process=in_process, progress=progress, cancelled=cancelled,
    )
    final = next(result for result in outcome.results if result.kind == FINAL)
    if final.data is None:
        raise InputError("training produced no model")
    metrics, curve = summarise(outcome.results, data.labels, len(data.examples), settings.span_score)
    if cancelled is not None and cancelled():
        raise TrainingCancelled("training was cancelled")
    summary = store.models.add(ModelRecord(
        data=final.data,
        documents=len(data.examples),
        entities=data.entities,
        labels=data.labels,
        settings=settings.to_dict(),
        metrics=metrics,
        learning_curve=curve,
        trained_after_event=data.read_after_event,
    ))
    report = TrainingReport(
        summary,
        timings={"features": outcome.feature_seconds, "training": outcome.wall_seconds},
        processes=outcome.processes,
        nested_dropped=data.nested_dropped,
    )
    if refresh:
        started = time.perf_counter()
        ids = store.documents.ids(UNFINISHED)
        report.candidates = refresh_candidates(
            store, ids, workers=workers,
            progress=(lambda done, total: progress(CANDIDATES, done, total)) if progress else None,
        )
        report.refreshed_documents = len(ids)
        report.timings["refresh"] = time.perf_counter() - started
    return report


def finished_since_last_model(store: Store) -> int:
    """How many more documents are done now than the newest model was trained on."""
    latest = store.models.latest_id()
    done = store.documents.count([Status.DONE])
    if latest is None:
        return done
    return max(0, done - store.models.summary(latest).documents)


def retrain_due(store: Store) -> bool:
    """True when enough documents were finished since the last training (project setting ``learning.retrain_every``)."""
    return finished_since_last_model(store) >= retrain_every(store)


def learning_history(store: Store) -> list[dict[str, Any]]:
    """One point per stored model, oldest first: documents trained on and cross-validated F1, overall and per label.

    With each model's own ``learning_curve`` (F1 of smaller trainings on the
    same folds) this is what the dashboard plots.
    """
    points = []
    for model in store.models.history():
        metrics = model.metrics or {}
        points.append({
            "version": model.id,
            "created_at": model.created_at,
            "documents": model.documents,
            "overall": (metrics.get("overall") or {}).get("f1"),
            "labels": {label: figures.get("f1") for label, figures in (metrics.get("labels") or {}).items()},
        })
    return points
