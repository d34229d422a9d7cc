"""How ``benchmarks/place_lexicon.py`` reads a lexicon and what it proposes from it (the figures themselves are in
docs/candidates.md, "A broader place-name lexicon", never asserted in a test). Invented words only."""

from __future__ import annotations

import sys
from pathlib import Path

from annotator.candidates.analysis import analyse
from annotator.candidates.context import default_context

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
import place_lexicon  # noqa: E402 - after the path is set


def test_thuocl_lines_end_with_a_carriage_return_and_a_damaged_frequency_is_read_as_its_digits(tmp_path):
    path = tmp_path / "lexicon.txt"
    path.write_bytes("\ufeff栖霞坳\t1932\r苇塘湾\t3?\r\r".encode())
    assert place_lexicon.read_lexicon(path) == {"栖霞坳": 1932, "苇塘湾": 3}


def test_townships_are_listed_without_their_level(tmp_path):
    path = tmp_path / "streets.csv"
    path.write_text('code,name\n1,"栖霞坳街道"\n2,"苇塘湾镇"\n3,"青杠民族乡"\n4,"东乡"\n', encoding="utf-8")
    assert set(place_lexicon.read_townships(path)) == {"栖霞坳", "苇塘湾", "青杠"}  # (东 alone is too short)


def test_a_word_is_proposed_only_where_it_starts_and_ends_on_word_boundaries():
    analysis = analyse("我们去西山坡看看，乌鲁木齐很大")  # 西 | 山坡 …, 乌鲁木齐 one word
    found = place_lexicon.occurrences(analysis, frozenset({"西山坡", "木齐", "鲁木齐"}), "LOC", 0.45)
    assert [(s.text, s.label, s.score, s.source) for s in found] == [("西山坡", "LOC", 0.45, "lexicon")]


def test_the_lists_leave_out_everyday_words_and_keep_organisations_apart():
    lists = place_lexicon.word_lists(["栖霞坳", "振兴", "医院", "北京", "栖霞坳大学", "大学"], default_context().rules)
    assert lists["all"] == {"栖霞坳", "振兴", "医院", "栖霞坳大学", "大学"}  # 北京 the rules know already
    assert lists["names"] == lists["proper"] == {"栖霞坳"}  # 振兴/v is a word; 医院 and 大学 are types
    assert lists["bodies"] == {"栖霞坳大学"}  # a name before the type
