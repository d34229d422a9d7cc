"""What the tagger sees at each character: the characters around it, jieba's words, the rules' and the dictionary's hits.

Every group can be switched on or off in ``FeatureSettings`` (stored with
each model). Which groups pay off was measured on People's Daily
(docs/learning.md, ``python -m annotator.learning.evaluate ablation``), and
the defaults keep those that do:

- ``window``/``bigrams``: the characters within ``window`` positions and the
  character pairs among them (the plain character CRF);
- ``word_position``: the character's place in jieba's word (B, M, E, or S for
  a one-character word) on its own (off by default);
- ``pos_tags``: jieba's tag of that word, alone and with the place;
- ``unknown_words``: whether that word is missing from jieba's dictionary
  (words its HMM made up are mostly names);
- ``rule_hits``: where the candidate rules (``annotator.candidates.rules``)
  found a span of some label: its start, inside, and the character after;
- ``dictionary``: the same for the texts the project's reviewers labelled,
  longest match at each position.

Features are built for a whole document at once (jieba and the rules see it
whole) and cut into sentence-long sequences afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from annotator.candidates.analysis import TextAnalysis
from annotator.errors import InputError
from annotator.learning.tags import Span

# Padding beyond the ends of the text: control characters no document contains.
BEFORE, AFTER = "\x02", "\x03"
# A sequence ends after these (and any closing quotes or brackets right after them) and at line breaks.
SENTENCE_ENDS = frozenset("。！？!?；;")
CLOSERS = frozenset("”’」』）)》】\"'")
LINE_BREAKS = frozenset("\r\n")


@dataclass(frozen=True)
class FeatureSettings:
    window: int = 2
    bigrams: bool = True
    # Off: with the POS tags combined with the place in the word (``pos_tags``) it measured
    # no better (docs/learning.md, the ablation).
    word_position: bool = False
    pos_tags: bool = True
    unknown_words: bool = True
    rule_hits: bool = True
    dictionary: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FeatureSettings:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise InputError(f"unknown feature setting(s): {', '.join(unknown)}")
        return cls(**dict(data))

    @property
    def needs_rules(self) -> bool:
        return self.rule_hits

    def without(self, *groups: str) -> FeatureSettings:
        """These settings with some groups switched off (``window`` 0 keeps the character itself)."""
        changes: dict[str, Any] = {}
        for group in groups:
            changes[group] = 0 if group == "window" else False
        return FeatureSettings(**{**self.to_dict(), **changes})


class Dictionary:
    """Entity texts and, for each, how often each label was given to it.

    ``spans(text)`` finds, at every position, the longest entry starting there.
    With ``own`` (the counts one training document contributed) an entry only
    that document has is not found: a training document must not see its own
    answers in the dictionary, or the tagger learns to trust it blindly.
    """

    def __init__(self, counts: Mapping[tuple[str, str], int] | Iterable[tuple[tuple[str, str], int]] = (),
                 *, min_length: int = 2) -> None:
        items = counts.items() if isinstance(counts, Mapping) else counts
        entries: dict[str, dict[str, int]] = {}
        for (text, label), n in items:
            if n <= 0 or len(text) < min_length or "\n" in text:
                continue
            by_label = entries.setdefault(text, {})
            by_label[label] = by_label.get(label, 0) + n
        self.entries = entries
        lengths: dict[str, set[int]] = {}
        for text in entries:
            lengths.setdefault(text[0], set()).add(len(text))
        self._lengths = {first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()}
        # where an entry may start: found in C, so that the loop below visits only those places
        self._firsts = re.compile("[" + "".join(map(re.escape, sorted(lengths))) + "]") if lengths else None

    def __len__(self) -> int:
        return len(self.entries)

    def spans(self, text: str, own: Mapping[tuple[str, str], int] | None = None) -> list[Span]:
        found: list[Span] = []
        if self._firsts is None:
            return found
        entries, lengths = self.entries, self._lengths
        size = len(text)
        for match in self._firsts.finditer(text):
            start = match.start()
            for length in lengths[match.group()]:
                if start + length > size:  # a shorter entry would match the cut-off slice
                    continue
                entry = entries.get(text[start : start + length])
                if entry is None:
                    continue
                labels = [
                    label for label, n in entry.items()
                    if own is None or n - own.get((text[start : start + length], label), 0) > 0
                ]
                if labels:
                    found.extend((start, start + length, label) for label in sorted(labels))
                    break
        return found


def sequence_ranges(text: str, keep_together: Iterable[Span] = ()) -> list[tuple[int, int]]:
    """The sentences and lines of ``text`` as (start, end), without the line breaks.

    No cut falls inside a span of ``keep_together`` (the gold entities while training).
    """
    if not keep_together:  # nothing blocks a cut: the cuts are where the regular expression finds them
        return _cut_everywhere(text)
    blocked = bytearray(len(text) + 1)
    for start, end, _label in keep_together:
        blocked[start + 1 : end] = b"\x01" * (end - start - 1)
    ranges: list[tuple[int, int]] = []
    begin = 0
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        if char in LINE_BREAKS and not blocked[position] and not blocked[position + 1]:
            ranges.append((begin, position))
            begin = position + 1
        elif char in SENTENCE_ENDS:
            cut = position + 1
            while cut < length and text[cut] in CLOSERS:
                cut += 1
            if not blocked[cut]:
                ranges.append((begin, cut))
                begin = cut
            position = cut - 1
        position += 1
    ranges.append((begin, length))
    return [(s, e) for s, e in ranges if e > s and text[s:e].strip()]


# Where a sequence ends when nothing blocks a cut: after a line break (which no sequence holds) or
# after a sentence end and the closing quotes or brackets right after it.
_CUT = re.compile(
    "[" + re.escape("".join(sorted(LINE_BREAKS))) + "]|[" + re.escape("".join(sorted(SENTENCE_ENDS))) + "]["
    + re.escape("".join(sorted(CLOSERS))) + "]*"
)


def _cut_everywhere(text: str) -> list[tuple[int, int]]:
    """``sequence_ranges`` without spans to keep together, with the search in C."""
    ranges: list[tuple[int, int]] = []
    begin = 0
    for match in _CUT.finditer(text):
        if text[match.start()] in LINE_BREAKS:
            ranges.append((begin, match.start()))
        else:
            ranges.append((begin, match.end()))
        begin = match.end()
    ranges.append((begin, len(text)))
    return [(s, e) for s, e in ranges if e > s and text[s:e].strip()]


def hit_features(prefix: str, spans: Iterable[Span], length: int) -> dict[int, list[str]]:
    """Where each span starts (B), continues (I) and the character after it (A), by position."""
    extra: dict[int, list[str]] = {}
    for start, end, label in spans:
        if start >= length:
            continue
        extra.setdefault(start, []).append(f"{prefix}=B{label}")
        for position in range(start + 1, min(end, length)):
            extra.setdefault(position, []).append(f"{prefix}=I{label}")
        if end < length:
            extra.setdefault(end, []).append(f"{prefix}=A{label}")
    return extra


def add_features(rows: list[tuple[str, ...]], extra: dict[int, list[str]]) -> list[tuple[str, ...]]:
    """``rows`` with more features at some positions (a new list; the rows themselves are not changed)."""
    if not extra:
        return rows
    rows = list(rows)
    for position, names in extra.items():
        rows[position] = rows[position] + tuple(names)
    return rows


def document_features(
    analysis: TextAnalysis,
    settings: FeatureSettings,
    *,
    rule_spans: Sequence[Span] = (),
    dictionary_spans: Sequence[Span] = (),
) -> list[tuple[str, ...]]:
    """The feature names of each character of ``analysis.text``.

    Built column by column with ``map`` over whole strings: the candidate pass
    runs this for every document, and a Python loop per character and feature
    costs several times more.
    """
    text = analysis.text
    length = len(text)
    window = settings.window
    padded = BEFORE * window + text + AFTER * window
    columns: list[list[str]] = [["bias"] * length]
    for offset in range(-window, window + 1):
        first = window + offset
        columns.append(list(map(f"c{offset}=".__add__, padded[first : first + length])))
    if settings.bigrams:
        for offset in range(-window, window):
            first = window + offset
            pairs = map(str.__add__, padded[first : first + length], padded[first + 1 : first + 1 + length])
            columns.append(list(map(f"b{offset}=".__add__, pairs)))
    if settings.word_position or settings.pos_tags or settings.unknown_words:
        places = ["w=S"] * length
        tags = ["p="] * length
        places_tags = ["wp=S"] * length
        unknown = ["u=0"] * length
        for index, (tag, start, end) in enumerate(zip(analysis.tags, analysis.starts, analysis.ends, strict=True)):
            size = end - start
            if size > 1:
                places[start:end] = ["w=B", *(["w=M"] * (size - 2)), "w=E"]
                if settings.unknown_words and not analysis.is_known(index):
                    unknown[start:end] = ["u=1"] * size
                places_tags[start:end] = [f"wp=B{tag}", *([f"wp=M{tag}"] * (size - 2)), f"wp=E{tag}"]
            else:
                places_tags[start] = f"wp=S{tag}"
            tags[start:end] = [f"p={tag}"] * size
        if settings.word_position:
            columns.append(places)
        if settings.pos_tags:
            columns.append(tags)
            columns.append(places_tags)
        if settings.unknown_words:
            columns.append(unknown)
    rows = list(zip(*columns, strict=True))
    extra: dict[int, list[str]] = {}
    if settings.rule_hits:
        extra = hit_features("r", rule_spans, length)
    if settings.dictionary:
        for position, names in hit_features("d", dictionary_spans, length).items():
            extra.setdefault(position, []).extend(names)
    return add_features(rows, extra)
