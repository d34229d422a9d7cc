"""What the text shows, checked on the pixels: where one span ends and the next begins."""

from __future__ import annotations

from PySide6.QtGui import QColor
from review_projects import ARTICLE, span

from annotator.model import Candidate


def test_two_candidates_that_touch_each_show_solid_ends_with_a_gap_between(window, qtbot):
    """工会|专家团 as two dashed candidates must not read as one (issue 13, item 12)."""
    store = window.store
    left, right = span(ARTICLE, "工会专家团")
    store.candidates.replace({"a1": [
        Candidate("a1", left, left + 2, "ORG", "工会", "rule:test", 0.5),
        Candidate("a1", left + 2, right, "TITLE", "专家团", "rule:test", 0.5),
    ]})
    window.controller.reload()
    view = window.view
    view.set_show_tags(False)
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    first = next(s for s in window.controller.state.spans if s.text == "工会")
    second = next(s for s in window.controller.state.spans if s.text == "专家团")
    a, b = view.span_rects(first)[0], view.span_rects(second)[0]
    assert abs(a.right() - b.left()) < 1  # they do touch

    def inked(x: int, y: int) -> bool:
        return QColor(image.pixel(x, y)).lightness() < 235

    def solid_column(x: float) -> bool:
        """A vertical line of ink down the text's height at x (give or take a pixel of rounding)."""
        rows = range(int(a.top()) + 2, int(a.bottom()) - 2)
        return any(sum(inked(column, y) for y in rows) >= len(rows) - 1 for column in (int(x) - 1, int(x), int(x) + 1))

    assert solid_column(a.right() - 1.5), "the first candidate's end is not drawn solid"
    assert solid_column(b.left() + 1.5), "the second candidate's start is not drawn solid"
    # between them, above the text, a gap: the two outlines do not run into each other
    top = int(a.top()) - 2
    seam = [inked(x, top) for x in range(int(a.right()) - 1, int(a.right()) + 2)]
    assert not all(seam), "the outlines run into each other"
