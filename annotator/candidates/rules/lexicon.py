"""What the rule families know about a word from the word and its tag alone, as one bit mask per word.

Each family registers the tests it would otherwise run on every word of a
text (can this word start a place? end an organisation name? be a person's
name?) and then looks only at the words whose bit is set. A test may read
the word, its tag and ``is_known`` of that one word, nothing around it: its
answer is remembered per (word, tag) for the life of the process (see
``annotator.candidates.memo``), so a text costs one dictionary look-up per
word for every family together, and the families' loops skip the rest at C
speed (``indices``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from itertools import chain, compress, repeat
from operator import and_, or_
from typing import cast

from annotator.candidates.analysis import TextAnalysis
from annotator.candidates.memo import WordMemo

WordTest = Callable[[TextAnalysis, int], bool]
_NO_TAGS: dict[str, int] = {}  # (never written to)
# dict.get as a plain two-argument function, for map() over parallel lists
_LOOK_UP: Callable[[dict[str, int], str], int | None] = dict.get


class Lexicon:
    def __init__(self) -> None:
        self._tests: list[tuple[int, WordTest]] = []
        self._memo = WordMemo()
        self._sparse = 0  # the bits ``indices`` looks for

    def register(self, test: WordTest, *, sparse: bool = True) -> int:
        """A bit for ``test(analysis, index)``, which reads word ``index`` alone.

        A sparse bit, set for few words, is what a family's loop looks for with
        ``indices``; a dense one (a plain noun can be part of a name) is read
        word by word from ``masks``.
        """
        bit = 1 << len(self._tests)
        self._tests.append((bit, test))
        if sparse:
            self._sparse |= bit
        self._memo.clear()
        return bit

    def masks(self, analysis: TextAnalysis) -> list[int]:
        """Every word's mask, worked out once per analysis."""
        found = cast("list[int] | None", analysis.derived.get(self))
        if found is None:
            # remembered by word, then by tag: two look-ups at C speed, no (word, tag) tuples
            by_word = self._memo.current(analysis.segmenter)
            words, tags = analysis.words, analysis.tags
            found = list(map(_LOOK_UP, map(by_word.get, words, repeat(_NO_TAGS)), tags))  # type: ignore[arg-type]  # None marks a miss, filled below
            if None in found:
                for index, mask in enumerate(found):
                    if mask is None:
                        by_tag = by_word.get(words[index])
                        if by_tag is None:
                            by_tag = by_word.remember(words[index], {})
                        found[index] = by_tag[tags[index]] = self._mask(analysis, index)
            analysis.derived[self] = found
        return found

    def _mask(self, analysis: TextAnalysis, index: int) -> int:
        mask = 0
        for bit, test in self._tests:
            if test(analysis, index):
                mask |= bit
        return mask

    def indices(self, analysis: TextAnalysis, bit: int) -> list[int]:
        """The words whose mask has ``bit``, in order."""
        key = (self, "by mask")
        grouped = cast("tuple[dict[int, list[int]], int] | None", analysis.derived.get(key))
        if grouped is None:
            by_mask = self._positions_by_mask(analysis)
            grouped = analysis.derived[key] = (by_mask, reduce(or_, by_mask, 0))
        by_mask, present = grouped
        if not present & bit:
            return []  # no word of the text has the bit: most bits, in most texts
        runs = [positions for mask, positions in by_mask.items() if mask & bit]
        if len(runs) == 1:
            return list(runs[0])
        return sorted(chain.from_iterable(runs))  # (merging a few sorted runs)

    def _positions_by_mask(self, analysis: TextAnalysis) -> dict[int, list[int]]:
        """The positions of the words with a sparse bit, grouped by their sparse bits: a text's
        words with any come in a few dozen kinds, so each family's ``indices`` picks whole
        groups instead of testing every word again (the words with none are left out at C speed)."""
        sparse = list(map(and_, self.masks(analysis), repeat(self._sparse)))
        by_mask: dict[int, list[int]] = {}
        for index in compress(range(len(sparse)), sparse):
            mask = sparse[index]
            found = by_mask.get(mask)
            if found is None:
                by_mask[mask] = [index]
            else:
                found.append(index)
        return by_mask
