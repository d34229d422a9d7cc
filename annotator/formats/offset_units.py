"""Deciding whether an imported file's offsets count code points or UTF-16 units.

Annotator counts code points (Python string indices). doccano and Label
Studio compute offsets in the browser, where JavaScript counts UTF-16 code
units, so after any character outside the Basic Multilingual Plane (𠮷, 😀)
their offsets run ahead by one per such character (doccano issue #2290,
Label Studio issue #1347). Importing their files therefore needs a decision
per document, made from evidence:

* offsets that only fit the text one way decide it (an end beyond the text
  in code points, an offset inside a surrogate pair in UTF-16 units);
* a span's own text, where the format records it (Label Studio's
  ``value.text``), decides it;
* a document whose spans fit both ways and carry no text takes the unit the
  file states: the record's own ``offset_unit`` (Annotator's doccano export
  writes one), else the unit declared in the schema written beside the
  export, else the unit the rest of the file proved;
* when nothing says, the import stops and asks (``--offsets``): guessing
  would shift entities silently (𠮷田一郎 read as 者𠮷田).

Only documents with non-BMP characters can differ; all others are left alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from annotator.errors import InputError
from annotator.text.offsets import OffsetMap

CODEPOINT = "codepoint"
UTF16 = "utf16"
UNIT_NAMES = {CODEPOINT: "code points", UTF16: "UTF-16 units"}


@dataclass
class RawSpan:
    """A span as a file gives it, before its offsets are trusted."""

    start: Any
    end: Any
    # the span's text as the file records it, when it does
    expected: str | None
    # names the span in errors, e.g. "line 3 (document a): entities[2]"
    where: str


@dataclass
class RawDocument:
    where: str
    text: str
    spans: list[RawSpan] = field(default_factory=list)


def _check(text: str, offsets: OffsetMap, span: RawSpan, unit: str) -> tuple[int, int] | str:
    """The span's code-point offsets under ``unit``, or why they do not fit."""
    start, end = span.start, span.end
    if isinstance(start, bool) or isinstance(end, bool) or not isinstance(start, int) or not isinstance(end, int):
        return f"offsets must be whole numbers, got start={start!r} end={end!r}"
    if unit == UTF16:
        try:
            start, end = offsets.from_utf16(start), offsets.from_utf16(end)
        except ValueError as exc:
            return str(exc)
    elif not (0 <= start <= len(text) and 0 <= end <= len(text)):
        return f"offsets {start}-{end} are outside the text (length {len(text)})"
    if start >= end:
        return f"empty or reversed span {span.start}-{span.end}"
    if span.expected is not None and text[start:end] != span.expected:
        return f"text[{span.start}:{span.end}] is {text[start:end]!r}, not {span.expected!r}"
    return start, end


def _verdict(doc: RawDocument, offsets: OffsetMap) -> str:
    """codepoint or utf16 (proved), same (the unit changes nothing), open (no evidence) or neither."""
    as_codepoints = [_check(doc.text, offsets, s, CODEPOINT) for s in doc.spans]
    as_utf16 = [_check(doc.text, offsets, s, UTF16) for s in doc.spans]
    codepoints_fit = all(isinstance(r, tuple) for r in as_codepoints)
    utf16_fits = all(isinstance(r, tuple) for r in as_utf16)
    if codepoints_fit and utf16_fits:
        return "same" if as_codepoints == as_utf16 else "open"
    if codepoints_fit:
        return CODEPOINT
    if utf16_fits:
        return UTF16
    return "neither"


@dataclass
class UnitDecision:
    units: list[str]
    notes: list[str]


def decide_units(
    docs: list[RawDocument], *, tool: str, convention: str, declared: str | None, forced: str = "auto",
    stated: list[str | None] | None = None,
) -> UnitDecision:
    """The unit of each document's offsets, and notes saying what was converted and why.

    ``convention`` is how the tool counts (UTF-16 for the web tools), named in
    the question asked when a file does not say; ``declared`` is what a schema
    file written beside the export says; ``stated[i]`` is what document i's
    record says itself; ``forced`` is the user's ``--offsets`` choice. Raises
    ``InputError`` naming the document and field when a span fits the text
    neither way, or fits both ways and nothing says which.
    """
    maps = [OffsetMap(doc.text) for doc in docs]
    stated = stated or [None] * len(docs)
    if forced in (CODEPOINT, UTF16):
        for doc, offsets in zip(docs, maps):
            _require_fit(doc, offsets, forced, "as --offsets asked")
        converted = [d.where for d, m in zip(docs, maps) if forced == UTF16 and not m.trivial and d.spans]
        notes = [_converted_note(tool, converted, "as --offsets utf16 asked")] if converted else []
        return UnitDecision([forced] * len(docs), notes)

    verdicts = []
    for doc, offsets, unit in zip(docs, maps, stated):
        if offsets.trivial:  # both counts agree: only check the spans fit
            for span in doc.spans:
                problem = _check(doc.text, offsets, span, CODEPOINT)
                if isinstance(problem, str):
                    raise InputError(f"{span.where}: {problem}")
            verdicts.append("trivial")
            continue
        if unit in (CODEPOINT, UTF16):
            _require_fit(doc, offsets, unit, "as the record's offset_unit says")
            verdicts.append(f"stated:{unit}")
            continue
        verdict = _verdict(doc, offsets)
        if verdict == "neither":
            _raise_first_problem(doc, offsets)
        verdicts.append(verdict)
    proved = Counter(v for v in verdicts if v in (CODEPOINT, UTF16))
    open_docs = [d for d, v in zip(docs, verdicts) if v == "open"]
    fallback, reason = None, ""
    if declared in (CODEPOINT, UTF16):
        fallback, reason = declared, "as the schema file written with the export declares"
    elif proved:
        fallback, reason = proved.most_common(1)[0][0], "as the other documents of the file prove"
    if open_docs and fallback is None:
        raise InputError(
            f"{open_docs[0].where}: the offsets fit the text both as UTF-16 units ({tool}'s count) and as code "
            f"points, and the file does not say which ({len(open_docs)} such document(s)). Which is it? Import "
            f"again with --offsets utf16 if the file came from {tool}'s own export, or --offsets codepoint if a "
            "Python program wrote it"
        )
    units = []
    for v in verdicts:
        if v == "trivial":
            units.append(CODEPOINT)
        elif v.startswith("stated:"):
            units.append(v.split(":", 1)[1])
        elif v in ("same", "open"):
            units.append(fallback or CODEPOINT)
        else:
            units.append(v)
    notes = []
    by_evidence = [d.where for d, v in zip(docs, verdicts) if v == UTF16]
    if by_evidence:
        notes.append(_converted_note(tool, by_evidence, "the offsets only fit the text that way"))
    by_statement = [d.where for d, v in zip(docs, verdicts) if v == f"stated:{UTF16}"]
    if by_statement:
        notes.append(_converted_note(tool, by_statement, "as each record's offset_unit says"))
    if open_docs and fallback is not None:
        unit = UNIT_NAMES[fallback]
        notes.append(
            f"{len(open_docs)} document(s) with characters outside the BMP had offsets that fit the text both "
            f"as code points and as UTF-16 units; read as {unit} ({reason}); use --offsets to choose: "
            + _some([d.where for d in open_docs])
        )
    return UnitDecision(units, notes)


def _require_fit(doc: RawDocument, offsets: OffsetMap, unit: str, why: str) -> None:
    for span in doc.spans:
        problem = _check(doc.text, offsets, span, unit)
        if isinstance(problem, str):
            raise InputError(f"{span.where}: {problem} (offsets read as {UNIT_NAMES[unit]}, {why})")


def to_codepoints(doc: RawDocument, span: RawSpan, unit: str) -> tuple[int, int]:
    """The span's code-point offsets; ``decide_units`` has checked that they fit."""
    result = _check(doc.text, OffsetMap(doc.text), span, unit)
    if isinstance(result, str):  # pragma: no cover - decide_units rejects these first
        raise InputError(f"{span.where}: {result}")
    return result


def _raise_first_problem(doc: RawDocument, offsets: OffsetMap) -> None:
    for span in doc.spans:
        as_codepoints = _check(doc.text, offsets, span, CODEPOINT)
        if isinstance(as_codepoints, str) and isinstance(_check(doc.text, offsets, span, UTF16), str):
            raise InputError(f"{span.where}: {as_codepoints} (nor as UTF-16 units)")
    # Each span fits one way, but not all spans fit the same way.
    raise InputError(f"{doc.where}: some offsets fit the text only as code points and others only as "
                     "UTF-16 units; the file is inconsistent")


def _converted_note(tool: str, wheres: list[str], why: str) -> str:
    return (f"converted UTF-16 offsets (as {tool} counts them in the browser) to code points in "
            f"{len(wheres)} document(s) ({why}): {_some(wheres)}")


def _some(items: list[str], limit: int = 5) -> str:
    shown = "; ".join(items[:limit])
    return shown + (f"; and {len(items) - limit} more" if len(items) > limit else "")
