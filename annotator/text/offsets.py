"""Code points and UTF-16 units.

The store counts code points (Python ``str`` indices). Qt, JavaScript and
the web tools (doccano, Label Studio) count UTF-16 code units, which differ
after any character outside the Basic Multilingual Plane (𠮷, emoji). Every
conversion goes through this one mapping.
"""

from __future__ import annotations

from bisect import bisect_right


class OffsetMap:
    """Converts offsets in one text between code points and UTF-16 units."""

    def __init__(self, text: str) -> None:
        self.text = text
        # code-point indices of the characters that take two UTF-16 units
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # UTF-16 offset of each astral character's first unit
        self._astral_utf16 = [i + n for n, i in enumerate(self._astral)]
        self.utf16_length = len(text) + len(self._astral)

    @property
    def trivial(self) -> bool:
        """True when both counts agree everywhere (no astral characters)."""
        return not self._astral

    def to_utf16(self, index: int) -> int:
        if not 0 <= index <= len(self.text):
            raise ValueError(f"offset {index} is outside the text (length {len(self.text)})")
        return index + bisect_right(self._astral, index - 1)

    def from_utf16(self, unit: int) -> int:
        """The code-point offset of a UTF-16 offset; an offset inside a surrogate pair is an error."""
        if not 0 <= unit <= self.utf16_length:
            raise ValueError(f"UTF-16 offset {unit} is outside the text (length {self.utf16_length})")
        before = bisect_right(self._astral_utf16, unit - 1)
        if before and self._astral_utf16[before - 1] == unit - 1:
            raise ValueError(f"UTF-16 offset {unit} falls inside a surrogate pair")
        return unit - before


def utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
