"""The role a reader gives each line of a page, read by a small CRF over the lines' features.

Roles: page furniture (page headers, series banners), advertisement, the word
阅读提示, column label, kicker, title, subtitle, byline, photo credit, the
text of a 阅读提示 box, intertitle (subhead) and body text. The model is a
linear-chain CRF (python-crfsuite) trained on hand-cut pages by
``python -m annotator.ingest.train_line_roles``; its features are today's
typographic rules (``line_features``), so what it learns is how much each rule
counts and which roles follow which. The trained model is a small data file
in ``resources/ingest/``, loaded once per process.

Every line comes back with its role, the model's confidence in it (the
marginal probability), the runner-up role, and the features that spoke most
for the role against the runner-up, so a close decision can be explained in
the import notes and flagged for the reviewer.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from functools import partial
from pathlib import Path

import pycrfsuite

from annotator.ingest import bylines
from annotator.ingest.cues import (
    BYLINE_BULLETS,
    COLUMN_ON_TITLE_RE,
    HAN_RE,
    INTERTITLE_MAX_LEN,
    JUMP_IN_RE,
    JUMP_LINE_RE,
    KICKER_DASHES,
    PHOTO_NOTE_RE,
    PLACE_OR_BODY_ENDINGS,
    PRODUCTION_LINE_RE,
    PRODUCTION_WORDS,
    SENTENCE_END,
    common_surnames,
    is_zero_stop,
    short_caption,
)
from annotator.ingest.furniture import (
    LineKind,
    PageLine,
    ends_open,
    is_briefs_label,
    starts_mid_sentence,
    starts_with_stray_char,
)
from annotator.ingest.joins import JOIN_THRESHOLD, SHORT_LINE_JOIN, join_evidence, name_across, word_across
from annotator.ingest.line_features import (
    furniture_shape,
    introduced_person,
    is_markdown_page,
    opens_like_a_dispatch,
    opens_like_a_report,
    page_features,
    page_positions,
)
from annotator.ingest.topics import TopicSpace
from annotator.platform.app_paths import resource
from annotator.text.segmenter import get_segmenter

MODEL_NAME = "line_roles.crfsuite"


class LineRole(str, Enum):
    FURNITURE = "furniture"  # page header, series banner: belongs to no article
    AD = "ad"  # 广告 and the advertisement under it
    PROMPT = "prompt"  # the words 阅读提示
    SECTION = "section"  # column label
    KICKER = "kicker"
    TITLE = "title"
    SUBTITLE = "subtitle"
    BYLINE = "byline"  # a line that only names who wrote or sent the piece
    CREDIT = "credit"  # a photo credit on a line of its own
    BOX = "box"  # the text of a 阅读提示 box
    SUBHEAD = "subhead"  # an intertitle inside an article
    BODY = "body"


_ROLE_OF = {role.value: role for role in LineRole}
HEADLINE_ROLES = frozenset({LineRole.SECTION, LineRole.KICKER, LineRole.TITLE, LineRole.SUBTITLE})


@dataclass
class RoleReading:
    role: LineRole
    # the model's marginal probability of every role for this line (only the chosen one when it is near certain)
    probabilities: dict[LineRole, float] = field(default_factory=dict)
    # why: the features that counted most for ``role`` against the runner-up, filled in on demand
    _reasons: list[str] | None = None
    _explain: Callable[[], list[str]] | None = field(default=None, repr=False, compare=False)
    # True for the model's own reading; False for one a rule gave (its reasons are then the rule's)
    by_model: bool = False

    @property
    def reasons(self) -> list[str]:
        if self._reasons is None:
            self._reasons = self._explain() if self._explain is not None else []
        return self._reasons

    @property
    def confidence(self) -> float:
        return self.probabilities.get(self.role, 1.0)

    def probability(self, role: LineRole) -> float:
        if not self.probabilities:
            return 1.0 if role is self.role else 0.0
        return self.probabilities.get(role, 0.0)

    @property
    def headline_probability(self) -> float:
        """How likely the line is part of a headline block (any of section, kicker, title, subtitle)."""
        return sum(self.probability(role) for role in HEADLINE_ROLES)

    @property
    def runner_up(self) -> LineRole | None:
        others = [(p, r) for r, p in self.probabilities.items() if r is not self.role]
        return max(others)[1] if others else None

    @property
    def overrides_model(self) -> bool:
        """Did a rule of the role pass give the line another role than the one the model gave most chance?

        Such a reading keeps the model's probabilities and gives the rule's reason as its reasons, so a doubt about
        it is worded as the rule against the model, not as a reading the model made with little confidence."""
        if self.by_model or not self.probabilities:
            return False  # the model's own reading, or one settled without it
        return self.model_role is not self.role

    @property
    def model_role(self) -> LineRole:
        """The role the model gave most chance (the reading's own role where it kept no probabilities)."""
        if not self.probabilities:
            return self.role
        return max(self.probabilities.items(), key=lambda item: item[1])[0]


# A comma or semicolon inside a line: a clause ends there, as in a sentence.
_CLAUSE_BREAK_RE = re.compile("[，,；;]")
# Words of a byline that names its writer by role rather than by name (本报评论员, 文/图, 特约撰稿).
_BYLINE_WORD_RE = re.compile("记者|通讯员|评论员|作者|撰稿|供稿|编辑|编者|[文图摄]")
# A role the model gives at least this is taken as certain: the other roles' probabilities are not asked for.
NEAR_CERTAIN = 0.995


class RoleModel:
    """A trained line-role CRF; one tagger per thread (crfsuite taggers are not thread-safe)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"line-role model {self.path} is missing")
        self._local = threading.local()
        self._weights: dict[tuple[str, str], float] | None = None

    @property
    def tagger(self) -> pycrfsuite.Tagger:
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            tagger = pycrfsuite.Tagger()
            tagger.open(str(self.path))
            self._local.tagger = tagger
        return tagger

    def weights(self) -> dict[tuple[str, str], float]:
        """(feature, role) → weight, read from the model only when a decision needs explaining."""
        if self._weights is None:
            self._weights = dict(self.tagger.info().state_features)
        return self._weights

    def read(self, lines: Sequence[PageLine]) -> list[RoleReading]:
        """Every line's role; a run of paragraphs read as one position gives its role to each of its lines.

        A page whose typography settles every line (``settled_roles``: headlines marked
        with #, nothing on the page the marks leave open) is not given to the model.
        """
        if not lines:
            return []
        furniture = [furniture_shape(lines, index) for index in range(len(lines))]
        if not any(furniture):
            return self._read(lines)
        # furniture by its shape (a website's links, a page number, a jump line) is left out of the page the
        # model reads, as it was left out of the pages it learnt from: it says nothing about the lines around it
        kept = [index for index, reason in enumerate(furniture) if reason is None]
        inner = iter(self._read([lines[index] for index in kept]))
        readings = [next(inner) if reason is None else RoleReading(LineRole.FURNITURE, {}, [reason])
                    for reason in furniture]
        for index in range(1, len(lines)):
            above = lines[index - 1]
            if (
                furniture[index] is not None
                and JUMP_LINE_RE.match(lines[index].text)
                and not JUMP_IN_RE.match(lines[index].text)
                and readings[index - 1].role in HEADLINE_ROLES
                and above.kind in (LineKind.BODY, LineKind.SHORT)
                and ends_open(above.text)
            ):
                # …等造成 / （转第2版）: an unfinished line sent on to another page is text, not a headline
                readings[index - 1] = RoleReading(LineRole.BODY, {}, ["an unfinished line the page sends on elsewhere"])
        return readings

    def _read(self, lines: Sequence[PageLine]) -> list[RoleReading]:
        if not lines:
            return []
        settled = settled_roles(lines)
        if settled is not None:
            settled_readings = [RoleReading(role, {}, [reason]) for role, reason in settled]
            _apply_certainties(lines, settled_readings)
            return settled_readings
        positions = page_positions(lines)
        features = page_features(lines, positions)
        tagger = self.tagger
        labels = tagger.tag(features)
        known = self.known_roles()
        readings: list[RoleReading] = []
        for position, (span, label) in enumerate(zip(positions, labels, strict=True)):
            role = _ROLE_OF[label]
            confidence = tagger.marginal(label, position)
            if confidence >= NEAR_CERTAIN:
                probabilities = {role: confidence}
            else:
                probabilities = {other: tagger.marginal(name, position) for name, other in known}
            reading = RoleReading(role, probabilities, by_model=True)
            reading._explain = partial(self._reasons_for, features[position], reading)
            readings += [reading] * len(span)  # read once, the same for every line of a run of paragraphs
        _titles_the_marginals_prefer(lines, readings)
        _titles_carrying_their_column_label(lines, readings)
        _producers_over_a_production_credit(lines, readings)
        _agree_with_marked_headlines(lines, readings)
        _report_opens_under(lines, readings)
        _intertitles_inside_a_story(lines, readings)
        _intertitles_by_their_shape(lines, readings)
        _column_labels_over_a_title(lines, readings)
        _no_intertitles_among_briefs(lines, readings)
        _titles_over_an_authors_name(lines, readings)
        _no_intertitle_over_a_headline(lines, readings)
        _plain_lines_among_marked_headlines(lines, readings)
        _no_intertitle_inside_a_cut_sentence(lines, readings)
        _kickers_over_a_sure_title(lines, readings)
        _no_intertitle_opening_the_page(lines, readings)
        _apply_certainties(lines, readings)
        return readings

    def known_roles(self) -> list[tuple[str, LineRole]]:
        known = getattr(self._local, "known", None)
        if known is None:
            known = [(label, LineRole(label)) for label in self.tagger.labels()]
            self._local.known = known
        return known

    def _reasons_for(self, features: list[str], reading: RoleReading) -> list[str]:
        return self.explain(features, reading.role, reading.runner_up)

    def explain(self, features: list[str], role: LineRole, against: LineRole | None, top: int = 3) -> list[str]:
        """The features of a line that weigh most for ``role`` and against ``against``."""
        weights = self.weights()
        scored = []
        for feature in features:
            if feature == "bias":
                continue
            margin = weights.get((feature, role.value), 0.0)
            if against is not None:
                margin -= weights.get((feature, against.value), 0.0)
            if margin > 0:
                scored.append((margin, feature))
        scored.sort(reverse=True)
        return [feature for _, feature in scored[:top]]


# A headline the model is this sure of sets the page's headline style; a line it is less sure of follows it.
STYLE_SETTER = 0.9
KICKERS_TITLE = 0.5
STYLE_FOLLOWER_MIN = 0.05


def headline_mark(text: str) -> str | None:
    """The typographic mark a line opens with, if any: a bullet (■), a bracket around it (【…】), a number (1. / 一、)."""
    first = text[:1]
    if not first:
        return None
    if first in BYLINE_BULLETS:
        return "bullet"
    if first in "【[［" and text[-1] in "】]］":
        return "bracket"
    if first.isdigit() and len(text) > 2 and text[1:3].lstrip("0123456789")[:1] in ("、", ".", "．"):
        return "number"
    if first in "一二三四五六七八九十" and len(text) > 2 and text[1] in "、．.":
        return "han-number"
    return None


def _titles_carrying_their_column_label(lines: Sequence[PageLine], readings: list[RoleReading]) -> None:
    """A short line carrying a column's label before a vertical bar (``古城寻“宝”记|平遥推光漆器``) that the model read as an
    intertitle is a headline: a column label stands over or beside a headline, never an intertitle."""
    for index, line in enumerate(lines):
        reading = readings[index]
        if line.kind is LineKind.SHORT and reading.role is LineRole.SUBHEAD and COLUMN_ON_TITLE_RE.match(line.text):
            readings[index] = RoleReading(LineRole.TITLE, reading.probabilities,
                                          ["a column's label before a vertical bar: a headline's, not an intertitle's"])


def _producers_over_a_production_credit(lines: Sequence[PageLine], readings: list[RoleReading]) -> None:
    """Short lines printed with no blank line between them over a production credit (``新华网某某频道`` / ``某某厅`` /
    ``联合出品``) name who produced the piece: they close it, as the credit does, whatever the model read them as."""
    for index, line in enumerate(lines):
        if not line.text.endswith(PRODUCTION_WORDS) or not PRODUCTION_LINE_RE.match(line.text):
            continue
        k = index - 1
        while (
            k >= 0
            and lines[k].number == lines[k + 1].number - 1
            and lines[k].kind in (LineKind.SHORT, LineKind.SECTION)
            and not SENTENCE_END.intersection(lines[k].text)
        ):
            readings[k] = RoleReading(LineRole.BYLINE, readings[k].probabilities,
                                      ["a producer's name printed over a production credit"])
            k -= 1
        if k < index - 1:
            readings[index] = RoleReading(LineRole.BYLINE, readings[index].probabilities,
                                          ["a production credit closing the piece"])


def _titles_the_marginals_prefer(lines: Sequence[PageLine], readings: list[RoleReading]) -> None:
    """A short line the model's best path reads as text, though line by line it gives the title more chance than text,
    standing alone with no sentence end after a finished paragraph, is a title: the path weighs the lines round it
    together, the marginal weighs this one (``在书写…展示新作为`` title 0.53 / text 0.46 over ``创新举措。``)."""
    for index in range(1, len(lines)):
        line, reading = lines[index], readings[index]
        above = index - 1
        while above > 0 and lines[above].kind is LineKind.SHORT:
            above -= 1  # over a run of short lines (its kicker), the text before the run
        if (
            line.kind is LineKind.SHORT
            and reading.role is LineRole.BODY
            and reading.by_model
            and reading.probability(LineRole.TITLE) > reading.probability(LineRole.BODY)
            and _last_mark(line.text) not in SENTENCE_END
            and lines[above].kind is not LineKind.SHORT
            and (readings[above].role is not LineRole.BODY or not ends_open(lines[above].text))
        ):
            readings[index] = RoleReading(LineRole.TITLE, reading.probabilities,
                                          ["a short line the model gives more chance of a title than of text"])


def _agree_with_marked_headlines(lines: Sequence[PageLine], readings: list[RoleReading]) -> None:
    """Headlines of one page look alike: where the model is sure a line marked ■, 【】 or 1. is a title, another
    line with the same mark that it read as text or intertitle, but gave some chance of being a headline, is one too.

    This is the global pass over the model's marginals: one decision the model is sure of carries the
    page's style to the close calls, which the model weighs line by line.
    """
    marks = [headline_mark(line.text) if line.kind is not LineKind.BYLINE else None for line in lines]
    setters = {mark for mark, reading in zip(marks, readings, strict=True)
               if mark and reading.role is LineRole.TITLE and reading.confidence >= STYLE_SETTER}
    if not setters:
        return
    for index, (mark, reading) in enumerate(zip(marks, readings, strict=True)):
        if (
            mark in setters
            and reading.role in (LineRole.SUBHEAD, LineRole.BODY)
            and lines[index].kind is LineKind.SHORT
            and reading.headline_probability >= STYLE_FOLLOWER_MIN
        ):
            probabilities = dict(reading.probabilities)
            readings[index] = RoleReading(LineRole.TITLE, probabilities,
                                          [f"opens with the mark of the page's other headlines ({mark})"])


# A short line read as text with at least this chance of being a headline, right over a title, is a close call.
KICKER_CLOSE_CALL = 0.4
# A headline the model gives at least this chance is not made text by a word the segmenter only guesses across the cut.
GLUE_OVERRULED_BY = 0.5
# A line read as an intertitle with at least this chance of being a headline is a close call.
CLOSE_CALL = 0.1


def _report_opens_under(lines: Sequence[PageLine], readings: list[RoleReading]) -> None:
    """A plain line the model doubted, with what follows it opening an article, is a headline.

    - read as an intertitle, after a finished paragraph or a line that signed the article above off, and over
      a paragraph that opens the way news reports open (a date, 近日，, 记者从…了解到, a dateline): intertitles
      come inside an article's run of text, a report's opening formula under a line is the cut between two;
    - read as page furniture, over a byline line or such an opening: a page header is followed by a headline,
      never by a byline or a report's first sentence.

    Only the model's close calls (a headline probability of ``CLOSE_CALL`` or more) are reconsidered, but for an
    intertitle under text with no headline over it on the page (the page opens on a piece continued from elsewhere):
    on the seed and tuning pages the one such line over a report's opening is a title, however little chance the
    model gives it of being one.
    """
    for index in range(len(lines) - 1):
        reading, line = readings[index], lines[index]
        below = lines[index + 1]
        opening = below.kind is LineKind.BODY and opens_like_a_report(below.text)
        if (
            line.kind in (LineKind.SHORT, LineKind.HEADING)
            and (opening or below.kind is LineKind.BYLINE)
            and (reading.role is LineRole.FURNITURE or reading.role in HEADLINE_ROLES)
            and 0 < reading.probability(LineRole.FURNITURE) < 1
        ):
            # a page header is followed by a headline, never by a byline or a report's opening: whatever chance the
            # model gave the line of being one is its chance of being the headline over them (0.93 page header
            # over 本报记者 某某 is a title the model took for the page's header, as pages open on their header)
            readings[index] = _header_ruled_out(reading)
            continue
        # text with no headline over it on the page is a piece continued from elsewhere: an intertitle under it over
        # a report's opening would leave the report without a headline, whatever the model made of the line
        headless_above = index > 0 and not any(readings[k].role in HEADLINE_ROLES for k in range(index))
        if line.kind is not LineKind.SHORT:
            continue
        if (
            reading.headline_probability < CLOSE_CALL
            and not headless_above
            and not (reading.role is LineRole.SUBHEAD and opening and _another_story_under(lines, readings, index))
        ):
            continue
        if reading.role is LineRole.SUBHEAD and index:
            above = lines[index - 1]
            # an intertitle comes between paragraphs of one story, after a finished one: after a sign-off, a credit, or
            # a paragraph (or a short line of text) the layout cut off, whose sentence goes on elsewhere on the page
            # and not in this line (the certainties would take that for text), a short line over a report's opening
            # is a headline
            after_text = above.kind in (LineKind.BODY, LineKind.BYLINE, LineKind.CREDIT) or (
                above.kind is LineKind.SHORT and readings[index - 1].role in (LineRole.BODY, LineRole.SUBHEAD))
            if after_text and opening:
                readings[index] = RoleReading(LineRole.TITLE, dict(reading.probabilities),
                                              ["a news report's opening under it, the text above finished"])
        elif (
            reading.role is LineRole.FURNITURE
            and below.kind is LineKind.BODY
            # a paragraph, or a long line the model doubted as an intertitle (no intertitle is that long: the
            # certainties read it as text)
            and readings[index + 1].role in (LineRole.BODY, LineRole.SUBHEAD)
            and not starts_mid_sentence(below.text)
            and not any(readings[k].role in HEADLINE_ROLES for k in range(index))
        ):
            # a page header is followed by a headline; text right under one, with no headline on the page above
            # it, is a continuation from another page, which opens inside a sentence. A paragraph opening a
            # sentence under a doubted header is the text of the headline the line is
            readings[index] = RoleReading(LineRole.TITLE, dict(reading.probabilities),
                                          ["a paragraph opening a sentence under it, as no page header has"])


def _another_story_under(lines: Sequence[PageLine], readings: list[RoleReading], index: int) -> bool:
    """Does the paragraph under line ``index`` tell of other people, places and things than the text over it, back to
    the headline above (``topics``: IDF-weighted bigrams, so names count and the page's common words do not)?

    An intertitle stands between two parts of one story; under a line the model takes for one with all its
    confidence, a report's opening formula that names none of what the story above names is the next article's
    start (the mirror of ``_intertitles_inside_a_story``, which keeps a doubted headline inside a story that goes on).
    Not where the story above already has an intertitle: a feature told in episodes opens each on its own date,
    place and people (``“帕拉达”号四度访青`` / ``200选手进驻OP帆船营`` / ``8月10日，…OP帆船营…``).
    """
    story = []
    for k in range(index - 1, -1, -1):
        if readings[k].role in HEADLINE_ROLES:
            break
        if readings[k].role is LineRole.SUBHEAD:
            return False  # a story already told in parts: its next part may open on its own date and people
        if readings[k].role is LineRole.BODY:
            story.append(lines[k].grams)
    if not story:
        return False
    space = TopicSpace(line.grams for line, reading in zip(lines, readings, strict=True) if reading.role is LineRole.BODY)
    return space.similarity(space.topic(lines[index + 1].grams), space.topic(*story)) < STORY_GOES_ON


def _header_ruled_out(reading: RoleReading) -> RoleReading:
    """The reading of a line that cannot be a page header: the model's chance of furniture goes to the title."""
    probabilities = dict(reading.probabilities)
    furniture = probabilities.pop(LineRole.FURNITURE, 0.0)
    probabilities[LineRole.TITLE] = probabilities.get(LineRole.TITLE, 0.0) + furniture
    if reading.role is LineRole.FURNITURE:
        return RoleReading(LineRole.TITLE, probabilities, ["a byline or a report's opening under it, as no page header has"])
    kept = RoleReading(reading.role, probabilities, by_model=reading.by_model)
    kept._explain = reading._explain
    return kept


# How alike (IDF-weighted bigrams, 0 to 1) the paragraph under such a run and the text over it must be to read as one
# story: the same names and things, not only the page's subject (a weather page's reports share more than 0.4).
STORY_GOES_ON = 0.5
# IDF weighs only the pairs found in some of a page's paragraphs but not all: a page of fewer paragraphs than this
# weighs nothing they share, and a paragraph goes on with the story over it when they share this many pairs.
WEIGHTED_TOPIC_MIN_PARAGRAPHS = 3
STORY_SHARED_PAIRS = 4
_MAX_INTERTITLE_LINES = 2


def _intertitles_inside_a_story(lines: Sequence[PageLine], readings: list[RoleReading]) -> None:
    """A run of one or two short lines read as a headline, inside a story that goes on under it, is an intertitle
    (``坐轮椅乘地铁`` / ``工作人员的专业服务让人满意``, ``庭审现场``).

    The run comes after a finished paragraph of text (no sign-off, no credit between), the paragraph under it does
    not open on a report's formula (no dateline or byline, no 近日，; a date alone may open a story's next episode)
    and it goes on with the same people, places and things as the text over it: IDF-weighted bigrams of the page's
    paragraphs (``topics``), so a name counts and the page's common words do not. However sure the model is: it
    reads a short line between paragraphs by its shape, and the shape of a lone intertitle is a headline's. A
    ``人名：短语`` line over a paragraph that opens on that name is a profile's part (a new person, so the names
    above need not go on).
    """
    space: TopicSpace | None = None
    few_paragraphs = False
    index = 0
    while index < len(lines):
        if readings[index].role not in HEADLINE_ROLES:
            index += 1
            continue
        start = index
        while index < len(lines) and readings[index].role in HEADLINE_ROLES:
            index += 1
        run = range(start, index)
        if (
            len(run) > _MAX_INTERTITLE_LINES
            or not start
            or index >= len(lines)
            or any(lines[k].kind is not LineKind.SHORT for k in run)
            or any(COLUMN_ON_TITLE_RE.match(lines[k].text) for k in run)
            or any(lines[k].text.startswith(KICKER_DASHES) for k in run[1:])
        ):
            # 栏目丨标题: a column label on the line is a headline's furniture, never an intertitle's; and a line
            # leading off with a dash under the first (千年等“垕” 为“钧”而来 / ——第十一届…举行！) is a headline's
            # subtitle: an intertitle names its part in one line and has no subtitle
            continue
        above, below = lines[start - 1], lines[index]
        if (
            above.kind is not LineKind.BODY
            or readings[start - 1].role is not LineRole.BODY
            or ends_open(above.text)
            or below.kind is not LineKind.BODY
            or readings[index].role is not LineRole.BODY
            or opens_like_a_dispatch(below.text)
            or bylines.has_photo_credit(below.text)
            or _headline_and_subtitle_over_a_report(lines, start)
        ):
            continue
        if (
            len(run) == 1
            and readings[start].probability(LineRole.TITLE) >= STYLE_SETTER
            and opens_like_a_report(below.text)
            and _restates(below.text, lines[start].text)
        ):
            continue  # a dated lede that restates the line the model is sure is a title: a report's headline and lede
        if len(run) == 1 and introduced_person(lines[start].text, below.text):
            readings[start] = RoleReading(LineRole.SUBHEAD, dict(readings[start].probabilities),
                                          ["人名：短语 over a paragraph that opens on that name: a profile's part"])
            continue
        story = []
        siblings = []
        for k in range(start - 1, -1, -1):
            if readings[k].role in HEADLINE_ROLES:
                break
            if readings[k].role is LineRole.BODY:
                story.append(lines[k].grams)
            elif readings[k].role is LineRole.SUBHEAD and lines[k].kind is LineKind.SHORT:
                siblings.append(lines[k].text)
        if siblings and not any(_alike_intertitles(lines[k].text, sibling) for k in run for sibling in siblings):
            # the story above already names its parts, in lines of another shape and length (神奇的北极村 against
            # 冬季漠河 各种“最北”等你来找): a feature prints its intertitles alike, so a line unlike them is no
            # part of it, however many of the page's names the text under it shares (a page on one place
            # shares them all); siblings alike (庭审现场 / 案情回放) leave it to the topic
            continue
        if space is None:
            paragraphs = [line.grams for line, reading in zip(lines, readings, strict=True)
                          if reading.role is LineRole.BODY]
            space = TopicSpace(paragraphs)
            few_paragraphs = len(paragraphs) < WEIGHTED_TOPIC_MIN_PARAGRAPHS
        if few_paragraphs:
            # two paragraphs weigh nothing they share (a pair in every paragraph says nothing of either): a plain
            # count of the pairs the paragraph shares with the story above (小区, 投放点 …), as layout's doubt does
            if len(frozenset().union(*story) & below.grams) < STORY_SHARED_PAIRS:
                continue
        elif space.similarity(space.topic(below.grams), space.topic(*story)) < STORY_GOES_ON:
            continue
        for k in run:
            readings[k] = RoleReading(LineRole.SUBHEAD, dict(readings[k].probabilities),
                                      ["a doubted headline inside a story that goes on under it"])



# How much longer or shorter than its sibling an intertitle of the same feature may be (庭审现场 / 案情回放, 种群复壮 /
# 麋鹿回归): a feature prints its parts' names to one measure, a headline is set to its own.
_SIBLING_LENGTH_RATIO = 2.0
_INNER_SPACE_RE = re.compile(r"\S[ \t\u3000]+\S")


def _alike_intertitles(line: str, sibling: str) -> bool:
    """Is a short line shaped like an intertitle its story already has: about the same length, and both or neither
    printed in two parts with a space between (冬季漠河 各种“最北”等你来找, a headline's way of setting two phrases)?"""
    longer, shorter = max(len(line), len(sibling)), max(1, min(len(line), len(sibling)))
    return (
        longer <= _SIBLING_LENGTH_RATIO * shorter
        and bool(_INNER_SPACE_RE.search(line)) == bool(_INNER_SPACE_RE.search(sibling))
    )


# The share of a headline's character pairs its report's first sentence repeats (第四届平遥国际电影展拉开帷幕 /
# 10月10日，第四届平遥国际电影展于…拉开帷幕，…): a lede restates its headline.
_RESTATED_SHARE = 0.6
_FIRST_SENTENCE_RE = re.compile("^[^。！？!?]*")


def _restates(paragraph: str, line: str) -> bool:
    """Does the paragraph's first sentence repeat most of the line's character pairs?"""
    pairs = {line[k : k + 2] for k in range(len(line) - 1)}
    match = _FIRST_SENTENCE_RE.match(paragraph)
    first = match.group(0) if match else paragraph
    return bool(pairs) and sum(pair in first for pair in pairs) >= _RESTATED_SHARE * len(pairs)


# How long the theme before an intertitle's colon is (土地变了：…, 初心与传承：…): a short phrase, not a sentence.
_THEME_LEN = range(3, 7)
_THEME_COLON_RE = re.compile(r"^([^：:，。“”]+)[：:](?=.)")
# jieba's tags for the names a headline's colon follows (贵阳乌当：…, 卢少奎：…, 台湾气象署：…): places, people, bodies
_NAME_TAGS = ("ns", "nr", "nt")
_PERSONAL_NAME_MAX_LEN = 3


def _shaped_like_an_intertitle(text: str) -> bool:
    """Is a short line shaped the way a feature labels its parts, not the way a headline reads?

    - wholly in quotes (a pull-quote from the part under it: ``“云南咖啡的名气就像普洱茶一样越来越大”``): a quoted
      headline between two paragraphs comes with a kicker or a column label over it;
    - a theme and a colon (``土地变了：守住黑土就守住了粮仓``, ``初心与传承：半个世纪的田野坚守``): a headline's colon
      follows where or who the news is about (``吉林：…``, ``卢少奎：…``), an intertitle's follows a short phrase
      naming no place, person or body.
    """
    if text.startswith("“") and text.endswith("”") and text.count("“") == 1:
        return True
    theme = _THEME_COLON_RE.match(text)
    if theme is None or len(theme.group(1)) not in _THEME_LEN or not all(HAN_RE.match(ch) for ch in theme.group(1)):
        return False
    name = theme.group(1)
    words = get_segmenter().tag(name)
    return (
        name[-1] not in PLACE_OR_BODY_ENDINGS
        and not (len(name) <= _PERSONAL_NAME_MAX_LEN and name[0] in common_surnames())  # 罗永福：…, a name jieba misses
        and not any(tag.startswith(_NAME_TAGS) for _, tag in words)
    )


def _intertitles_by_their_shape(lines: Sequence[PageLine], readings: list[RoleReading]) -> None:
    """A lone short line read as a headline, shaped like an intertitle (``_shaped_like_an_intertitle``), between a
    finished paragraph (or a caption's credit) and one that does not open a report (no date, dateline, byline or
    近日，) and is no photo caption, is an intertitle of the story it stands in. The model's
    probabilities are kept, so a cut it thought likely is still flagged for the reviewer."""
    for index in range(1, len(lines) - 1):
        line, reading, above, below = lines[index], readings[index], lines[index - 1], lines[index + 1]
        if (
            line.kind is LineKind.SHORT
            and reading.role in HEADLINE_ROLES
            and _lone(lines, index)
            and above.kind is LineKind.BODY
            and readings[index - 1].role is LineRole.BODY
            and not _cut_mid_sentence(above.text)
            and below.kind is LineKind.BODY
            and readings[index + 1].role is LineRole.BODY
            and not opens_like_a_report(below.text)
            and not bylines.has_photo_credit(below.text)
            and _shaped_like_an_intertitle(line.text)
        ):
            readings[index] = RoleReading(LineRole.SUBHEAD, dict(reading.probabilities),
                                          ["shaped like an intertitle (a pull-quote, or a theme and a colon), "
                                           "between paragraphs of a story"])


def _column_labels_over_a_title(lines: Sequence[PageLine], readings: list[RoleReading]) -> None:
    """A line shaped like a column label (``瓷都速递``) that the model read as an intertitle, over a short line read
    as an intertitle or a headline and over text, is the column label of the headline under it: an intertitle
    does not come in pairs, and a column label heads a headline (on the seed and tuning pages, every line of that
    shape over a short line is a column label or a page header)."""
    for index in range(len(lines) - 2):
        if (
            lines[index].kind is LineKind.SECTION
            and readings[index].role is LineRole.SUBHEAD
            and lines[index + 1].kind is LineKind.SHORT
            and readings[index + 1].role in (LineRole.SUBHEAD, LineRole.TITLE)
            and lines[index + 2].kind is LineKind.BODY
        ):
            readings[index] = RoleReading(LineRole.SECTION, dict(readings[index].probabilities),
                                          ["a column label over a short line and text"])
            readings[index + 1] = RoleReading(LineRole.TITLE, dict(readings[index + 1].probabilities),
                                              ["under a column label"])


def _no_intertitles_among_briefs(lines: Sequence[PageLine], readings: list[RoleReading]) -> None:
    """Under a briefs column's label (简讯, 某某动态, 某某速递), down to the next column label, ``#`` heading,
    advertisement or line of page furniture, a
    short line read as an intertitle is the headline of the next brief: a brief is too short to have parts (on the
    seed and tuning pages all 17 short lines in such a column are headlines). The model's probabilities are kept."""
    in_briefs = False
    for index, (line, reading) in enumerate(zip(lines, readings, strict=True)):
        if line.kind is LineKind.SECTION or (line.kind is LineKind.SHORT and reading.role is LineRole.SECTION):
            in_briefs = is_briefs_label(line.text)
            continue
        if line.kind in (LineKind.HEADING, LineKind.AD) or reading.role in (LineRole.AD, LineRole.FURNITURE):
            in_briefs = False  # a # heading, an advertisement or the page's furniture closes the column
        if in_briefs and line.kind is LineKind.SHORT and reading.role is LineRole.SUBHEAD:
            readings[index] = RoleReading(LineRole.TITLE, dict(reading.probabilities),
                                          ["in a briefs column, whose briefs have no intertitles"])


def _is_bare_name(text: str) -> bool:
    """A person's name printed alone (``刘宏图``): three Han characters, a common surname first, no word jieba's
    dictionary knows (张家口, 黄金周 and 陈列馆 are words) and no ending of a place or a body."""
    return (
        len(text) == 3
        and all(HAN_RE.fullmatch(ch) for ch in text)
        and text[0] in common_surnames()
        and text[-1] not in PLACE_OR_BODY_ENDINGS
        and not get_segmenter().has_word(text)
    )


_AUTHORS_TITLE = "an author's bare name under it, over the text"


def _titles_over_an_authors_name(lines: Sequence[PageLine], readings: list[RoleReading]) -> None:
    """A short line over an author's bare name over text, after finished text or a sign-off, is a headline and the
    name its byline (a letter or a commentary: ``闻过则喜，更上层楼`` / ``刘宏图``): an intertitle has no author. Also
    where the model read the line as a kicker and the name as its title (``神州北极`` / ``韩加君``): no headline on the
    seed and tuning pages is a bare name, so the name is who wrote the piece and the line over it its title."""
    for index in range(1, len(lines) - 2):
        line, name, text, above = lines[index], lines[index + 1], lines[index + 2], lines[index - 1]
        reading = readings[index]
        if (
            line.kind is not LineKind.SHORT
            or (reading.role in HEADLINE_ROLES and readings[index + 1].role not in HEADLINE_ROLES)
            or name.kind is not LineKind.SHORT
            or text.kind is not LineKind.BODY
            or not _is_bare_name(name.text)
        ):
            continue
        finished = (above.kind is LineKind.BODY and not ends_open(above.text)) or above.kind in (
            LineKind.BYLINE, LineKind.CREDIT)
        if not finished:
            continue
        readings[index] = RoleReading(LineRole.TITLE, dict(reading.probabilities), [_AUTHORS_TITLE])
        readings[index + 1] = RoleReading(LineRole.BYLINE, dict(readings[index + 1].probabilities),
                                          ["an author's bare name under a headline"])


def _no_intertitle_over_a_headline(lines: Sequence[PageLine], readings: list[RoleReading]) -> None:
    """A short line read as an intertitle, right over a line read as a title or kicker, belongs to that headline as
    its column label or kicker (``经济短讯`` over a brief's title): an intertitle is followed by text. And a short
    line the model doubted between text and kicker, alone between finished text and a title, is its kicker."""
    for index in range(len(lines) - 1, 0, -1):
        reading = readings[index - 1]
        if (
            reading.role is LineRole.BODY
            and reading.probabilities
            and lines[index - 1].kind is LineKind.SHORT
            and readings[index].role is LineRole.TITLE
            and reading.headline_probability >= KICKER_CLOSE_CALL
            and index > 1
            and lines[index - 2].kind is LineKind.BODY
            and not ends_open(lines[index - 2].text)
        ):
            # a short line the model doubted between text and kicker, alone between finished text and a title:
            # no paragraph is one short line there, a kicker is
            readings[index - 1] = RoleReading(LineRole.KICKER, dict(reading.probabilities),
                                              ["a doubted short line between finished text and a title"])
            continue
        if (
            reading.role is LineRole.SUBHEAD
            and lines[index - 1].kind in (LineKind.SHORT, LineKind.SECTION)
            and readings[index].role in (LineRole.TITLE, LineRole.KICKER)
        ):
            if reading.probability(LineRole.BODY) > reading.headline_probability:
                # the model's other reading is text, not a headline line: a sentence cut short (回想七十年前，1955年)
                # over the next article's headline, its rest printed further down
                readings[index - 1] = RoleReading(LineRole.BODY, dict(reading.probabilities),
                                                  ["over a headline, and more likely text than a headline line"])
                continue
            role = (LineRole.SECTION if reading.probability(LineRole.SECTION) >= reading.probability(LineRole.KICKER)
                    else LineRole.KICKER)
            readings[index - 1] = RoleReading(role, dict(reading.probabilities),
                                              ["over a headline: an intertitle is followed by text"])


# A headline the model gives less than this is doubted (the cut it opens is flagged for the reviewer).
DOUBTED_HEADLINE = 0.8


def _plain_lines_among_marked_headlines(lines: Sequence[PageLine], readings: list[RoleReading]) -> None:
    """On a page that marks its headlines with ``#`` (one at least, read as a title), a plain short line standing
    alone between finished text and text that does not open a report, that the model doubted as a headline, is an
    intertitle (``# 春耕时节农机忙`` … ``备足农资，保障春耕不误时``): headlines of one page look alike, and nothing
    under the line (a byline, a dateline, a caption) introduces an article. Not on a page where the model is sure
    (``STYLE_SETTER``) of a plain headline: that page prints some of its headlines without #."""
    if not any(line.kind is LineKind.HEADING and line.level <= 2 and not line.section_like
               and reading.role is LineRole.TITLE for line, reading in zip(lines, readings, strict=True)):
        return
    if any(line.kind is LineKind.SHORT and reading.role is LineRole.TITLE
           and (reading.confidence >= STYLE_SETTER or _AUTHORS_TITLE in reading.reasons)
           for line, reading in zip(lines, readings, strict=True)):
        # a plain headline the model is sure of, or one its author's name under it shows: this page does not mark
        # all its headlines with #
        return
    for index in range(1, len(lines) - 1):
        line, reading, above, below = lines[index], readings[index], lines[index - 1], lines[index + 1]
        if (
            line.kind is LineKind.SHORT
            and reading.role in HEADLINE_ROLES
            and reading.probabilities
            and reading.confidence < DOUBTED_HEADLINE
            and _lone(lines, index)
            and above.kind is LineKind.BODY
            and readings[index - 1].role is LineRole.BODY
            and not ends_open(above.text)
            and below.kind is LineKind.BODY
            and not opens_like_a_report(below.text)
            and not _introduces(lines, index)
        ):
            readings[index] = RoleReading(LineRole.SUBHEAD, dict(reading.probabilities),
                                          ["a plain line among headlines marked with #"])


def _no_intertitle_inside_a_cut_sentence(lines: Sequence[PageLine], readings: list[RoleReading]) -> None:
    """A short line read as an intertitle right under a paragraph that stops mid-sentence, and that does not go on
    with it, is a headline (``…回想70年前，1952年`` / ``滨江渔港迎来开海季``): an intertitle stands between finished
    paragraphs, so a sentence cut before a short line it does not run into goes on elsewhere on the page, past the
    next article's headline. (On the seed and tuning pages no intertitle follows such a paragraph; 24 titles do.)
    A word read across into the line (…2012年，西 / 江城农家乐… gives 西江) does not tie it to the sentence by itself
    (a headline's first word meets the cut by chance; on the seed and tuning pages every short line under such a
    paragraph is a headline line or page furniture, none an intertitle or the sentence's rest): the line is a headline
    where the model gives it more chance of a headline than of text, or where a paragraph further down resumes the
    sentence with a name the article prints (西 / 山村成立了… gives its own 西山村) and the line does not (an article
    repeats its own names).
    The model's probabilities are kept, so a cut it doubted is still flagged for the reviewer."""
    for index in range(1, len(lines)):
        line, reading, above = lines[index], readings[index], lines[index - 1]
        if (
            reading.role is LineRole.SUBHEAD
            and line.kind is LineKind.SHORT
            and above.kind is LineKind.BODY
            and readings[index - 1].role is LineRole.BODY
            and _cut_mid_sentence(above.text)
            and not starts_mid_sentence(line.text)
            and not starts_with_stray_char(line.text)
        ):
            evidence = join_evidence(above.text, line.text, adjacent=False)
            if not evidence.binds:
                reason = "under a sentence cut short that it does not go on with"
            elif not evidence.left_unfinished and reading.headline_probability >= reading.probability(LineRole.BODY):
                reason = (f"under a sentence cut short: only '{evidence.word}' reads across, and the model gives the line "
                          "more chance of a headline than of the sentence's rest")
            elif not evidence.left_unfinished and _resumed_further_down_with_its_name(lines, readings, index):
                reason = "under a sentence cut short that a paragraph further down resumes with a name of its article"
            else:
                continue
            readings[index] = RoleReading(LineRole.TITLE, dict(reading.probabilities), [reason])


def _resumed_further_down_with_its_name(lines: Sequence[PageLine], readings: list[RoleReading], index: int) -> bool:
    """Is the sentence cut at the end of line ``index - 1`` resumed by a paragraph further down the page with a name
    its article prints elsewhere (``joins.name_across``), while the word read across into line ``index`` is no such
    name?"""
    left = lines[index - 1].text
    start = index - 1
    while start > 0 and readings[start - 1].role not in HEADLINE_ROLES:
        start -= 1
    printed = "\n".join(lines[k].text for k in range(start, index - 1))
    if name_across(printed, left, lines[index].text, word_across(left, lines[index].text)):
        return False
    return any(
        lines[k].kind is LineKind.BODY
        and name_across(printed, left, lines[k].text, word_across(left, lines[k].text))
        for k in range(index + 2, len(lines))
    )


def _no_intertitle_opening_the_page(lines: Sequence[PageLine], readings: list[RoleReading]) -> None:
    """The page's first line that is not its furniture, a short line read as an intertitle over text, is a headline:
    an intertitle names a part of an article already begun, and above it no article has begun (no seed or tuning
    page opens on one: 76 open on a title, 28 on a kicker or column label, 4 on text). The model's probabilities are
    kept, so a cut it doubted is still flagged."""
    first = next((k for k, reading in enumerate(readings) if reading.role is not LineRole.FURNITURE), None)
    if (
        first is not None
        and first + 1 < len(lines)
        and lines[first].kind is LineKind.SHORT
        and readings[first].role is LineRole.SUBHEAD
        and lines[first + 1].kind is LineKind.BODY
        and readings[first + 1].role is LineRole.BODY
    ):
        readings[first] = RoleReading(LineRole.TITLE, dict(readings[first].probabilities),
                                      ["the page's first line over text: no article has begun for an intertitle"])


def _kickers_over_a_sure_title(lines: Sequence[PageLine], readings: list[RoleReading]) -> None:
    """A short line read as text, after a finished paragraph and right over a line the model is sure is a title, is
    that title's kicker (`湖北工会…，掀起建功立业新热潮` / `在书写荆楚华章中…`): text is not printed as one short
    unfinished line standing between a finished paragraph and a headline, unless it is a paragraph cut short by the
    column, which a line further down then resumes (`…如今的三都` / `澳，渔排间距拉大…`).

    Of the short unfinished lines in that place on the seed and tuning pages, 24 are kickers or column labels and 3
    text cut short, each resumed further down."""
    for index in range(1, len(lines) - 1):
        line, previous, following = lines[index], lines[index - 1], lines[index + 1]
        reading, title = readings[index], readings[index + 1]
        if not (
            line.kind is LineKind.SHORT
            and reading.role is LineRole.BODY
            and reading.by_model
            and _last_mark(line.text) not in SENTENCE_END
            and previous.kind in (LineKind.BODY, LineKind.BYLINE, LineKind.CREDIT)
            and readings[index - 1].role in (LineRole.BODY, LineRole.BYLINE, LineRole.CREDIT)
            and not ends_open(previous.text)
            and following.kind in (LineKind.SHORT, LineKind.HEADING)
            and title.role is LineRole.TITLE
            # sure of it: the model, or a rule of the page's headlines (marked alike: 【…】, ■)
            and (title.probability(LineRole.TITLE) >= KICKERS_TITLE or not title.by_model)
            and not join_evidence(line.text, following.text, adjacent=True).binds
            and not _resumed_further_down(lines, readings, index)
        ):
            continue
        readings[index] = RoleReading(LineRole.KICKER, reading.probabilities,
                                      ["a short line between a finished paragraph and a sure title"])


def _resumed_further_down(lines: Sequence[PageLine], readings: list[RoleReading], index: int) -> bool:
    """Does a line of text further down take up the line at ``index`` mid-sentence, with a word read across?"""
    text = lines[index].text
    for k in range(index + 2, len(lines)):
        below = lines[k]
        if (
            below.kind is LineKind.BODY
            and readings[k].role is LineRole.BODY
            and (starts_mid_sentence(below.text) or starts_with_stray_char(below.text))
            and join_evidence(text, below.text, adjacent=False).word
        ):
            return True
    return False


def _cut_mid_sentence(text: str) -> bool:
    """Does a paragraph stop inside a sentence (not on a caption's credit or a signature, which end it)?"""
    return ends_open(text) and not bylines.has_photo_credit(text) and bylines.trailing_signature(text) is None


def _apply_certainties(lines: Sequence[PageLine], readings: list[RoleReading]) -> None:
    """Lines whose role is not a matter of weighing: typographic facts the model only confirms.

    - the word 阅读提示 and the line right under it (the box);
    - a Markdown heading of level 3 or deeper, and a lone ``##`` over plain text, on a
      page that marks its headlines with ``#``: an intertitle, as in any Markdown article;
      and on such a page a run of plain short lines over plain text is intertitles too;
    - a run of short lines over a photo caption (paragraphs ending in a credit) is its
      headline, on any page, and a line opening on a dash under a headline is its subtitle;
    - a short line whose sentence plainly runs on into the next line (a word across the
      cut, and a comma or function word before it: 为使…独立上岗条 / 件，…), or that is
      printed with no blank line under an unfinished line of text and goes on with it
      (text hard-wrapped at the column width), is body text, not a headline; and a short
      line nothing ties to the line below (no word across, no comma or function word
      before the cut, a clean sentence start after it) is no paragraph cut short either:
      it stands alone, as an intertitle.
    """
    markdown = is_markdown_page(lines)
    # a plain headline the model is sure of: this page prints some of its headlines without # (as the rule of
    # _plain_lines_among_marked_headlines has it), so a plain run it reads as a headline may be one
    plain_headlines = any(line.kind is LineKind.SHORT and reading.role is LineRole.TITLE
                          and ((reading.by_model and reading.confidence >= STYLE_SETTER)
                               or _AUTHORS_TITLE in reading.reasons)
                          for line, reading in zip(lines, readings, strict=True))
    marked_headlines = any(line.kind is LineKind.HEADING and line.level <= 2 and not line.section_like
                           and reading.role is LineRole.TITLE for line, reading in zip(lines, readings, strict=True))
    for index, line in enumerate(lines):
        reading = readings[index]
        following = lines[index + 1] if index + 1 < len(lines) else None
        previous = lines[index - 1] if index else None
        if line.kind is LineKind.PROMPT:
            readings[index] = RoleReading(LineRole.PROMPT)
            if following is not None and following.kind in (LineKind.BODY, LineKind.SHORT):
                readings[index + 1] = RoleReading(LineRole.BOX)
            continue
        if reading.role is LineRole.BOX and not reading.probabilities:
            continue  # set by the prompt above
        if (
            line.kind is LineKind.SHORT
            and _lone(lines, index)
            and reading.role in (*HEADLINE_ROLES, LineRole.SUBHEAD)
            and _under_a_box_after_a_sign_off(lines, readings, index)
        ):
            # the article above is signed off, so the box after it introduces the next one, and the line under the
            # box is that article's headline: a box stands over its headline or under it, never over an intertitle
            # of an article that has not started
            readings[index] = RoleReading(LineRole.TITLE, {}, ["under a 阅读提示 box printed after a signed-off text"])
            continue
        if reading.role in (LineRole.BOX, LineRole.PROMPT):
            # only 阅读提示 and the line under it are a box: elsewhere take the likeliest other role
            others = {r: p for r, p in reading.probabilities.items() if r not in (LineRole.BOX, LineRole.PROMPT)}
            role = max(others, key=others.__getitem__) if others else LineRole.BODY
            readings[index] = reading = RoleReading(role, reading.probabilities, ["not under 阅读提示"])
        if (
            line.kind is LineKind.BODY
            and reading.role is not LineRole.BODY
            and following is not None
            and following.kind is LineKind.SHORT
            and following.number == line.number + 1
            and ends_open(line.text)
            and join_evidence(line.text, following.text, adjacent=True).confidence >= JOIN_THRESHOLD
        ):
            # hard-wrapped text: the short line under it goes on with it (the certainty below reads it as text),
            # so this line is text too, not a kicker over it
            readings[index] = RoleReading(LineRole.BODY, {}, ["an unfinished line going on right under it"])
            continue
        if (
            line.kind is LineKind.BODY
            and reading.role in (LineRole.BYLINE, LineRole.CREDIT)
            and (credit := bylines.photo_credit(line.text)) is not None
            and credit[0] > 0
        ):
            # words of a caption before the credit that closes it (图为… 摄影：某某): a caption is text, whoever
            # is credited at its end
            readings[index] = RoleReading(LineRole.BODY, reading.probabilities, ["a caption closed by its credit"])
            continue
        if line.kind is LineKind.HEADING and line.level >= 3:
            readings[index] = RoleReading(LineRole.SUBHEAD, {}, ["a ### heading"])
            continue
        if line.kind in (LineKind.BYLINE, LineKind.CREDIT) and reading.role is LineRole.SUBHEAD:
            # a line that parses as a byline or a credit (□本报记者 某某 摄影报道) names who wrote or shot the piece:
            # no intertitle names a person with their role, so take the likelier of the two
            role = max((LineRole.BYLINE, LineRole.CREDIT), key=reading.probability)
            readings[index] = RoleReading(role, reading.probabilities, ["shaped like a byline, not an intertitle"])
            continue
        if (
            line.kind is LineKind.BODY
            and reading.role in HEADLINE_ROLES
            and _last_mark(line.text) == "。"
        ):
            # a long line closed by a full stop is a sentence of text: headlines end on no full stop (a long
            # subtitle is a run of clauses, a headline asks or exclaims)
            readings[index] = RoleReading(LineRole.BODY, reading.probabilities, ["a long line ending on a full stop"])
            continue
        if (
            reading.by_model
            and reading.role is LineRole.BYLINE
            and line.kind is LineKind.SHORT
            and not _BYLINE_WORD_RE.search(line.text)
            and not any(tag.startswith("nr") for _, tag in get_segmenter().tag(line.text))
        ):
            # a byline names its writer (a person, or 记者, 评论员, 文/图): a short line naming nobody (居民参与热情高)
            # is no byline, whatever its place; take the likeliest other role
            not_byline: dict[LineRole, float] = {
                r: p for r, p in reading.probabilities.items() if r is not LineRole.BYLINE}
            likeliest = max(not_byline, key=not_byline.__getitem__) if not_byline else LineRole.BODY
            readings[index] = reading = RoleReading(likeliest, reading.probabilities,
                                                    ["a short line that names no writer"])
        if (
            line.kind is LineKind.BODY
            and reading.role in HEADLINE_ROLES
            and bylines.has_leading_byline(line.text)
        ):
            # a long line opening on its dateline (本报讯 …, 新华社…电) is a report's first paragraph: a headline or its
            # subtitle names no dispatch
            readings[index] = RoleReading(LineRole.BODY, reading.probabilities, ["a long line opening on a dateline"])
            continue
        if (
            reading.by_model
            and reading.role in (LineRole.KICKER, LineRole.SUBTITLE)
            and line.kind in (LineKind.BODY, LineKind.SHORT)
            and _CLAUSE_BREAK_RE.search(line.text[:-1])
            and _cut_mid_sentence(line.text)
            and reading.probability(LineRole.BODY) >= reading.probability(reading.role)
            and not _opens_text_with_byline(following)
        ):
            # a sentence stopping mid-way after a clause (…2012年，西): the model's best path ran through a headline's
            # line, yet line by line it gives text as much chance; a kicker or subtitle is a finished phrase. Not
            # when a dateline or byline opens the next line: no sentence goes on into 本报讯…
            readings[index] = RoleReading(LineRole.BODY, reading.probabilities,
                                          ["a sentence cut mid-way, as likely text as a headline's line"])
            continue
        if (
            markdown
            and line.kind is LineKind.HEADING
            and line.level == 2
            and reading.role in HEADLINE_ROLES
            and _lone(lines, index)
            and not _introduces(lines, index)
            and not _after_a_sign_off(lines, index)
        ):
            readings[index] = RoleReading(LineRole.SUBHEAD, {}, ["a lone ## heading over plain text"])
            continue
        if (
            line.kind is LineKind.BODY
            and index
            and readings[index - 1].role in HEADLINE_ROLES
            and _opens_text_with_byline(following)
            and not SENTENCE_END.intersection(line.text)
            and not bylines.has_leading_byline(line.text)
        ):
            # a long line of clauses with no sentence in it, between a headline and the byline or dateline that
            # opens its text: the headline's subtitle (papers of the 1980s print long ones under the title)
            readings[index] = RoleReading(LineRole.SUBTITLE, {}, ["between a headline and the byline under it"])
            continue
        if line.kind is not LineKind.SHORT:
            continue
        if line.text.startswith(KICKER_DASHES) and index and readings[index - 1].role in HEADLINE_ROLES:
            # ——记某某: a subtitle leads off with a dash under its headline
            readings[index] = RoleReading(LineRole.SUBTITLE, {}, ["a line opening on a dash under a headline"])
            continue
        if (
            line.text.endswith(KICKER_DASHES)
            and reading.role not in HEADLINE_ROLES
            and following is not None
            and following.kind in (LineKind.SHORT, LineKind.HEADING)
            and readings[index + 1].role in HEADLINE_ROLES
        ):
            # …活起来——: a line ending on a dash leads into the headline under it, as its kicker
            readings[index] = RoleReading(LineRole.KICKER, reading.probabilities, ["a line leading into a headline with a dash"])
            continue
        if (
            index
            and readings[index - 1].role in HEADLINE_ROLES
            and reading.role not in HEADLINE_ROLES
            and _opens_text_with_byline(following)
        ):
            # between a headline and the byline or dateline that opens its text: the headline's subtitle
            readings[index] = RoleReading(LineRole.SUBTITLE, {}, ["between a headline and the byline under it"])
            continue
        if (
            previous is not None
            and previous.kind is LineKind.BODY
            and line.number == previous.number + 1
            and ends_open(previous.text)
            and join_evidence(previous.text, line.text, adjacent=True).confidence >= JOIN_THRESHOLD
        ):
            readings[index] = RoleReading(LineRole.BODY, {}, ["printed right under an unfinished line it goes on"])
            continue
        if following is not None and following.kind is LineKind.BODY and not line.text.endswith(KICKER_DASHES):
            evidence = join_evidence(line.text, following.text, adjacent=True)
            # only the segmenter's model glues the two characters round the cut (昨61台 / 刚过完…: 台刚), no word
            # of its dictionary, and nothing left unfinished: too little to overrule a headline the model is sure of
            guessed_word_only = (
                not evidence.left_unfinished
                and not get_segmenter().has_word(evidence.word)
                and reading.headline_probability >= GLUE_OVERRULED_BY
            )
            # the title of a headline block (under its kicker), over a paragraph that opens a sentence: a word read
            # across the cut is the segmenter's choice between two readings (南繁路 / 南海之滨: 路南 or 南海), no
            # sign that a sentence runs on (a paragraph's first line does not stand under a kicker)
            title_under_its_kicker = (
                not evidence.left_unfinished
                and reading.role is LineRole.TITLE
                and reading.probability(LineRole.TITLE) >= GLUE_OVERRULED_BY
                and index > 0
                and readings[index - 1].role in HEADLINE_ROLES
                and lines[index - 1].kind is LineKind.SHORT
                and not starts_mid_sentence(following.text)
            )
            if (
                reading.role is not LineRole.BODY
                and evidence.binds
                and evidence.confidence >= SHORT_LINE_JOIN
                and not guessed_word_only
                and not title_under_its_kicker
            ):
                readings[index] = RoleReading(LineRole.BODY, {}, ["the sentence runs on into the next line"])
                continue
            if (
                reading.role is LineRole.BODY
                and len(line.text) <= INTERTITLE_MAX_LEN
                and _last_mark(line.text) not in SENTENCE_END  # 问：…？ is a sentence, no intertitle
                and not evidence.binds
                and not starts_mid_sentence(following.text)
            ):
                # nothing ties it to the next line: a short line standing alone, not a paragraph cut short; an
                # intertitle, or a headline where the model gave that the greater chance, unless the page marks
                # its headlines with # and nothing under this plain line introduces an article (headlines of one
                # page look alike: a plain line among # headlines is an intertitle)
                headline = (reading.headline_probability > reading.probability(LineRole.SUBHEAD)
                            and not (marked_headlines and not _begins_a_piece(lines, index)))
                role = LineRole.TITLE if headline else LineRole.SUBHEAD
                readings[index] = RoleReading(role, reading.probabilities,
                                              ["a short line that does not run on into the next"])
                continue
        run = _plain_run(lines, index)
        if run is None or index != run.start:
            continue
        if (
            _introduces(lines, run.stop - 1, captions_only=True)
            and not _running_text_over_a_caption(lines, run.stop)
            and not _under_a_headlines_byline(lines, readings, run.start)
        ):
            _headline_run(run, readings, "a short line over a photo caption")
        elif (
            markdown
            and any(readings[k].role in HEADLINE_ROLES for k in run)
            and not _begins_a_piece(lines, index)
            and not plain_headlines
        ):
            for k in run:
                readings[k] = RoleReading(LineRole.SUBHEAD, {}, [_PLAIN_ON_MARKDOWN])
    for index, line in enumerate(lines[:-1]):
        following = lines[index + 1]
        if (
            readings[index].role is LineRole.SUBHEAD
            and len(line.text) > INTERTITLE_MAX_LEN
            and following.kind is LineKind.BODY
            and ends_open(line.text)
            and not line.text.endswith(KICKER_DASHES)
            and join_evidence(line.text, following.text, adjacent=True).confidence >= JOIN_THRESHOLD
        ):
            # too long for an intertitle, unfinished, and the next paragraph goes on with it: text cut by the layout
            readings[index] = RoleReading(LineRole.BODY, readings[index].probabilities,
                                          ["too long for an intertitle, and it runs on into the next line"])


def _under_a_box_after_a_sign_off(lines: Sequence[PageLine], readings: list[RoleReading], index: int) -> bool:
    """Is the line right under a 阅读提示 box whose prompt follows text signed off by its author (…。（王阳）, a reporter
    line after the text, …。 本报记者某某)?"""
    if index < 3 or readings[index - 1].role is not LineRole.BOX or lines[index - 2].kind is not LineKind.PROMPT:
        return False
    above, before = lines[index - 3], lines[index - 4] if index >= 4 else None
    if above.kind is LineKind.BODY:
        return bylines.trailing_signature(above.text) is not None or bylines.glued_sign_off(above.text) is not None
    # a reporter line after the text (not the byline under a headline, which the box may follow)
    return above.kind is LineKind.BYLINE and before is not None and before.kind is LineKind.BODY


def _last_mark(text: str) -> str:
    """The line's last character before closing quotes and brackets, a 〇 printed for a full stop read as 。."""
    stripped = text.rstrip("”’」』）)")
    return "。" if is_zero_stop(stripped, len(stripped) - 1) else stripped[-1:]


def settled_roles(lines: Sequence[PageLine]) -> list[tuple[LineRole, str]] | None:
    """Every line's role with its reason, when the page's typography leaves nothing to weigh; else None.

    Only pages that mark their headlines with ``#`` qualify. On them a run of short
    lines holding one heading is a headline block (the heading the title, a column label
    a section, the lines above it kickers and those below subtitles); a plain run over
    plain text is intertitles; a lone ``##`` over plain text and a deeper heading are
    intertitles; lines too long or too sentence-like for a headline are text; bylines,
    credits, 阅读提示 and 广告 are what they say. Left open, sending the whole page to
    the model: a short plain line above the page's first heading (a kicker, or the page
    header?), a run with two headings, plain lines over a byline, dateline or
    caption (a headline the page forgot to mark?), and a run right under a sign-off or
    over its author's bare name (``_begins_a_piece``).
    """
    if not is_markdown_page(lines):
        return None
    n = len(lines)
    out: list[tuple[LineRole, str]] = []
    index = 0
    while index < n:
        line = lines[index]
        if _in_block(line):
            end = index + 1
            while end < n and _in_block(lines[end]):
                end += 1
            block = _settled_block(lines, index, end)
            if block is None:
                return None
            out += block
            index = end
            continue
        if line.kind is LineKind.HEADING:
            out.append((LineRole.SUBHEAD, "a ### heading"))
        else:
            out.append(_KIND_ROLES.get(line.kind, (LineRole.BODY, "text")))
        index += 1
    return out


def _in_block(line: PageLine) -> bool:
    return line.kind in (LineKind.SHORT, LineKind.SECTION) or (line.kind is LineKind.HEADING and line.level <= 2)


def _settled_block(lines: Sequence[PageLine], start: int, end: int) -> list[tuple[LineRole, str]] | None:
    """The roles of a run of short lines on a page with # headlines, if its typography settles them."""
    run = range(start, end)
    headings = [k for k in run if lines[k].kind is LineKind.HEADING and not lines[k].section_like]
    if not headings:
        if start == 0 or _begins_a_piece(lines, start):
            return None
        if any(len(lines[k].text) > INTERTITLE_MAX_LEN for k in run):
            return None  # too long for an intertitle: a paragraph cut short?
        labels = [k for k in run if lines[k].kind is LineKind.SECTION]
        if labels and labels[0] < end - 1:
            # a column label over a plain line (瓷都速递 / 某某博览会开幕): a column label stands over a headline, never over
            # an intertitle, so the plain line is the title of an article the page forgot to mark
            title = next(k for k in run if k > labels[0] and lines[k].kind is not LineKind.SECTION)
            return [
                (LineRole.SECTION, _LABEL_OVER_PLAIN) if lines[k].kind is LineKind.SECTION
                else (LineRole.TITLE if k == title else LineRole.KICKER if k < title else LineRole.SUBTITLE,
                      _LABEL_OVER_PLAIN)
                for k in run
            ]
        return [(LineRole.SUBHEAD, _PLAIN_ON_MARKDOWN)] * len(run)
    if len(headings) > 1:
        return None
    if start == 0 and any(len(lines[k].text) <= PAGE_HEADER_MAX_LEN and not lines[k].text.endswith(KICKER_DASHES)
                          for k in range(start, headings[0])):
        return None  # a short plain line over the page's first headline: its kicker, or the page's header?
    title = headings[0]
    if lines[title].level == 2 and len(run) == 1 and not _introduces(lines, start) and not _after_a_sign_off(lines, start):
        return [(LineRole.SUBHEAD, "a lone ## heading over plain text")]
    block = []
    for k in run:
        if k == title:
            block.append((LineRole.TITLE, "the # heading"))
        elif lines[k].section_like:
            block.append((LineRole.SECTION, "a column label by a # heading"))
        else:
            block.append((LineRole.KICKER if k < title else LineRole.SUBTITLE, "a line by a # heading"))
    return block


# A page header (第3版 要闻, 某某日报 综合新闻) is short; a longer line over the first headline is its kicker.
PAGE_HEADER_MAX_LEN = 12
_PLAIN_ON_MARKDOWN = "a plain line on a page whose headlines are marked with #"
_LABEL_OVER_PLAIN = "a column label over a plain line: a headline the page did not mark"
_KIND_ROLES = {
    LineKind.BYLINE: (LineRole.BYLINE, "a byline"),
    LineKind.CREDIT: (LineRole.CREDIT, "a photo credit"),
    LineKind.PROMPT: (LineRole.PROMPT, "阅读提示"),
    LineKind.AD: (LineRole.AD, "广告"),
}


def _headline_run(run: range, readings: list[RoleReading], reason: str) -> None:
    """Make a run of lines a headline block: the likeliest title, kickers above it, subtitles below."""
    if all(readings[k].role in HEADLINE_ROLES for k in run):
        return
    title = max(run, key=lambda k: (readings[k].probability(LineRole.TITLE), -k))
    for k in run:
        role = LineRole.TITLE if k == title else LineRole.KICKER if k < title else LineRole.SUBTITLE
        readings[k] = RoleReading(role, {}, [reason])


def _plain_run(lines: Sequence[PageLine], index: int) -> range | None:
    """The run of short plain lines around ``index``, if no line of it is a heading or a column label."""
    start = index
    while start > 0 and lines[start - 1].kind in (LineKind.SHORT, LineKind.HEADING, LineKind.SECTION):
        start -= 1
    end = index + 1
    while end < len(lines) and lines[end].kind in (LineKind.SHORT, LineKind.HEADING, LineKind.SECTION):
        end += 1
    run = range(start, end)
    if any(lines[k].kind is not LineKind.SHORT for k in run):
        return None
    return run


def _opens_text_with_byline(line: PageLine | None) -> bool:
    """Is ``line`` a byline or dateline, alone or opening a paragraph (what stands under a headline block)?"""
    return line is not None and (line.kind is LineKind.BYLINE or bylines.has_leading_byline(line.text))


def _lone(lines: Sequence[PageLine], index: int) -> bool:
    """Is the line alone between lines of text (no kicker, subtitle or column label with it)?"""
    near = (lines[k] for k in (index - 1, index + 1) if 0 <= k < len(lines))
    return not any(line.kind in (LineKind.SHORT, LineKind.HEADING, LineKind.SECTION) for line in near)


def _introduces(lines: Sequence[PageLine], index: int, *, captions_only: bool = False) -> bool:
    """Is the run around ``index`` followed by a byline, a dateline or a report's opening formula (近日，, 记者从…获悉),
    a 阅读提示 box or a photo caption?"""
    end = index + 1
    while end < len(lines) and lines[end].kind in (LineKind.SHORT, LineKind.HEADING, LineKind.SECTION):
        end += 1
    for offset, line in enumerate(lines[end : end + 4]):
        if line.kind is LineKind.CREDIT:
            return offset > 0 or not captions_only
        if line.kind in (LineKind.BYLINE, LineKind.PROMPT):
            return not captions_only
        if line.kind is not LineKind.BODY:
            return False
        if offset == 0 and (bylines.has_leading_byline(line.text) or opens_like_a_dispatch(line.text)):
            return not captions_only
        if bylines.has_photo_credit(line.text):
            return True
    return False


def _begins_a_piece(lines: Sequence[PageLine], index: int) -> bool:
    """Does the run of short lines around ``index`` stand where a piece begins rather than inside an article: over a
    byline, dateline, report's opening, box or caption (``_introduces``), or right under 广告 (the advertisement's
    own lines, and whatever headline follows them: an intertitle stands between two paragraphs of one text, never
    under an advertisement)? On a page with # headlines such a plain run is weighed by the model, not taken for
    intertitles."""
    if _introduces(lines, index) or _after_a_sign_off(lines, index) or _over_an_authors_name(lines, index):
        return True
    start = index
    while start > 0 and lines[start - 1].kind in (LineKind.SHORT, LineKind.HEADING, LineKind.SECTION):
        start -= 1
    return (start > 0 and lines[start - 1].kind is LineKind.AD) or _headline_and_subtitle_over_a_report(lines, start)


def _headline_and_subtitle_over_a_report(lines: Sequence[PageLine], start: int) -> bool:
    """Is the run of short plain lines at ``start`` a headline and its subtitle over the next report rather than the
    first intertitle of the story above (``百色芒果开采上市`` / ``右江区活动当天签约销售额约1.2亿元`` / ``6月25日，是…``)?

    Two plain lines, neither a sentence nor a question, over a paragraph opening the way reports do (a date), with
    no intertitle in the text above since its headline: an intertitle names its part in one line, and a story that
    is told in parts has named its first part before; a second line spelling out the first is a headline's subtitle.
    """
    end = start
    while end < len(lines) and lines[end].kind is LineKind.SHORT:
        end += 1
    if (
        end - start != 2
        or end >= len(lines)
        or lines[end].kind is not LineKind.BODY
        or not opens_like_a_report(lines[end].text)
        or any(_last_mark(lines[k].text) in SENTENCE_END or lines[k].text.endswith(("？", "?")) for k in range(start, end))
        or _is_bare_name(lines[end - 1].text)
    ):
        return False
    for k in range(start - 1, -1, -1):
        if lines[k].kind is LineKind.HEADING:
            return True  # back to the headline above without an intertitle
        if lines[k].kind is not LineKind.BODY:
            return False  # an intertitle, a byline, a caption's credit: leave the run to the settled reading
    return False


def _over_an_authors_name(lines: Sequence[PageLine], index: int) -> bool:
    """Does the run of short lines around ``index`` end on an author's bare name over text (``杨某：刻了40多年木版年画``
    / ``刘某某`` / the text)? An intertitle has no author: the name is the byline of the piece the run heads."""
    end = index + 1
    while end < len(lines) and lines[end].kind in (LineKind.SHORT, LineKind.HEADING, LineKind.SECTION):
        end += 1
    return (
        end < len(lines)
        and end >= 2
        and lines[end - 1].kind is LineKind.SHORT
        and lines[end].kind is LineKind.BODY
        and _is_bare_name(lines[end - 1].text)
        and lines[end - 2].kind in (LineKind.SHORT, LineKind.HEADING)
    )


def _after_a_sign_off(lines: Sequence[PageLine], index: int) -> bool:
    """Does the run of short lines around ``index`` stand right under a line that closed the piece above it: a photo
    credit on a line of its own (新华社记者 某某 摄), or a byline printed after finished text? An intertitle stands
    between two paragraphs of one text; under a sign-off there is no text left for it to divide, so the run begins a
    piece. (A byline under a headline opens its article, and an intertitle may follow it: not a sign-off; nor a
    credit glued to its caption, which may be a photo printed inside a report.)"""
    start = index
    while start > 0 and lines[start - 1].kind in (LineKind.SHORT, LineKind.HEADING, LineKind.SECTION):
        start -= 1
    if start == 0:
        return False
    above = lines[start - 1]
    if above.kind is LineKind.CREDIT:
        return True
    return (
        above.kind is LineKind.BYLINE
        and start >= 2
        and lines[start - 2].kind is LineKind.BODY
        and not ends_open(lines[start - 2].text)
    )


def _under_a_headlines_byline(lines: Sequence[PageLine], readings: list[RoleReading], start: int) -> bool:
    """Is the line above ``start`` a byline printed under a headline (``作者:某某`` under the title)? What follows such
    a byline is the article's text, which may open on a short paragraph (``…讯 一滴卤水,究竟藏着怎样的神奇?``) over
    a photo printed inside it: no headline of that photo's."""
    return (
        start >= 2
        and lines[start - 1].kind is LineKind.BYLINE
        and readings[start - 1].role is LineRole.BYLINE
        and readings[start - 2].role in HEADLINE_ROLES
    )


def _running_text_over_a_caption(lines: Sequence[PageLine], start: int) -> bool:
    """Is what stands between a run of short lines and the photo credit under it running text, not a caption?

    A caption is finished sentences closed by its credit. A paragraph on the way that stops mid-sentence (cut by the
    layout: …这样的飞速让吴荷花) is a report's text; a credited paragraph of one short sentence under paragraphs
    of text (…集装箱码头。 记者 某某 摄) is a photo printed inside that report; and so is any credited paragraph
    (or one with its credit on the next line) under a paragraph too long for a caption: a photo story's captions
    are short sentences each. Either way the run over them is an intertitle or a headline of that text, not a
    photo's headline.
    """
    for index in range(start, min(start + 4, len(lines))):
        line = lines[index]
        if line.kind is LineKind.CREDIT:
            # a credit on a line of its own credits the paragraph right over it; a paragraph between that is too
            # long for a caption, or carries no photo note where that caption does (…（1月21日摄）。), is text
            between = range(start, index - 1)
            marked = PHOTO_NOTE_RE.search(lines[index - 1].text) is not None
            return any(not short_caption(lines[k].text) or (marked and not PHOTO_NOTE_RE.search(lines[k].text))
                       for k in between)
        if line.kind is not LineKind.BODY:
            return False
        credit = bylines.photo_credit(line.text)
        if credit is not None:
            return index > start and (
                short_caption(line.text[: credit[0]].strip())
                or not all(short_caption(lines[k].text) for k in range(start, index))
            )
        if ends_open(line.text):
            return True
    return False


_default: RoleModel | None = None
_lock = threading.Lock()


def default_model() -> RoleModel:
    """The bundled model, loaded on first use."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = RoleModel(resource("ingest", MODEL_NAME))
    return _default


@contextmanager
def use_model(path: Path) -> Iterator[RoleModel]:
    """Read roles with another model for a while (cross-validation, trying a retrained model)."""
    global _default
    previous = _default
    _default = RoleModel(path)
    try:
        yield _default
    finally:
        _default = previous
