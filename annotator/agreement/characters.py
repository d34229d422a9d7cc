"""The label of every character, as runs: what the chance-corrected coefficients are computed on.

A character outside every entity is labelled ``O``. Where entities nest or
overlap, the character takes the label of the longest entity covering it (the
outermost; on a tie, the one starting first), as in the character-level BIO
export. A document is described by the runs of equal labels, never character
by character, so its cost is its number of entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import pairwise

from annotator.model import LayerEntity

OUTSIDE = "O"

# (start, end, label) with end > start; consecutive, non-overlapping, only the labelled stretches
Runs = list[tuple[int, int, str]]


def label_runs(entities: Iterable[LayerEntity], length: int, *, join: bool = True) -> Runs:
    """The labelled stretches of a text of ``length`` characters, outermost entity winning.

    With ``join``, neighbouring stretches of the same label become one (for character labels);
    without, each entity stays a unit of its own (for unitizing alpha)."""
    ranked = sorted(
        (e for e in entities if 0 <= e.start < e.end <= length),
        key=lambda e: (-(e.end - e.start), e.start, e.label),
    )
    taken: list[tuple[int, int, str]] = []  # sorted by start, non-overlapping
    for entity in ranked:
        pieces = [(entity.start, entity.end)]
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
        taken.extend((a, b, entity.label) for a, b in pieces)
        taken.sort()
    if not join:
        return taken
    merged: Runs = []
    for start, end, label in taken:
        if merged and merged[-1][1] == start and merged[-1][2] == label:
            merged[-1] = (merged[-1][0], end, label)
        else:
            merged.append((start, end, label))
    return merged


def stretches(runs_by_rater: Mapping[str, Runs], length: int) -> list[tuple[int, dict[str, str]]]:
    """The text cut wherever any rater's label changes: (length of the stretch, {rater: label}) pairs."""
    cuts = {0, length}
    for runs in runs_by_rater.values():
        for start, end, _label in runs:
            cuts.add(start)
            cuts.add(end)
    points = sorted(c for c in cuts if 0 <= c <= length)
    cursors = {rater: 0 for rater in runs_by_rater}
    found = []
    for start, end in pairwise(points):
        labels = {}
        for rater, runs in runs_by_rater.items():
            i = cursors[rater]
            while i < len(runs) and runs[i][1] <= start:
                i += 1
            cursors[rater] = i
            labels[rater] = runs[i][2] if i < len(runs) and runs[i][0] <= start else OUTSIDE
        found.append((end - start, labels))
    return found


def confusion(a: Runs, b: Runs, length: int) -> dict[tuple[str, str], int]:
    """Characters by (A's label, B's label)."""
    table: dict[tuple[str, str], int] = {}
    for size, labels in stretches({"a": a, "b": b}, length):
        key = (labels["a"], labels["b"])
        table[key] = table.get(key, 0) + size
    return table


def items(runs_by_rater: Mapping[str, Runs], length: int) -> list[tuple[int, dict[str, int]]]:
    """Stretches as items for Fleiss' kappa and Krippendorff's alpha: (characters, {label: raters})."""
    found = []
    for size, labels in stretches(runs_by_rater, length):
        counts: dict[str, int] = {}
        for label in labels.values():
            counts[label] = counts.get(label, 0) + 1
        found.append((size, counts))
    return found
