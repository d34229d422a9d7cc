"""The rules' proposals for a text, as the learned model reads them: one of its features.

Kept apart from training so that tagging (the ``model`` and ``starter`` sources, which the app loads as it
opens a project) does not import what only training needs (the dataset readers and through them every format).
"""

from __future__ import annotations

from annotator.candidates.analysis import TextAnalysis
from annotator.candidates.context import SuggestContext
from annotator.candidates.engine import proposals_of
from annotator.learning.tags import Span


def rule_spans(analysis: TextAnalysis, context: SuggestContext) -> list[Span]:
    return [(s.start, s.end, s.label) for s in proposals_of("rules", analysis, context)]
