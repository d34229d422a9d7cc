"""Span and relation agreement between two annotators as F1, taking either one as the reference.

With A as reference and B as the response, precision is matched / |B|, recall
matched / |A| and F1 = 2 matched / (|A| + |B|), which is the same whichever
of the two is the reference. Two empty annotations agree perfectly (F1 1).

- **exact**: a span of A matches a span of B with the same start, end and label;
- **overlap**: it matches one with the same label that shares at least one
  character; each span matches at most one, the largest overlaps first;
- **relations**: entities are matched exactly first; a relation of A matches a
  relation of B with the same label between the matched entities.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.model import DocumentLayer, LayerEntity


@dataclass
class Tally:
    """Matched items, and how many each side had."""

    matched: float = 0
    first: float = 0  # A's items
    second: float = 0  # B's items

    def add(self, other: Tally) -> None:
        self.matched += other.matched
        self.first += other.first
        self.second += other.second

    @property
    def f1(self) -> float:
        total = self.first + self.second
        return 1.0 if total == 0 else 2 * self.matched / total

    @property
    def precision(self) -> float:
        return 1.0 if self.second == 0 else self.matched / self.second

    @property
    def recall(self) -> float:
        return 1.0 if self.first == 0 else self.matched / self.first

    def as_dict(self) -> dict:
        return {
            "matched": self.matched, "first": self.first, "second": self.second,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
        }


def exact_match(a: Iterable[LayerEntity], b: Iterable[LayerEntity]) -> dict[str, Tally]:
    """Per label: spans with the same start, end and label."""
    exact: dict[str, Tally] = {}
    match_into(a, b, exact, {})
    return exact


def overlap_match(a: Iterable[LayerEntity], b: Iterable[LayerEntity]) -> dict[str, Tally]:
    """Per label: spans with the same label that share a character, one to one, largest overlaps first."""
    overlap: dict[str, Tally] = {}
    match_into(a, b, {}, overlap)
    return overlap


def match_into(
    a: Iterable[LayerEntity], b: Iterable[LayerEntity], exact: dict[str, Tally], overlap: dict[str, Tally]
) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """``exact_match`` and ``overlap_match`` at once, added into running tallies (the report's hot loop);
    returns this document's (matched, first, second) for each."""
    first = [(e.start, e.end, e.label) for e in a]
    second = [(e.start, e.end, e.label) for e in b]
    for start, end, label in first:
        tally = exact.get(label) or exact.setdefault(label, Tally())
        tally.first += 1
        tally = overlap.get(label) or overlap.setdefault(label, Tally())
        tally.first += 1
    for start, end, label in second:
        tally = exact.get(label) or exact.setdefault(label, Tally())
        tally.second += 1
        tally = overlap.get(label) or overlap.setdefault(label, Tally())
        tally.second += 1
    remaining = Counter(second)
    exact_matched = 0
    for span in first:
        if remaining.get(span, 0) > 0:
            remaining[span] -= 1
            exact[span[2]].matched += 1
            exact_matched += 1
    by_label: dict[str, list[tuple[int, tuple[int, int, str]]]] = {}
    for j, y in enumerate(second):
        by_label.setdefault(y[2], []).append((j, y))
    pairs = []
    for i, (x_start, x_end, label) in enumerate(first):
        for j, (y_start, y_end, _label) in by_label.get(label, ()):
            shared = min(x_end, y_end) - max(x_start, y_start)
            if shared > 0:
                pairs.append((-shared, x_start, y_start, i, j))
    pairs.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _shared, _xs, _ys, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        overlap[first[i][2]].matched += 1
    return (exact_matched, len(first), len(second)), (len(used_a), len(first), len(second))


def f1_of(matched: int, first: int, second: int) -> float:
    return 1.0 if first + second == 0 else 2 * matched / (first + second)


def relation_match(a: DocumentLayer, b: DocumentLayer) -> Tally:
    """Relations of the same label between exactly matched entities."""
    a_entities, b_entities = a.entity_by_key(), b.entity_by_key()
    b_by_span: dict[tuple, list[int]] = {}
    for key, e in b_entities.items():
        b_by_span.setdefault(e.span, []).append(key)

    def described(layer: DocumentLayer, entities: dict[int, LayerEntity]) -> Counter:
        found: Counter = Counter()
        for r in layer.relations:
            head, tail = entities.get(r.head_key), entities.get(r.tail_key)
            if head is not None and tail is not None:
                found[(head.span, tail.span, r.label)] += 1
        return found

    first, second = described(a, a_entities), described(b, b_entities)
    tally = Tally(first=sum(first.values()), second=sum(second.values()))
    tally.matched = sum(min(n, second[key]) for key, n in first.items() if key in second)
    return tally


def total(tallies: dict[str, Tally]) -> Tally:
    overall = Tally()
    for tally in tallies.values():
        overall.add(tally)
    return overall
