"""How ``benchmarks/candidate_families.py`` shows a held-back family: its words at their own score,
filling only gaps (the figures themselves are in docs/candidates.md, never asserted in a test)."""

from __future__ import annotations

import sys
from pathlib import Path

from annotator.candidates.context import default_context
from annotator.candidates.resolve import resolve
from annotator.candidates.spans import Suggestion

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
import candidate_families  # noqa: E402 - after the path is set

TEXT = "北京大学"


def test_a_held_back_word_is_shown_at_the_family_score_not_combined_with_its_own():
    held_back = Suggestion(0, 4, "ORG", TEXT, "pos", 0.38)
    shown = Suggestion(0, 4, "ORG", TEXT, "pos", 0.40)
    proposals = candidate_families.shown_alone([held_back], [shown])
    assert proposals == [shown]
    [chosen] = resolve(proposals, default_context())
    assert chosen.score == 0.40  # combined with the 0.38 it would be 0.628, a strong candidate


def test_a_held_back_word_fills_only_a_gap_a_rule_span_leaves():
    rule = Suggestion(0, 2, "LOC", "北京", "rules", 0.55)
    proposals = candidate_families.shown_alone(
        [rule, Suggestion(0, 4, "ORG", TEXT, "pos", 0.38)], [Suggestion(0, 4, "ORG", TEXT, "pos", 0.40)]
    )
    assert [(s.start, s.end, s.label) for s in resolve(proposals, default_context())] == [(0, 2, "LOC")]


def test_a_span_another_source_proposes_is_left_as_it_is():
    rule = Suggestion(0, 4, "ORG", TEXT, "rules", 0.7)
    proposals = candidate_families.shown_alone([rule], [Suggestion(0, 4, "ORG", TEXT, "pos", 0.40)])
    assert proposals == [rule]
