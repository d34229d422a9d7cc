"""One pass of word segmentation and POS tagging, shared by every candidate source."""

from __future__ import annotations

import re
from bisect import bisect_right

from annotator.text.segmenter import Segmenter, get_segmenter

# Letters of the scripts names are written in; anything else (punctuation, digits,
# spaces) ends a name.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_CJK_WORD = re.compile(f"[{_CJK}]+")

# What the learned model measures about a text (``TextAnalysis.measures``), and the refresh stores.
MODEL_ID = "model.id"
MODEL_UNCERTAINTY = "model.uncertainty"
MODEL_EXPECTED_WRONG = "model.expected_wrong_sentences"


def is_cjk(char: str) -> bool:
    return _CJK_WORD.match(char) is not None


def all_cjk(text: str) -> bool:
    return _CJK_WORD.fullmatch(text) is not None


class TextAnalysis:
    """The text with jieba's words, their offsets and POS tags.

    ``starts[i]``/``ends[i]`` are code-point offsets of word ``i``; ``tags[i]`` is
    jieba's tag. ``is_known(i)`` says whether the word is in jieba's dictionary:
    words jieba's HMM made up are mostly names it has not seen.

    It also carries what the sources found during one suggestion pass:
    ``proposals`` (each source's suggestions, by source name, so a source that
    builds on another, as the learned model builds on the rules, does not run
    it twice) and ``measures`` (figures a source measured about the whole
    text, such as the model's uncertainty, which the refresh stores).
    """

    __slots__ = (
        "text", "words", "tags", "starts", "ends", "_by_start", "_by_end", "_known", "_segmenter",
        "proposals", "measures",
    )

    def __init__(self, text: str, tagged: list[tuple[str, str]], segmenter: Segmenter | None = None) -> None:
        self.text = text
        self.words: list[str] = []
        self.tags: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        position = 0
        for word, tag in tagged:
            if not word:
                continue
            if text.startswith(word, position):
                start = position
            else:  # the segmenter changed the text (it should not); realign
                found = text.find(word, position)
                if found < 0:
                    continue
                start = found
            self.words.append(word)
            self.tags.append(tag)
            self.starts.append(start)
            self.ends.append(start + len(word))
            position = start + len(word)
        self._by_start = {s: i for i, s in enumerate(self.starts)}
        self._by_end = {e: i for i, e in enumerate(self.ends)}
        self._known: dict[int, bool] = {}
        self._segmenter = segmenter
        self.proposals: dict[str, list] = {}
        self.measures: dict[str, float] = {}

    def __len__(self) -> int:
        return len(self.words)

    def index_starting_at(self, offset: int) -> int | None:
        return self._by_start.get(offset)

    def index_ending_at(self, offset: int) -> int | None:
        return self._by_end.get(offset)

    def is_boundary(self, offset: int) -> bool:
        """True where one word ends and the next starts (and at both ends of the text)."""
        return offset in self._by_start or offset in self._by_end or offset in (0, len(self.text))

    def index_at(self, offset: int) -> int:
        """The word containing ``offset``."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def is_known(self, index: int) -> bool:
        known = self._known.get(index)
        if known is None:
            segmenter = self._segmenter or get_segmenter()
            known = self._known[index] = segmenter.has_word(self.words[index])
        return known


def analyse(text: str, segmenter: Segmenter | None = None) -> TextAnalysis:
    segmenter = segmenter or get_segmenter()
    return TextAnalysis(text, segmenter.tag(text), segmenter)
