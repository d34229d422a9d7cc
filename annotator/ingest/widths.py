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

_CJK_CONTEXT = re.compile(f"[{HAN}\u3000-\u303f\uff00-\uffef“”‘’…—]")
_CANDIDATES = re.compile(r"[,:;!?()]")
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
    chars = list(text)
    parens = _matching_parens(text)
    for match in _CANDIDATES.finditer(text):
        index = match.start()
        ch = text[index]
        if ch in "()":
            if _paren_in_cjk_context(text, index, parens.get(index)):
                chars[index] = FULL_WIDTH[ch]
            continue
        before, after = _neighbour(text, index, -1), _neighbour(text, index, 1)
        if before.isdigit() and after.isdigit():
            continue  # 10:30, 3,500
        if _is_cjk(before) or _is_cjk(after):
            chars[index] = FULL_WIDTH[ch]
    return "".join(chars)


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
