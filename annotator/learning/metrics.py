"""Exact-span precision, recall and F1 (a ``Tally`` per label), and how well span scores are calibrated."""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping, Sequence
from itertools import pairwise
from typing import Any

from annotator.candidates.tally import Tally
from annotator.learning.tags import Span

# Edges of the reliability table's score bins.
CALIBRATION_EDGES = (0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)


def tally_spans(tallies: MutableMapping[str, Tally], predicted: Iterable[Span], gold: Iterable[Span]) -> None:
    """Count one document's exact matches, false alarms and misses into ``tallies``, per label."""
    predicted, gold = set(predicted), set(gold)
    for span in predicted & gold:
        tallies.setdefault(span[2], Tally()).tp += 1
    for span in predicted - gold:
        tallies.setdefault(span[2], Tally()).fp += 1
    for span in gold - predicted:
        tallies.setdefault(span[2], Tally()).fn += 1


def calibration_table(scored: Sequence[tuple[float, bool]], edges: Sequence[float] = CALIBRATION_EDGES) -> dict[str, Any]:
    """The reliability table: for spans in each score bin, their mean score against the share that was right.

    ``ece`` (expected calibration error) is the spans-weighted mean gap between
    the two; ``brier`` the mean squared gap per span. Both 0 when scores are
    exactly the probability of being right.
    """
    bins = []
    total = len(scored)
    gap = 0.0
    for low, high in pairwise(edges):
        inside = [(s, ok) for s, ok in scored if low <= s < high or (high == edges[-1] and s == high)]
        if not inside:
            bins.append({"from": low, "to": high, "spans": 0, "mean_score": None, "accuracy": None})
            continue
        mean = sum(s for s, _ok in inside) / len(inside)
        accuracy = sum(1 for _s, ok in inside if ok) / len(inside)
        gap += len(inside) * abs(mean - accuracy)
        bins.append({"from": low, "to": high, "spans": len(inside), "mean_score": round(mean, 4),
                     "accuracy": round(accuracy, 4)})
    brier = sum((s - (1.0 if ok else 0.0)) ** 2 for s, ok in scored) / total if total else None
    return {
        "bins": bins,
        "spans": total,
        "ece": round(gap / total, 4) if total else None,
        "brier": round(brier, 4) if brier is not None else None,
    }
