"""What each line of a page is by its look: heading, column label, byline, credit, ad, or body text.

This looks at one line at a time. Deciding what a run of short lines is (a
headline with its kicker, or an intertitle inside an article) needs the lines
around it and happens in ``layout``.
"""

from __future__ import annotations

import re
from enum import Enum

from annotator.ingest import bylines
from annotator.ingest.cues import (
    AD_LINES,
    BRIEFS_LABEL_MAX_LEN,
    BRIEFS_SUFFIXES,
    BYLINE_BULLETS,
    CANNOT_START,
    CLOSERS,
    CONTINUES,
    HAN_RE,
    HEADLINE_MAX_LEN,
    KICKER_DASHES,
    OPENERS,
    QUOTE_PAIRS,
    READING_PROMPTS,
    SECTION_MAX_LEN,
    SECTION_PATTERNS,
    SECTION_SUFFIXES,
    SENTENCE_END,
    UNDASHED_HEADLINE_MAX_LEN,
    count_zero_stops,
    is_zero_stop,
)
from annotator.ingest.page_cache import per_page
from annotator.ingest.source_lines import SourceLine
from annotator.ingest.topics import gram_set
from annotator.text.segmenter import get_segmenter

_MD_HEADING_RE = re.compile(r"^(#{1,6})[ \t\u3000]*")
_CLAUSE_END_RE = re.compile(r"[，,。；;：:！!？?、]")
# Quotes a speaker's words open with: what follows one starts afresh.
_QUOTE_OPENERS = frozenset("“‘「『")
# jieba's tags for prepositions, conjunctions and the particles 的/地/得: words a sentence cannot end on
_FUNCTION_TAGS = frozenset({"p", "c", "uj", "ud", "uv"})
# Single characters that commonly open a Chinese sentence on their own.
_SENTENCE_OPENING_CHARS = frozenset(
    "在为据对从但而并又如若因由自当经随与将把被让使向以按凡除该这那此其我他她它你您各每某本全今去近另"
    "好是对嗯哦啊唉喂"
)


class LineKind(str, Enum):
    HEADING = "heading"  # a Markdown heading (# … ######)
    SHORT = "short"  # a short line without a sentence end: headline, kicker, subtitle or intertitle
    SECTION = "section"  # a column label: G新闻特写, 砥砺奋进中的吉林工会（四）
    PROMPT = "prompt"  # 阅读提示, the title of a summary box
    BYLINE = "byline"  # 本报记者 X 本报通讯员 Y
    CREDIT = "credit"  # 本报记者 X 摄
    AD = "ad"
    BODY = "body"


class PageLine:
    """A cleaned source line with what it looks like."""

    __slots__ = ("_grams", "kind", "level", "number", "section_like", "source", "text")

    def __init__(self, source: SourceLine, kind: LineKind, level: int = 0, section_like: bool = False) -> None:
        self.source = source  # without any Markdown marker
        self.kind = kind
        self.level = level  # Markdown heading level, 0 for plain lines
        self.section_like = section_like
        # read thousands of times a page: plain attributes, not properties
        self.text = source.text
        self.number = source.number
        self._grams: frozenset[str] | None = None

    def __repr__(self) -> str:
        return f"PageLine({self.number}, {self.kind.value}, {self.text[:20]!r})"

    @property
    def grams(self) -> frozenset[str]:
        """The line's character bigrams, computed once (features, topics and paragraphs share them)."""
        if self._grams is None:
            self._grams = gram_set(self.text)
        return self._grams

    @property
    def is_headline_like(self) -> bool:
        return self.kind in (LineKind.HEADING, LineKind.SHORT, LineKind.SECTION)


def classify(line: SourceLine) -> PageLine:
    level = 0
    match = _MD_HEADING_RE.match(line.text)
    if match and match.end() < len(line.text):
        level = len(match.group(1))
        line = line.sub(match.end())
    text = line.text
    if text in READING_PROMPTS:
        return PageLine(line, LineKind.PROMPT, level)
    if level == 0 and text in AD_LINES:
        return PageLine(line, LineKind.AD)
    section = is_section_label(text)
    if level:
        return PageLine(line, LineKind.HEADING, level, section_like=section)
    if section:
        return PageLine(line, LineKind.SECTION, section_like=True)
    if bylines.standalone_byline(text) is not None:
        return PageLine(line, LineKind.BYLINE)
    credit = bylines.photo_credit(text)
    # the credit is the whole line, behind a bullet if any (□本报记者 某某 摄影报道)
    if credit is not None and not text[: credit[0]].strip(BYLINE_BULLETS + " \u3000"):
        return PageLine(line, LineKind.CREDIT)
    if looks_like_headline(text):
        return PageLine(line, LineKind.SHORT)
    return PageLine(line, LineKind.BODY)


# No column label pattern matches a longer line (the longest: 22 characters and a bracketed number).
_SECTION_PATTERN_MAX_LEN = 30


def is_section_label(text: str) -> bool:
    if len(text) > _SECTION_PATTERN_MAX_LEN:
        return False  # a line of text: asked of every line, so settled before any pattern is tried
    if any(p.match(text) for p in SECTION_PATTERNS):
        return True
    if is_briefs_label(text):
        return True
    return len(text) <= SECTION_MAX_LEN and text.endswith(SECTION_SUFFIXES) and not _CLAUSE_END_RE.search(text)


def is_briefs_label(text: str) -> bool:
    """The label over a column of news briefs (某某速递, 简讯, 某某动态): a column label of news, not of features."""
    return len(text) <= BRIEFS_LABEL_MAX_LEN and text.endswith(BRIEFS_SUFFIXES) and bool(HAN_RE.fullmatch(text[0]))


def looks_like_headline(text: str) -> bool:
    """Short, no sentence end inside or at the end, not a byline: headline material."""
    if len(text) > HEADLINE_MAX_LEN or len(HAN_RE.findall(text)) < 2:
        return False
    if text.endswith(KICKER_DASHES):
        return True
    # Long kickers lead into their headline with a dash; without one, a long
    # or comma-laden line is a sentence cut short.
    if len(text) > UNDASHED_HEADLINE_MAX_LEN or text.count("，") + text.count(",") > 1:
        return False
    last = text[-1]
    if last in "。；;，,、：:" or "。" in text or count_zero_stops(text):
        return False
    if bylines.has_leading_byline(text) or bylines.has_photo_credit(text):
        return False
    # no headline leaves a quote open or ends on 由, 和 or 的: such a line is a sentence cut short
    if any(text.count(opening) > text.count(closing) for opening, closing in QUOTE_PAIRS):
        return False
    return not ends_with_function_word(text)


# --- sentence shape ----------------------------------------------------------------


@per_page
def ends_open(text: str) -> bool:
    """Does the paragraph stop mid-sentence (no sentence end, or a comma, dash or opening mark)?"""
    stripped = text.rstrip()
    if not stripped:
        return False
    last = stripped[-1]
    if last in SENTENCE_END or _ends_on_half_width_stop(stripped) or is_zero_stop(stripped, len(stripped) - 1):
        return False
    if last in CLOSERS or last == '"':
        # "…说：“好！”" is complete; "…设置“提案管理”" is not. A closing bracket
        # ends asides and signatures ("（王阳）"), which close a paragraph. A half-width quote after a
        # sentence end closes it too (…缩短到18天。").
        before = stripped.rstrip("".join(CLOSERS) + '"')
        if not before or before[-1] in SENTENCE_END or is_zero_stop(before, len(before) - 1):
            return False
        return last not in "）)"
    if last in "：:":
        return False  # introduces what follows, which is a paragraph of its own
    return True


def _ends_on_half_width_stop(text: str) -> bool:
    """A paragraph ending in "." (OCR of 。) after a Chinese character or a closing quote: …良师益友”., …大"能量"."""
    if text[-1] not in ".．" or len(text) < 2:
        return False
    before = text[-2]
    return bool(HAN_RE.match(before)) or before in CLOSERS or (before in "\"'" and HAN_RE.match(text[-3:-2]) is not None)


@per_page
def starts_mid_sentence(text: str) -> bool:
    """Does the paragraph begin inside a sentence that started elsewhere?

    True when it opens with a mark no sentence starts with (``，`` ``、``
    ``”``), when a closing quote or bracket comes before any opening one in its
    first sentence (``议”“零距离”…``, ``是强筋健骨、延年益寿的好方法。”``), or when its first
    sentence is a scrap of a few characters (``创新举措。``).
    """
    if not text:
        return False
    if text[0] in CANNOT_START:
        return True
    first = _first_clause(text)
    depth = 0
    for ch in _QUOTE_MARK_RE.findall(first):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            if depth == 0:
                return True
            depth -= 1
    if closing_quote_surplus(text):
        return True  # …的好方法。”: the first sentence closes a quote opened before the paragraph
    if text[0] in _QUOTE_OPENERS:
        return False  # “部长！…: a short exclamation inside a quote opened here starts the paragraph, it ends nothing
    end = _CLAUSE_END_RE.search(text)
    return bool(end and end.group() in "。！？!?" and end.start() <= 4 and len(text) > end.start())


def ends_with_function_word(text: str) -> bool:
    """Does ``text`` stop on a preposition, conjunction or structural particle (…必须再由, …体系和)?"""
    stripped = text.rstrip()
    if not stripped or not HAN_RE.match(stripped[-1]):
        return False
    return _tail_is_function_word(stripped[-12:])


@per_page
def _tail_is_function_word(tail: str) -> bool:
    # the same line end is asked about by the line classifier, the role features and the joins: tag it once
    tags = get_segmenter().tag(tail)
    return bool(tags) and tags[-1][1] in _FUNCTION_TAGS


def starts_with_stray_char(text: str) -> bool:
    """Does ``text`` open on a lone character that is no word by itself (件，… 涛（化名）…)?

    Column breaks that fall inside a word leave its second half at the top
    of the next column.
    """
    if not text or not HAN_RE.match(text[0]) or text[0] in _SENTENCE_OPENING_CHARS:
        return False
    return _opens_on_lone_char(text[:12])


# Words of one character that end a phrase as often as any (…到祖国最需要的地方去, …的 / 了 / 吗).
_PHRASE_CLOSING_CHARS = frozenset("去来说走看了的吗呢吧啊也矣哉乎者")


def ends_on_lone_char(text: str) -> bool:
    """Does ``text`` stop on a lone character that is no word by itself (…九十九道工, …开了一家微): a line cut inside
    a word at a column's end?"""
    stripped = text.rstrip()
    if not stripped or not HAN_RE.match(stripped[-1]) or stripped[-1] in _PHRASE_CLOSING_CHARS:
        return False
    return _closes_on_lone_char(stripped[-12:])


@per_page
def _closes_on_lone_char(tail: str) -> bool:
    words = get_segmenter().cut(tail)
    return len(words) >= 2 and len(words[-1]) == 1 and HAN_RE.match(words[-2][-1:] or " ") is not None


@per_page
def _opens_on_lone_char(head: str) -> bool:
    words = get_segmenter().cut(head)
    return bool(words) and len(words[0]) == 1


def _first_clause(text: str) -> str:
    end = _CLAUSE_END_RE.search(text)
    return text[: end.start()] if end else text


def opening_quote_debt(text: str) -> int:
    """How many quotes or brackets the last sentence of ``text`` leaves open."""
    # after the last sentence end (found by a scan in C from the right for each mark), or the whole text
    tail = text[max(map(text.rfind, SENTENCE_END)) + 1 :]
    debt = 0
    for opening, closing in QUOTE_PAIRS:
        debt += max(0, tail.count(opening) - tail.count(closing))
    return debt


# Quotes a speaker's words run on in over several sentences (“…。…。…); brackets and titles close in their sentence.
_SPEECH_QUOTES = (("“", "”"), ("「", "」"), ("『", "』"))


def speech_left_open(text: str) -> bool:
    """Does ``text`` leave a quoted speech open, opened sentences before its end (“白茶没有早生…。最多的时候，我们的…)?"""
    return any(text.count(opening) > text.count(closing) for opening, closing in _SPEECH_QUOTES)


def closing_quote_surplus(text: str) -> int:
    """How many closing quotes or brackets the first sentence of ``text`` has without their opening.

    The quotes right after the sentence's end mark close it too (``…的好方法。”``)."""
    first = _FIRST_SENTENCE_RE.match(text)
    sentence = first.group() if first is not None else text
    if _CLOSER_RE.search(sentence) is None:
        return 0  # (read for every line: most first sentences close nothing)
    surplus = 0
    depth = 0
    for ch in _QUOTE_MARK_RE.findall(sentence):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            if depth:
                depth -= 1
            else:
                surplus += 1
    return surplus


# A text's first sentence: up to its first end mark, with the closing quotes right after it.
_FIRST_SENTENCE_RE = re.compile(
    "[^" + re.escape("".join(SENTENCE_END)) + "]*[" + re.escape("".join(SENTENCE_END)) + "]+["
    + re.escape("".join(CLOSERS)) + "]*"
)
_CLOSER_RE = re.compile("[" + re.escape("".join(CLOSERS)) + "]")
# The opening and closing quotes and brackets of a stretch of text, in order: all that its depth counts look at
# (picked out in C: the counts are asked of nearly every line, whose other characters are most of it).
_QUOTE_MARK_RE = re.compile("[" + re.escape("".join(sorted(OPENERS | CLOSERS))) + "]")


def ends_with_continuation_mark(text: str) -> bool:
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] in CONTINUES
