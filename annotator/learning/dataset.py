"""What a model learns from: the project's reviewed documents (status done) and their entities.

Documents imported with annotations and status done count like any other:
a team can start from its existing gold data in any format Annotator
imports. A character tagger gives each character one label, so where
entities nest or overlap the outermost (longest) is learnt, as in the
one-label-per-token exports (``annotator.formats.nesting``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.errors import InputError
from annotator.formats.nesting import outermost
from annotator.learning.tags import Span
from annotator.model import Entity, Status
from annotator.store import Store


@dataclass(frozen=True)
class Example:
    doc_id: str
    text: str
    # non-overlapping, in reading order
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class TrainingData:
    examples: list[Example]
    # the labels the examples use, in the schema's order
    labels: tuple[str, ...]
    # entities left out because a longer one covers them
    nested_dropped: int
    # the last event when the data was read: label renames after it are followed (store.models.label_map)
    read_after_event: int

    @property
    def entities(self) -> int:
        return sum(len(e.spans) for e in self.examples)


class NotEnoughDataError(InputError):
    """Too few reviewed documents or entities to learn from."""


def examples_from(records: Iterable[tuple[str, str, Iterable[Span]]], label_order: Sequence[str] = ()) -> list[Example]:
    """Examples from (id, text, spans) with any nesting resolved (outermost wins)."""
    examples = []
    for doc_id, text, spans in records:
        entities = [Entity(doc_id, s, e, label, text[s:e]) for s, e, label in spans]
        kept = outermost(entities, label_order).kept
        examples.append(Example(doc_id, text, tuple((x.start, x.end, x.label) for x in kept)))
    return examples


def reviewed_data(store: Store) -> TrainingData:
    """The done documents of the project, in reading order, with their entities."""
    read_after = store.models.last_event_id()
    schema_order = store.schema.current.entity_names
    ids = store.documents.ids([Status.DONE])
    examples: list[Example] = []
    dropped = 0
    for annotated in store.documents.iter_annotated(ids):
        document = annotated.document
        flat = outermost(annotated.entities, schema_order)
        dropped += len(flat.dropped)
        spans = tuple((e.start, e.end, e.label) for e in flat.kept)
        examples.append(Example(document.id, document.text, spans))
    used = {label for example in examples for _s, _e, label in example.spans}
    labels = tuple(name for name in schema_order if name in used) + tuple(sorted(used - set(schema_order)))
    return TrainingData(examples, labels, dropped, read_after)


@dataclass(frozen=True)
class Readiness:
    documents: int
    entities: int
    min_documents: int
    min_entities: int

    @property
    def ready(self) -> bool:
        return self.documents >= self.min_documents and self.entities >= self.min_entities

    @property
    def more_documents(self) -> int:
        return max(0, self.min_documents - self.documents)

    @property
    def more_entities(self) -> int:
        return max(0, self.min_entities - self.entities)

    def message(self) -> str:
        """What is missing, in plain words (empty when ready)."""
        if self.ready:
            return ""
        documents = f"{self.more_documents} more reviewed document{'s' if self.more_documents != 1 else ''}"
        entities = f"{self.more_entities} more entit{'ies' if self.more_entities != 1 else 'y'}"
        if self.more_documents and self.more_entities:
            todo = f"Mark {documents} as done and label {entities}"
        elif self.more_documents:
            todo = f"Mark {documents} as done"
        else:
            todo = f"Label {entities} in documents marked done"
        return (
            f"not enough reviewed data to train on yet: {self.documents} document"
            f"{'s' if self.documents != 1 else ''} marked done with {self.entities} "
            f"entit{'ies' if self.entities != 1 else 'y'}; training needs at least {self.min_documents} documents "
            f"and {self.min_entities} entities. {todo}. "
            "Until then suggestions come from the rules and the gazetteer"
        )


def readiness(data: TrainingData, min_documents: int, min_entities: int) -> Readiness:
    return Readiness(len(data.examples), data.entities, min_documents, min_entities)


def require_enough(data: TrainingData, min_documents: int, min_entities: int) -> None:
    state = readiness(data, min_documents, min_entities)
    if not state.ready:
        raise NotEnoughDataError(state.message())
