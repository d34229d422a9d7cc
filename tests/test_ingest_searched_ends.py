"""Patterns the parser asks of every line, searched only where a match can be: the same answers as a plain search.

A pattern tied to the end of a line ($) is still tried by a search at every position before it, and one opening on a
lookbehind is tried at every position too; the parser searches only the last few characters, or asks first for a
character the pattern needs. Each must find what the plain search of the whole line finds.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.ingest import bylines, joins, line_features

# digits (ASCII and full-width), numerals, Han, the marks the patterns need, a space and a line break
_ENDS_ALPHABET = "12０一十〇年月日中文𠀀 \n，◎◉—-a"
line_text = st.text(alphabet=_ENDS_ALPHABET, max_size=14)


def _found(match: object) -> str | None:
    return None if match is None else match.group()  # type: ignore[attr-defined]


@settings(max_examples=800, deadline=None)
@given(line_text)
def test_a_year_or_month_at_the_end_is_found_in_the_last_characters(text: str) -> None:
    stripped = text.rstrip()
    plain = _found(joins._YEAR_END_RE.search(stripped) or joins._MONTH_END_RE.search(stripped))
    # (the function itself, not its per-page cache)
    assert joins._date_end.__wrapped__(text) == plain  # type: ignore[attr-defined]


@settings(max_examples=800, deadline=None)
@given(line_text)
def test_the_han_run_at_the_end_is_found_in_the_last_characters(text: str) -> None:
    plain = _found(joins._HAN_RUN_END_RE.search(text))
    assert _found(joins._HAN_RUN_END_RE.search(text[-joins._HAN_RUN_END_SPAN :])) == plain


@settings(max_examples=800, deadline=None)
@given(line_text)
def test_patterns_asked_only_of_lines_holding_a_mark_they_need(text: str) -> None:
    if bylines._ORNAMENT_COLON_RE.search(text):
        assert "◎" in text or "◉" in text
    if line_features._INNER_DASH_RE.search(text):
        assert "——" in text or "--" in text
