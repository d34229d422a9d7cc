"""Blocks a page prints twice: keep the copy that sits in its own article, drop the other.

OCR of a page sometimes repeats a stretch (page 004 of the seeds prints the
湖北 section 三场硬仗彰显工会力量 twice, once inside an unrelated feature).
A run of identical consecutive paragraphs of some length found twice is a
duplicate. The copy kept is the one whose surrounding article is most about
the same thing; the dropped copy's source offsets are recorded on the
article that keeps the other, so nothing disappears silently.
"""

from __future__ import annotations

from collections import defaultdict

from annotator.ingest import bylines
from annotator.ingest.cues import SENTENCE_END
from annotator.ingest.page_model import DroppedDuplicate, Flag, Para, Role, Unit
from annotator.ingest.topics import TopicSpace

# A repeated paragraph shorter than this (a byline, "（完）") is not a duplicated block.
_MIN_PARA_CHARS = 8
_MIN_RUN_CHARS = 30
# A whole sentence printed twice word for word is a duplicate at this length already (…世界其他角落的人。, 29 characters;
# a caption's sentence and the credit closing it, …抢收小麦。 某某 摄, count as one).
_MIN_SENTENCE_RUN_CHARS = 20
_ROLES = (Role.BODY, Role.INTERTITLE, Role.BOX)


def drop_duplicates(units: list[Unit], notes: list[str]) -> list[Unit]:
    """Remove the weaker copy of every repeated run; returns the units that still hold text."""
    occurrences: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for u, unit in enumerate(units):
        for k, para in enumerate(unit.paras):
            if para.role in _ROLES and len(para.text) >= _MIN_PARA_CHARS:
                occurrences[para.text].append((u, k))
    repeated = [places for places in occurrences.values() if len(places) > 1]
    if not repeated:
        return units
    space: TopicSpace | None = None  # built only if a long enough run turns up
    doomed: set[tuple[int, int]] = set()
    for places in repeated:
        first = places[0]
        for other in places[1:]:
            if first in doomed or other in doomed:
                continue
            run_a, run_b = _runs(units, first, other)
            length = sum(len(units[first[0]].paras[k].text) for k in run_a)
            last = _without_credit(units[first[0]].paras[run_a[-1]].text).rstrip("”’」』）)")
            sentences = bool(last) and last[-1] in SENTENCE_END
            if length < (_MIN_SENTENCE_RUN_CHARS if sentences else _MIN_RUN_CHARS):
                continue
            if space is None:
                space = TopicSpace(para.grams for unit in units for para in unit.paras)
            keep, drop = _choose(units, space, (first[0], run_a), (other[0], run_b))
            _record(units, keep, drop, notes)
            _flag_an_opening_printed_again_below(units, keep, drop)
            doomed.update((drop[0], k) for k in drop[1])
    for u, unit in enumerate(units):
        unit.paras = [p for k, p in enumerate(unit.paras) if (u, k) not in doomed]
    return [unit for unit in units if unit.paras or unit.headline]


def _without_credit(text: str) -> str:
    """A caption without the credit closing it: …抢收小麦。 某某 摄 ends its sentence before the photographer."""
    credit = bylines.photo_credit(text)
    return text[: credit[0]].rstrip() if credit is not None and credit[0] > 0 else text


def _runs(units: list[Unit], a: tuple[int, int], b: tuple[int, int]) -> tuple[list[int], list[int]]:
    """Grow two matching paragraphs (``a`` first on the page) into the longest matching runs around them."""
    (ua, ka), (ub, kb) = a, b
    paras_a, paras_b = units[ua].paras, units[ub].paras
    one_unit = ua == ub

    def same(i: int, j: int) -> bool:
        return (
            0 <= i < len(paras_a)
            and 0 <= j < len(paras_b)
            and paras_a[i].role in _ROLES
            and paras_a[i].text == paras_b[j].text
        )

    lo = 0
    while same(ka + lo - 1, kb + lo - 1) and not (one_unit and kb + lo - 1 <= ka):
        lo -= 1
    hi = 1
    while same(ka + hi, kb + hi) and not (one_unit and ka + hi >= kb + lo):
        hi += 1
    return list(range(ka + lo, ka + hi)), list(range(kb + lo, kb + hi))


def _choose(
    units: list[Unit], space: TopicSpace, a: tuple[int, list[int]], b: tuple[int, list[int]]
) -> tuple[tuple[int, list[int]], tuple[int, list[int]]]:
    """(kept, dropped): the copy whose article is closer in topic stays; on a tie, the first."""

    def fit(copy: tuple[int, list[int]]) -> float:
        u, run = copy
        unit = units[u]
        inside = space.topic(*unit.grams([unit.paras[k] for k in run], with_title=False))
        around = space.topic(*unit.grams([p for k, p in enumerate(unit.paras) if k not in run]))
        return space.similarity(inside, around)

    if a[0] == b[0]:
        return a, b
    return (a, b) if fit(a) >= fit(b) else (b, a)


def _flag_an_opening_printed_again_below(
    units: list[Unit], keep: tuple[int, list[int]], drop: tuple[int, list[int]]
) -> None:
    """Warn where the copy kept opens its article's text and the dropped one stands further down the same article,
    after other paragraphs: the first copy is kept, but a block repeated over an article's opening is as likely the
    repeat (an opening on a dateline or byline is the article's own: nothing is said)."""
    (u, kept), (v, dropped) = keep, drop
    paras = units[u].paras
    body = [k for k, para in enumerate(paras) if para.role is Role.BODY]
    if u != v or not body or kept[0] != body[0] or dropped[0] <= kept[-1] + 1:
        return
    opening = paras[kept[0]]
    if bylines.has_leading_byline(opening.text):
        return
    again = units[v].paras[dropped[0]].first_line
    opening.flags.append(Flag(
        "uncertain_boundary", 0, 0.5,
        f"line {opening.first_line} is printed again at line {again}, further down this article; the copy here, over "
        "the article's other text, was kept: if the one further down is in its place, move this paragraph there",
    ))


def _span(paras: list[Para]) -> tuple[int, int]:
    return paras[0].spans[0][0], paras[-1].spans[-1][1]


def _record(
    units: list[Unit], keep: tuple[int, list[int]], drop: tuple[int, list[int]], notes: list[str]
) -> None:
    kept_paras = [units[keep[0]].paras[k] for k in keep[1]]
    dropped_paras = [units[drop[0]].paras[k] for k in drop[1]]
    (src_start, src_end), (kept_start, kept_end) = _span(dropped_paras), _span(kept_paras)
    lines = [n for p in dropped_paras for n in p.lines]
    kept_lines = [n for p in kept_paras for n in p.lines]
    units[keep[0]].dropped.append(DroppedDuplicate(src_start, src_end, kept_start, kept_end, lines))
    notes.append(
        f"lines {lines[0]}-{lines[-1]} repeat lines {kept_lines[0]}-{kept_lines[-1]} word for word; "
        f"kept the copy at lines {kept_lines[0]}-{kept_lines[-1]}, dropped the other"
    )
