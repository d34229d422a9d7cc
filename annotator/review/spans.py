"""Spans as the reviewer meets them: entities and pending candidates in reading order.

A *span* here is anything drawn over the text that the keyboard can focus:
an entity, or a candidate still waiting for a decision. Offsets are code
points, like everywhere in the core.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from annotator.model import Candidate, Entity


class SpanKind:
    """The two kinds of span. Plain strings, not an Enum: keys are hashed thousands of
    times per repaint, and an Enum's hash runs in Python."""

    ENTITY = "entity"
    CANDIDATE = "candidate"


class SpanKey(NamedTuple):
    """Names one span across reloads: its kind and its database id."""

    kind: str
    id: int


@dataclass(frozen=True, slots=True)
class Span:
    key: SpanKey
    start: int
    end: int
    label: str
    text: str
    # candidates: where the suggestion came from and how sure it is
    source: str = ""
    score: float | None = None
    # entities: manual, candidate:<source> or import; and who made it
    origin: str = ""
    annotator: str = ""

    @property
    def is_entity(self) -> bool:
        return self.key.kind == SpanKind.ENTITY

    @property
    def is_candidate(self) -> bool:
        return self.key.kind == SpanKind.CANDIDATE

    def contains(self, position: int) -> bool:
        return self.start <= position < self.end

    @classmethod
    def of_entity(cls, entity: Entity) -> Span:
        assert entity.id is not None
        # positional: a document's every span is built this way when it opens
        return cls(
            SpanKey(SpanKind.ENTITY, entity.id),
            entity.start,
            entity.end,
            entity.label,
            entity.text,
            "",
            None,
            entity.origin,
            entity.annotator,
        )

    @classmethod
    def of_candidate(cls, candidate: Candidate) -> Span:
        assert candidate.id is not None
        return cls(
            SpanKey(SpanKind.CANDIDATE, candidate.id),
            candidate.start,
            candidate.end,
            candidate.label,
            candidate.text,
            candidate.source,
            candidate.score,
        )


def reading_order_key(span: Span) -> tuple:
    # Outer spans before the spans nested in them (a pre-order walk), and an
    # entity before a candidate on the same stretch: the decided thing first.
    return (span.start, -span.end, span.key.kind == SpanKind.CANDIDATE, span.label, span.key.id)


class SpanIndex:
    """The spans of one document, sorted in reading order, with look-ups by position and key."""

    def __init__(self, spans: Iterable[Span], *, ordered: bool = False) -> None:
        self.spans: list[Span] = list(spans) if ordered else sorted(spans, key=reading_order_key)
        self._starts = [s.start for s in self.spans]
        self._position = {s.key: i for i, s in enumerate(self.spans)}
        self._levels: dict[SpanKey, int] | None = None
        self._entity_levels: dict[SpanKey, int] | None = None
        # Longest span, so a look-up by position knows how far back to search.
        self._max_length = max((s.end - s.start for s in self.spans), default=0)

    def __len__(self) -> int:
        return len(self.spans)

    def __iter__(self):
        return iter(self.spans)

    def __contains__(self, key: object) -> bool:
        return key in self._position

    def get(self, key: SpanKey | None) -> Span | None:
        if key is None:
            return None
        index = self._position.get(key)
        return None if index is None else self.spans[index]

    # --- stepping through the document --------------------------------------------

    def next_after(
        self, key: SpanKey | None, position: int = 0, *, kinds: Sequence[str] | None = None, wrap: bool = True
    ) -> Span | None:
        """The span after ``key`` in reading order, or the first starting at or after ``position``."""
        return self._step(key, position, +1, kinds, wrap)

    def previous_before(
        self, key: SpanKey | None, position: int = 0, *, kinds: Sequence[str] | None = None, wrap: bool = True
    ) -> Span | None:
        return self._step(key, position, -1, kinds, wrap)

    def _step(
        self, key: SpanKey | None, position: int, direction: int, kinds: Sequence[str] | None, wrap: bool
    ) -> Span | None:
        if not self.spans:
            return None
        wanted = set(kinds) if kinds else None
        index = self._position.get(key) if key is not None else None
        if index is None:
            # Nothing focused: start from the text cursor.
            if direction > 0:
                index = bisect.bisect_left(self._starts, position) - 1
            else:
                index = bisect.bisect_left(self._starts, position)
        count = len(self.spans)
        steps = count if wrap else (count - index - 1 if direction > 0 else index)
        for step in range(1, max(steps, 0) + 1):
            candidate_index = index + direction * step
            if wrap:
                candidate_index %= count
            elif not 0 <= candidate_index < count:
                break
            span = self.spans[candidate_index]
            if wanted is None or span.key.kind in wanted:
                return span
        return None

    def at(self, position: int) -> list[Span]:
        """Spans covering ``position``, innermost (shortest) first."""
        low = bisect.bisect_left(self._starts, position - self._max_length)
        high = bisect.bisect_right(self._starts, position)
        covering = [s for s in self.spans[low:high] if s.contains(position)]
        covering.sort(key=lambda s: (s.end - s.start, s.key.kind == SpanKind.CANDIDATE, s.key.id))
        return covering

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans that share at least one character with ``start``-``end``, in reading order."""
        low = bisect.bisect_left(self._starts, start - self._max_length)
        high = bisect.bisect_left(self._starts, end)
        return [s for s in self.spans[low:high] if s.end > start]

    def first(self, kind: str | None = None) -> Span | None:
        return next((s for s in self.spans if kind is None or s.key.kind == kind), None)

    # --- drawing --------------------------------------------------------------------

    def levels(self) -> dict[SpanKey, int]:
        """A stacking level per span so that overlapping spans never share one.

        Level 0 is drawn closest to the text; a span nested in another, or
        crossing it, gets the next free level. Greedy interval colouring in
        reading order, which gives outer spans the lower levels.
        """
        if self._levels is None:
            self._levels = stack_levels(self.spans, ordered=True)
        return self._levels

    def entity_levels(self) -> dict[SpanKey, int]:
        """Stacking levels among the entities alone: how deep each entity is nested in others.

        Candidates come and go with every decision; the room kept for nested
        entities' bars and label names must not, or the text would move as
        the reviewer works.
        """
        if self._entity_levels is None:
            self._entity_levels = stack_levels([s for s in self.spans if s.is_entity], ordered=True)
        return self._entity_levels

    def replaced(self, removed: Iterable[SpanKey], added: Iterable[Span]) -> SpanIndex:
        """A new index without ``removed`` and with ``added``: a merge, not a fresh sort."""
        gone = set(removed)
        kept = [s for s in self.spans if s.key not in gone] if gone else list(self.spans)
        keys = [reading_order_key(s) for s in kept] if added else []
        for span in added:
            key = reading_order_key(span)
            at = bisect.bisect_left(keys, key)
            keys.insert(at, key)
            kept.insert(at, span)
        return SpanIndex(kept, ordered=True)


def stack_levels(spans: Sequence[Span], *, ordered: bool = False) -> dict[SpanKey, int]:
    levels: dict[SpanKey, int] = {}
    # where the span currently holding each level ends; a level is free again once its span has ended
    level_ends: list[int] = []
    for span in spans if ordered else sorted(spans, key=reading_order_key):
        for level, end in enumerate(level_ends):
            if end <= span.start:
                level_ends[level] = span.end
                break
        else:
            level = len(level_ends)
            level_ends.append(span.end)
        levels[span.key] = level
    return levels


# --- editing boundaries ---------------------------------------------------------------


class Edge(str, Enum):
    START = "start"
    END = "end"


def nudged(text: str, start: int, end: int, edge: Edge, delta: int) -> tuple[int, int] | None:
    """The span with one edge moved by ``delta`` characters, or None when that would empty it or leave the text.

    An edge never comes to rest on white space: it keeps going in the same
    direction (growing past a space, or shrinking off one), since a span
    that starts or ends with white space is never what a reviewer means.
    """
    step = 1 if delta > 0 else -1
    if edge is Edge.START:
        start += delta
        while 0 <= start < end and text[start].isspace():
            start += step
    else:
        end += delta
        while start < end <= len(text) and text[end - 1].isspace():
            end += step
    if start < 0 or end > len(text) or start >= end:
        return None
    if not text[start:end].strip():
        return None
    return start, end


def trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A selection without white space at either end; None if nothing but white space is left."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
