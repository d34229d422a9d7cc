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
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import chain, compress

from annotator.ingest.cues import HAN

# Overlapping pairs of Han characters, found in C by a zero-width lookahead.
_BIGRAM = re.compile(f"(?=([{HAN}]{{2}}))")
# The same pairs in two sweeps without a lookahead (which the engine tries, and saves and restores its group for, at
# every position): those starting at the first, third, fifth… character of a run of Han characters, then those
# starting at its second, fourth… (a pair whose first character follows another).
_EVEN_PAIR = re.compile(f"[{HAN}]{{2}}")
_ODD_PAIR = re.compile(f"(?<=[{HAN}])[{HAN}]{{2}}")


def bigrams(text: str) -> list[str]:
    """Every pair of adjacent Han characters, in order (repeats kept)."""
    return _BIGRAM.findall(text)


def gram_set(text: str) -> frozenset[str]:
    """The distinct pairs of adjacent Han characters of ``text``: what topics are made of."""
    return frozenset(_EVEN_PAIR.findall(text) + _ODD_PAIR.findall(text))


@dataclass(frozen=True)
class Topic:
    grams: frozenset[str]
    norm: float


class TopicSpace:
    """IDF weights learnt from the paragraphs of one page."""

    def __init__(self, paragraphs: Iterable[AbstractSet[str]]) -> None:
        distinct = [grams if isinstance(grams, frozenset) else frozenset(grams) for grams in paragraphs]
        total = max(1, len(distinct))
        # each bigram's document frequency, counted in C over the paragraphs' sets
        frequency = Counter(chain.from_iterable(distinct))
        # document frequencies are small integers: one logarithm per value, not per bigram
        weight_of_df = [0.0, 0.0] + [math.log(total / df) ** 2 for df in range(2, total + 1)]
        # only the bigrams found in two paragraphs or more, but not in every one, get a weight: exactly those whose
        # weight is not zero (a frequency of 1 weighs 0.0, and so does one of ``total``, log 1 = 0). The frequencies
        # are looked up, and the bigrams picked, in C: a page has thousands of bigrams, most of them in one paragraph
        weights = list(map(weight_of_df.__getitem__, frequency.values()))
        self._weight = dict(zip(compress(frequency, weights), filter(None, weights)))
        # the same bigrams as a set: a paragraph's weighted bigrams are an intersection of two frozensets, made in C
        # by walking the smaller without a copy
        self._weighted = frozenset(self._weight)
        self._sets: dict[int, tuple[AbstractSet[str], frozenset[str]]] = {}

    def topic(self, *gram_sets: AbstractSet[str]) -> Topic:
        weight = self._weight
        if len(gram_sets) == 1:
            grams = self._weighted_set(gram_sets[0])
        else:
            grams = frozenset().union(*map(self._weighted_set, gram_sets))
        return Topic(grams, math.sqrt(sum(map(weight.__getitem__, grams))) or 1.0)

    def _weighted_set(self, grams: AbstractSet[str]) -> frozenset[str]:
        """The bigrams of one paragraph that carry weight; computed once per paragraph."""
        cached = self._sets.get(id(grams))
        if cached is None or cached[0] is not grams:
            cached = (grams, self._weighted.intersection(grams))
            self._sets[id(grams)] = cached
        return cached[1]

    def similarity(self, a: Topic, b: Topic) -> float:
        """Cosine of two weighted bigram sets, 0 (nothing shared) to 1."""
        shared = a.grams & b.grams
        if not shared:
            return 0.0
        return sum(map(self._weight.__getitem__, shared)) / (a.norm * b.norm)
