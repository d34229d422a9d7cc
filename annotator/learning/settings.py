"""How a model is trained (stored with it), and the project settings the app's background retraining reads."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from annotator.errors import InputError
from annotator.learning.crf import CrfSettings
from annotator.learning.features import FeatureSettings
from annotator.learning.tags import SCHEMES

if TYPE_CHECKING:
    from annotator.store import Store

# How a predicted span's score is made from the marginal probabilities of its tags.
SPAN_SCORES = ("min", "product")

# Too little to learn from below these (whichever binds).
MIN_DOCUMENTS = 5
MIN_ENTITIES = 20

# Project settings (``Store.setting``): retrain after this many newly finished documents.
RETRAIN_EVERY_KEY = "learning.retrain_every"
RETRAIN_EVERY_DEFAULT = 10


@dataclass(frozen=True)
class TrainingSettings:
    features: FeatureSettings = field(default_factory=FeatureSettings)
    crf: CrfSettings = field(default_factory=CrfSettings)
    scheme: str = "BIOES"
    # k of the k-fold cross-validation; fewer when there are fewer documents.
    folds: int = 5
    # Fixes which documents go to which fold, and the subsets of the learning curve.
    seed: int = 0
    # Points of the learning curve below the full training folds: these shares of each fold's training documents.
    curve_fractions: tuple[float, ...] = (0.25, 0.5)
    span_score: str = "min"
    min_documents: int = MIN_DOCUMENTS
    min_entities: int = MIN_ENTITIES

    def __post_init__(self) -> None:
        if self.scheme not in SCHEMES:
            raise InputError(f"tag scheme must be one of {', '.join(SCHEMES)}, not {self.scheme!r}")
        if self.span_score not in SPAN_SCORES:
            raise InputError(f"span score must be one of {', '.join(SPAN_SCORES)}, not {self.span_score!r}")
        if self.folds < 2:
            raise InputError(f"cross-validation needs at least 2 folds, not {self.folds}")
        if any(not 0 < f < 1 for f in self.curve_fractions):
            raise InputError("learning-curve fractions must be between 0 and 1")

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": self.features.to_dict(),
            "crf": self.crf.to_dict(),
            "scheme": self.scheme,
            "folds": self.folds,
            "seed": self.seed,
            "curve_fractions": list(self.curve_fractions),
            "span_score": self.span_score,
            "min_documents": self.min_documents,
            "min_entities": self.min_entities,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainingSettings:
        data = dict(data)
        try:
            features = FeatureSettings.from_dict(data.pop("features", {}))
            crf = CrfSettings.from_dict(data.pop("crf", {}))
            if "curve_fractions" in data:
                data["curve_fractions"] = tuple(data["curve_fractions"])
            return cls(features=features, crf=crf, **data)
        except TypeError as exc:
            raise InputError(f"unknown training setting: {exc}") from None

    def with_features(self, features: FeatureSettings) -> TrainingSettings:
        return replace(self, features=features)


def retrain_every(store: Store) -> int:
    """After how many newly finished documents the app retrains (project setting, default 10)."""
    value = store.settings.get(RETRAIN_EVERY_KEY)
    try:
        number = int(value) if value is not None else RETRAIN_EVERY_DEFAULT
    except ValueError:
        return RETRAIN_EVERY_DEFAULT
    return max(1, number)


def set_retrain_every(store: Store, documents: int) -> None:
    if documents < 1:
        raise InputError(f"retrain every: needs at least 1 document, not {documents}")
    store.settings.set(RETRAIN_EVERY_KEY, str(int(documents)))
