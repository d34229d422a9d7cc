"""The page as the parser sees it: paragraphs tied to their source, headline blocks, and units.

A *unit* is a stretch of the page that will become one document: a headline
block and the paragraphs under it, or paragraphs with no headline of their
own (a continuation, or the top of a page whose headline is elsewhere).
Units are built by ``layout``, cleaned by ``duplicates``, stitched by
``continuations`` and turned into documents by ``assemble``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from annotator.ingest.bylines import glued_sign_off, has_leading_byline, has_photo_credit
from annotator.ingest.furniture import ends_open
from annotator.ingest.topics import gram_set


class Role(str, Enum):
    BODY = "body"  # body text; in a photo unit, the caption
    CREDIT = "credit"  # a photo credit on a line of its own
    BYLINE = "byline"  # 本报记者 X 本报通讯员 Y on a line of its own
    BOX = "box"  # the text of a 阅读提示 box
    INTERTITLE = "intertitle"  # a subheading inside an article


@dataclass
class Join:
    """Where two stretches of source became one paragraph, and how sure the parser is."""

    offset: int  # in the paragraph's text: where the right-hand part starts
    kind: str  # "column_break" (adjacent lines) or "continuation" (from further down the page)
    confidence: float
    reasons: list[str]
    line: int  # source line of the right-hand part


@dataclass
class Flag:
    """Something the reviewer should look at, at an offset into a paragraph."""

    kind: str
    offset: int
    confidence: float
    message: str


@dataclass
class Para:
    text: str
    spans: tuple[tuple[int, int], ...]
    role: Role
    lines: list[int]
    joins: list[Join] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    _grams: frozenset[str] | None = field(default=None, repr=False, compare=False)

    @property
    def grams(self) -> frozenset[str]:
        """The paragraph's character bigrams (computed once, for topic comparisons)."""
        if self._grams is None:
            self._grams = gram_set(self.text)
        return self._grams

    @property
    def first_line(self) -> int:
        return self.lines[0]

    @property
    def is_open(self) -> bool:
        # (a byline glued after the last sentence, …车间。 本报记者王凯旋, signs the paragraph off)
        return self.role is Role.BODY and ends_open(self.text) and glued_sign_off(self.text) is None

    def append(self, other: Para, join: Join) -> None:
        """Continue this paragraph with ``other``, inserting nothing between them."""
        join.offset = len(self.text)
        self.joins.append(join)
        for flag in other.flags:
            flag.offset += len(self.text)
        self.flags.extend(other.flags)
        for inner in other.joins:
            inner.offset += len(self.text)
        self.joins.extend(other.joins)
        if self._grams is not None and other._grams is not None:
            # the bigrams of the two texts and the one across the join: the same set as the joined text's, without
            # reading it again
            self._grams = self._grams.union(other._grams, gram_set(self.text[-1:] + other.text[:1]))
        else:
            self._grams = None
        self.text += other.text
        self.spans = self.spans + other.spans
        self.lines.extend(other.lines)


@dataclass
class Headline:
    title: str = ""
    # source range of the line the title is printed on
    title_span: tuple[int, int] | None = None
    kicker: list[str] = field(default_factory=list)
    subtitle: list[str] = field(default_factory=list)
    section: list[str] = field(default_factory=list)
    # the title is a lone line shaped like a column label (工会工作巡礼): a series' name as likely as a headline
    title_label_shaped: bool = False
    # the mark the title's line was printed with (■, 【】, 1.: ``line_roles.headline_mark``), left out of ``title``
    title_mark: str | None = None

    def absorb(self, other: Headline) -> None:
        """Take ``other``'s headline where this block had none (a headline printed after the first column), or where
        its only line is shaped like a column label, which is then the column label of the headline taken."""
        if self.title_label_shaped and other.title:
            self.section = [*self.section, self.title]
            self.title, self.title_label_shaped = "", False
        if not self.title and other.title:
            self.title, self.title_span, self.title_mark = other.title, other.title_span, other.title_mark
            self.kicker = other.kicker + self.kicker
            self.subtitle = self.subtitle + other.subtitle
        else:
            self.subtitle = self.subtitle + ([other.title] if other.title else []) + other.subtitle
        self.section = self.section + [s for s in other.section if s not in self.section]


@dataclass
class DroppedDuplicate:
    src_start: int
    src_end: int
    kept_src_start: int
    kept_src_end: int
    lines: list[int]


@dataclass
class Unit:
    headline: Headline | None = None
    photo: bool = False
    # a photo unit ends at its credit; what follows belongs elsewhere
    closed: bool = False
    paras: list[Para] = field(default_factory=list)
    dropped: list[DroppedDuplicate] = field(default_factory=list)
    # flags about where the unit starts (a headline the model was unsure of), at offset 0 of its text
    boundary_flags: list[Flag] = field(default_factory=list)
    # text with no headline printed right after an advertisement: the finished article the advertisement interrupted
    interrupted: Unit | None = field(default=None, compare=False, repr=False)

    @property
    def has_byline(self) -> bool:
        if any(p.role is Role.BYLINE for p in self.paras):
            return True
        first = next((p for p in self.paras if p.role is Role.BODY), None)
        return first is not None and has_leading_byline(first.text)

    @property
    def dangling(self) -> bool:
        """Does the unit stop mid-sentence, so that its text must continue somewhere?"""
        if not self.paras or (self.photo and not self.report_under_its_photo):
            return False
        last = self.paras[-1]
        # (a paragraph closed by a photo's credit, …积水尽快排除。本报记者某某摄, ends there: a caption, not a cut)
        return last.role is Role.BODY and last.is_open and not has_photo_credit(last.text)

    @property
    def report_under_its_photo(self) -> bool:
        """Does a report go on under the photo's credited caption (a caption right under the headline, the report's
        text under it)? That text can stop mid-sentence and go on further down the page, as any report's can."""
        return self.photo and any(
            para.role is Role.CREDIT or has_photo_credit(para.text) for para in self.paras[:-1]
        )

    def grams(self, paras: list[Para] | None = None, *, with_title: bool = True) -> list[frozenset[str]]:
        """Bigram lists of the headline title and ``paras`` (all the unit's paragraphs by default)."""
        gram_lists = [p.grams for p in (self.paras if paras is None else paras)]
        if with_title and self.headline and self.headline.title:
            gram_lists.append(gram_set(self.headline.title))
        return gram_lists
