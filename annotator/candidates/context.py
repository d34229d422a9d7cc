"""What a suggestion depends on besides the text: the schema, the gazetteer, the
rejections, and what the reviewer already decided in the document."""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from annotator.candidates.gazetteer import EMPTY, Gazetteer
from annotator.candidates.ruleset import RuleSet, load_rules

if TYPE_CHECKING:
    from annotator.store import Store
    from annotator.store.models import StoredModel

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LabelledSpan:
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class SuggestContext:
    """Everything ``suggest`` needs besides the text; picklable for worker processes.

    ``labels`` limits suggestions to the schema's entity labels (None: no limit).
    ``gazetteer`` holds the project's labelled texts and ``rejections`` how often
    each (text, label) was rejected across the project. ``rejected_here`` and
    ``entities_here`` describe one document: rejected (text, label) pairs never
    come back there, and spans overlapping its entities are not proposed.
    ``sources`` names the registered sources to use (None: all of them).
    ``model`` is the project's learned model (checked, with the renames of its
    labels), which the ``model`` source tags with; None: no model.
    """

    rules: RuleSet
    labels: frozenset[str] | None = None
    gazetteer: Gazetteer = EMPTY
    rejections: Mapping[tuple[str, str], int] = field(default_factory=dict)
    rejected_here: frozenset[tuple[str, str]] = frozenset()
    entities_here: tuple[LabelledSpan, ...] = ()
    sources: tuple[str, ...] | None = None
    model: StoredModel | None = None

    def for_document(
        self,
        *,
        rejected: frozenset[tuple[str, str]] | set[tuple[str, str]] = frozenset(),
        entities: tuple[LabelledSpan, ...] | list[LabelledSpan] = (),
    ) -> SuggestContext:
        return replace(self, rejected_here=frozenset(rejected), entities_here=tuple(entities))


@functools.lru_cache(maxsize=1)
def _default_labels() -> frozenset[str]:
    from annotator.label_schema import default_schema

    return frozenset(default_schema().entity_names)


def default_context() -> SuggestContext:
    """The context without a project: bundled rules, the default schema's labels."""
    return SuggestContext(rules=load_rules(), labels=_default_labels())


def context_from_store(store: Store, *, sources: tuple[str, ...] | None = None) -> SuggestContext:
    """The project's schema labels, gazetteer, rejection counts and learned model.

    A stored model that cannot be used (damaged, or from a newer Annotator) is
    left out with a warning in the log: the other sources carry on.
    """
    rules = load_rules()
    model, problem = store.models.usable()
    if problem:
        log.warning("%s", problem)
    return SuggestContext(
        rules=rules,
        labels=frozenset(store.schema.current.entity_names),
        gazetteer=Gazetteer(store.annotations.labelled_texts(), rules.gazetteer.min_length),
        rejections=store.candidates.rejection_counts(),
        sources=sources,
        model=model,
    )


DocumentFacts = tuple[frozenset[tuple[str, str]], tuple[LabelledSpan, ...]]


def documents_facts(store: Store, doc_ids: Sequence[str]) -> dict[str, DocumentFacts]:
    """What the reviewer decided in each document: rejected (text, label) pairs and entities.

    Two queries per few hundred documents, whatever their number.
    """
    rejected = store.candidates.rejected_by_document(doc_ids)
    entities = store.annotations.entities_by_document(doc_ids)
    return {
        doc_id: (
            frozenset(rejected[doc_id]),
            tuple(LabelledSpan(e.start, e.end, e.label, e.text) for e in entities[doc_id]),
        )
        for doc_id in doc_ids
    }


def document_facts(store: Store, doc_id: str) -> DocumentFacts:
    """What the reviewer decided in one document (see ``documents_facts``)."""
    return documents_facts(store, [doc_id])[doc_id]


def context_for_document(store: Store, doc_id: str, base: SuggestContext | None = None) -> SuggestContext:
    rejected, entities = document_facts(store, doc_id)
    return (base or context_from_store(store)).for_document(rejected=rejected, entities=entities)
