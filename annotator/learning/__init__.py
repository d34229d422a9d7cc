"""The learned suggester: a character CRF trained on the project's reviewed documents.

Qt-free, used by ``annotator train``, ``annotator suggest --db`` and the app.
The public API:

- ``train_project(store, progress=..., cancelled=...)``: cross-validate, train,
  store the model (``store.models``) and refresh unfinished documents;
  ``TrainingReport.as_dict()`` is the ``train --json`` report.
- ``training_readiness(store)``: whether there is enough to learn from, and
  how much more is needed (``NotEnoughDataError`` says the same).
- ``retrain_due(store)``, ``retrain_every(store)``, ``set_retrain_every(store, n)``,
  ``retrain_automatically(store)``, ``set_retrain_automatically(store, on)``,
  ``automatic_retrain_due(store)``: the app's retraining after every N newly
  finished documents.
- ``most_uncertain(store)``: unfinished documents, most unsure first.
- ``learning_history(store)``: cross-validated F1 of every stored model;
  ``learning_curve(store)``: the same with the newest model's smaller
  trainings, as the dashboard plots it.
- ``TrainingSettings``, ``FeatureSettings``, ``CrfSettings``: how to train.

The ``model`` candidate source (``annotator.learning.source``) is registered
with the other sources by ``annotator.candidates``. How it works and how well:
docs/learning.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotator.learning.crf import CrfSettings, TrainingCancelled
    from annotator.learning.dataset import NotEnoughDataError, Readiness
    from annotator.learning.features import FeatureSettings
    from annotator.learning.project import (
        CurvePoint,
        LearningCurve,
        TrainingReport,
        automatic_retrain_due,
        finished_since_last_model,
        learning_curve,
        learning_history,
        retrain_due,
        train_project,
        training_readiness,
    )
    from annotator.learning.settings import (
        TrainingSettings,
        retrain_automatically,
        retrain_every,
        set_retrain_automatically,
        set_retrain_every,
    )
    from annotator.learning.uncertainty import most_uncertain

# Where each public name lives. They are imported on first use: the whole package (CRFsuite, the
# dataset formats, the candidate refresh) takes half a second to import, and the app's window and
# dialogs that only read a setting need not wait for it.
_HOMES = {
    "CrfSettings": "annotator.learning.crf",
    "CurvePoint": "annotator.learning.project",
    "FeatureSettings": "annotator.learning.features",
    "LearningCurve": "annotator.learning.project",
    "NotEnoughDataError": "annotator.learning.dataset",
    "Readiness": "annotator.learning.dataset",
    "TrainingCancelled": "annotator.learning.crf",
    "TrainingReport": "annotator.learning.project",
    "TrainingSettings": "annotator.learning.settings",
    "automatic_retrain_due": "annotator.learning.project",
    "finished_since_last_model": "annotator.learning.project",
    "learning_curve": "annotator.learning.project",
    "learning_history": "annotator.learning.project",
    "most_uncertain": "annotator.learning.uncertainty",
    "retrain_automatically": "annotator.learning.settings",
    "retrain_due": "annotator.learning.project",
    "retrain_every": "annotator.learning.settings",
    "set_retrain_automatically": "annotator.learning.settings",
    "set_retrain_every": "annotator.learning.settings",
    "train_project": "annotator.learning.project",
    "training_readiness": "annotator.learning.project",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'annotator.learning' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


__all__ = [
    "CrfSettings",
    "CurvePoint",
    "FeatureSettings",
    "LearningCurve",
    "NotEnoughDataError",
    "Readiness",
    "TrainingCancelled",
    "TrainingReport",
    "TrainingSettings",
    "automatic_retrain_due",
    "finished_since_last_model",
    "learning_curve",
    "learning_history",
    "most_uncertain",
    "retrain_automatically",
    "retrain_due",
    "retrain_every",
    "set_retrain_automatically",
    "set_retrain_every",
    "train_project",
    "training_readiness",
]
