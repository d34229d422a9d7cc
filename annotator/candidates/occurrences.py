""""Label all occurrences": find a text everywhere, show it for review, then label it in one go."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from annotator.errors import InputError
from annotator.model import Entity
from annotator.store import Store
from annotator.text.segmenter import get_segmenter

# Origin recorded on entities made by "label all occurrences".
ORIGIN = "gazetteer"
_CONTEXT_CHARS = 15


@dataclass(frozen=True)
class Occurrence:
    """One place where the text occurs, with what the reviewer needs to decide on it.

    ``labelled``: an entity with exactly this span and label exists already.
    ``overlapping``: other entities that overlap the span (a different label on the
    same span, or a longer or shorter span). ``split_word``: the occurrence starts or
    ends inside a word (张萍 in 张萍萍), so it is probably not the same name.
    """

    doc_id: str
    start: int
    end: int
    text: str
    before: str
    after: str
    labelled: bool
    overlapping: tuple[Entity, ...]
    split_word: bool

    @property
    def applicable(self) -> bool:
        """Whether labelling it is clean: not labelled yet and in nobody's way."""
        return not self.labelled and not self.overlapping


def _positions(haystack: str, needle: str) -> list[int]:
    found, position = [], haystack.find(needle)
    while position >= 0:
        found.append(position)
        position = haystack.find(needle, position + len(needle))
    return found


def _boundaries(text: str) -> set[int]:
    boundaries = {0, len(text)}
    position = 0
    for word in get_segmenter().cut(text):
        position += len(word)
        boundaries.add(position)
    return boundaries


def find_occurrences(
    store: Store,
    text: str,
    label: str,
    *,
    doc_id: str | None = None,
    among: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Occurrence]:
    """Every occurrence of ``text`` in one document (``doc_id``), in the documents ``among``, or the whole project.

    ``among`` may hold documents without the text (a search index's
    candidates); they are checked and left out. Without it, the whole
    project is scanned, which is slow on a large one: the app passes the
    search index's answer. ``progress(done, total)`` after each document.
    """
    if not text or not text.strip():
        raise InputError("cannot look for an empty text")
    store.schema.current.entity(label)
    if doc_id is not None:
        doc_ids: Sequence[str] = [doc_id]
    elif among is not None:
        doc_ids = among
    else:
        doc_ids = store.documents.containing(text)
    found: list[Occurrence] = []
    for done, current in enumerate(doc_ids, start=1):
        if progress is not None:
            progress(done, len(doc_ids))
        doc_text = store.documents.text(current)
        positions = _positions(doc_text, text)
        if not positions:
            continue
        entities = store.annotations.entities(current)
        boundaries = _boundaries(doc_text)
        for start in positions:
            end = start + len(text)
            labelled = any(e.start == start and e.end == end and e.label == label for e in entities)
            overlapping = tuple(
                e for e in entities
                if e.start < end and start < e.end and not (e.start == start and e.end == end and e.label == label)
            )
            found.append(
                Occurrence(
                    doc_id=current,
                    start=start,
                    end=end,
                    text=text,
                    before=doc_text[max(0, start - _CONTEXT_CHARS) : start],
                    after=doc_text[end : end + _CONTEXT_CHARS],
                    labelled=labelled,
                    overlapping=overlapping,
                    split_word=start not in boundaries or end not in boundaries,
                )
            )
    return found


def apply_occurrences(store: Store, occurrences: Iterable[Occurrence], label: str) -> list[Entity]:
    """Label the given occurrences as ``label`` in one transaction; returns the new entities.

    Occurrences already labelled so are skipped. Nothing is written if any of
    them no longer matches its document, so the app can undo the whole action by
    deleting the returned entities.
    """
    store.schema.current.entity(label)
    created: list[Entity] = []
    labelled: dict[str, set[tuple[int, int]]] = {}
    texts: dict[str, str] = {}
    with store.transaction():
        for occurrence in occurrences:
            doc_id = occurrence.doc_id
            if doc_id not in texts:
                texts[doc_id] = store.documents.text(doc_id)
                labelled[doc_id] = {(e.start, e.end) for e in store.annotations.entities(doc_id) if e.label == label}
            if texts[doc_id][occurrence.start : occurrence.end] != occurrence.text:
                raise InputError(
                    f"document {doc_id}: {occurrence.text!r} is no longer at "
                    f"{occurrence.start}-{occurrence.end}; look for the occurrences again"
                )
            if (occurrence.start, occurrence.end) in labelled[doc_id]:
                continue
            created.append(store.annotations.add_entity(doc_id, occurrence.start, occurrence.end, label, origin=ORIGIN))
            labelled[doc_id].add((occurrence.start, occurrence.end))
    return created
