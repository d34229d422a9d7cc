"""Articles interrupted by other articles and continued further down the page.

An article whose last paragraph stops mid-sentence (…必须再由) is *dangling*:
its text goes on somewhere below. The candidates, from strongest to weakest
on structure alone:

- paragraphs with no headline of their own (after a photo credit, or after
  a 阅读提示 box that does not belong to the article above it);
- a headline block without a byline whose first paragraph starts
  mid-sentence (a headline printed after the article's first column);
- a box in the middle of another article, with what follows it;
- the tail of another article, from a paragraph boundary on, where the cut
  shows (a word across it, a comma or function word before it, or a
  paragraph that starts mid-sentence);
- any paragraph after a finished one that opens on the rest of a name cut at
  the dangling article's end (…，炎 / 陵县…).

On a page about one place every article prints the same names, so topic cannot
tell which of two open articles a resumed piece goes on; the cut can. Where the
cut reads as one sentence (a dictionary word across it, a list stopped on 、
going on with its next item), topic may speak against the join only within
``BOUND_TOPIC_SLACK``; a long clause after a cut on 、 is no item of the list.

Each candidate is scored on the evidence of the cut itself (``joins``), on
structure, and on topic: how much more the candidate shares with the
dangling article than with the article it sits in (``topics``). The pass
is global: every dangling article is scored against every candidate that
follows it, and joins scoring ``ACCEPT`` or more are made best first, each
article and each candidate used once a round, with nothing inserted at the
cut. Joins below ``REVIEW_BELOW`` are flagged for the reviewer; an article
that stays dangling is flagged as unfinished.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from annotator.ingest.furniture import (
    ends_with_continuation_mark,
    ends_with_function_word,
    starts_mid_sentence,
    starts_with_stray_char,
)
from annotator.ingest.joins import (
    NAME_ACROSS_MIN_LEN,
    Evidence,
    join_evidence,
    name_across,
    printed_across,
    word_across,
)
from annotator.ingest.page_model import Flag, Join, Para, Role, Unit
from annotator.ingest.topics import Topic, TopicSpace

# Bonus for where the candidate sits (see the module docstring).
_ORPHAN = 0.3
_HEADLINE_WITHOUT_BYLINE = 0.15
_BOX_INSIDE_ARTICLE = 0.2
_TAIL = 0.0
# How much a difference in topic similarity counts.
TOPIC_WEIGHT = 0.8
# A tail cut from another article must be closer in topic to the dangling one by this much,
# and leave at least this many paragraphs to the article it is cut from.
TAIL_MIN_MARGIN = 0.1
_TAIL_MIN_HEAD_PARAGRAPHS = 2
ACCEPT = 0.6
# Chosen by leaving styles out in round 13 (fold models trained without variants, 489 articles, 91 wrong;
# layout.BOUNDARY_REVIEW 0.5): 0.75 → 53 wrong articles flagged, 30 right ones; 0.8 → 56, 30; 0.85 → 58, 33;
# 0.9 → 58, 35. The joins scored 0.75 to 0.85 are more often wrong than right.
REVIEW_BELOW = 0.85
# Bounds that keep a long file (a book, not a page) linear: a page holds a
# dozen or two articles of a few dozen paragraphs each.
HOSTS_AHEAD = 20
_MAX_SPLIT_POINTS = 60
_MAX_JOINS_PER_ARTICLE = 3


@dataclass
class _Candidate:
    score: float
    dangling: Unit
    host: Unit
    start: int  # index of the first paragraph that moves
    body: Para  # the paragraph that continues the dangling sentence
    evidence: Evidence
    topic: float
    where: str


def attach_continuations(units: list[Unit], notes: list[str]) -> list[Unit]:
    """Attach continuations to the dangling units, best-scoring joins on the whole page first.

    Every dangling unit is scored against every candidate further down the page
    (within ``HOSTS_AHEAD`` units), and the joins are taken in order of score, each
    unit taking part in one join a round: so a strong continuation goes to the article
    it fits best even when another article, earlier on the page, also dangles and would
    take it if served first. A continuation that itself stops mid-sentence is looked
    for again in the next round.
    """
    units = list(units)
    if not any(unit.dangling for unit in units):
        return units
    topics = _Topics(units)
    for _ in range(_MAX_JOINS_PER_ARTICLE):
        candidates: list[_Candidate] = []
        for index, dangling in enumerate(units):
            if dangling.dangling:
                candidates += _candidates_for(topics, dangling, units[index + 1 : index + 1 + HOSTS_AHEAD])
        candidates.sort(key=lambda c: -c.score)
        busy: set[int] = set()
        attached = False
        for candidate in candidates:
            if candidate.score < ACCEPT:
                break
            if id(candidate.dangling) in busy or id(candidate.host) in busy:
                continue
            _attach(candidate, notes)
            busy.update((id(candidate.dangling), id(candidate.host)))
            attached = True
        units = [u for u in units if u.paras or u.headline]
        if not attached:
            break
    for unit in units:
        if unit.dangling:
            last = unit.paras[-1]
            last.flags.append(
                Flag(
                    "unfinished",
                    len(last.text),
                    0.0,
                    f"the text stops mid-sentence at line {last.lines[-1]} and no continuation was found "
                    "on the page; it may go on in another file or be lost",
                )
            )
    return units


def _candidates_for(topics: _Topics, dangling: Unit, hosts: list[Unit]) -> list[_Candidate]:
    found: list[_Candidate] = []
    for host in hosts:
        found += _candidates(topics, dangling, host)
    return found


def _split_points(host: Unit) -> list[tuple[int, float, str]]:
    """Where in ``host`` a continuation could start, with the bonus its position earns."""
    paras = host.paras
    starts: list[tuple[int, float, str]] = []
    if host.headline is None:
        starts.append((0, _ORPHAN, "paragraphs with no headline of their own"))
    elif not host.has_byline:
        first = next((p for p in paras if p.role is Role.BODY), None)
        if first is not None and starts_mid_sentence(first.text):
            starts.append(
                (0, _HEADLINE_WITHOUT_BYLINE, "a headline without byline over a paragraph that starts mid-sentence")
            )
    body_before = 0
    for k in range(1, min(len(paras), _MAX_SPLIT_POINTS)):
        para, before = paras[k], paras[k - 1]
        body_before += before.role is Role.BODY
        if para.role is Role.BOX:
            starts.append((k, _BOX_INSIDE_ARTICLE, "a 阅读提示 box inside another article, and what follows it"))
        elif (
            para.role is Role.BODY
            and before.role is not Role.BOX
            and not before.is_open
            and host.headline is not None
            and body_before >= 1  # (a one-paragraph head only where a name the article prints reads across the cut)
        ):
            starts.append((k, _TAIL, "the end of another article"))
        elif (
            host.headline is None
            and para.role is Role.BODY
            and before.role is Role.BODY
            and not before.is_open
            and (starts_mid_sentence(para.text) or starts_with_stray_char(para.text))
        ):
            # text with no headline of its own that ends on the rest of a sentence cut elsewhere (…经过。 / 识与了解。):
            # that rest has no headline either, and goes on with the cut sentence whatever the text over it continues
            starts.append((k, _ORPHAN, "the rest of a sentence with no headline of its own"))
    return starts


def _word_rests(left: str, host: Unit) -> list[tuple[int, float, str]]:
    """Paragraphs of ``host`` after a finished one that open on the rest of a name cut at the end of ``left``
    (…资道清，炎 / 陵县人大常委会…: 炎陵县), where the host's own split points do not look (a paragraph with no mark
    of the middle of a sentence, in text with no headline of its own). A dictionary word of three characters or more
    across the cut is no chance meeting of two characters."""
    rests = []
    starts = {start for start, _, _ in _split_points(host)}
    for k in range(1, min(len(host.paras), _MAX_SPLIT_POINTS)):
        para, before = host.paras[k], host.paras[k - 1]
        if k in starts or para.role is not Role.BODY or before.is_open:
            continue
        across = word_across(left, para.text)
        if across and across[1] and len(across[0]) >= NAME_ACROSS_MIN_LEN:
            rests.append((k, _ORPHAN if host.headline is None else _TAIL, "the rest of a word cut elsewhere"))
    return rests


class _Topics:
    """The page's topic space (built on first use), with each paragraph's topic computed once."""

    def __init__(self, units: list[Unit]) -> None:
        self._units = units
        self._space: TopicSpace | None = None
        self._paragraphs: dict[int, tuple[Para, Topic]] = {}
        self._unit_topics: dict[tuple[int, int, int], Topic] = {}

    @property
    def space(self) -> TopicSpace:
        if self._space is None:
            self._space = TopicSpace(para.grams for unit in self._units for para in unit.paras)
        return self._space

    def of_unit(self, unit: Unit) -> Topic:
        """The topic of a whole unit (headline and text), as it stands now."""
        key = (id(unit), len(unit.paras), len(unit.paras[-1].text) if unit.paras else 0)
        cached = self._unit_topics.get(key)
        if cached is None:
            cached = self._unit_topics[key] = self.space.topic(*unit.grams())
        return cached

    def of(self, para: Para) -> Topic:
        cached = self._paragraphs.get(id(para))
        if cached is None or cached[0].text is not para.text:
            cached = (para, self.space.topic(para.grams))
            self._paragraphs[id(para)] = cached
        return cached[1]


def _candidates(topics: _Topics, dangling: Unit, host: Unit) -> Iterator[_Candidate]:
    if host.photo or host is dangling or not host.paras:
        return
    paras = host.paras
    left = dangling.paras[-1].text
    left_unfinished = ends_with_continuation_mark(left) or ends_with_function_word(left)
    for start, bonus, where in _split_points(host) + _word_rests(left, host):
        moving = paras[start:]
        body = next((p for p in moving if p.role is Role.BODY), None)
        if body is None:
            continue
        across = word_across(left, body.text)
        printed = "\n".join(p.text for p in dangling.paras)
        # (a name of the article with no dictionary word in it, …潜江虾 / 稻共作…, is read across the cut too)
        echo = name_across(printed, left, body.text, across) or (
            printed_across(printed, left, body.text) if not across else "")
        listing = list_goes_on(left, body.text)
        # the cut itself reads as one sentence (a dictionary word across it, a list going on across it): on a page
        # about one place every article shares its names, so topic is not asked to speak for such a tail, only not
        # to speak against it
        bound = bool(across and across[1]) or listing is True
        # a paragraph that starts mid-sentence (or on a stray character) after a finished one cannot go on with its
        # host's text: it is the rest of a sentence cut elsewhere, whatever its few words say of their topic
        # (…长跑实在 / 是强筋健骨…的好方法。”, …全国各 / 地，并不断发展壮大。)
        stranded = (
            bonus == _TAIL
            and body is paras[start]
            and not paras[start - 1].is_open
            and (starts_mid_sentence(body.text) or starts_with_stray_char(body.text))
        )
        if (
            bonus == _TAIL
            and sum(p.role is Role.BODY for p in paras[:start]) < _TAIL_MIN_HEAD_PARAGRAPHS
            and not echo
            and not stranded
        ):
            continue
        if bonus == _TAIL and not (
            left_unfinished
            or starts_mid_sentence(body.text)
            or starts_with_stray_char(body.text)
            or across
            or echo
        ):
            # the tail of another article is taken only where the cut shows, as a reader would see it
            continue
        evidence = join_evidence(left, body.text, adjacent=False)
        if echo and not across:
            # a name of the article read across the cut counts as the dictionary word no dictionary has
            # (the shared evidence is not changed: a copy carries the reason)
            evidence = Evidence(
                min(1.0, evidence.confidence + _PRINTED_ACROSS),
                evidence.reasons + [f"'{echo}' reads as one word across the cut"],
                echo,
                evidence.left_unfinished,
            )
        space = topics.space
        dangling_topic = topics.of_unit(dangling)
        if bonus == _TAIL and not (across and across[1] and _scrap_first(body.text)) and not echo and not stranded \
                and not bound:
            # cheap test first: does the paragraph turn away from the one before it, towards the dangling article?
            # (not asked of a scrap of a sentence that a dictionary word joins across the cut, 派 / 出所所长某某说。:
            # a few words carry too few names to tell a topic; the paragraphs after it are weighed below)
            first = topics.of(body)
            if space.similarity(first, dangling_topic) <= space.similarity(first, topics.of(paras[start - 1])):
                continue
        moving_topic = space.topic(*host.grams(moving, with_title=False))
        staying_topic = space.topic(*host.grams(paras[:start], with_title=start > 0))
        margin = space.similarity(moving_topic, dangling_topic) - space.similarity(moving_topic, staying_topic)
        if start > 0:
            # the paragraph at the cut must itself turn away from its neighbours
            first_topic = topics.of(body)
            margin = (
                margin
                + space.similarity(first_topic, dangling_topic)
                - space.similarity(first_topic, staying_topic)
            ) / 2
        if bonus == _TAIL and margin < (-BOUND_TOPIC_SLACK if bound else TAIL_MIN_MARGIN) and not echo and not stranded \
                and listing is not True:
            continue
        if bound:
            # topic speaks against a cut that reads as one sentence only within the noise of a page on one subject
            margin = max(margin, -BOUND_TOPIC_SLACK)
        score = evidence.confidence + bonus + TOPIC_WEIGHT * margin + (_NAME_ACROSS if echo else 0.0)
        if stranded and not across and not echo:
            # the rest of a sentence stranded at the end of another article (…已发现28处宋至清代的古 / 窑址。) goes on
            # with no text of its host, whatever a topic read from its few words says: only the cut it continues
            # decides where it goes, and where nothing reads across that cut, being stranded is the evidence
            score += _STRANDED
        if listing is not None:
            score += _LIST_ACROSS if listing else -_LIST_BROKEN
        yield _Candidate(score, dangling, host, start, body, evidence, margin,
                         where + (f"; '{echo}' across the cut is printed in this article too" if echo else "")
                         + ("; a list goes on across the cut" if listing else ""))


# A paragraph that starts mid-sentence after a finished paragraph of another article (``stranded``) cannot go on with
# that article's text, so being stranded there is evidence for the cut it continues even where no word reads across
# it. Chosen on the fold models (see docs/ingest.md, round 16).
_STRANDED = 0.15
# A name read across the cut that the dangling article prints elsewhere (``joins.name_across``) shows the cut the
# way a topic cannot: it adds this to the join's score.
_NAME_ACROSS = 0.2
# Where no dictionary word reads across the cut, a name the article prints (``joins.printed_across``: 虾稻共作) is
# worth what a dictionary word across it is to the cut's evidence (``joins.join_evidence``).
_PRINTED_ACROSS = 0.3


# A list cut after its 、 goes on with the next item (…来自广东、山东、 / 香港、江西、辽宁等…): the cut shows, as a
# word read across it does; a long clause after the cut (林芝平均海拔3100米，…) is no item of it.
_LIST_ACROSS = 0.3
_LIST_BROKEN = 0.3
# Where the cut reads as one sentence, the tail's topic may lean this far the wrong way (within the noise of a page on
# one subject) and still be taken, and counts no further against it; a list going on across the cut is taken whatever
# the topic says.
BOUND_TOPIC_SLACK = 0.2
# A list's item is seldom longer than this; a clause of this many characters or more, with no 、 and no word that
# closes a list (等, 和, 及, 与), after a cut on 、 is a sentence of its own.
_LIST_ITEM_MAX = 8
_CLAUSE_MIN = 10
_CLAUSE_END_RE = re.compile(r"[，。；：！？,;:!?（(“”]")
_LIST_CLOSERS = ("等", "和", "及", "与", "以及", "还有")


def list_goes_on(left: str, right: str) -> bool | None:
    """Where ``left`` stops on 、 (a list cut between its items): True if ``right`` opens on the list's next item
    (a short item and a 、, 香港、江西…), False if it opens on a clause no list holds, None if it cannot tell or
    ``left`` does not stop on 、."""
    if not left.rstrip().endswith("、"):
        return None
    end = _CLAUSE_END_RE.search(right)
    clause = right[: end.start()] if end else right
    items = clause.split("、")
    if len(items) >= 2 and 0 < len(items[0]) <= _LIST_ITEM_MAX:
        return True
    if len(items) == 1 and len(clause) >= _CLAUSE_MIN and not any(word in clause for word in _LIST_CLOSERS):
        return False
    return None


# The rest of a sentence this short, before its full stop, is a scrap that says little of its topic.
_SCRAP_MAX_LEN = 12


def _scrap_first(text: str) -> bool:
    """Does the paragraph open on a short scrap ending its sentence (出所所长某某说。, 祝大会现场，人山人海。)?"""
    ends = [text.find(mark) for mark in "。！？!?" if mark in text]
    return bool(ends) and min(ends) <= _SCRAP_MAX_LEN


def _attach(candidate: _Candidate, notes: list[str]) -> None:
    dangling, host, start = candidate.dangling, candidate.host, candidate.start
    moving = host.paras[start:]
    del host.paras[start:]
    if start == 0 and host.headline is not None:
        if dangling.headline is None:
            dangling.headline = host.headline
        else:
            dangling.headline.absorb(host.headline)
        host.headline = None
    _move_dropped(host, dangling, moving)
    last = dangling.paras[-1]
    body = candidate.body
    body.flags = [f for f in body.flags if f.kind != "fragment"]
    confidence = round(min(1.0, candidate.score), 2)
    reasons = candidate.evidence.reasons + [
        candidate.where,
        f"topic closer to this article than to its neighbours by {candidate.topic:+.2f}",
    ]
    offset = len(last.text)
    cut_line = last.lines[-1]
    for para in moving:
        if para is body:
            last.append(body, Join(0, "continuation", confidence, reasons, body.first_line))
        else:
            dangling.paras.append(para)
    last.flags.append(
        Flag(
            "continuation",
            offset,
            confidence,
            f"continues at line {body.first_line}, further down the page ({candidate.where})",
        )
    )
    if confidence < REVIEW_BELOW:
        last.flags.append(
            Flag(
                "low_confidence_join",
                offset,
                confidence,
                f"line {body.first_line} was attached here as the continuation of this sentence; please check "
                "(" + "; ".join(reasons) + ")",
            )
        )
    notes.append(
        f"line {body.first_line} continues the sentence cut at line {cut_line} "
        f"(confidence {confidence:.2f})"
    )


def _move_dropped(host: Unit, dangling: Unit, moving: list[Para]) -> None:
    """Records of dropped duplicates follow the copy they kept."""
    moved = {span for p in moving for span in p.spans}
    starts = {span[0] for span in moved}
    keep = []
    for record in host.dropped:
        if record.kept_src_start in starts or not host.paras:
            dangling.dropped.append(record)
        else:
            keep.append(record)
    host.dropped = keep
