"""A trained model: tagging a document, a calibrated score for each span, and how unsure it is of the document.

**Span scores.** CRFsuite gives the marginal probability of each tag at each
position (forward-backward). A predicted span's score is the smallest
marginal among its tags (``span_score = "min"``) or their product
(``"product"``). The probability that the whole span is right is at most the
smallest marginal; the product treats the tags as independent, which they are
not (a B makes the next I likely), so it underrates long spans. Which one is
better calibrated was measured with a reliability table on cross-validated
predictions (docs/learning.md) and "min" is the default.

**Uncertainty** (least confidence, per sentence). For each sentence, 1 -
P(predicted tags | sentence) is the probability that the model got something
in it wrong; their sum is the expected number of sentences tagged wrongly, and
their mean over the document's sentences is its uncertainty, the key of "most
unsure first". A sequence measure suits a CRF (Settles and Craven 2008 found
sequence least confidence among the best for active learning with CRFs) and
costs one call per sentence, where token entropy costs one per tag per
character: the model must not slow the candidate pass much. Taking the mean,
not the sum, keeps long articles from coming first merely for being long; a
long sentence still counts as less certain than a short one, as it should:
it has more to get wrong.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from annotator.candidates.analysis import TextAnalysis
from annotator.learning.crf import open_tagger
from annotator.learning.features import document_features, sequence_ranges
from annotator.learning.settings import TrainingSettings
from annotator.learning.tags import Span, decode_entities


@dataclass(frozen=True)
class PredictedSpan:
    start: int
    end: int
    label: str
    score: float
    # the marginal probability of each of its tags
    marginals: tuple[float, ...] = ()

    def scored(self, how: str) -> float:
        return min(self.marginals) if how == "min" else math.prod(self.marginals)


@dataclass(frozen=True)
class Prediction:
    spans: list[PredictedSpan]
    # the expected number of sentences the model tags wrongly somewhere: the sum of 1 - P(tags | sentence)
    expected_wrong_sentences: float
    sentences: int

    @property
    def uncertainty(self) -> float:
        """The expected share of sentences tagged wrongly somewhere (0 for an empty text)."""
        return self.expected_wrong_sentences / self.sentences if self.sentences else 0.0


class LearnedModel:
    """Model bytes with their labels and settings; picklable (each process opens its own taggers).

    A CRFsuite tagger holds the sequence it last tagged, so each thread gets its own.
    """

    def __init__(self, data: bytes, labels: Sequence[str], settings: TrainingSettings, *, model_id: int | None = None) -> None:
        self.data = data
        self.labels = tuple(labels)
        self.settings = settings
        self.model_id = model_id
        self._local = threading.local()
        # Fails here, not in the middle of a refresh, when the bytes are no model.
        self._tagger()

    def __getstate__(self) -> dict[str, Any]:
        return {"data": self.data, "labels": self.labels, "settings": self.settings.to_dict(), "model_id": self.model_id}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(  # type: ignore[misc]
            state["data"], state["labels"], TrainingSettings.from_dict(state["settings"]), model_id=state["model_id"]
        )

    def _tagger(self):
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            tagger = self._local.tagger = open_tagger(self.data)
        return tagger

    def predict(
        self,
        analysis: TextAnalysis,
        *,
        rule_spans: Sequence[Span] = (),
        dictionary_spans: Sequence[Span] = (),
    ) -> Prediction:
        features = document_features(
            analysis, self.settings.features, rule_spans=rule_spans, dictionary_spans=dictionary_spans
        )
        return self.predict_features(analysis.text, features)

    def predict_features(self, text: str, features: list[tuple[str, ...]]) -> Prediction:
        """Tag ``text`` from features already built for it (cross-validation builds them once)."""
        tagger = self._tagger()
        how = self.settings.span_score
        spans: list[PredictedSpan] = []
        expected_wrong = 0.0
        sentences = 0
        for begin, end in sequence_ranges(text):
            tags = tagger.tag(features[begin:end])
            expected_wrong += 1.0 - tagger.probability(tags)
            sentences += 1
            for start, stop, label in decode_entities(tags):
                inside = tuple(tagger.marginal(tags[position], position) for position in range(start, stop))
                score = min(inside) if how == "min" else math.prod(inside)
                spans.append(PredictedSpan(begin + start, begin + stop, label, score, inside))
        return Prediction(spans, expected_wrong, sentences)
