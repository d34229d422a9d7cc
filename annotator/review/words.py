"""The word under a position, for double-click selection in Chinese text.

Qt's own word boundaries treat a whole run of Han characters as one word, so
a double-click would select a sentence. jieba's segmentation gives real
words. Segmenting is done once per document text and kept.
"""

from __future__ import annotations

import bisect
import unicodedata
from typing import Protocol


class Tokenizer(Protocol):
    def tokenize(self, text: str) -> list[tuple[str, int, int]]: ...


class WordIndex:
    def __init__(self, text: str, tokenizer: Tokenizer | None) -> None:
        self.text = text
        self._starts: list[int] = []
        self._ends: list[int] = []
        if tokenizer is not None and text:
            for _, start, end in tokenizer.tokenize(text):
                self._starts.append(start)
                self._ends.append(end)

    @property
    def segmented(self) -> bool:
        return bool(self._starts)

    def word_at(self, position: int) -> tuple[int, int] | None:
        """The word covering ``position`` (code points); None on white space or outside the text."""
        if not 0 <= position < len(self.text) or self.text[position].isspace():
            return None
        if self.segmented:
            index = bisect.bisect_right(self._starts, position) - 1
            if index >= 0 and self._starts[index] <= position < self._ends[index]:
                return self._starts[index], self._ends[index]
        return _fallback_word(self.text, position)


def _fallback_word(text: str, position: int) -> tuple[int, int]:
    """Without a segmenter: a run of letters and digits outside Han script, or a single Han character."""
    if _is_han(text[position]) or not text[position].isalnum():
        return position, position + 1
    start = position
    while start > 0 and text[start - 1].isalnum() and not _is_han(text[start - 1]):
        start -= 1
    end = position + 1
    while end < len(text) and text[end].isalnum() and not _is_han(text[end]):
        end += 1
    return start, end


def _is_han(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("CJK")
