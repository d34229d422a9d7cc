"""The ``model`` candidate source: the project's learned model, resolved with the other sources.

It tags the analysed text with the model in ``context.model`` (none: it
proposes nothing), using the rules' proposals for the same text and the
project's labelled texts (the gazetteer) as the dictionary, exactly as in
training. Each span's score is its calibrated marginal probability
(``annotator.learning.model``); how unsure the model is of the whole text goes
to ``analysis.measures``, which the refresh stores for "most unsure first".

Labels renamed since training come out under their new name; a label the
schema no longer has is dropped. Loaded models are kept per process (a worker
of a large refresh opens its own, once).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

from annotator.candidates.analysis import MODEL_EXPECTED_WRONG, MODEL_ID, MODEL_UNCERTAINTY, TextAnalysis
from annotator.candidates.context import SuggestContext
from annotator.candidates.gazetteer import Gazetteer
from annotator.candidates.sources import MODEL_SOURCE
from annotator.candidates.spans import Suggestion
from annotator.errors import AnnotatorError
from annotator.learning.features import Dictionary
from annotator.learning.model import LearnedModel
from annotator.learning.rule_hits import rule_spans
from annotator.learning.settings import TrainingSettings
from annotator.store.models import StoredModel

log = logging.getLogger(__name__)

SOURCE = MODEL_SOURCE


class ModelSource:
    name = SOURCE

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model: tuple[tuple[int, str], LearnedModel | None] | None = None
        self._dictionary: tuple[Gazetteer, int, Dictionary] | None = None

    def suggest(self, analysis: TextAnalysis, context: SuggestContext) -> Iterable[Suggestion]:
        stored = context.model
        if stored is None or not analysis.text.strip():
            return []
        return self.propose(analysis, context, stored, measure=True)

    def propose(
        self, analysis: TextAnalysis, context: SuggestContext, stored: StoredModel, *, measure: bool
    ) -> list[Suggestion]:
        """The spans ``stored`` tags in the text, under this source's name; with ``measure``, how unsure it
        was goes to ``analysis.measures`` (for the project's own model, whose id the refresh stores)."""
        model = self._loaded(stored)
        if model is None:
            return []
        features = model.settings.features
        rules = rule_spans(analysis, context) if features.rule_hits else []
        dictionary = self._dictionary_for(context.gazetteer, stored).spans(analysis.text) if features.dictionary else []
        prediction = model.predict(
            analysis, rule_spans=rules, dictionary_spans=dictionary, alternatives=context.rules.model.alternatives
        )
        if measure:
            analysis.measures[MODEL_UNCERTAINTY] = prediction.uncertainty
            analysis.measures[MODEL_EXPECTED_WRONG] = prediction.expected_wrong_sentences
            analysis.measures[MODEL_ID] = stored.id
        text = analysis.text
        found = []
        for span in (*prediction.spans, *prediction.alternatives):
            label = stored.label_map.get(span.label, span.label)
            if label is None:  # deleted from the schema since training
                continue
            found.append(Suggestion(span.start, span.end, label, text[span.start : span.end], self.name, span.score))
        return found

    def _loaded(self, stored: StoredModel) -> LearnedModel | None:
        key = (stored.id, stored.sha256)
        with self._lock:
            if self._model is not None and self._model[0] == key:
                return self._model[1]
            try:
                model: LearnedModel | None = LearnedModel(
                    stored.data, stored.labels, TrainingSettings.from_dict(stored.settings), model_id=stored.id
                )
            except AnnotatorError as exc:
                log.warning("the project's %s cannot be used (%s); suggesting without it", stored.describe(), exc)
                model = None
            self._model = (key, model)
            return model

    def _dictionary_for(self, gazetteer: Gazetteer, stored: StoredModel) -> Dictionary:
        """The project's labelled texts under the labels the model was trained with."""
        with self._lock:
            if self._dictionary is not None and self._dictionary[0] is gazetteer and self._dictionary[1] == stored.id:
                return self._dictionary[2]
            trained_name = {now: trained for trained, now in stored.label_map.items() if now is not None}
            counts = {
                (text, trained_name[label]): n
                for text, labels in gazetteer.counts.items()
                for label, n in labels.items()
                if label in trained_name
            }
            dictionary = Dictionary(counts)
            self._dictionary = (gazetteer, stored.id, dictionary)
            return dictionary
