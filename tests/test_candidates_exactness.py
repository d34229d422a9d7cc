"""The shortcuts that make candidate generation fast give exactly what the plain way gives.

Each shortcut is checked against the straightforward code it replaces, on
generated inputs: word lists as prefix trees against the flat alternation,
the skipping scanner against ``finditer``, the written-out group score
against ``combine``, and the remembered per-word answers against a changed
dictionary.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.candidates import default_context, suggest
from annotator.candidates.analysis import analyse
from annotator.candidates.regex_scan import Scanner
from annotator.candidates.resolve import _group_score, combine
from annotator.candidates.ruledata import alternation
from annotator.candidates.spans import Suggestion
from annotator.text.segmenter import Segmenter

ALPHABET = "ab1.年月日张王\n"
words = st.lists(st.text(alphabet=ALPHABET, min_size=0, max_size=4), max_size=8)
texts = st.text(alphabet=ALPHABET, max_size=30)


def flat_alternation(items: list[str]) -> str:
    ordered = sorted(set(items), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")" if ordered else "(?!)"


@settings(max_examples=300, deadline=None)
@given(words, texts, st.sampled_from(["", "b", "(?:a|1)", "年*", "(?!a)"]), st.booleans())
def test_a_word_list_as_a_prefix_tree_matches_what_the_flat_alternation_matches(items, text, after, repeated):
    star = "*" if repeated else ""
    tree = re.compile(alternation(items) + star + after)
    flat = re.compile(flat_alternation(items) + star + after)
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert bool(tree.fullmatch(text, start, end)) == bool(flat.fullmatch(text, start, end))


PIECES = [
    "(?<![0-9.])", "(?<!a)", "(?<=a)", "(?=b)", "a", "1", "[0-9]", "[0-9]{2}", "年", "(?:月|日)", "(?:月|月份)",
    "x?", "2*", "b+", "(?:年a|年b)", "月?", r"\d", ".", "[^a]", "^", "$", r"\b", "(a)(?:\\1)",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=5), st.lists(texts, min_size=1, max_size=4))
def test_the_scanner_finds_what_finditer_finds(pieces, samples):
    pattern = re.compile("".join(pieces))
    scanner = Scanner(pattern)
    for text in samples:
        assert [m.span() for m in scanner.finditer(text)] == [m.span() for m in pattern.finditer(text)]
        assert list(scanner.starts(text)) == [i for i in range(len(text) + 1) if pattern.match(text, i)]


def test_the_scanner_skips_for_the_bundled_date_patterns():
    rules = default_context().rules
    assert all(scanner.skips for scanner in rules.dates._scanners)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["pos", "rules", "gazetteer"]), st.floats(min_value=-0.5, max_value=1.5)),
        min_size=1,
        max_size=4,
    ),
    st.dictionaries(st.sampled_from(["pos", "rules"]), st.floats(min_value=0, max_value=2), max_size=2),
)
def test_a_groups_score_is_combine_of_each_sources_best_exactly(members, weights):
    group = [Suggestion(0, 2, "PER", "张萍", source, score) for source, score in members]
    best: dict[str, float] = {}
    for member in group:
        best[member.source] = combine((best.get(member.source, 0.0), member.score * weights.get(member.source, 1.0)))
    expected_sources = "+".join(sorted(best, key=lambda s: -best[s]))
    assert _group_score(group, weights) == (combine(best.values()), expected_sources)


def test_a_suggestion_is_still_a_frozen_dataclass():
    made = Suggestion(start=1, end=3, label="PER", text="张萍", source="rules", score=0.9)
    assert made == Suggestion(1, 3, "PER", "张萍", "rules", 0.9) and hash(made) == hash(Suggestion(1, 3, "PER", "张萍", "rules", 0.9))
    assert dataclasses.replace(made, start=0).start == 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        Suggestion(1, 3)  # type: ignore[call-arg]


def test_what_the_rules_remember_about_words_follows_the_dictionary():
    """A word added to the dictionary changes what the rules know of it (jieba stops making it up)."""
    segmenter = Segmenter()
    text = "据悉，葛洲坝洋大厦由当地企业建设。"
    before = analyse(text, segmenter)
    word = "葛洲坝洋"
    segmenter.add_word(word, 100000, "n")
    after = analyse(text, segmenter)
    assert word in after.words
    assert after.is_known(after.words.index(word))
    # the remembered answers are dropped, so the rules see the new word as the dictionary does
    rules = default_context().rules
    masks = rules.places.lexicon.masks(after)
    assert len(masks) == len(after.words)
    assert rules.places.lexicon._memo._decided_by == (id(segmenter), segmenter.dictionary_version)
    assert before.words != after.words


def test_suggestions_are_the_same_on_a_second_pass():
    """Remembered answers give what working them out gives: the same suggestions twice over."""
    text = "浙江省嘉兴市嘉善县姚庄镇总工会主席张萍说，2022年10月16日，青岛市总工会职工服务中心举行活动。"
    first = suggest(text)
    assert first and suggest(text) == first
