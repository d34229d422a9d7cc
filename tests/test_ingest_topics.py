"""The page's topic space against its definition, computed the slow and obvious way.

A bigram's weight is log(n / df)² over the n paragraphs of the page, for a bigram found in
df paragraphs with 2 <= df < n (found in one paragraph it can make no two alike; found in
all it tells none apart); a topic's similarity to another is the cosine of their weighted sets.
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.ingest.topics import TopicSpace, gram_set

# a few characters, so that paragraphs share bigrams; the comma and the letter break runs of Han
paragraph = st.text(alphabet="工会职工嘉善镇，a", min_size=0, max_size=12)


def reference_similarity(paragraphs: list[str], left: list[str], right: list[str]) -> float:
    sets = [gram_set(text) for text in paragraphs]
    n = len(sets)
    frequency = {gram: sum(gram in grams for grams in sets) for grams in sets for gram in grams}
    weight = {gram: math.log(n / df) ** 2 for gram, df in frequency.items() if 2 <= df < n}

    def weighted(texts: list[str]) -> set[str]:
        return {gram for text in texts for gram in gram_set(text) if gram in weight}

    a, b = weighted(left), weighted(right)
    shared = a & b
    if not shared:
        return 0.0
    norm_a = math.sqrt(sum(weight[g] for g in a)) or 1.0
    norm_b = math.sqrt(sum(weight[g] for g in b)) or 1.0
    return sum(weight[g] for g in shared) / (norm_a * norm_b)


@settings(max_examples=300, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=8), st.data())
def test_similarity_is_the_cosine_of_idf_weighted_bigram_sets(paragraphs: list[str], data: st.DataObject):
    space = TopicSpace(gram_set(text) for text in paragraphs)
    left = data.draw(st.lists(st.sampled_from(paragraphs), min_size=1, max_size=3))
    right = data.draw(st.lists(st.sampled_from(paragraphs) | paragraph, min_size=1, max_size=3))
    got = space.similarity(space.topic(*map(gram_set, left)), space.topic(*map(gram_set, right)))
    assert math.isclose(got, reference_similarity(paragraphs, left, right), rel_tol=1e-9, abs_tol=1e-12)


def test_a_bigram_of_every_paragraph_or_of_one_weighs_nothing():
    paragraphs = ["工会职工", "工会嘉善", "工会镇上"]
    space = TopicSpace(gram_set(text) for text in paragraphs)
    # 工会 is in all three, 职工 in one: nothing the two share carries weight
    assert space.similarity(space.topic(gram_set("工会职工")), space.topic(gram_set("工会职工"))) == 0.0
    # a fourth paragraph: 工会 is now in three of four, 嘉善 in two
    paragraphs.append("嘉善工人")
    space = TopicSpace(gram_set(text) for text in paragraphs)
    union, jiashan = math.log(4 / 3) ** 2, math.log(4 / 2) ** 2
    expected = jiashan / (math.sqrt(union + jiashan) * math.sqrt(jiashan))
    got = space.similarity(space.topic(gram_set("工会嘉善")), space.topic(gram_set("嘉善工人")))
    assert math.isclose(got, expected, rel_tol=1e-12)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="工会职𠀀𠀁，a ", min_size=0, max_size=16))
def test_a_texts_bigrams_are_every_pair_of_adjacent_han_characters(text: str):
    # gram_set finds the pairs in two sweeps (from the first character of each run of Han, then from the second): the
    # same set as the pairs read off one by one, in runs of odd and even length, astral characters included
    expected = {text[k : k + 2] for k in range(len(text) - 1) if text[k] not in "，a " and text[k + 1] not in "，a "}
    assert gram_set(text) == expected
