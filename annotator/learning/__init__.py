"""The learned suggester: a character CRF trained on the project's reviewed documents.

Qt-free, used by ``annotator train``, ``annotator suggest --db`` and the app.
The public API:

- ``train_project(store, progress=..., cancelled=...)``: cross-validate, train,
  store the model (``store.models``) and refresh unfinished documents;
  ``TrainingReport.as_dict()`` is the ``train --json`` report.
- ``training_readiness(store)``: whether there is enough to learn from, and
  how much more is needed (``NotEnoughDataError`` says the same).
- ``retrain_due(store)``, ``retrain_every(store)``, ``set_retrain_every(store, n)``:
  the app's retraining after every N newly finished documents.
- ``most_uncertain(store)``: unfinished documents, most unsure first.
- ``learning_history(store)``: cross-validated F1 of every stored model.
- ``TrainingSettings``, ``FeatureSettings``, ``CrfSettings``: how to train.

The ``model`` candidate source (``annotator.learning.source``) is registered
with the other sources by ``annotator.candidates``. How it works and how well:
docs/learning.md.
"""

from annotator.learning.crf import CrfSettings, TrainingCancelled
from annotator.learning.dataset import NotEnoughDataError, Readiness
from annotator.learning.features import FeatureSettings
from annotator.learning.project import (
    TrainingReport,
    finished_since_last_model,
    learning_history,
    retrain_due,
    train_project,
    training_readiness,
)
from annotator.learning.settings import TrainingSettings, retrain_every, set_retrain_every
from annotator.learning.uncertainty import most_uncertain

__all__ = [
    "CrfSettings",
    "FeatureSettings",
    "NotEnoughDataError",
    "Readiness",
    "TrainingCancelled",
    "TrainingReport",
    "TrainingSettings",
    "finished_since_last_model",
    "learning_history",
    "most_uncertain",
    "retrain_due",
    "retrain_every",
    "set_retrain_every",
    "train_project",
    "training_readiness",
]
