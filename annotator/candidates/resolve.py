"""Turning what every source proposes into one clean, non-redundant list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.candidates.ruledata import RuleTable
from annotator.candidates.spans import Suggestion

if TYPE_CHECKING:
    from annotator.candidates.context import SuggestContext


@dataclass(frozen=True)
class ResolutionSettings:
    min_score: float = 0.4
    strong_score: float = 0.6
    rejection_weight: float = 1.0
    rejection_prior: float = 3.0
    source_weights: dict[str, float] = field(default_factory=dict)
    # At most this many candidates per document, the first in reading order; the reviewer works
    # from the top, and the next refresh suggests the rest as these are decided.
    max_per_document: int = 3000

    @classmethod
    def from_table(cls, table: RuleTable) -> ResolutionSettings:
        table.check_keys(
            ("min_score", "strong_score", "rejection_weight", "rejection_prior", "source_weights", "max_per_document")
        )
        weights_table = table.table("source_weights")
        weights = {name: weights_table.number(name) for name in weights_table.data}
        return cls(
            table.score("min_score", 0.4),
            table.score("strong_score", 0.6),
            table.number("rejection_weight", 1.0),
            table.number("rejection_prior", 3.0),
            weights,
            table.integer("max_per_document", 3000, minimum=1),
        )


def combine(scores: Iterable[float]) -> float:
    """Independent evidence: 1 - (1-a)(1-b)..."""
    remaining = 1.0
    for score in scores:
        remaining *= 1.0 - min(max(score, 0.0), 1.0)
    return 1.0 - remaining


def resolve(suggestions: Iterable[Suggestion], context: SuggestContext) -> list[Suggestion]:
    settings = context.rules.resolution
    labels = context.labels
    rejected_here = context.rejected_here
    suggestions = list(suggestions)
    size = max((s.end for s in suggestions), default=0)
    # one byte per character: 1 where an entity, or a chosen suggestion, already is
    occupied = bytearray(size)
    for entity in context.entities_here:
        if entity.start < size:
            occupied[entity.start : min(entity.end, size)] = b"\x01" * (min(entity.end, size) - entity.start)

    # 1. Keep what may be proposed here; merge agreeing suggestions.
    merged: dict[tuple[int, int, str], list[Suggestion]] = {}
    for suggestion in suggestions:
        if labels is not None and suggestion.label not in labels:
            continue
        if (suggestion.text, suggestion.label) in rejected_here:
            continue
        if not suggestion.text.strip():
            continue
        if occupied.find(1, suggestion.start, suggestion.end) >= 0:
            continue
        merged.setdefault((suggestion.start, suggestion.end, suggestion.label), []).append(suggestion)

    scored: list[Suggestion] = []
    for (start, end, label), group in merged.items():
        best_by_source: dict[str, float] = {}
        for item in group:
            weight = settings.source_weights.get(item.source, 1.0)
            best_by_source[item.source] = combine((best_by_source.get(item.source, 0.0), item.score * weight))
        score = combine(best_by_source.values())
        text = group[0].text
        rejections = context.rejections.get((text, label), 0)
        if rejections:
            # each rejection elsewhere lowers the score; acceptances (labels) and the prior temper it
            accepted = context.gazetteer.labelled(text, label) + settings.rejection_prior
            score *= accepted / (accepted + settings.rejection_weight * rejections)
        if score < settings.min_score:
            continue
        sources = "+".join(sorted(best_by_source, key=lambda s: -best_by_source[s]))
        scored.append(Suggestion(start, end, label, text, sources, score))

    # 2. One label per span: the best.
    best_per_span: dict[tuple[int, int], Suggestion] = {}
    for suggestion in scored:
        key = (suggestion.start, suggestion.end)
        current = best_per_span.get(key)
        if current is None or suggestion.score > current.score:
            best_per_span[key] = suggestion

    # 3. No overlaps: the longest well-supported span first, then the rest by score.
    strong = settings.strong_score
    ordered = sorted(
        best_per_span.values(),
        key=lambda s: (s.score >= strong, s.length if s.score >= strong else 0, s.score, -s.start),
        reverse=True,
    )
    chosen: list[Suggestion] = []
    for suggestion in ordered:
        if occupied.find(1, suggestion.start, suggestion.end) >= 0:
            continue
        chosen.append(suggestion)
        occupied[suggestion.start : suggestion.end] = b"\x01" * suggestion.length
    chosen.sort(key=lambda s: (s.start, s.end))
    return chosen[: settings.max_per_document]
