"""How likely two stretches of text are one sentence cut in two.

The evidence, each piece weighed on its own:

- the left part stops mid-sentence (required before anything is joined);
- it stops on a comma, 、 or an opening quote: the sentence plainly goes on;
- the characters across the cut form a dictionary word (``技`` + ``能提升`` gives 技能);
- the left part stops on a preposition, conjunction or particle (…必须再由),
  and after a preposition the right part goes on with a noun (…再由 / 法院…);
- the right part starts mid-sentence: a mark no sentence starts with, a
  closing quote without its opening, a scrap of a few characters, or a lone
  character that is no word by itself (件，…);
- quotes agree across the cut: an opening quote left open on the left and a
  closing one without its opening on the right confirm each other, while a
  closing quote on the right with nothing open on the left says text is missing;
- the right part opens the way new paragraphs do (an opening quote, a byline).

Topic similarity, used for joins across the page, lives in ``topics``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from annotator.ingest import bylines
from annotator.ingest.cues import HAN, HAN_RE
from annotator.ingest.furniture import (
    closing_quote_surplus,
    ends_with_continuation_mark,
    ends_with_function_word,
    opening_quote_debt,
    speech_left_open,
    starts_mid_sentence,
    starts_with_stray_char,
)
from annotator.ingest.page_cache import per_page
from annotator.text.segmenter import get_segmenter

# Starting points: lines that touch are usually one paragraph; a piece far
# down the page needs its topic to speak for it as well.
ADJACENT_BASE = 0.65
DISTANT_BASE = 0.3
# Adjacent lines are joined at or above this; below, they stay two paragraphs.
JOIN_THRESHOLD = 0.4
# A join the reviewer should check.
REVIEW_BELOW = 0.6
# A short line (intertitle-like) is read as the start of a cut paragraph only on strong evidence.
SHORT_LINE_JOIN = 0.8


@dataclass
class Evidence:
    confidence: float
    reasons: list[str] = field(default_factory=list)
    # the word read across the cut, if any
    word: str = ""
    # the left part ends on a comma, an opening mark or a function word
    left_unfinished: bool = False

    @property
    def binds(self) -> bool:
        """Is there evidence about this very cut, not only that the right part continues something?"""
        return bool(self.word) or self.left_unfinished


# A number or amount, and the words that only ever follow one (30% / 以上, 一百斤 / 左右): a quantity cut in two.
_QUANTITY_END_RE = re.compile(r"(?:\d|[%％‰]|[〇零一二两三四五六七八九十百千万亿])$")
_AFTER_QUANTITY_RE = re.compile(r"^(?:以上|以下|以内|左右|之多|有余|开外)")
# A date cut between its year and month, or its month and day (…1952年 / 10月17日，…): one date in two pieces.
_DATE_NUMBER = "(?:\\d{1,4}|[〇零一二三四五六七八九十]{1,4})"
_YEAR_END_RE = re.compile(f"{_DATE_NUMBER}年$")
_MONTH_START_RE = re.compile(f"^{_DATE_NUMBER}月(?:{_DATE_NUMBER}日)?")
_MONTH_END_RE = re.compile(f"{_DATE_NUMBER}月$")
# The longest either matches: four digits or numerals and 年 or 月.
_DATE_END_MAX_LEN = 5
_DAY_START_RE = re.compile(f"^{_DATE_NUMBER}日")


def word_across(left: str, right: str) -> tuple[str, bool] | None:
    """The word jieba reads across the cut, if any, and whether its dictionary knows it.

    The last and first few characters are segmented together: a token that
    starts before the cut and ends after it is a word the cut went through
    (技 / 能提升 gives 技能). Words jieba's dictionary does not know but its
    model still reads as one (names: 黄 / 涛 gives 黄涛) count for less.
    An amount before the cut and a word that only follows amounts after it
    (增长30% / 以上) is a phrase cut in two, as sure as a dictionary word, and so is a date cut between its
    year and month or its month and day (1952年 / 10月17日).
    """
    after_quantity = _AFTER_QUANTITY_RE.match(right)
    if after_quantity and _QUANTITY_END_RE.search(left.rstrip()):
        return left.rstrip()[-1] + after_quantity.group(), True
    date = date_across(left, right)
    if date is not None:
        return date, True
    tail, head = left[-4:], right[:4]
    if not tail or not head or not HAN_RE.match(tail[-1]) or not HAN_RE.match(head[0]):
        return None
    segmenter = get_segmenter()
    cut = len(tail)
    for word, start, end in segmenter.tokenize(tail + head):
        if start < cut < end:
            known = segmenter.has_word(word)
            # the model glues unknown characters freely; trust it only for a two-character word
            if known or (len(word) == 2 and start == cut - 1):
                return word, known
            return None
    return None


def date_across(left: str, right: str) -> str | None:
    """The date a cut went through between its year and month or its month and day (1952年 / 10月17日), if any.

    The right part alone opens like any sentence (10月17日，…); only with the year before the cut is it the
    middle of one.
    """
    date_end = _date_end(left)
    if date_end is None:
        return None
    date_start = (_MONTH_START_RE if date_end.endswith("年") else _DAY_START_RE).match(right)
    return None if date_start is None else date_end + date_start.group()


@per_page
def _date_end(left: str) -> str | None:
    """The year or month ``left`` stops on (…1952年, …10月), if any: one line is matched against every line below it."""
    # (a year or month is at most five characters, 2023年 / 十二月, so only the end of the line is searched: the
    # patterns are tied to its end, but a search tries them at every position before it)
    end = left.rstrip()[-_DATE_END_MAX_LEN:]
    found = _YEAR_END_RE.search(end) or _MONTH_END_RE.search(end)
    return None if found is None else found.group()


# The Han characters at the end and at the start of a stretch of text, a few at most.
_HAN_RUN_END_RE = re.compile(f"[{HAN}]{{1,4}}$")
# Where a match of it can start: four characters from the end, or five when ``$`` stands before a final line break.
_HAN_RUN_END_SPAN = 5
_HAN_RUN_START_RE = re.compile(f"^[{HAN}]{{1,4}}")
# A name read across a cut is three characters or more (…2009年，西 / 望村成立了… gives 西望村): two are too often a
# word any text prints.
NAME_ACROSS_MIN_LEN = 3


def name_across(printed: str, left: str, right: str, across: tuple[str, bool] | None) -> str:
    """The longest stretch of Han characters across the cut, holding the word read across it (``across``, from
    ``word_across``), that ``printed`` (the rest of the article the left part ends) holds too (``""`` if none).

    An article repeats its own names (丁蜀镇西望村 … 西望村成立了): a name of its own read across a cut shows the
    cut the way a topic cannot, where the part after it is too short to carry its topic.
    (The stretch holds characters from after the cut, so it cannot match at the cut itself.)
    """
    if not across:
        return ""
    return _longest_printed_stretch(printed, left, right, NAME_ACROSS_MIN_LEN, across[0])


# A stretch read across a cut with no dictionary word in it (…潜江虾 / 稻共作面积…: 虾稻共作) is the article's own name
# only at this length: three characters are too often met by chance.
PRINTED_ACROSS_MIN_LEN = 4


def printed_across(printed: str, left: str, right: str) -> str:
    """The longest stretch of Han characters across the cut, of ``PRINTED_ACROSS_MIN_LEN`` or more, that ``printed``
    (the rest of the article the left part ends) holds too, where no dictionary word reads across the cut (``""`` if
    none): an article's coined term (虾稻共作, printed in quotes above) is in no dictionary, but it repeats it."""
    return _longest_printed_stretch(printed, left, right, PRINTED_ACROSS_MIN_LEN)


def _longest_printed_stretch(printed: str, left: str, right: str, min_len: int, holding: str = "") -> str:
    """The longest stretch of Han characters across the cut (the end of ``left``, the start of ``right``), of
    ``min_len`` or more and holding ``holding``, that ``printed`` holds too (``""`` if none)."""
    # (the run is four characters at most, before a final line break if any: only the end of ``left`` is searched,
    # the pattern tied to its end but tried at every position before it)
    tail = _HAN_RUN_END_RE.search(left[-_HAN_RUN_END_SPAN:])
    head = _HAN_RUN_START_RE.match(right)
    if tail is None or head is None:
        return ""
    best = ""
    for a in range(1, len(tail.group()) + 1):
        for b in range(1, len(head.group()) + 1):
            stretch = tail.group()[-a:] + head.group()[:b]
            if len(stretch) >= max(min_len, len(best) + 1) and holding in stretch and stretch in printed:
                best = stretch
    return best


def fits_after_preposition(left: str, right: str) -> bool | None:
    """After a preposition (…再由) a noun must follow: True if it does, False if a verb does, else None."""
    if not HAN_RE.match(left[-1:] or " ") or not HAN_RE.match(right[:1] or " "):
        return None
    segmenter = get_segmenter()
    left_tags = segmenter.tag(left[-6:])
    if not left_tags or left_tags[-1][1] != "p":
        return None
    right_tags = segmenter.tag(right[:6])
    if not right_tags:
        return None
    tag = right_tags[0][1]
    if tag.startswith("n") or tag == "r":
        return True
    if tag.startswith(("v", "d", "c", "p", "u")):
        return False
    return None


# jieba's tags for the aspect particles 了, 着, 过
_ASPECT_TAGS = frozenset({"ul", "uz", "ug"})


def _awaits_object(left: str) -> bool:
    """Does the line stop on a verb and its aspect particle (诠释了, 喊着) with no punctuation, so that what follows
    is its object? (A bare verb is not enough: …共同出席 ends a clause as often as it awaits one.)"""
    if not HAN_RE.match(left[-1:] or " "):
        return False
    tags = get_segmenter().tag(left[-6:])
    return len(tags) >= 2 and tags[-1][1] in _ASPECT_TAGS and tags[-2][1].startswith("v")


def join_evidence(left: str, right: str, *, adjacent: bool) -> Evidence:
    """How likely ``left`` + ``right`` (with nothing between) is one sentence.

    The same cut is weighed by the role features, the layout and the continuations;
    it is worked out once. The result is shared: read it, do not change it.
    """
    return _join_evidence(left, right, adjacent)


@per_page
def _join_evidence(left: str, right: str, adjacent: bool) -> Evidence:
    evidence = Evidence(ADJACENT_BASE if adjacent else DISTANT_BASE)
    reasons = evidence.reasons
    score = evidence.confidence
    if ends_with_continuation_mark(left):
        score += 0.2
        evidence.left_unfinished = True
        reasons.append(f"the line ends on '{left.rstrip()[-1]}'")
    elif ends_with_function_word(left):
        score += 0.2
        evidence.left_unfinished = True
        reasons.append("the line ends on a preposition, conjunction or particle")
    across = word_across(left, right)
    if across:
        word, known = across
        score += 0.3 if known else 0.2
        evidence.word = word
        reasons.append(
            f"'{word}' is a dictionary word across the cut" if known else f"'{word}' reads as one word across the cut"
        )
    fits = fits_after_preposition(left, right)
    if fits is True:
        score += 0.15
        reasons.append("a noun follows the preposition before the cut")
    elif fits is False:
        score -= 0.15
        reasons.append("no noun follows the preposition before the cut")
    if starts_mid_sentence(right):
        score += 0.2
        reasons.append("the next part starts mid-sentence")
    elif starts_with_stray_char(right):
        score += 0.15
        reasons.append(f"the next part opens on a stray '{right[0]}'")
    debt, surplus = opening_quote_debt(left), closing_quote_surplus(right)
    if debt and surplus:
        score += 0.2
        reasons.append("a quote opened before the cut closes after it")
    elif surplus and not debt and not (not adjacent and speech_left_open(left)):
        # (a speech opened sentences before the cut may close after it: no text is missing. Asked only of a cut to
        # text further down the page, where the line-role features do not read the evidence)
        score -= 0.35
        reasons.append("a quote closes after the cut that was never opened: text may be missing")
    if right[:1] in "“「『" and not debt:
        if _awaits_object(left):
            # …诠释了 / “百千万工程”的精神: a verb and 了 with nothing after them take the quote as their object
            score += 0.1
            reasons.append("the line stops on a verb and its particle, whose object the quote after the cut is")
        else:
            score -= 0.3
            reasons.append("the next part opens a quote, as new paragraphs do")
    if bylines.has_leading_byline(right):
        score -= 0.6
        reasons.append("the next part opens with a byline")
    evidence.confidence = max(0.0, min(1.0, score))
    return evidence
