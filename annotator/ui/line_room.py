"""Room between the lines of the text for what is drawn there: nested entities' label rows below, arcs above.

Every line has room below it for one row of bars and label names (the
document's base line height). A paragraph with nested entities needs a
row more per level of nesting; a line with relation arcs over it needs its
tiers of arcs above it (``arc_layout``). Qt lays out a paragraph's lines
alike, so a paragraph gets the most any of its lines needs: more line
height for room between its lines, and a top margin for arcs over its first
line. The room follows the annotations (nesting and relations), never the
candidates or the focus, so the text stays put while the reviewer works.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# The base line height (percent of a line's own height): room under each line for a row of bars and names.
BASE_LINE_HEIGHT_PERCENT = 215.0


@dataclass(frozen=True)
class BlockRoom:
    """Extra room for one paragraph (pixels): above its first line, and under each of its lines."""

    top: float = 0.0
    between: float = 0.0

    def line_height_percent(self, line_height: float) -> float:
        if line_height <= 0:
            return BASE_LINE_HEIGHT_PERCENT
        return BASE_LINE_HEIGHT_PERCENT + round(100.0 * self.between / line_height)


def block_rooms(
    tag_rows: Mapping[int, int],
    arc_tiers: Mapping[tuple[int, int], int],
    *,
    row_pitch: float,
    tier_height: float,
    arc_base: float,
) -> dict[int, BlockRoom]:
    """The room each paragraph needs beyond the base line height; paragraphs that need none are left out.

    ``tag_rows``: rows of bars and names a paragraph's lines need (1 without
    nesting). ``arc_tiers``: tiers of arcs over each line, by (paragraph, line).
    """
    below: dict[int, float] = {block: (rows - 1) * row_pitch for block, rows in tag_rows.items() if rows > 1}
    above_first: dict[int, float] = {}
    above_others: dict[int, float] = {}
    for (block, line), tiers in arc_tiers.items():
        if tiers <= 0:
            continue
        need = arc_base + tiers * tier_height
        target = above_first if line == 0 else above_others
        target[block] = max(target.get(block, 0.0), need)
    rooms = {}
    for block in set(below) | set(above_first) | set(above_others):
        room = BlockRoom(
            top=round(above_first.get(block, 0.0)),
            between=round(below.get(block, 0.0) + above_others.get(block, 0.0)),
        )
        if room != BlockRoom():
            rooms[block] = room
    return rooms
