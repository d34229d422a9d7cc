"""The features of a text for tagging, limited to the attributes a trained model has weights for.

Tagging spends most of its time on feature strings, not on the CRF itself:
building ~14 strings per character in Python, then CRFsuite copying each into
C++ and looking it up in the model's attribute dictionary, where about half of
them are not found (a model trained on a few hundred documents has weights for
a few thousand attributes; L1 regularisation drops the rest, and most
character pairs of a new text were never seen). An attribute the model does
not know adds nothing to any score, so leaving it out gives exactly the same
tags and marginals.

``ModelFeatures`` therefore reads the model's attribute names once and keeps,
for each feature template, a table from the value (a character, a pair, a
POS tag) to the finished attribute as UTF-8 bytes (which python-crfsuite
passes on without encoding). Building a text's features is then a table
lookup per template and character, in C (``map``), and only the known
attributes cross into CRFsuite. ``annotator.learning.features.document_features``
stays the definition: the tests check that both give the same attributes,
less the unknown ones, at every position.
"""

from __future__ import annotations

import functools
import operator
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from itertools import chain, repeat

from annotator.candidates.analysis import TextAnalysis
from annotator.learning.features import AFTER, BEFORE, LINE_BREAKS, FeatureSettings, hit_features
from annotator.learning.tags import Span

Row = tuple[bytes, ...]

# An attribute in CRFsuite's dump: "    12: c0=的". A name that holds a line break
# (the character before one sees "c1=\n") cannot be read back from the dump, so
# values with line breaks are always passed on (CRFsuite ignores them if unknown).
_DUMP_ATTRIBUTE = re.compile(rb"^\s*\d+: (.*)$", re.MULTILINE)


def model_attributes(tagger) -> set[str]:
    """The attribute names a CRFsuite tagger's model has weights for (read from its dump)."""
    with tempfile.TemporaryDirectory(prefix="annotator-crf-") as folder:
        path = os.path.join(folder, "model.txt")
        tagger.dump(path)
        with open(path, "rb") as dumped:
            text = dumped.read()
    start = text.find(b"ATTRIBUTES = {")
    end = text.find(b"\n}", start)
    if start < 0 or end < 0:
        return set()
    section = text[text.index(b"\n", start) + 1 : end]
    return {match.decode("utf-8", "replace") for match in _DUMP_ATTRIBUTE.findall(section)}


def _positions_of(text: str, chars: Iterable[str]) -> list[int]:
    found = []
    for char in chars:
        at = text.find(char)
        while at >= 0:
            found.append(at)
            at = text.find(char, at + 1)
    return found


class ModelFeatures:
    """``document_features`` for one model: its known attributes only, as bytes."""

    def __init__(self, settings: FeatureSettings, attributes: Iterable[str]) -> None:
        self.settings = settings
        known = set(attributes)
        self._known = known
        window = settings.window
        self._bias = b"bias" if "bias" in known else None
        # (where the template's values start in the padded text, value -> attribute)
        self._chars = [(window + offset, self._table(known, f"c{offset}=")) for offset in range(-window, window + 1)]
        for (_first, table), offset in zip(self._chars, range(-window, window + 1), strict=True):
            for char in LINE_BREAKS:  # see _DUMP_ATTRIBUTE
                table[char] = f"c{offset}={char}".encode()
        self._pairs = (
            [(window + offset, offset, self._table(known, f"b{offset}=")) for offset in range(-window, window)]
            if settings.bigrams else []
        )
        self._words = settings.word_position or settings.pos_tags or settings.unknown_words
        self._tags = self._table(known, "p=")
        self._place_tags = self._table(known, "wp=")
        self._places = self._table(known, "w=")
        self._unknown = self._table(known, "u=")
        # the attributes of a word's characters, by its length (and tag)
        self._word_places: dict[int, list[bytes | None]] = {}
        self._word_place_tags: dict[tuple[str, int], list[bytes | None]] = {}
        # (prefix, label) -> the start, inside and after attributes of a rule's or the dictionary's hit
        self._hits: dict[tuple[str, str], tuple[bytes | None, bytes | None, bytes | None]] = {}

    @staticmethod
    def _table(known: set[str], prefix: str) -> dict[str, bytes | None]:
        return {name[len(prefix):]: name.encode() for name in known if name.startswith(prefix)}

    def rows(
        self,
        analysis: TextAnalysis,
        *,
        rule_spans: Sequence[Span] = (),
        dictionary_spans: Sequence[Span] = (),
    ) -> list[Row]:
        text = analysis.text
        length = len(text)
        settings = self.settings
        window = settings.window
        padded = BEFORE * window + text + AFTER * window
        columns: list[list[bytes | None]] = []
        if self._bias is not None:
            columns.append([self._bias] * length)
        for first, table in self._chars:
            columns.append(list(map(table.get, padded[first : first + length])))
        if self._pairs:
            pairs = list(map(str.__add__, padded[:-1], padded[1:]))
            breaks = _positions_of(padded, LINE_BREAKS)
            for first, offset, table in self._pairs:
                column = list(map(table.get, pairs[first : first + length]))
                for at in breaks:  # a pair holding a line break: passed on whatever the table says
                    for position in (at - first - 1, at - first):
                        if 0 <= position < length:
                            column[position] = f"b{offset}={pairs[first + position]}".encode()
                columns.append(column)
        if self._words:
            columns.extend(self._word_columns(analysis, length))
        rows: list[Row] = list(map(tuple, map(functools.partial(filter, None), zip(*columns, strict=True))))
        extra: dict[int, list[bytes]] = {}
        if settings.rule_hits:
            self._add_hits(extra, "r", rule_spans, length)
        if settings.dictionary:
            self._add_hits(extra, "d", dictionary_spans, length)
        for position, names in extra.items():
            rows[position] = rows[position] + tuple(names)
        return rows

    def _add_hits(self, extra: dict[int, list[bytes]], prefix: str, spans: Sequence[Span], length: int) -> None:
        """``hit_features`` of ``spans``, the known ones only, added to ``extra`` in the same order."""
        hits = self._hits
        for start, end, label in spans:
            if start >= length:
                continue
            names = hits.get((prefix, label))
            if names is None:
                names = hits[(prefix, label)] = self._hit_names(prefix, label)
            begin, inside, after = names
            if begin is not None:
                extra.setdefault(start, []).append(begin)
            if inside is not None:
                for position in range(start + 1, min(end, length)):
                    extra.setdefault(position, []).append(inside)
            if after is not None and end < length:
                extra.setdefault(end, []).append(after)

    def _hit_names(self, prefix: str, label: str) -> tuple[bytes | None, bytes | None, bytes | None]:
        """The start, inside and after attributes of a hit of ``label`` (None: the model does not know it)."""
        # hit_features names them; a span of one character gives the start and after ones
        names = hit_features(prefix, [(0, 2, label)], 3)
        known = self._known
        return tuple(  # type: ignore[return-value]
            name.encode() if name in known else None for name in (names[0][0], names[1][0], names[2][0])
        )

    def _word_columns(self, analysis: TextAnalysis, length: int) -> list[list[bytes | None]]:
        """jieba's words: the place in the word, the POS tag, both, and unknown words, as in ``document_features``."""
        starts, ends = analysis.starts, analysis.ends
        if starts and starts[0] == 0 and ends[-1] == length and starts[1:] == ends[:-1]:
            return self._tiling_word_columns(analysis)
        settings = self.settings
        tags_table, place_tags, places_table, unknown_table = self._tags, self._place_tags, self._places, self._unknown
        places = [places_table.get("S")] * length
        tags = [tags_table.get("")] * length
        both = [place_tags.get("S")] * length
        unknown = [unknown_table.get("0")] * length
        is_unknown = unknown_table.get("1")
        for index, (tag, start, end) in enumerate(zip(analysis.tags, analysis.starts, analysis.ends, strict=True)):
            size = end - start
            if size > 1:
                places[start:end] = self._places_in_word(size)
                both[start:end] = self._place_tags_in_word(tag, size)
                if settings.unknown_words and not analysis.is_known(index):  # u=1, or nothing if not known
                    unknown[start:end] = [is_unknown] * size
            else:
                both[start] = place_tags.get("S" + tag)
            tags[start:end] = [tags_table.get(tag)] * size
        columns = []
        if settings.word_position:
            columns.append(places)
        if settings.pos_tags:
            columns.append(tags)
            columns.append(both)
        if settings.unknown_words:
            columns.append(unknown)
        return columns

    def _tiling_word_columns(self, analysis: TextAnalysis) -> list[list[bytes | None]]:
        """``_word_columns`` where the words cover the text end to end (the usual case): whole columns
        repeated word by word with ``map``, without a Python step per word."""
        settings = self.settings
        tags = analysis.tags
        sizes = list(map(operator.sub, analysis.ends, analysis.starts))
        columns = []
        if settings.word_position:
            for size in set(sizes):
                self._places_in_word(size)
            columns.append(list(chain.from_iterable(map(self._word_places.__getitem__, sizes))))
        if settings.pos_tags:
            columns.append(list(chain.from_iterable(map(repeat, map(self._tags.get, tags), sizes))))
            words = list(zip(tags, sizes))
            for tag, size in set(words):
                self._place_tags_in_word(tag, size)
            columns.append(list(chain.from_iterable(map(self._word_place_tags.__getitem__, words))))
        if settings.unknown_words:
            is_known, is_unknown = self._unknown.get("0"), self._unknown.get("1")
            has_word = analysis.segmenter.has_word
            flags = [
                is_known if size == 1 or has_word(word) else is_unknown
                for word, size in zip(analysis.words, sizes, strict=True)
            ]
            columns.append(list(chain.from_iterable(map(repeat, flags, sizes))))
        return columns

    def _places_in_word(self, size: int) -> list[bytes | None]:
        found = self._word_places.get(size)
        if found is None:
            table = self._places
            found = self._word_places[size] = (
                [table.get("S")] if size == 1 else [table.get("B"), *([table.get("M")] * (size - 2)), table.get("E")]
            )
        return found

    def _place_tags_in_word(self, tag: str, size: int) -> list[bytes | None]:
        found = self._word_place_tags.get((tag, size))
        if found is None:
            table = self._place_tags
            found = self._word_place_tags[(tag, size)] = (
                [table.get("S" + tag)] if size == 1
                else [table.get("B" + tag), *([table.get("M" + tag)] * (size - 2)), table.get("E" + tag)]
            )
        return found
