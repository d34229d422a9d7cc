"""The label of every character, as runs: what the chance-corrected coefficients are computed on.

A character outside every entity is labelled ``O``. Where entities nest or
overlap, the character takes the label of the longest entity covering it (the
outermost; on a tie, the one starting first), as in the character-level BIO
export. A document is described by the runs of equal labels, never character
by character, so its cost is its number of entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from annotator.model import LayerEntity

OUTSIDE = "O"

# (start, end, label) with end > start; consecutive, non-overlapping, only the labelled stretches
Runs = list[tuple[int, int, str]]


def label_runs(entities: Iterable[LayerEntity], length: int, *, join: bool = True) -> Runs:
    """The labelled stretches of a text of ``length`` characters, outermost entity winning.

    With ``join``, neighbouring stretches of the same label become one (for character labels);
    without, each entity stays a unit of its own (for unitizing alpha)."""
    spans = sorted((e.start, e.end, e.label) for e in entities if 0 <= e.start < e.end <= length)
    if all(a[1] <= b[0] for a, b in pairwise(spans)):
        taken = spans  # nothing nests or overlaps: the usual case, and the quick one
    else:
        taken = _outermost_first(spans)
    if not join:
        return taken
    merged: Runs = []
    for start, end, label in taken:
        if merged and merged[-1][1] == start and merged[-1][2] == label:
            merged[-1] = (merged[-1][0], end, label)
        else:
            merged.append((start, end, label))
    return merged


def _outermost_first(spans: list[tuple[int, int, str]]) -> Runs:
    ranked = sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0], s[2]))
    taken: list[tuple[int, int, str]] = []
    for entity_start, entity_end, label in ranked:
        pieces = [(entity_start, entity_end)]
        for start, end, _label in taken:
            cut = []
            for a, b in pieces:
                if end <= a or start >= b:
                    cut.append((a, b))
                    continue
                if a < start:
                    cut.append((a, start))
                if end < b:
                    cut.append((end, b))
            pieces = cut
            if not pieces:
                break
        taken.extend((a, b, label) for a, b in pieces)
        taken.sort()
    return taken


def stretches(runs_by_rater: Sequence[Runs], length: int) -> list[tuple[int, tuple[str, ...]]]:
    """The text cut wherever any rater's label changes: (length of the stretch, each rater's label there),
    the raters in the order given."""
    events = []
    for rater, runs in enumerate(runs_by_rater):
        for start, end, label in runs:
            events.append((start, 1, rater, label))
            events.append((end, 0, rater, OUTSIDE))
    events.sort()
    current = [OUTSIDE] * len(runs_by_rater)
    found = []
    position = 0
    for at, _order, rater, label in events:
        if at > position:
            found.append((at - position, tuple(current)))
            position = at
        current[rater] = label
    if length > position:
        found.append((length - position, tuple(current)))
    return found


def confusion(a: Runs, b: Runs, length: int) -> dict[tuple[str, str], int]:
    """Characters by (A's label, B's label)."""
    table: dict[tuple[str, str], int] = {}
    for size, labels in stretches([a, b], length):
        table[labels] = table.get(labels, 0) + size
    return table


def items(runs_by_rater: Sequence[Runs], length: int) -> list[tuple[int, dict[str, int]]]:
    """Stretches as items for Fleiss' kappa and Krippendorff's alpha: (characters, {label: raters})."""
    return [(size, label_counts(labels)) for size, labels in stretches(runs_by_rater, length)]


def label_counts(labels: tuple[str, ...]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    return counts
