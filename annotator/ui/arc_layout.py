"""Where relation arcs go, the way brat lays them out: in tiers above the line, labels never on top of each other.

An arc runs from its head span to its tail span. On one line it is one
*segment*: up from the head, across at its tier's height, down onto the
tail with an arrow. An arc between two lines is cut in two, as brat does:
on the head's line it runs from the head to the edge of the text, and on
the tail's line from the other edge to the tail; both halves carry the
label.

The segments of one line are stacked: shorter ones first, each on the
lowest tier where neither its span of the line nor its label's box touches
another segment of that tier. So nested arcs sit inside one another, and two
labels never share a place. ``tiers_by_line`` says how many tiers each line
needs; the document view reserves that much room above the line, so arcs
never cross the text of the line above.

Pure geometry on floats (document coordinates): no painting here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Room kept free on either side of a segment and its label, so neighbours do not touch.
PADDING = 5.0
# How far apart the legs of several arcs that meet one span stand.
LEG_SPACING = 6.0


@dataclass(frozen=True)
class LineBox:
    """One line of text as laid out: which it is (block, line in block), its top and its left and right edges."""

    key: tuple[int, int]
    top: float
    left: float
    right: float


@dataclass(frozen=True)
class ArcEnd:
    """Where an arc meets a span: the span's first line and the middle of the span on it."""

    line: LineBox
    x: float


@dataclass(frozen=True)
class ArcSpec:
    head: ArcEnd
    tail: ArcEnd
    # the width of the label's box, as drawn
    label_width: float


@dataclass(frozen=True)
class Segment:
    """The part of arc number ``arc`` that is drawn above one line."""

    arc: int
    line: LineBox
    # from the head's side to the tail's side
    x_from: float
    x_to: float
    # True where the segment ends on the tail (the arrow); False on the half that leaves the line
    arrow: bool
    # True where the segment starts on the head (a leg down to it); False where it comes in from the edge
    starts_on_span: bool
    label_x: float
    label_width: float
    tier: int = 0

    @property
    def left(self) -> float:
        return min(self.x_from, self.x_to, self.label_x - self.label_width / 2)

    @property
    def right(self) -> float:
        return max(self.x_from, self.x_to, self.label_x + self.label_width / 2)


def _segments(index: int, arc: ArcSpec) -> list[Segment]:
    head, tail, width = arc.head, arc.tail, arc.label_width
    if head.line.key == tail.line.key:
        return [Segment(index, head.line, head.x, tail.x, True, True, (head.x + tail.x) / 2, width)]
    forward = head.line.key < tail.line.key
    # head's line: from the head towards the edge the tail lies beyond; tail's line: from the other edge
    head_edge = head.line.right if forward else head.line.left
    tail_edge = tail.line.left if forward else tail.line.right
    return [
        Segment(index, head.line, head.x, head_edge, False, True, _label_x(head.x, head_edge, width, head.line), width),
        Segment(index, tail.line, tail_edge, tail.x, True, False, _label_x(tail_edge, tail.x, width, tail.line), width),
    ]


def _label_x(a: float, b: float, width: float, line: LineBox) -> float:
    """The middle of a segment, kept inside the line so the label is not cut off at the edge."""
    middle = (a + b) / 2
    return max(line.left + width / 2, min(line.right - width / 2, middle))


def _spread_legs(arcs: Sequence[ArcSpec]) -> list[ArcSpec]:
    """Arcs that meet the same span get legs side by side, in the order their other ends lie, not one on another."""
    meeting: dict[tuple[tuple[int, int], float], list[tuple[tuple, int, bool]]] = {}
    for index, arc in enumerate(arcs):
        for is_head, end, other in ((True, arc.head, arc.tail), (False, arc.tail, arc.head)):
            order = (other.line.key, other.x)
            meeting.setdefault((end.line.key, round(end.x, 1)), []).append((order, index, is_head))
    moved = {index: [arc.head, arc.tail] for index, arc in enumerate(arcs)}
    for ends in meeting.values():
        if len(ends) < 2:
            continue
        ends.sort()
        for rank, (_order, index, is_head) in enumerate(ends):
            end = moved[index][0 if is_head else 1]
            shifted = ArcEnd(end.line, end.x + (rank - (len(ends) - 1) / 2) * LEG_SPACING)
            moved[index][0 if is_head else 1] = shifted
    return [ArcSpec(moved[i][0], moved[i][1], arc.label_width) for i, arc in enumerate(arcs)]


def layout_arcs(arcs: Sequence[ArcSpec]) -> list[Segment]:
    """Every arc's segments, each with its tier on its line (0 is nearest the text)."""
    segments = [segment for index, arc in enumerate(_spread_legs(arcs)) for segment in _segments(index, arc)]
    by_line: dict[tuple[int, int], list[Segment]] = {}
    for segment in segments:
        by_line.setdefault(segment.line.key, []).append(segment)
    placed: list[Segment] = []
    for line_segments in by_line.values():
        # Shorter first, so an arc inside another one sits below it.
        line_segments.sort(key=lambda s: (s.right - s.left, s.left, s.arc))
        tiers: list[list[tuple[float, float]]] = []
        for segment in line_segments:
            extent = (segment.left - PADDING, segment.right + PADDING)
            tier = next(
                (t for t, taken in enumerate(tiers) if all(extent[1] <= a or b <= extent[0] for a, b in taken)),
                len(tiers),
            )
            if tier == len(tiers):
                tiers.append([])
            tiers[tier].append(extent)
            placed.append(_with_tier(segment, tier))
    placed.sort(key=lambda s: (s.arc, s.line.key))
    return placed


def _with_tier(segment: Segment, tier: int) -> Segment:
    return Segment(
        segment.arc, segment.line, segment.x_from, segment.x_to, segment.arrow, segment.starts_on_span,
        segment.label_x, segment.label_width, tier,
    )


def tiers_by_line(segments: Sequence[Segment]) -> dict[tuple[int, int], int]:
    """How many tiers each line's arcs use."""
    tiers: dict[tuple[int, int], int] = {}
    for segment in segments:
        tiers[segment.line.key] = max(tiers.get(segment.line.key, 0), segment.tier + 1)
    return tiers
