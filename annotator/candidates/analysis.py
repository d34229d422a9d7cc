"""One pass of word segmentation and POS tagging, shared by every candidate source."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from operator import itemgetter

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

    __slots__ = ("text", "words", "tags", "starts", "ends", "_segmenter", "derived", "proposals", "measures")

    def __init__(self, text: str, tagged: list[tuple[str, str]], segmenter: Segmenter | None = None) -> None:
        self.text = text
        words, tags = list(map(itemgetter(0), tagged)), list(map(itemgetter(1), tagged))
        if "" not in words and "".join(words) == text:
            # The usual case: the words are the text cut in order, so the offsets are running sums.
            ends = list(accumulate(map(len, words)))
            self.words, self.tags, self.ends = words, tags, ends
            self.starts = [0, *ends[:-1]] if ends else []
        else:
            self._align(tagged)
        self._segmenter = segmenter
        # What the rules work out once per text (their word masks), by who worked it out.
        self.derived: dict[object, object] = {}
        self.proposals: dict[str, list] = {}
        self.measures: dict[str, float] = {}

    def _align(self, tagged: list[tuple[str, str]]) -> None:
        """Offsets found word by word, for a segmenter that changed or dropped some of the text."""
        text = self.text
        self.words, self.tags, self.starts, self.ends = [], [], [], []
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

    def pair(self, index: int) -> tuple[str, str]:
        """(word, tag) of word ``index``: what the rules remember their per-word answers by."""
        return self.words[index], self.tags[index]

    def __len__(self) -> int:
        return len(self.words)

    def index_starting_at(self, offset: int) -> int | None:
        starts = self.starts
        index = bisect_left(starts, offset)
        return index if index < len(starts) and starts[index] == offset else None

    def index_ending_at(self, offset: int) -> int | None:
        ends = self.ends
        index = bisect_left(ends, offset)
        return index if index < len(ends) and ends[index] == offset else None

    def is_boundary(self, offset: int) -> bool:
        """True where one word ends and the next starts (and at both ends of the text)."""
        return (
            self.index_starting_at(offset) is not None
            or self.index_ending_at(offset) is not None
            or offset in (0, len(self.text))
        )

    def index_at(self, offset: int) -> int:
        """The word containing ``offset``."""
        return max(0, bisect_right(self.starts, offset) - 1)

    @property
    def segmenter(self) -> Segmenter:
        """The segmenter whose dictionary decides ``is_known``."""
        if self._segmenter is None:
            self._segmenter = get_segmenter()
        return self._segmenter

    def is_known(self, index: int) -> bool:
        return self.segmenter.has_word(self.words[index])


def analyse(text: str, segmenter: Segmenter | None = None) -> TextAnalysis:
    segmenter = segmenter or get_segmenter()
    return TextAnalysis(text, segmenter.tag(text), segmenter)
