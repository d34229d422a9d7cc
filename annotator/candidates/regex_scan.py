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


# A match longer than this is not worth looking for near a character it must contain.
_WINDOW_LIMIT = 100


class Scanner:
    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._starts = _first_characters(pattern)
        # characters every match contains, and how long a match can be: a match starts at most
        # that far before one of those characters, so the rest of the text need not be scanned
        self._required, self._width = _required_characters(pattern) if self._starts is not None else ((), 0)

    @property
    def skips(self) -> bool:
        """Whether it skips to the characters a match can begin with (else it is plain finditer)."""
        return self._starts is not None

    def starts(self, text: str) -> Iterator[int]:
        """Every position where the pattern matches, overlapping matches included, in order."""
        match_at = self.pattern.match
        return (position for position in self._tries(text) if match_at(text, position) is not None)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._starts is None:
            yield from self.pattern.finditer(text)
            return
        match_at = self.pattern.match
        free = 0  # matches do not overlap: the next one starts where the last one ended
        for position in self._tries(text):
            if position >= free:
                match = match_at(text, position)
                if match is not None:
                    yield match
                    free = match.end()

    def _tries(self, text: str) -> Iterator[int]:
        """Where a match may start, in order: every position, or where a match can begin."""
        if self._starts is None:
            yield from range(len(text) + 1)
            return
        if not self._required:
            for found in self._starts.finditer(text):
                yield found.start()
            return
        # near the rarest of the characters every match contains
        rarest = min(self._required, key=text.count)
        width = self._width
        tried = 0  # where the last window ended
        at = text.find(rarest)
        while at >= 0:
            low, high = max(at - width + 1, tried), at + 1
            # every occurrence within reach extends this window
            following = text.find(rarest, high)
            while 0 <= following < high + width - 1:
                high = following + 1
                following = text.find(rarest, high)
            for found in self._starts.finditer(text, low, high):
                yield found.start()
            tried = high
            at = following


def _required_characters(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], int]:
    """Characters that every match contains and the longest a match can be, or ((), 0)."""
    try:
        parsed = sre_parser.parse(pattern.pattern, pattern.flags)
        width = parsed.getwidth()[1]
        required = _required_in_sequence(list(parsed))
    except (re.error, RecursionError, OverflowError):
        return (), 0
    if not required or width > _WINDOW_LIMIT:
        return (), 0
    return tuple(sorted(chr(c) for c in required)), width


def _required_in_sequence(items: list) -> set[int]:
    found: set[int] = set()
    for op, argument in items:
        found |= _required_in_item(op, argument)
    return found


def _required_in_item(op, argument) -> set[int]:
    """Characters any match of this item contains (a subset is enough: never one it may lack)."""
    if op is sre_parser.LITERAL:
        return {argument}
    if op is sre_parser.SUBPATTERN:
        return _required_in_sequence(list(argument[3]))
    if op is getattr(sre_parser, "ATOMIC_GROUP", None):
        return _required_in_sequence(list(argument))
    if op is sre_parser.BRANCH:
        alternatives = [_required_in_sequence(list(a)) for a in argument[1]]
        return set.intersection(*alternatives) if alternatives else set()
    if op in (sre_parser.MAX_REPEAT, sre_parser.MIN_REPEAT, getattr(sre_parser, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = argument
        return _required_in_sequence(list(sub)) if low >= 1 else set()
    return set()  # sets, look-arounds (they may look outside the match), anchors...


def _first_characters(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A one-character-class pattern matching every character a match of ``pattern`` can begin with."""
    if pattern.flags & (re.IGNORECASE | re.LOCALE) or not isinstance(pattern.pattern, str):
        return None
    try:
        items = list(sre_parser.parse(pattern.pattern, pattern.flags))
        chars, nullable = _first_of_sequence(items)
        not_after = _leading_character_not_before(items)
    except (_Unknown, re.error, RecursionError):
        return None
    if nullable or not chars:
        return None  # a pattern that can match the empty string matches everywhere
    first = "[" + "".join(_class_item(low, high) for low, high in _ranges(chars)) + "]"
    if not_after:
        # (?<![0-9]) before a number: the characters inside a run of digits are skipped too
        before = "[" + "".join(_class_item(low, high) for low, high in _ranges(not_after)) + "]"
        return re.compile(f"{first}(?<!{before}{first})")
    return re.compile(first)


def _leading_character_not_before(items: list) -> set[tuple[int, int]] | None:
    """The characters that may not come right before a match, when the pattern starts with a
    one-character negative look-behind such as ``(?<![0-9])``."""
    if not items:
        return None
    op, argument = items[0]
    if op is not sre_parser.ASSERT_NOT or argument[0] != -1:
        return None
    inner = list(argument[1])
    if len(inner) != 1:
        return None
    inner_op, inner_argument = inner[0]
    if inner_op is sre_parser.LITERAL:
        return {(inner_argument, inner_argument)}
    if inner_op is sre_parser.IN:
        try:
            return _first_of_set(inner_argument)
        except _Unknown:
            return None
    return None


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
