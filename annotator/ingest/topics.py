"""What a stretch of text is about, as a set of character bigrams, and how alike two stretches are.

Chinese names and terms are mostly two to four characters, so character
bigrams (吉林, 林省, 省总) capture them without a segmenter, at a fraction of
its cost. Each bigram is weighted by its IDF over the paragraphs of one
page: bigrams every article on a 工人日报 page uses (工会, 职工) count for
little, the names and places that set one article apart count most.

Similarity is the cosine of IDF-weighted *sets* of the bigrams that occur in
more than one paragraph of the page (a bigram found in one paragraph only
can make no two stretches alike). Sets keep the arithmetic in C: the page is
compared dozens of ways and this must cost far less than storing it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain, repeat

from annotator.ingest.cues import HAN

_HAN_RUN = re.compile(f"[{HAN}]{{2,}}")


def bigrams(text: str) -> list[str]:
    """Every character bigram inside runs of Han characters, in order (repeats kept)."""
    grams: list[str] = []
    for run in _HAN_RUN.findall(text):
        grams.extend(map(str.__add__, run, run[1:]))
    return grams


@dataclass(frozen=True)
class Topic:
    grams: frozenset[str]
    norm: float


class TopicSpace:
    """IDF weights learnt from the paragraphs of one page."""

    def __init__(self, paragraphs: Iterable[Iterable[str]]) -> None:
        distinct = [set(grams) for grams in paragraphs]
        frequency = Counter(chain.from_iterable(distinct))
        total = max(1, len(distinct))
        # document frequencies are small integers: one logarithm per value, not per bigram
        weight_of_df = [0.0, 0.0] + [math.log(total / df) ** 2 for df in range(2, total + 1)]
        self._weight = {gram: weight_of_df[df] for gram, df in frequency.items() if 1 < df < total}

    def topic(self, *gram_lists: Iterable[str]) -> Topic:
        weight = self._weight
        grams = frozenset(chain.from_iterable(gram_lists)) & weight.keys()
        return Topic(grams, math.sqrt(sum(map(weight.get, grams, repeat(0.0)))) or 1.0)

    def similarity(self, a: Topic, b: Topic) -> float:
        """Cosine of two weighted bigram sets, 0 (nothing shared) to 1."""
        shared = a.grams & b.grams
        if not shared:
            return 0.0
        return sum(map(self._weight.get, shared, repeat(0.0))) / (a.norm * b.norm)
