"""Tokens for the token-based formats (CoNLL, Prodigy, spaCy, the tags of Hugging Face records).

Two modes: ``char`` gives one token per character, the convention of the
Chinese NER corpora (MSRA, People's Daily) and of spaCy's blank Chinese
pipeline; ``word`` gives jieba's words. Either way a token never straddles an
entity boundary: a word that does is cut there, so every entity lines up with
whole tokens (the number of such cuts is reported).

Whitespace follows spaCy's convention, so ``Doc(words, spaces)`` rebuilds the
text exactly: one space after a token is that token's ``ws``; any other
whitespace becomes a token of its own (``is_space``). Formats without a place
for whitespace (CoNLL) leave those tokens out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from annotator.errors import InputError
from annotator.text.segmenter import get_segmenter

CHAR, WORD = "char", "word"
_NON_SPACE = re.compile(r"\S+")


class Token(NamedTuple):
    text: str
    start: int
    end: int
    # followed by exactly one space that belongs to no token
    ws: bool = False

    @property
    def is_space(self) -> bool:
        return not self.text.strip()


@dataclass
class Tokenization:
    tokens: list[Token]
    # words cut at an entity boundary (word mode only)
    cuts: int = 0

    def words(self) -> list[Token]:
        """The tokens that are not whitespace."""
        return [t for t in self.tokens if t.text.strip()]


def _pieces(text: str, mode: str) -> Iterable[tuple[int, int]]:
    """(start, end) of the non-whitespace tokens, before cutting at boundaries."""
    if mode == CHAR:
        return ((i, i + 1) for i, ch in enumerate(text) if not ch.isspace())
    segmenter = get_segmenter()
    return (
        (run.start() + start, run.start() + end)
        for run in _NON_SPACE.finditer(text)
        for _word, start, end in segmenter.tokenize(run.group())
    )


def tokenize(text: str, mode: str = CHAR, boundaries: Iterable[int] = ()) -> Tokenization:
    """Tokens covering ``text``, cut at every offset in ``boundaries`` that falls inside a word."""
    if mode not in (CHAR, WORD):
        raise InputError(f"tokens: '{mode}' is not one of {CHAR}, {WORD}")
    cut_at = sorted(set(boundaries)) if mode == WORD else []  # a character cannot be cut
    tokens: list[Token] = []
    append = tokens.append
    make = tuple.__new__  # Token(...) without the keyword handling: exports build millions of these
    cuts = 0
    position = 0
    for start, end in _pieces(text, mode):
        if start > position:
            _add_gap(tokens, text, position, start)
        if cut_at:
            i = bisect_right(cut_at, start)
            while i < len(cut_at) and cut_at[i] < end:
                append(make(Token, (text[start:cut_at[i]], start, cut_at[i], False)))
                start = cut_at[i]
                cuts += 1
                i += 1
        append(make(Token, (text[start:end], start, end, False)))
        position = end
    if position < len(text):
        _add_gap(tokens, text, position, len(text))
    return Tokenization(tokens, cuts)


def _add_gap(tokens: list[Token], text: str, start: int, end: int) -> None:
    gap = text[start:end]
    if tokens and not tokens[-1].ws and not tokens[-1].is_space and gap.startswith(" "):
        tokens[-1] = tokens[-1]._replace(ws=True)
        start += 1
    if start < end:
        tokens.append(Token(text[start:end], start, end))


class TokenIndex:
    """Finds the tokens a character span covers exactly."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self._starts = {t.start: i for i, t in enumerate(tokens)}
        self._ends = {t.end: i for i, t in enumerate(tokens)}

    def align(self, start: int, end: int) -> tuple[int, int] | None:
        """(first token, last token) inclusive, or None when a boundary falls inside a token."""
        first, last = self._starts.get(start), self._ends.get(end)
        if first is None or last is None or last < first:
            return None
        return first, last
