"""The decoded file as lines, each cleaned and still tied to its exact place in the file.

A line's ``text`` is what the parser reads: surrounding white space trimmed,
NUL bytes and other invisible control characters left out. ``spans`` says
where every kept character came from, so any text built from lines can give
exact source offsets (the provenance pieces) whatever was left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Line breaks: CRLF, CR, LF, and the Unicode separators and form feed that
# some exporters use between paragraphs or pages.
_BREAK_RE = re.compile(r"\r\n|[\r\n\u2028\u2029\x0c\x0b\x85]")
# Characters that carry nothing a reader sees; they would only misplace offsets.
_INVISIBLE_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]+")
_EDGE_SPACE = " \t\u3000\xa0"


@dataclass(frozen=True)
class SourceLine:
    number: int  # 1-based, as an editor shows it
    text: str
    # (src_start, src_end) ranges of the decoded file; their concatenation is ``text``
    spans: tuple[tuple[int, int], ...]

    @property
    def src_start(self) -> int:
        return self.spans[0][0]

    @property
    def src_end(self) -> int:
        return self.spans[-1][1]

    def sub(self, start: int, end: int | None = None) -> SourceLine:
        """The line cut to ``text[start:end]``, spans cut to match."""
        end = len(self.text) if end is None else end
        return SourceLine(self.number, self.text[start:end], slice_spans(self.spans, start, end))


def slice_spans(spans: tuple[tuple[int, int], ...], start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The source ranges of characters ``start:end`` of the text the spans make up."""
    out: list[tuple[int, int]] = []
    offset = 0
    for src_start, src_end in spans:
        length = src_end - src_start
        lo, hi = max(start, offset), min(end, offset + length)
        if lo < hi:
            out.append((src_start + lo - offset, src_start + hi - offset))
        offset += length
        if offset >= end:
            break
    return tuple(out)


# Line breaks other than a bare LF: when a file has none, it is split by str.split, in C.
_OTHER_BREAKS_RE = re.compile(r"[\r\u2028\u2029\x0c\x0b\x85]")


def split_lines(text: str) -> list[SourceLine]:
    """Every non-blank line of ``text``, cleaned, with its source spans."""
    if not _OTHER_BREAKS_RE.search(text):
        return _split_on_newlines(text)
    lines: list[SourceLine] = []
    position = 0
    number = 0
    clean = _clean if _INVISIBLE_RE.search(text) else _trim
    for match in _BREAK_RE.finditer(text + "\n"):
        number += 1
        end = min(match.start(), len(text))
        if end > position:
            line = clean(number, text, position, end)
            if line is not None:
                lines.append(line)
        position = match.end()
    return lines


def _split_on_newlines(text: str) -> list[SourceLine]:
    """The common case, a file with LF line ends only: the same lines as the general path, faster."""
    lines: list[SourceLine] = []
    clean = _clean if _INVISIBLE_RE.search(text) else None
    position = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        end = position + len(raw)
        if raw:
            if clean is not None:
                line = clean(number, text, position, end)
                if line is not None:
                    lines.append(line)
            else:
                stripped = raw.strip(_EDGE_SPACE)
                if stripped:
                    lead = position + len(raw) - len(raw.lstrip(_EDGE_SPACE))
                    lines.append(SourceLine(number, stripped, ((lead, lead + len(stripped)),)))
        position = end + 1
    return lines


def _trim(number: int, text: str, start: int, end: int) -> SourceLine | None:
    """The common case: nothing invisible in the file, only edge spaces to trim."""
    raw = text[start:end]
    stripped = raw.strip(_EDGE_SPACE)
    if not stripped:
        return None
    lead = start + len(raw) - len(raw.lstrip(_EDGE_SPACE))
    return SourceLine(number, stripped, ((lead, lead + len(stripped)),))


def _clean(number: int, text: str, start: int, end: int) -> SourceLine | None:
    raw = text[start:end]
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _INVISIBLE_RE.finditer(raw):
        if match.start() > position:
            spans.append((start + position, start + match.start()))
        position = match.end()
    if position < len(raw):
        spans.append((start + position, start + len(raw)))
    kept = "".join(text[a:b] for a, b in spans)
    stripped = kept.strip(_EDGE_SPACE)
    if not stripped:
        return None
    lead = len(kept) - len(kept.lstrip(_EDGE_SPACE))
    return SourceLine(number, stripped, slice_spans(tuple(spans), lead, lead + len(stripped)))
