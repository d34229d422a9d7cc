"""Where a stretch of text sits on screen: one rectangle per line it covers.

Positions are Qt's (UTF-16 units). Rectangles are in document coordinates
and cached until the layout changes (new text, new width, new font), so a
repaint after an annotation only draws; it never measures again.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QRectF
from PySide6.QtGui import QTextDocument

from annotator.ui.arc_layout import LineBox


class SpanGeometry:
    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        self._cache: dict[tuple[int, int], list[QRectF]] = {}

    def invalidate(self) -> None:
        self._cache.clear()

    def fragments(self, start: int, end: int) -> list[QRectF]:
        """Text rectangles (ascent to descent, no line spacing) of ``start``-``end``, one per line."""
        key = (start, end)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._measure(start, end)
        return cached

    def _measure(self, start: int, end: int) -> list[QRectF]:
        rects: list[QRectF] = []
        block = self._document.findBlock(start)
        while block.isValid() and block.position() < end:
            layout = block.layout()
            origin = layout.position()
            block_start = block.position()
            low = max(start, block_start) - block_start
            high = min(end, block_start + block.length() - 1) - block_start
            if high > low and layout.lineCount():
                line = layout.lineForTextPosition(low)
                number = line.lineNumber() if line.isValid() else 0
                while number < layout.lineCount():
                    line = layout.lineAt(number)
                    line_start = line.textStart()
                    if line_start >= high:
                        break
                    a = max(low, line_start)
                    b = min(high, line_start + line.textLength())
                    if b > a:
                        x1 = _x(line.cursorToX(a))
                        x2 = _x(line.cursorToX(b))
                        rects.append(
                            QRectF(
                                origin.x() + min(x1, x2),
                                origin.y() + line.y(),
                                abs(x2 - x1),
                                line.ascent() + line.descent(),
                            )
                        )
                    number += 1
            block = block.next()
        return rects

    def line_box(self, position: int) -> LineBox | None:
        """The laid-out line holding ``position`` (Qt's units): which line it is, its top and its edges."""
        block = self._document.findBlock(position)
        if not block.isValid():
            return None
        layout = block.layout()
        if not layout.lineCount():
            return None
        line = layout.lineForTextPosition(position - block.position())
        if not line.isValid():
            return None
        origin = layout.position()
        left = origin.x() + line.x()
        return LineBox((block.blockNumber(), line.lineNumber()), origin.y() + line.y(), left, left + line.width())

    def line_height(self) -> float:
        """A line's own height, without the room kept below it."""
        layout = self._document.firstBlock().layout()
        if layout.lineCount():
            return layout.lineAt(0).height()
        return 0.0

    def line_pitch(self) -> float:
        """Distance from one line's top to the next (text height plus the room below it)."""
        block = self._document.firstBlock()
        layout = block.layout()
        if layout.lineCount() >= 2:
            return layout.lineAt(1).y() - layout.lineAt(0).y()
        if layout.lineCount() == 1:
            next_block = block.next()
            if next_block.isValid() and next_block.layout().lineCount():
                return next_block.layout().position().y() - layout.position().y()
            return layout.lineAt(0).height() * 2
        return 0.0


def _x(cursor_to_x: object) -> float:
    """The x of ``QTextLine.cursorToX``, which PySide returns as (x, position)."""
    x, _position = cast(tuple[float, int], cursor_to_x)
    return x
