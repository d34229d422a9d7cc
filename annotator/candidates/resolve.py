"""Turning what every source proposes into one clean, non-redundant list."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

from annotator.candidates.ruledata import RuleTable
from annotator.candidates.sources import LEARNED_SOURCES
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
    # min_score for suggestions of these sources alone (the learned model's calibrated
    # probabilities can be kept lower than the rules' fixed priors)
    source_min_scores: dict[str, float] = field(default_factory=dict)
    # At most this many candidates per document, the first in reading order; the reviewer works
    # from the top, and the next refresh suggests the rest as these are decided.
    max_per_document: int = 3000

    @classmethod
    def from_table(cls, table: RuleTable) -> ResolutionSettings:
        table.check_keys(
            ("min_score", "strong_score", "rejection_weight", "rejection_prior", "source_weights", "max_per_document",
             "source_min_scores")
        )
        weights_table = table.table("source_weights")
        weights = {name: weights_table.number(name) for name in weights_table.data}
        minimums_table = table.table("source_min_scores")
        minimums = {name: minimums_table.score(name, 0.0) for name in minimums_table.data}
        return cls(
            table.score("min_score", 0.4),
            table.score("strong_score", 0.6),
            table.number("rejection_weight", 1.0),
            table.number("rejection_prior", 3.0),
            weights,
            minimums,
            table.integer("max_per_document", 3000, minimum=1),
        )


def combine(scores: Iterable[float]) -> float:
    """Independent evidence: 1 - (1-a)(1-b)..."""
    remaining = 1.0
    for score in scores:
        remaining *= 1.0 - min(max(score, 0.0), 1.0)
    return 1.0 - remaining


def _group_score(group: list[Suggestion], weights: dict[str, float]) -> tuple[float, str]:
    """The score of suggestions that agree on a span and label, and their sources, strongest first:
    combine() of each source's best, then of the sources, written out step by step; the
    learned model's best counts as the larger of it and the others' combination."""
    best_by_source: dict[str, float] = {}
    for member in group:
        remaining = 1.0 - min(max(best_by_source.get(member.source, 0.0), 0.0), 1.0)
        remaining *= 1.0 - min(max(member.score * weights.get(member.source, 1.0), 0.0), 1.0)
        best_by_source[member.source] = 1.0 - remaining
    remaining = 1.0
    for name, value in best_by_source.items():
        if name not in LEARNED_SOURCES:
            remaining *= 1.0 - min(max(value, 0.0), 1.0)
    score = 1.0 - remaining
    for name in LEARNED_SOURCES & best_by_source.keys():
        # The model (or the starter) is no independent witness: it tagged with the other sources' hits as
        # features, so its calibrated probability already weighs them. Combining it with
        # them would count their evidence twice (docs/learning.md, the seed pages).
        score = max(score, best_by_source[name])
    if len(best_by_source) == 1:
        sources = group[0].source
    else:
        sources = "+".join(sorted(best_by_source, key=lambda s: -best_by_source[s]))
    return score, sources


def _own_minimum_reached(
    group: list[Suggestion], minimums: dict[str, float], weights: dict[str, float], factor: float
) -> bool:
    """Whether a member of a group scoring under min_score reaches its own source's minimum
    (``source_min_scores``), its score weighted and lowered by rejections as the group's is."""
    return any(
        member.source in minimums and member.score * weights.get(member.source, 1.0) * factor >= minimums[member.source]
        for member in group
    )


def resolve(suggestions: Iterable[Suggestion], context: SuggestContext) -> list[Suggestion]:
    settings = context.rules.resolution
    labels = context.labels
    rejected_here = context.rejected_here
    rejections = context.rejections
    weights = settings.source_weights
    min_score = settings.min_score
    source_min_scores = settings.source_min_scores
    suggestions = list(suggestions)
    size = max((s.end for s in suggestions), default=0)
    # one byte per character: 1 where an entity, or a chosen suggestion, already is
    occupied = bytearray(size)
    for entity in context.entities_here:
        if entity.start < size:
            occupied[entity.start : min(entity.end, size)] = b"\x01" * (min(entity.end, size) - entity.start)
    covered = occupied.find(1) >= 0

    # 1. Keep what may be proposed here; merge agreeing suggestions.
    merged: dict[tuple[int, int, str], list[Suggestion]] = {}
    for suggestion in suggestions:
        label = suggestion.label
        if labels is not None and label not in labels:
            continue
        if rejected_here and (suggestion.text, label) in rejected_here:
            continue
        if not suggestion.text.strip():
            continue
        if covered and occupied.find(1, suggestion.start, suggestion.end) >= 0:
            continue
        key = (suggestion.start, suggestion.end, label)
        group = merged.get(key)
        if group is None:
            merged[key] = [suggestion]
        else:
            group.append(suggestion)

    scored: list[Suggestion] = []
    # What a group's members' sources and scores make of it, worked out once per such group.
    known_groups: dict[tuple, tuple[float, str]] = {}
    for (start, end, label), group in merged.items():
        item = group[0]
        if len(group) == 1:
            group_key: tuple = (item.source, item.score)
        elif len(group) == 2:
            group_key = (item.source, item.score, group[1].source, group[1].score)
        else:
            group_key = tuple((member.source, member.score) for member in group)
        known = known_groups.get(group_key)
        if known is None:
            known = known_groups[group_key] = _group_score(group, weights)
        score, sources = known
        text = item.text
        factor = 1.0
        if rejections:
            found = rejections.get((text, label), 0)
            if found:
                # each rejection elsewhere lowers the score; acceptances (labels) and the prior temper it
                accepted = context.gazetteer.labelled(text, label) + settings.rejection_prior
                factor = accepted / (accepted + settings.rejection_weight * found)
                score *= factor
        if score < min_score and not (
            source_min_scores and _own_minimum_reached(group, source_min_scores, weights, factor)
        ):
            continue
        if len(group) == 1 and score == item.score:
            scored.append(item)  # one source's suggestion, kept as it was proposed
        else:
            scored.append(Suggestion(start, end, label, text, sources, score))

    # 2. One label per span: the best.
    best_per_span: dict[tuple[int, int], Suggestion] = {}
    for suggestion in scored:
        span = (suggestion.start, suggestion.end)
        current = best_per_span.get(span)
        if current is None or suggestion.score > current.score:
            best_per_span[span] = suggestion

    # 3. No overlaps: the longest well-supported span first, then the rest by score.
    strong = settings.strong_score
    ordered = sorted(
        best_per_span.values(),
        key=lambda s: (s.score >= strong, s.end - s.start if s.score >= strong else 0, s.score, -s.start),
        reverse=True,
    )
    chosen: list[Suggestion] = []
    for suggestion in ordered:
        if occupied.find(1, suggestion.start, suggestion.end) >= 0:
            continue
        chosen.append(suggestion)
        occupied[suggestion.start : suggestion.end] = b"\x01" * (suggestion.end - suggestion.start)
    chosen = _settle_model_disagreements(chosen, ordered, suggestions, strong)
    chosen.sort(key=attrgetter("start", "end"))
    return chosen[: settings.max_per_document]  # the cap, in reading order


def _settle_model_disagreements(
    chosen: list[Suggestion],
    ordered: list[Suggestion],
    proposed: list[Suggestion],
    strong: float,
) -> list[Suggestion]:
    """Where the learned model and the other sources disagree on a name's boundaries, the better score wins.

    (The starter model, a learned model too, is treated as the project's model is; only one of them proposes.)

    Step 3 prefers the longer of two strong spans, so that a name wins over its
    parts (北京市总工会 over 北京市): right for the rules, whose spans nest and
    whose scores are fixed priors. The model's spans never nest, and its own
    score is the calibrated probability that the span, boundaries included, is
    right. So when a strong span the model proposed and a strong span it did
    not overlap, the model's own score and the other's decide, not the length:

    - a span only the model proposed, chosen for its length, gives way to a
      better-scored span it alone kept out (味来酒业高管层被仁怀市总工会 0.73
      against 仁怀市总工会 0.85);
    - a model span kept out only by weaker spans the model did not propose
      takes their place (建设银行景德镇分行 0.97 inside 景德镇市总和建设银行景德镇分行 0.85).

    The room that frees is then filled again in step 3's order. Nothing
    changes where the model proposed nothing.
    """
    own = {(s.start, s.end, s.label): s.score for s in proposed if s.source in LEARNED_SOURCES}
    if not own:
        return chosen

    def model_score(suggestion: Suggestion) -> float | None:
        return own.get((suggestion.start, suggestion.end, suggestion.label))

    size = max((s.end for s in ordered), default=0)
    # which kept span holds each character
    holder: list[Suggestion | None] = [None] * size
    for suggestion in chosen:
        holder[suggestion.start : suggestion.end] = [suggestion] * suggestion.length

    def holders(span: Suggestion) -> set[Suggestion]:
        return {h for h in holder[span.start : span.end] if h is not None}

    by_start = sorted(ordered, key=lambda s: s.start)
    starts = [s.start for s in by_start]
    longest = max((s.length for s in ordered), default=0)

    def overlapping(span: Suggestion) -> list[Suggestion]:
        window = by_start[bisect_left(starts, span.start - longest + 1) : bisect_left(starts, span.end)]
        return [other for other in window if other.end > span.start and other is not span]

    kept = set(chosen)
    lost: set[Suggestion] = set()
    for mine in chosen:
        score = model_score(mine)
        if score is None or mine.source not in LEARNED_SOURCES:  # other sources agree with it: not a disagreement
            continue
        for rival in overlapping(mine):
            if (
                rival.score >= strong and rival.score > score and model_score(rival) is None
                and rival not in kept and holders(rival) == {mine}
            ):
                kept.discard(mine)
                lost.add(mine)
                holder[mine.start : mine.end] = [None] * mine.length
                break
    waiting = [s for s in ordered if s not in kept and s not in lost and (model_score(s) or 0.0) >= strong]
    for mine in sorted(waiting, key=lambda s: -(model_score(s) or 0.0)):
        score = model_score(mine) or 0.0
        blockers = holders(mine)
        if blockers and all(model_score(other) is None and other.score < score for other in blockers):
            for other in blockers:
                kept.discard(other)
                lost.add(other)
                holder[other.start : other.end] = [None] * other.length
            kept.add(mine)
            holder[mine.start : mine.end] = [mine] * mine.length
    if not lost:
        return chosen
    # Fill the room that freed, in step 3's order (nothing here overlaps the document's entities: step 1).
    for suggestion in ordered:
        if suggestion in lost or suggestion in kept or holders(suggestion):
            continue
        kept.add(suggestion)
        holder[suggestion.start : suggestion.end] = [suggestion] * suggestion.length
    return list(kept)
