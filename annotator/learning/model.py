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
from dataclasses import dataclass, field
from typing import Any

from annotator.candidates.analysis import TextAnalysis
from annotator.learning.crf import open_tagger
from annotator.learning.features import sequence_ranges
from annotator.learning.model_features import ModelFeatures, model_attributes
from annotator.learning.settings import TrainingSettings
from annotator.learning.tags import OUTSIDE, Span, decode_entities


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
    # spans the best tagging does not hold whose every tag has a marginal of at least the
    # threshold asked for (``predict(alternatives=...)``): what the model thinks may be a name too
    alternatives: list[PredictedSpan] = field(default_factory=list)

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
        self._features_lock = threading.Lock()
        self._features: ModelFeatures | None = None
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

    def model_features(self) -> ModelFeatures:
        """The feature builder for this model's attributes (read from the model once)."""
        with self._features_lock:
            if self._features is None:
                self._features = ModelFeatures(self.settings.features, model_attributes(self._tagger()))
            return self._features

    def predict(
        self,
        analysis: TextAnalysis,
        *,
        rule_spans: Sequence[Span] = (),
        dictionary_spans: Sequence[Span] = (),
        alternatives: float | None = None,
    ) -> Prediction:
        rows = self.model_features().rows(analysis, rule_spans=rule_spans, dictionary_spans=dictionary_spans)
        return self.predict_features(analysis.text, rows, alternatives=alternatives)

    def predict_features(
        self, text: str, features: Sequence[Sequence[str] | Sequence[bytes]], *, alternatives: float | None = None
    ) -> Prediction:
        """Tag ``text`` from features already built for it (cross-validation builds them once).

        With ``alternatives`` (a marginal probability, 0 < a < 1), the spans the best
        tagging leaves out but whose tags all have at least that marginal come too
        (``Prediction.alternatives``, see ``alternative_spans``).
        """
        tagger = self._tagger()
        how = self.settings.span_score
        spans: list[PredictedSpan] = []
        others: list[PredictedSpan] = []
        expected_wrong = 0.0
        sentences = 0
        for begin, end in sequence_ranges(text):
            tags = tagger.tag(features[begin:end])
            wrong = 1.0 - tagger.probability(tags)
            expected_wrong += wrong
            sentences += 1
            found = decode_entities(tags)
            for start, stop, label in found:
                inside = tuple(tagger.marginal(tags[position], position) for position in range(start, stop))
                score = min(inside) if how == "min" else math.prod(inside)
                spans.append(PredictedSpan(begin + start, begin + stop, label, score, inside))
            # A tag the best tagging does not hold has a marginal of at most 1 - P(best), and a span
            # the best leaves out has such a tag: where the model is that sure there is nothing to find.
            if alternatives is not None and wrong >= alternatives and self.settings.scheme == "BIOES":
                best = set(found)
                for other in alternative_spans(tagger, tags, self.labels, alternatives):
                    if (other.start, other.end, other.label) in best:
                        continue
                    score = other.score if how == "min" else math.prod(other.marginals)
                    others.append(PredictedSpan(begin + other.start, begin + other.end, other.label, score, other.marginals))
        return Prediction(spans, expected_wrong, sentences, others)


# An alternative span is at most this long (a name is far shorter; it bounds the work on a long run of doubt).
MAX_ALTERNATIVE_LENGTH = 40


def alternative_spans(tagger, tags: Sequence[str], labels: Sequence[str], threshold: float) -> list[PredictedSpan]:
    """Every span of the sentence just tagged whose BIOES tags each have a marginal of at least ``threshold``.

    The marginals come from forward-backward over all taggings, so these are
    the names the model gives some chance to, the best tagging's and others.
    A span's score is its smallest tag marginal, an upper bound of the
    probability that the span is right, as for the best tagging's spans.

    Each marginal is one call into CRFsuite, so as few are asked as the
    answer allows: "outside" once per character; where that is nearly
    certain no tag of a label can reach the threshold. Elsewhere a label's
    single and begin tags; its inside and end tags only along a span begun.
    """
    marginal = tagger.marginal
    doubtful = 1.0 - threshold
    length = len(tags)
    is_open = [marginal(OUTSIDE, position) <= doubtful for position in range(length)]
    open_at = [position for position in range(length) if is_open[position]]
    if not open_at:
        return []
    known = set(tagger.labels())
    found: list[PredictedSpan] = []
    for label in labels:
        begin_tag, inside_tag, end_tag, single_tag = f"B-{label}", f"I-{label}", f"E-{label}", f"S-{label}"
        if single_tag in known:  # a tag never seen in training (no one-character PER) is not in the model
            for position in open_at:
                single = marginal(single_tag, position)
                if single >= threshold:
                    found.append(PredictedSpan(position, position + 1, label, single, (single,)))
        if begin_tag not in known or end_tag not in known:
            continue
        has_inside = inside_tag in known
        for start in open_at:
            first = marginal(begin_tag, start)
            if first < threshold:
                continue
            inside = [first]
            for stop in range(start + 1, min(start + MAX_ALTERNATIVE_LENGTH, length)):
                if not is_open[stop]:  # "outside" is nearly certain here
                    break
                last = marginal(end_tag, stop)
                if last >= threshold:
                    ended = (*inside, last)
                    found.append(PredictedSpan(start, stop + 1, label, min(ended), ended))
                middle = marginal(inside_tag, stop) if has_inside else 0.0
                if middle < threshold:
                    break
                inside.append(middle)
    return found
