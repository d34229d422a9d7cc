"""Half-width punctuation between Chinese characters, mapped to full width one character for one.

OCR and some typesetting put ``,`` ``(`` ``)`` ``:`` ``;`` ``!`` ``?`` where
Chinese text has ``，`` ``（`` ``）`` ``：`` ``；`` ``！`` ``？``. Models and
annotators see the two as different characters, so the importer maps them in
Chinese context. Each character maps to exactly one character, so every
offset into the normalised text is also an offset into the raw text.

Numbers and Latin text keep their punctuation: ``10:30``, ``3,500``,
``2.0``, ``(a)`` and ``Hello, world`` are left alone.
"""

from __future__ import annotations

import re

from annotator.ingest.cues import HAN

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}

_CJK_CLASS = f"[{HAN}\u3000-\u303f\uff00-\uffef“”‘’…—]"
_CJK_CONTEXT = re.compile(_CJK_CLASS)
_CANDIDATES = re.compile(r"[,:;!?()]")
# A mark right after Chinese (a space or two between allowed), or followed by Chinese;
# the mark leads the pattern so the engine jumps from candidate to candidate.
_MARK_IN_CJK_CONTEXT = re.compile(
    f"[,:;!?](?:(?<={_CJK_CLASS}.)|(?<={_CJK_CLASS}[ \t].)|(?<={_CJK_CLASS}[ \t][ \t].)|(?=[ \t]*{_CJK_CLASS}))"
)
_PARENS = re.compile(r"[()]")
_SPACES = " \t"


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK_CONTEXT.match(ch) is not None


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest character that is not a space, looking left (-1) or right (+1)."""
    index += step
    while 0 <= index < len(text) and text[index] in _SPACES:
        index += step
    return text[index] if 0 <= index < len(text) else ""


def normalise_widths(text: str) -> str:
    """``text`` with half-width punctuation in Chinese context made full width; same length."""
    if not _CANDIDATES.search(text):
        return text
    # Commas, colons and the rest: one regex finds those touching Chinese (spaces
    # between allowed), so the common case costs no Python loop over the text.
    text = _MARK_IN_CJK_CONTEXT.sub(_full_width, text)
    if "(" not in text and ")" not in text:
        return text
    parens = _matching_parens(text)
    context = text  # the brackets' context is read in the text as it stands before any of them changes

    def bracket(match: re.Match[str]) -> str:
        mark = match.group()
        return FULL_WIDTH[mark] if _paren_in_cjk_context(context, match.start(), parens.get(match.start())) else mark

    # only the brackets are visited and replaced; the text between them is copied in C
    return _PARENS.sub(bracket, text)


def _full_width(match: re.Match[str]) -> str:
    return FULL_WIDTH[match.group()]


def _matching_parens(text: str) -> dict[int, int]:
    """Each bracket's partner, both ways; unbalanced brackets have none."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for match in _PARENS.finditer(text):
        index, ch = match.start(), match.group()
        if ch == "(":
            stack.append(index)
        elif ch == ")" and stack:
            opening = stack.pop()
            pairs[opening] = index
            pairs[index] = opening
    return pairs


def _paren_in_cjk_context(text: str, index: int, partner: int | None) -> bool:
    """A bracket pair goes full width together: when either bracket touches Chinese or it encloses some."""
    if partner is None:
        ch = text[index]
        side = _neighbour(text, index, -1 if ch == "(" else 1)
        inside = _neighbour(text, index, 1 if ch == "(" else -1)
        return _is_cjk(side) or _is_cjk(inside)
    opening, closing = sorted((index, partner))
    if _is_cjk(_neighbour(text, opening, -1)) or _is_cjk(_neighbour(text, closing, 1)):
        return True
    return _CJK_CONTEXT.search(text, opening + 1, closing) is not None
