"""What the line-role model sees of each line: today's typographic rules, as named features.

Every feature is a cue a reader uses and a rule of ``furniture``, ``bylines`` or
``joins`` computes: how long the line is, how it ends and starts, whether it
is a byline, a dateline, a credit or a column label, whether it carries a
Markdown heading marker, how many blank lines surround it, what the old block
rules made of the run of short lines it sits in, whether its words come back
in the paragraph under it, where it sits in its article, and the same cues of
its neighbours. The model (``line_roles``) weighs them; their names are written
to be read, since the import notes quote the strongest of them when a decision
was close.

(A topic-shift cue, how much the text after a short line shares with the text
before it, was tried: it gained nothing in cross-validation and cost a topic
space per page, so it is not computed.)

Features are strings (present or not) so the model file stays small and its
weights can be listed; no feature carries a word taken from a page, only
shapes (lengths, punctuation, positions) and the closed word lists of ``cues``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotator.ingest import bylines
from annotator.ingest.cues import (
    AD_LINES,
    BRACKETED_EDITOR_RE,
    BYLINE_BULLETS,
    CLOSERS,
    DATE_LINE_RE,
    EDITORS_LINE_RE,
    FOLIO_PART_RE,
    HAN,
    HAN_RE,
    HEADLINE_MAX_LEN,
    JUMP_LINE_RE,
    KICKER_DASHES,
    LONE_NUMBER_RE,
    OPENERS,
    PAGE_NUMBER_RE,
    PLACE_OR_BODY_ENDINGS,
    READING_PROMPTS,
    SENTENCE_END,
    WEB_CHROME_RE,
    common_surnames,
    count_zero_stops,
    is_zero_stop,
)
from annotator.ingest.furniture import (
    LineKind,
    PageLine,
    ends_open,
    ends_with_function_word,
    starts_mid_sentence,
    starts_with_stray_char,
)
from annotator.ingest.joins import join_evidence

# Lengths that tell furniture, headlines, intertitles and body apart (in characters).
_LENGTH_BINS = (4, 8, 12, 16, 20, 26, 32, 40, 50, 80)
_PREFIX = {offset: f"{offset:+d}:" for offset in (-2, -1, 1, 2)}
NEIGHBOURS = (-2, -1, 1, 2)
NEIGHBOUR_SHAPES = 4
# 人名：短语, a subhead introducing one person in a profile: a name of two or three characters;
# a longer name before the colon is a place or a body (河南某县：…, 某某总工会：…), as headlines print them.
_NAME_COLON_RE = re.compile(f"^[{HAN}]{{2,3}}[：:][^。！？!?]{{2,30}}$")
_BODY_COLON_RE = re.compile(f"^[{HAN}]{{4,8}}[：:][^。！？!?]{{2,30}}$")
# A dash inside a short line: 标题——副题, 坚守——18年…
_INNER_DASH_RE = re.compile("[^—-](——|--)[^—-]")
# Numbered intertitles: 一、… (一) … 1. …
_NUMBERED_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、．.](?!\d))")
# Telephone numbers and other long numbers: the stuff of advertisements.
_PHONE_RE = re.compile(r"\d{3,4}[-－—]\d{3,8}|\d{7,}")
# A date, after the zone it is told in when a report from abroad names one (北京时间, 当地时间, 伦敦时间).
_DATE_LEAD_RE = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,4}时间)?(?:\d{4}年)?\d{1,2}月\d{1,2}日|^(?:\d{1,2}|[一二三四五六七八九十]{1,3})日[上下晚早凌中]?"
)
# How a news report opens: a date, a word for when (近日, 连日来, 昨天…), or the reporter's source
# (记者从…获悉 / 了解到). General news-writing formulae, not words of any one page.
_NEWS_OPENER_RE = re.compile(
    "^(?:近日|日前|昨天|昨日|今天|今日|前不久|连日来|近期|当天|当日|本月|上月|本周|上周|年初|月初)[，,]"
    "|^(?:本报)?记者[^。！？，,]{0,24}(?:获悉|了解到|得知|看到|采访)"
)
_SPACE_SPLIT_RE = re.compile(r"[ \t\u3000]+")
_STOPS_RE = re.compile("[。！？!?]")
# where a paragraph's first clause ends
_CLAUSE_END_RE = re.compile("[，,。！？!?；;：:]")
_CLAUSE_SPLIT_RE = re.compile(r"[，,；;\s\u3000]+")
# Words a page header prints (第3版, 要闻, 综合新闻, a paper's name): general newspaper vocabulary.
PAGE_HEADER_WORDS = ("版", "要闻", "综合", "新闻", "专版", "专刊", "副刊", "周刊", "日报", "晚报", "电讯", "时报", "商报")


# Cues of the first and last line of a run of paragraphs that tell where it starts and ends.
_OPENING_CUES = frozenset({"dateline-lead", "date-lead", "starts-mid-sentence"})
_CLOSING_CUES = frozenset({"ends-open", "ends-in-credit", "ends-in-signature"})
# Cues of a neighbouring line worth knowing about (the first four, its shape, are always given).
_DECISIVE = frozenset({
    "dateline-lead", "byline-line", "credit-line", "ends-in-credit", "ends-in-signature", "section-like",
    "prompt-word", "ad-word", "starts-mid-sentence", "ends-open", "date-lead", "name-colon-phrase",
    "phone-or-long-number",
})


def _length_bin(length: int) -> str:
    for bound in _LENGTH_BINS:
        if length <= bound:
            return f"len<={bound}"
    return f"len>{_LENGTH_BINS[-1]}"


def _ending(text: str) -> str:
    last = text[-1]
    if last in SENTENCE_END or is_zero_stop(text, len(text) - 1):
        return "end:stop"
    if last in CLOSERS:
        before = text.rstrip("".join(CLOSERS))
        stopped = before and (before[-1] in SENTENCE_END or is_zero_stop(before, len(before) - 1))
        return "end:close-after-stop" if stopped else "end:close"
    if last in "，,、；;":
        return "end:comma"
    if last in "：:":
        return "end:colon"
    if text.endswith(KICKER_DASHES):
        return "end:dash"
    if last in OPENERS:
        return "end:open"
    if last.isdigit():
        return "end:digit"
    if HAN_RE.match(last):
        return "end:han"
    return "end:other"


def _opening(text: str) -> str:
    first = text[0]
    if text.startswith(KICKER_DASHES):
        return "start:dash"
    if first in OPENERS:
        return "start:open"
    if first.isdigit():
        return "start:digit"
    if HAN_RE.match(first):
        return "start:han"
    return "start:other"


def _shape(line: PageLine) -> list[str]:
    """What kind of line it is, how long, how it ends and how it starts."""
    text = line.text
    return [_KIND_CUE[line.kind], _length_bin(len(text)), _ending(text), _opening(text)]


_KIND_CUE = {kind: f"kind:{kind.value}" for kind in LineKind}


def line_cues(line: PageLine) -> list[str]:
    """The features of one line on its own."""
    text = line.text
    cues = _shape(line)
    if line.level:
        cues.append(f"md:{min(line.level, 3)}")
    if line.section_like:
        cues.append("section-like")
    if text in READING_PROMPTS:
        cues.append("prompt-word")
    if text in AD_LINES:
        cues.append("ad-word")
    if line.kind is LineKind.BODY and len(text) > HEADLINE_MAX_LEN:
        # a long line of text: only what tells a paragraph's place in an article matters
        return cues + _text_cues(text, phone=False)
    stops = len(_STOPS_RE.findall(text)) + count_zero_stops(text)
    commas = text.count("，") + text.count(",")
    cues.append("stops:0" if not stops else "stops:1" if stops == 1 else "stops:2+")
    cues.append("commas:0" if not commas else "commas:1" if commas == 1 else "commas:2+")
    parts = [p for p in _SPACE_SPLIT_RE.split(text) if p]
    if len(parts) >= 2:
        cues.append("parts:2" if len(parts) == 2 else "parts:3+")
        lengths = [len(p) for p in parts]
        if max(lengths) - min(lengths) <= 1:
            cues.append("parts-even")
        if lengths[-1] == max(lengths) and lengths[-1] > 2 * min(lengths[:-1]):
            cues.append("parts-last-long")
    clauses = [c for c in _CLAUSE_SPLIT_RE.split(text) if c]
    if len(clauses) == 2 and abs(len(clauses[0]) - len(clauses[1])) <= 2 and not stops:
        cues.append("clauses-even")
    if len(text) <= 12 and any(word in text for word in PAGE_HEADER_WORDS):
        cues.append("page-header-words")
    if _NAME_COLON_RE.match(text):
        cues.append("name-colon-phrase")
    elif _BODY_COLON_RE.match(text):
        cues.append("place-colon-phrase")
    elif "：" in text or ":" in text:
        cues.append("has-colon")
    if ("——" in text or "--" in text) and _INNER_DASH_RE.search(text):  # (the pattern needs one of them)
        cues.append("inner-dash")
    if _NUMBERED_RE.match(text):
        cues.append("numbered")
    if text[0] in BYLINE_BULLETS:
        cues.append("bullet-start")  # ■标题, ■ 本版摄影…: a mark papers print before headlines of briefs and bylines
    if text[0] in "【[［" and text[-1] in "】]］":
        cues.append("bracketed")  # 【标题】: a whole line in square brackets, as some exports print headlines
    if line.kind is LineKind.BYLINE or bylines.standalone_byline(text) is not None:
        cues.append("byline-line")
    cues += _text_cues(text)
    if "starts-mid-sentence" not in cues and starts_with_stray_char(text):
        cues.append("starts-stray-char")
    if "ends-open" in cues and ends_with_function_word(text):
        cues.append("ends-function-word")
    if any(text.count(a) != text.count(b) for a, b in (("“", "”"), ("（", "）"), ("《", "》"))):
        cues.append("quotes-unbalanced")
    return cues


def _text_cues(text: str, *, phone: bool = True) -> list[str]:
    """Cues of any line, long or short: leads, credits, signatures, numbers, and how it starts and stops."""
    cues = []
    if phone and _PHONE_RE.search(text):
        cues.append("phone-or-long-number")
    if _DATE_LEAD_RE.match(text) or _NEWS_OPENER_RE.match(text):
        cues.append("date-lead")
    if bylines.has_leading_byline(text):
        cues.append("dateline-lead")
    credit = bylines.photo_credit(text)
    if credit is not None:
        cues.append("credit-line" if credit[0] == 0 else "ends-in-credit")
    if text[-1] in "）)" and bylines.trailing_signature(text) is not None:
        cues.append("ends-in-signature")
    if starts_mid_sentence(text):
        cues.append("starts-mid-sentence")
    if ends_open(text):
        cues.append("ends-open")
    return cues


# A page header or foot is short: 体育 第24版, A4版 端午·文化.
_PAGE_NUMBER_LINE_MAX_LEN = 16


def furniture_shape(lines: Sequence[PageLine], index: int) -> str | None:
    """Why the line is page furniture by its shape alone, or None: a jump line (（转第2版）), a date line with its
    weekday, an editors' line, or a short line at the top or foot of the page carrying a page number (第4版, A4版)."""
    line = lines[index]
    if line.kind not in (LineKind.SHORT, LineKind.BODY, LineKind.SECTION, LineKind.BYLINE):
        return None
    text = line.text
    if JUMP_LINE_RE.match(text):
        return "a jump line sending the text to another page"
    if DATE_LINE_RE.match(text) and len(text) <= _PAGE_NUMBER_LINE_MAX_LEN:
        return "a date line with its weekday"
    if EDITORS_LINE_RE.match(text) and not BRACKETED_EDITOR_RE.match(text):
        return "an editors' line"
    if LONE_NUMBER_RE.match(text) and _between_paragraphs(lines, index):
        return None  # 1 between two paragraphs of text: a feature's numbered part, not a web page's index
    if len(text) <= HEADLINE_MAX_LEN and WEB_CHROME_RE.search(text):
        return "what a website prints around an article (links, metadata, copyright)"
    if index <= 1 or index == len(lines) - 1:
        if len(text) <= _PAGE_NUMBER_LINE_MAX_LEN and PAGE_NUMBER_RE.search(text):
            return "a page number at the top or foot of the page"
        if _is_folio_line(text):
            return "the page's folio line (the paper's name, the date, the page) at its top or foot"
    return None


def _between_paragraphs(lines: Sequence[PageLine], index: int) -> bool:
    """Does the line stand between a finished paragraph of text and another paragraph of text?"""
    return (
        0 < index < len(lines) - 1
        and lines[index - 1].kind is LineKind.BODY
        and not ends_open(lines[index - 1].text)
        and lines[index + 1].kind is LineKind.BODY
    )


# A folio line: a few parts printed apart, the paper's or the page's name and at least a full date or a page
# (海南日报  2025年12月19日  星期五  A03, 吉林农村报  2025年7月5日  第8版  要闻链接, 草原新闻  2020年10月2日  A04).
_FOLIO_MAX_LEN = 40
_FOLIO_PARTS = range(2, 7)
_FOLIO_NAME_MAX_LEN = 10
_FOLIO_MAX_NAMES = 2


def _is_folio_line(text: str) -> bool:
    if len(text) > _FOLIO_MAX_LEN:
        return False
    parts = text.split()
    if len(parts) not in _FOLIO_PARTS:
        return False
    names = [part for part in parts if not FOLIO_PART_RE.match(part)]
    return (
        # a date or a page printed as one (第8版): a bare letter and number (A6) beside a name may be a headline's
        any(FOLIO_PART_RE.match(part) and part.endswith(("日", "版")) for part in parts)
        and len(names) <= _FOLIO_MAX_NAMES
        and all(len(name) <= _FOLIO_NAME_MAX_LEN and not SENTENCE_END.intersection(name) for name in names)
    )


def opens_like_a_report(text: str) -> bool:
    """Does a paragraph open the way news reports do: a date, a word for when, 记者从…了解到, or a dateline?"""
    return bool(_DATE_LEAD_RE.match(text) or _NEWS_OPENER_RE.match(text)) or bylines.has_leading_byline(text)


def introduced_person(subhead: str, below: str) -> str | None:
    """The person a ``人名：短语`` line introduces, when the paragraph under it opens on that name (``孙雅琴：让老设备
    焕发新活力`` over ``孙雅琴所在的维修班…``), or names that person in its first clause after their titles
    (``大会主席拿督某某说，…``: a person's name, a common surname first and no ending of a place or a body, so
    ``清徐县：…`` over ``1月4日从清徐县获悉，…`` is no person): the part of a profile or a report about that person,
    not a new article."""
    if not _NAME_COLON_RE.match(subhead):
        return None
    name = re.split("[：:]", subhead, maxsplit=1)[0]
    if below.startswith(name):
        return name
    first_clause = _CLAUSE_END_RE.split(below, maxsplit=1)[0]
    if name in first_clause and name[0] in common_surnames() and name[-1] not in PLACE_OR_BODY_ENDINGS:
        return name
    return None


def opens_like_a_dispatch(text: str) -> bool:
    """Does a paragraph open on a report's formula (a dateline or byline, 近日，, 记者从…了解到) rather than only on a
    date? A date also opens a story's later episodes (``2004年7月9日12时许，…`` under an intertitle); a formula
    opens a report."""
    return bool(_NEWS_OPENER_RE.match(text)) or bylines.has_leading_byline(text)


def is_markdown_page(lines: Sequence[PageLine]) -> bool:
    """Does the page mark its headlines with ``#``/``##``? Two such headings at least, an advertisement's aside."""
    headings = 0
    for index, line in enumerate(lines):
        if line.kind is LineKind.HEADING and line.level <= 2 and not line.section_like:
            if index and lines[index - 1].text in AD_LINES:
                continue
            headings += 1
    return headings >= 2


def _is_headline_like(line: PageLine) -> bool:
    """Could the line be part of a headline block (today's rule: a short line, a heading or a column label)?"""
    if line.kind is LineKind.HEADING:
        return line.level <= 2
    return line.kind in (LineKind.SHORT, LineKind.SECTION) and not bylines.has_leading_byline(line.text)


def _old_rule(lines: Sequence[PageLine], run: range, size: int, after: str, markdown: bool) -> str:
    """What the hand-written block rules made of a run: a headline, an intertitle, or (a lone plain line) unsure."""
    introduces = after in ("byline", "prompt", "caption", "dateline")
    levels = [lines[k].level for k in run if lines[k].level and not lines[k].section_like]
    if markdown:
        if 1 in levels:
            return "headline"
        if levels:
            return "headline" if size >= 2 or introduces else "subhead"
        return "headline" if introduces and not all(lines[k].section_like for k in run) else "subhead"
    if introduces or size >= 2 or any(lines[k].section_like for k in run):
        return "headline"
    return "single"


def _runs(lines: Sequence[PageLine], own: _Cues, markdown: bool) -> list[list[str]]:
    """Features of the run of headline-like lines each line sits in: today's block rules, as cues.

    A run over a byline, a dateline, a 阅读提示 box or a photo caption, a run of two
    lines or more, a run holding a column label or a level-1 heading: each made a
    headline block under the old rules; here they are evidence for the model to weigh.
    """
    out: list[list[str]] = [[] for _ in lines]
    n = len(lines)
    index = 0
    while index < n:
        if not _is_headline_like(lines[index]):
            index += 1
            continue
        end = index
        while end < n and _is_headline_like(lines[end]):
            end += 1
        run = range(index, end)
        size = end - index
        common = [f"run-len:{min(size, 3)}"]
        after = _after_run(lines, own, end)
        common.append(f"run-then:{after}")
        before = own[index - 1] if index else None
        if before is None:
            common.append("run-after:page-top")
        elif "ends-open" in before and "kind:body" in before:
            common.append("run-after:open-paragraph")
        elif any(c in before for c in ("byline-line", "ends-in-signature", "credit-line", "ends-in-credit")):
            common.append("run-after:byline-or-credit")
        else:
            common.append("run-after:" + before[0])
        if any(lines[k].level == 1 for k in run):
            common.append("run-has-md1")
        elif any(lines[k].level for k in run):
            common.append("run-has-md")
        if any(lines[k].section_like for k in run):
            common.append("run-has-section")
        common.append("rule:" + _old_rule(lines, run, size, after, markdown))
        plain = [k for k in run if not lines[k].section_like]
        shortest = min(plain, key=lambda k: len(lines[k].text)) if plain else None
        longest = max(plain, key=lambda k: len(lines[k].text)) if plain else None
        for k in run:
            features = list(common)
            features.append("run-pos:only" if size == 1 else "run-pos:first" if k == index
                            else "run-pos:last" if k == end - 1 else "run-pos:mid")
            if size > 1 and k == shortest:
                features.append("run-shortest")
            if size > 1 and k == longest:
                features.append("run-longest")
            out[k] = features
        index = end
    return out


def _after_run(lines: Sequence[PageLine], own: _Cues, end: int) -> str:
    """What follows a run of headline-like lines: a byline, a dateline, a box, a photo caption, or text."""
    if end >= len(lines):
        return "page-end"
    cues = own[end]
    if "prompt-word" in cues:
        return "prompt"
    if "byline-line" in cues:
        return "byline"
    if "dateline-lead" in cues:
        return "dateline"
    if "credit-line" in cues or "ends-in-credit" in cues:
        return "caption"
    for k in range(end + 1, min(end + 4, len(lines))):
        if lines[k].kind is LineKind.CREDIT or bylines.has_photo_credit(lines[k].text):
            return "caption"
        if lines[k].kind is not LineKind.BODY:
            break
    if "ad-word" in cues:
        return "ad"
    if "starts-mid-sentence" in cues or "starts-stray-char" in cues:
        return "fragment"
    return "text"


def _echo(lines: Sequence[PageLine], index: int) -> list[str]:
    """How much of a short line the text right after it repeats (a news headline echoes its lead) and before it."""
    grams = lines[index].grams  # the line's bigram set, kept on the line: its paragraph's topic reuses it
    if not grams:
        return []
    after: list[str] = []
    j = index + 1
    while j < len(lines) and lines[j].kind is not LineKind.BODY and j - index <= 3:
        j += 1
    while j < len(lines) and lines[j].kind is LineKind.BODY and len(after) < 2:
        after.append(lines[j].text)
        j += 1
    before: list[str] = []
    j = index - 1
    while j >= 0 and lines[j].kind is LineKind.BODY and len(before) < 3:
        before.append(lines[j].text)
        j -= 1
    out = []
    for name, texts in (("echo-after", after), ("echo-before", before)):
        if not texts:
            continue
        joined = "".join(texts)
        share = sum(map(joined.__contains__, grams)) / len(grams)
        out.append(f"{name}:{'none' if share == 0 else 'low' if share < 0.3 else 'mid' if share < 0.6 else 'high'}")
    return out


class _Cues:
    """Each line's cues, worked out when first asked for: a long line of text far from any short line never is."""

    def __init__(self, lines: Sequence[PageLine]) -> None:
        self.lines = lines
        self._cues: list[list[str] | None] = [None] * len(lines)
        self._decisive: list[list[str] | None] = [None] * len(lines)
        self._shapes: list[list[str] | None] = [None] * len(lines)

    def __getitem__(self, index: int) -> list[str]:
        cues = self._cues[index]
        if cues is None:
            cues = self._cues[index] = line_cues(self.lines[index])
        return cues

    def shape(self, index: int) -> list[str]:
        """The line's first four cues (read, never changed, by the positions around it: kept once made)."""
        found = self._shapes[index]
        if found is None:
            cues = self._cues[index]
            found = self._shapes[index] = cues[:4] if cues is not None else _shape(self.lines[index])
        return found

    def decisive(self, index: int) -> list[str]:
        """The cues of a neighbouring line worth knowing beyond its shape."""
        found = self._decisive[index]
        if found is None:
            found = self._decisive[index] = [c for c in self[index][4:] if c in _DECISIVE or c.startswith("md:")]
        return found


def _is_long_text(line: PageLine) -> bool:
    return line.kind is LineKind.BODY and len(line.text) > HEADLINE_MAX_LEN


# the last character of a line that may be signed off or credited: …（王阳）, …摄, …摄影报道
_SIGN_OFF_LAST = frozenset("）)摄影道")
_SIGN_OFF_CUES = frozenset({"ends-in-signature", "credit-line", "ends-in-credit"})


def _article_context(lines: Sequence[PageLine], own: _Cues, runs: list[list[str]]) -> list[list[str]]:
    """Where a line sits in the article the old rules would have it in.

    After a sure headline (one the block rules always took), an article is a
    feature when a byline line, a 阅读提示 box or a column label comes with it
    (features have intertitles; news items rarely do), and news when its
    first paragraph opens with a dateline or a date. How many paragraphs the
    article has so far, and whether the paragraph just above was signed off
    (a byline, signature or credit after the text), say whether a short line
    can be an intertitle or must start something new.
    """
    out: list[list[str]] = []
    genre = "none"
    paragraphs = 0
    signed = False
    for index, line in enumerate(lines):
        run = runs[index]
        features = [f"ctx:{genre}", "since-headline:" + ("0" if paragraphs == 0 else "1" if paragraphs == 1
                                                         else "2-4" if paragraphs <= 4 else "5+")]
        if signed:
            features.append("after-sign-off")
        out.append(features)
        if _is_long_text(line) and line.text[-1] not in _SIGN_OFF_LAST:
            # a paragraph: it can only say, if it opens the article, that this is news
            if paragraphs == 0 and genre == "plain" and (
                _DATE_LEAD_RE.match(line.text)
                or _NEWS_OPENER_RE.match(line.text)
                or bylines.has_leading_byline(line.text)
            ):
                genre = "news"
            paragraphs += 1
            signed = False
            continue
        cues = own[index]
        if "rule:headline" in run:
            if "run-pos:first" in run or "run-pos:only" in run:
                genre = "feature" if "run-has-section" in run else "plain"
                paragraphs = 0
            signed = False
            continue
        if "prompt-word" in cues or ("byline-line" in cues and paragraphs == 0):
            genre = "feature"
        elif line.kind is LineKind.BODY:
            if paragraphs == 0 and genre == "plain" and ("dateline-lead" in cues or "date-lead" in cues):
                genre = "news"
            paragraphs += 1
        signed = not _SIGN_OFF_CUES.isdisjoint(cues) or ("byline-line" in cues and paragraphs > 0)
    return out


def page_positions(lines: Sequence[PageLine]) -> list[range]:
    """The stretches of the page the model reads one at a time: a line, or a run of long lines of text.

    A run of long lines of text (paragraphs) is body, whatever its length: the model
    reads it as one item with the cues of its first and last line, which is where it
    meets the headlines, bylines and intertitles around it. The line under 阅读提示
    stays on its own (it is the box).
    """
    positions: list[range] = []
    n = len(lines)
    index = 0
    while index < n:
        end = index + 1
        if _is_long_text(lines[index]) and not (index and lines[index - 1].kind is LineKind.PROMPT):
            while end < n and _is_long_text(lines[end]):
                end += 1
        positions.append(range(index, end))
        index = end
    return positions


def page_features(lines: Sequence[PageLine], positions: list[range] | None = None) -> list[list[str]]:
    """The model's features for every position of a page (``page_positions``): own cues, neighbours', the page's."""
    if not lines:
        return []
    positions = page_positions(lines) if positions is None else positions
    own = _Cues(lines)
    markdown = is_markdown_page(lines)
    runs = _runs(lines, own, markdown)
    context = _article_context(lines, own, runs)
    out: list[list[str]] = []
    last_position = len(positions) - 1
    last = len(lines) - 1
    page = "page:markdown" if markdown else "page:plain"
    for p, span in enumerate(positions):
        index = span.start
        line = lines[index]
        if _is_long_text(line):
            # paragraphs of text: body, a box or an advertisement, whatever surrounds them
            end = span.stop - 1
            features = ["bias", page, "long-text", f"block:{min(len(span), 3)}", *own.shape(index)[:2],
                        own.shape(index)[3], "last-" + own.shape(end)[2], *context[index]]
            features += ["first-" + cue for cue in own.decisive(index) if cue in _OPENING_CUES]
            features += ["last-" + cue for cue in own.decisive(end) if cue in _CLOSING_CUES]
            out.append(features)
            continue
        features = ["bias", page]
        features += own[index]
        features += runs[index]
        features += context[index]
        if "rule:single" in runs[index]:
            features += ["single&" + f for f in context[index]]
        if markdown and line.kind is not LineKind.HEADING:
            features.append("no-md-on-md-page")
        gap_before = line.number - lines[index - 1].number - 1 if index else 9
        gap_after = lines[index + 1].number - line.number - 1 if index < last else 9
        features.append("first-line" if index == 0 else f"gap-before:{min(gap_before, 2)}")
        features.append("last-line" if index == last else f"gap-after:{min(gap_after, 2)}")
        if index <= 1:
            features.append(f"page-top:{index}")
        # neighbours' shapes, so the model sees runs: kicker over title over byline over body
        for offset in NEIGHBOURS:
            q = p + offset
            prefix = _PREFIX[offset]
            if 0 <= q <= last_position:
                # the neighbouring line: the near end of a run of paragraphs
                j = positions[q].stop - 1 if offset < 0 else positions[q].start
                features += [prefix + cue for cue in own.shape(j)[:NEIGHBOUR_SHAPES]]
                if abs(offset) == 1:
                    features += [prefix + cue for cue in own.decisive(j)]
            else:
                features.append(prefix + "none")
        if line.kind in (LineKind.SHORT, LineKind.HEADING, LineKind.SECTION):
            features += _echo(lines, index)
        if (
            index < last
            and line.kind is LineKind.SHORT
            and "ends-open" in own[index]
            and lines[index + 1].kind is LineKind.BODY
        ):
            evidence = join_evidence(line.text, lines[index + 1].text, adjacent=True)
            # only evidence about this very cut counts (a word across it, a comma or function word before it):
            # that the next line merely goes on is true under every headline too
            if evidence.binds and evidence.confidence >= 0.8:
                features.append("joins-next:strong")
        out.append(features)
    return out
