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
    first = Counter(e.span for e in a)
    second = Counter(e.span for e in b)
    tallies: dict[str, Tally] = {}
    for span, n in first.items():
        tallies.setdefault(span[2], Tally()).first += n
    for span, n in second.items():
        tallies.setdefault(span[2], Tally()).second += n
    for span, n in first.items():
        if span in second:
            tallies[span[2]].matched += min(n, second[span])
    return tallies


def overlap_match(a: Iterable[LayerEntity], b: Iterable[LayerEntity]) -> dict[str, Tally]:
    """Per label: spans with the same label that share a character, one to one, largest overlaps first."""
    first, second = list(a), list(b)
    tallies: dict[str, Tally] = {}
    for e in first:
        tallies.setdefault(e.label, Tally()).first += 1
    for e in second:
        tallies.setdefault(e.label, Tally()).second += 1
    pairs = []
    for i, x in enumerate(first):
        for j, y in enumerate(second):
            if x.label == y.label:
                shared = min(x.end, y.end) - max(x.start, y.start)
                if shared > 0:
                    pairs.append((-shared, x.start, y.start, i, j))
    pairs.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _shared, _xs, _ys, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        tallies[first[i].label].matched += 1
    return tallies


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
