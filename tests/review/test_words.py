"""Double-click selects a jieba word, or a sensible fallback before jieba has loaded."""

from __future__ import annotations

from annotator.review.words import WordIndex
from annotator.text.segmenter import get_segmenter


def test_word_at_uses_segmentation():
    text = "姚庄镇总工会专职副主席张萍告诉记者"
    index = WordIndex(text, get_segmenter())
    start, end = index.word_at(text.index("工会") + 1)
    assert "工会" in text[start:end]
    assert index.word_at(len(text)) is None


def test_fallback_without_segmenter_picks_a_latin_word_or_one_han_character():
    text = "华为 Mate60 发布"
    index = WordIndex(text, None)
    assert not index.segmented
    assert text[slice(*index.word_at(4))] == "Mate60"
    assert text[slice(*index.word_at(0))] == "华"
    assert index.word_at(2) is None  # white space


def test_offsets_are_code_points_after_astral_characters():
    text = "😀𠮷野家的牛肉饭"
    index = WordIndex(text, get_segmenter())
    start, end = index.word_at(text.index("牛"))
    assert text[start:end] in {"牛肉饭", "牛肉"}
