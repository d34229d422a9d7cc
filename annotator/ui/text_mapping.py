"""The edge between the store's text and Qt's: offsets and the characters Qt would change.

The store counts code points; ``QTextDocument`` counts UTF-16 units, and it
folds ``\\r\\n`` into one paragraph break, which would shift every offset
after it. The widget therefore shows a *display text* of exactly the same
length in UTF-16 units as the canonical text (``\\r`` before ``\\n`` becomes a
space), and every position crosses the edge through ``OffsetMap``. Text is
never read back from the widget: ``toPlainText()`` turns no-break spaces into
spaces and paragraph breaks into ``\\n``.
"""

from __future__ import annotations

from annotator.text.offsets import OffsetMap


def display_text(text: str) -> str:
    """``text`` as it is given to Qt: same length, nothing Qt would merge."""
    return text.replace("\r\n", " \n")


class TextMapping:
    """Positions of one document across the edge (code points <-> UTF-16 units)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.display = display_text(text)
        # Most documents have no character outside the BMP; max() finds out at C speed.
        self._offsets = OffsetMap(text) if text and max(text) > "\uffff" else None

    @property
    def trivial(self) -> bool:
        return self._offsets is None

    @property
    def utf16_length(self) -> int:
        return len(self.text) if self._offsets is None else self._offsets.utf16_length

    def to_qt(self, position: int) -> int:
        if self._offsets is None:
            if not 0 <= position <= len(self.text):
                raise ValueError(f"offset {position} is outside the text (length {len(self.text)})")
            return position
        return self._offsets.to_utf16(position)

    def from_qt(self, unit: int, *, round_up: bool = False) -> int:
        """The code-point position of a Qt position; one inside a surrogate pair snaps to a character edge."""
        unit = max(0, min(unit, self.utf16_length))
        if self._offsets is None:
            return unit
        try:
            return self._offsets.from_utf16(unit)
        except ValueError:
            # Inside a surrogate pair: Qt's cursor never stops there, but a
            # selection made by a script can. Snap outward.
            return self._offsets.from_utf16(unit + 1 if round_up else unit - 1)

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def span_from_qt(self, start: int, end: int) -> tuple[int, int]:
        low, high = min(start, end), max(start, end)
        return self.from_qt(low), self.from_qt(high, round_up=True)
