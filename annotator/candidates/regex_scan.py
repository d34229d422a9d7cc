"""Finding a regular expression's matches without trying it at every position of a text.

Python's regex engine skips quickly to where a match can begin only when the
pattern starts with a character (or a set of them). The rule files' patterns
often start with a look-behind (``(?<![0-9])`` before a date) or an optional
part (``(?:上世纪)?``), and the engine then tries the whole pattern at every
character of the text. ``Scanner`` works out from the parsed pattern which
characters a match can begin with, skips to those with a one-class pattern
the engine does scan quickly, and tries the pattern there: the same matches
as ``pattern.finditer``, in the same order.

When the first characters cannot be worked out (a pattern that may match
nothing, starts with ``.``, a negated set, a class such as ``\\d``, a back
reference, or is case-insensitive), ``Scanner`` is ``pattern.finditer``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

try:  # Python 3.11+
    import re._parser as sre_parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as sre_parser  # type: ignore[no-redef]


class _Unknown(Exception):
    """The first characters of a pattern could not be worked out."""


class Scanner:
    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._starts = _first_characters(pattern)

    @property
    def skips(self) -> bool:
        """Whether it skips to the characters a match can begin with (else it is plain finditer)."""
        return self._starts is not None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._starts is None:
            yield from self.pattern.finditer(text)
            return
        match_at = self.pattern.match
        free = 0  # matches do not overlap: the next one starts where the last one ended
        for start in self._starts.finditer(text):
            position = start.start()
            if position >= free:
                match = match_at(text, position)
                if match is not None:
                    yield match
                    free = match.end()


def _first_characters(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A one-character-class pattern matching every character a match of ``pattern`` can begin with."""
    if pattern.flags & (re.IGNORECASE | re.LOCALE) or not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = sre_parser.parse(pattern.pattern, pattern.flags)
        chars, nullable = _first_of_sequence(list(parsed))
    except (_Unknown, re.error, RecursionError):
        return None
    if nullable or not chars:
        return None  # a pattern that can match the empty string matches everywhere
    return re.compile("[" + "".join(_class_item(low, high) for low, high in _ranges(chars)) + "]")


def _first_of_sequence(items: list) -> tuple[set[tuple[int, int]], bool]:
    """(first character ranges, whether the whole sequence can match nothing) of a parsed sequence."""
    found: set[tuple[int, int]] = set()
    for op, argument in items:
        chars, nullable = _first_of_item(op, argument)
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _first_of_item(op, argument) -> tuple[set[tuple[int, int]], bool]:
    if op is sre_parser.LITERAL:
        return {(argument, argument)}, False
    if op is sre_parser.IN:
        return _first_of_set(argument), False
    if op in (sre_parser.AT, sre_parser.ASSERT, sre_parser.ASSERT_NOT):
        return set(), True  # zero-width: the match begins with what follows
    if op is sre_parser.SUBPATTERN:
        _group, add_flags, _del_flags, sub = argument
        if add_flags & (re.IGNORECASE | re.LOCALE):
            raise _Unknown
        return _first_of_sequence(list(sub))
    if op is getattr(sre_parser, "ATOMIC_GROUP", None):
        return _first_of_sequence(list(argument))
    if op is sre_parser.BRANCH:
        found: set[tuple[int, int]] = set()
        nullable = False
        for alternative in argument[1]:
            chars, empty = _first_of_sequence(list(alternative))
            found |= chars
            nullable = nullable or empty
        return found, nullable
    if op in (sre_parser.MAX_REPEAT, sre_parser.MIN_REPEAT, getattr(sre_parser, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = argument
        chars, empty = _first_of_sequence(list(sub))
        return chars, empty or low == 0
    raise _Unknown  # ANY, NOT_LITERAL, GROUPREF, conditionals...


def _first_of_set(items) -> set[tuple[int, int]]:
    found: set[tuple[int, int]] = set()
    for op, argument in items:
        if op is sre_parser.LITERAL:
            found.add((argument, argument))
        elif op is sre_parser.RANGE:
            found.add(argument)
        else:
            raise _Unknown  # NEGATE, CATEGORY (\d, \w ...): too many characters to list
    return found


def _ranges(chars: set[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(chars):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _class_item(low: int, high: int) -> str:
    if low == high:
        return re.escape(chr(low))
    return f"{re.escape(chr(low))}-{re.escape(chr(high))}"
