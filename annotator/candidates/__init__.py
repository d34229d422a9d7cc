"""Candidate spans: highlights that are right most of the time.

Sources (jieba POS tags, rules for this kind of text, the reviewers' own labels,
and the project's learned model, ``annotator.learning``) each propose spans;
``resolve`` merges them into one clean list. The public API:

- ``suggest(text, context=None)``: suggestions for a text.
- ``context_from_store(store)``: the project's schema, gazetteer, rejections and model.
- ``refresh_candidates(store, doc_ids)``: compute and store candidates.
- ``propagate_labels(store, texts)``: after a reviewer labels something, its other
  occurrences in unfinished documents become candidates.
- ``find_occurrences`` / ``apply_occurrences``: "label all occurrences".
- ``register_source(name, factory)``: plug in another source.
- ``warm_up()``: load the segmenter and the rules ahead of time.
"""

from typing import TYPE_CHECKING, Any

from annotator.candidates.context import (
    LabelledSpan,
    SuggestContext,
    context_for_document,
    context_from_store,
    default_context,
)
from annotator.candidates.engine import suggest, warm_up
from annotator.candidates.ruleset import load_rules, reload_rules
from annotator.candidates.sources import CandidateSource, register_source, registered_sources, unregister_source
from annotator.candidates.spans import Suggestion

if TYPE_CHECKING:
    from annotator.candidates.occurrences import Occurrence, apply_occurrences, find_occurrences
    from annotator.candidates.refresh import propagate_labels, refresh_candidates

# The parts that work on a project load the store; worker processes never need them.
_LAZY = {
    "Occurrence": "annotator.candidates.occurrences",
    "apply_occurrences": "annotator.candidates.occurrences",
    "find_occurrences": "annotator.candidates.occurrences",
    "refresh_candidates": "annotator.candidates.refresh",
    "propagate_labels": "annotator.candidates.refresh",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'annotator.candidates' has no attribute '{name}'")
    import importlib

    return getattr(importlib.import_module(module), name)

__all__ = [
    "CandidateSource",
    "LabelledSpan",
    "Occurrence",
    "SuggestContext",
    "Suggestion",
    "apply_occurrences",
    "context_for_document",
    "context_from_store",
    "default_context",
    "find_occurrences",
    "propagate_labels",
    "load_rules",
    "refresh_candidates",
    "register_source",
    "registered_sources",
    "reload_rules",
    "suggest",
    "unregister_source",
    "warm_up",
]
