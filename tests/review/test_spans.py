"""Spans in reading order, stacking levels for nested spans, and boundary edits."""

from __future__ import annotations

from annotator.review.spans import (
    Edge,
    Span,
    SpanIndex,
    SpanKey,
    SpanKind,
    nudged,
    stack_levels,
    trimmed,
)


def entity(id_: int, start: int, end: int, label: str = "PER") -> Span:
    return Span(SpanKey(SpanKind.ENTITY, id_), start, end, label, "x" * (end - start))


def candidate(id_: int, start: int, end: int, label: str = "ORG") -> Span:
    return Span(SpanKey(SpanKind.CANDIDATE, id_), start, end, label, "x" * (end - start), source="rule:x", score=0.5)


def keys(spans):
    return [(s.key.kind, s.key.id) for s in spans]


def test_reading_order_puts_outer_spans_before_nested_ones_and_entities_before_candidates():
    index = SpanIndex([candidate(1, 10, 12), entity(2, 0, 3), entity(3, 0, 6), candidate(4, 0, 6), entity(5, 4, 5)])
    assert keys(index) == [("entity", 3), ("candidate", 4), ("entity", 2), ("entity", 5), ("candidate", 1)]


def test_next_and_previous_wrap_around_and_can_skip_candidates():
    index = SpanIndex([entity(1, 0, 2), candidate(2, 3, 5), entity(3, 6, 8)])
    first = index.next_after(None, 0)
    assert first.key.id == 1
    assert index.next_after(first.key).key.id == 2
    assert index.next_after(SpanKey(SpanKind.ENTITY, 3)).key.id == 1  # wraps
    assert index.next_after(SpanKey(SpanKind.ENTITY, 3), wrap=False) is None
    assert index.previous_before(SpanKey(SpanKind.ENTITY, 1)).key.id == 3
    assert index.next_after(SpanKey(SpanKind.ENTITY, 1), kinds=[SpanKind.ENTITY]).key.id == 3


def test_without_focus_stepping_starts_from_the_text_cursor():
    index = SpanIndex([entity(1, 0, 2), entity(2, 5, 7), entity(3, 9, 11)])
    assert index.next_after(None, 4).key.id == 2
    assert index.next_after(None, 5).key.id == 2
    assert index.previous_before(None, 5).key.id == 1
    assert index.previous_before(None, 100).key.id == 3
    assert index.next_after(None, 100).key.id == 1  # wraps to the start
    assert index.next_after(None, 100, wrap=False) is None


def test_empty_index_has_no_next():
    assert SpanIndex([]).next_after(None, 0) is None
    assert SpanIndex([]).at(3) == []


def test_at_returns_covering_spans_innermost_first_even_after_a_long_span():
    long = entity(1, 0, 50)
    index = SpanIndex([long, entity(2, 10, 14), entity(3, 11, 12), entity(4, 40, 45)])
    assert keys(index.at(11)) == [("entity", 3), ("entity", 2), ("entity", 1)]
    assert keys(index.at(42)) == [("entity", 4), ("entity", 1)]
    assert index.at(50) == []


def test_overlapping():
    index = SpanIndex([entity(1, 0, 5), entity(2, 5, 8), entity(3, 9, 12)])
    assert keys(index.overlapping(4, 6)) == [("entity", 1), ("entity", 2)]
    assert keys(index.overlapping(8, 9)) == []


def test_stack_levels_give_overlapping_spans_different_levels_and_reuse_free_ones():
    spans = [entity(1, 0, 10), entity(2, 2, 4), entity(3, 5, 12), entity(4, 13, 15), entity(5, 6, 7)]
    levels = stack_levels(spans)
    assert levels[SpanKey(SpanKind.ENTITY, 1)] == 0
    assert levels[SpanKey(SpanKind.ENTITY, 2)] == 1
    assert levels[SpanKey(SpanKind.ENTITY, 3)] == 1  # 2 ended before 3 starts
    assert levels[SpanKey(SpanKind.ENTITY, 5)] == 2
    assert levels[SpanKey(SpanKind.ENTITY, 4)] == 0
    for a in spans:
        for b in spans:
            if a is not b and a.start < b.end and b.start < a.end:
                assert levels[a.key] != levels[b.key]


def test_nudged_moves_one_edge_and_refuses_empty_or_blank_spans():
    text = "张萍 告诉记者"
    assert nudged(text, 0, 2, Edge.END, +1) == (0, 4)  # over the space
    assert nudged(text, 0, 2, Edge.START, +1) == (1, 2)
    assert nudged(text, 1, 2, Edge.START, +1) is None  # would be empty
    assert nudged(text, 0, 2, Edge.START, -1) is None  # before the text
    assert nudged(text, 6, 7, Edge.END, +1) is None  # after the text
    assert nudged(" 张", 1, 2, Edge.START, -1) is None  # only white space before it


def test_nudged_edges_never_rest_on_white_space():
    text = "华为 Mate 60\n发布"
    start = text.index("Mate")
    assert nudged(text, start, start + 4, Edge.END, +1) == (start, start + 6)  # past the space to "6"
    assert nudged(text, start, start + 6, Edge.END, -1) == (start, start + 4)  # off the space again
    assert nudged(text, start, start + 4, Edge.START, -1) == (1, start + 4)  # past the space to "为"
    after_newline = text.index("发")
    assert nudged(text, after_newline, after_newline + 2, Edge.START, -1) == (after_newline - 2, after_newline + 2)


def test_nudged_counts_astral_characters_as_one():
    text = "𠮷野家😀"
    assert nudged(text, 0, 1, Edge.END, +1) == (0, 2)
    assert text[slice(*nudged(text, 1, 3, Edge.END, +1))] == "野家😀"


def test_trimmed_drops_white_space_at_both_ends():
    assert trimmed("  张萍 \n", 0, 7) == (2, 4)
    assert trimmed("  ", 0, 2) is None
    assert trimmed("ab", 2, 0) == (0, 2)
