"""From classified lines to units: which short lines are headlines, where each article starts.

Pages come in two styles. Some mark headlines with Markdown ``#``/``##``
(the kicker, subtitle and intertitles around them are plain lines); others
print every line plain. A run of short lines is a headline block when:

- Markdown pages: it holds a ``#`` or ``##`` heading, and that heading is a
  level-1 heading, or has a kicker, subtitle or column label with it, or is
  followed by a byline, a 阅读提示 box or a photo caption. A lone ``##``
  over plain paragraphs is a subheading of the article (as in a Markdown
  article), and ``###`` always is.
- Plain pages: it is followed by a byline, a box or a photo caption, or has
  two lines or more (kicker and title, title and subtitle), or holds a column
  label. A single short line over plain paragraphs is an intertitle.

Inside a block, a line ending in ``——`` is a kicker, a column label is a
section, and the title is the Markdown heading or else the shortest line;
lines above it are kickers and lines below it subtitles.

Paragraphs cut by a column break are rejoined here as they are read (see
``joins`` for the evidence); continuations from further down the page are
``continuations``' job.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.ingest import bylines
from annotator.ingest.cues import (
    INTERTITLE_MAX_LEN,
    KICKER_DASHES,
    PHOTO_CAPTION_MAX_PARAGRAPHS,
)
from annotator.ingest.furniture import LineKind, PageLine, starts_mid_sentence
from annotator.ingest.joins import (
    JOIN_THRESHOLD,
    REVIEW_BELOW,
    SHORT_LINE_JOIN,
    join_evidence,
)
from annotator.ingest.page_model import Flag, Headline, Join, Para, Role, Unit

# A single headline line of three or more parts (量化目标任务 明确部门责任 江苏阜宁县总实施“六个100”行动):
# short leading parts are the kicker when the last part is the long one.
_KICKER_PART_MAX = 8
_TITLE_PART_MIN = 8


def is_markdown_page(lines: Sequence[PageLine]) -> bool:
    return any(line.kind is LineKind.HEADING and line.level <= 2 and not line.section_like for line in lines)


def build_units(lines: Sequence[PageLine], notes: list[str]) -> list[Unit]:
    lines = list(lines)
    _unmask_cut_paragraphs(lines)
    return _Builder(lines, notes).build()


def _unmask_cut_paragraphs(lines: list[PageLine]) -> None:
    """A short line whose sentence runs on into the next line is body text, not an intertitle.

    A column break can cut a paragraph a few characters in (为使…独立上岗条 / 件，…),
    leaving a short unpunctuated line that looks like a subheading. It is
    read as body text when the cut itself shows (a word across it, a comma or
    preposition before it), or when the line sits alone between paragraphs
    and is too long or too clause-like for an intertitle.
    """
    for index, (line, following) in enumerate(zip(lines, lines[1:], strict=False)):
        if line.kind is not LineKind.SHORT or following.kind is not LineKind.BODY or line.text.endswith(KICKER_DASHES):
            continue
        evidence = join_evidence(line.text, following.text, adjacent=True)
        if evidence.binds and evidence.confidence >= SHORT_LINE_JOIN:
            line.kind = LineKind.BODY
            continue
        alone = index == 0 or not lines[index - 1].is_headline_like
        clause_like = len(line.text) > INTERTITLE_MAX_LEN or "，" in line.text or "," in line.text
        if alone and clause_like and evidence.confidence >= JOIN_THRESHOLD and not _credit_within(lines, index + 1):
            line.kind = LineKind.BODY


def _credit_within(lines: list[PageLine], start: int) -> bool:
    """Do the next few lines close a photo caption with a credit?"""
    for line in lines[start : start + PHOTO_CAPTION_MAX_PARAGRAPHS + 1]:
        if line.kind is LineKind.CREDIT or (line.kind is LineKind.BODY and bylines.photo_credit(line.text)):
            return True
        if line.kind is not LineKind.BODY:
            return False
    return False


def para_from_line(line: PageLine, role: Role) -> Para:
    return Para(text=line.text, spans=line.source.spans, role=role, lines=[line.number])


class _Builder:
    def __init__(self, lines: Sequence[PageLine], notes: list[str]) -> None:
        self.lines = list(lines)
        self.notes = notes
        self.markdown = is_markdown_page(self.lines)
        self.units: list[Unit] = []
        self.current: Unit | None = None

    def build(self) -> list[Unit]:
        i = 0
        n = len(self.lines)
        while i < n:
            line = self.lines[i]
            kind = line.kind
            if kind is LineKind.AD:
                self.notes.append(f"line {line.number}: dropped the advertisement marker '{line.text}'")
                i += 1
            elif self._starts_run(line):
                i = self._headline_run(i)
            elif kind is LineKind.HEADING:  # ### and deeper: a subheading
                self._add(para_from_line(line, Role.INTERTITLE))
                i += 1
            elif kind is LineKind.PROMPT:
                i = self._box(i)
            elif kind is LineKind.BYLINE:
                self._add(para_from_line(line, Role.BYLINE))
                i += 1
            elif kind is LineKind.CREDIT:
                self._add(para_from_line(line, Role.CREDIT))
                if self.current is not None and self.current.photo:
                    self.current.closed = True
                i += 1
            else:
                self._body(line)
                i += 1
        return [u for u in self.units if u.paras or u.headline]

    # --- headline blocks -------------------------------------------------------------

    def _starts_run(self, line: PageLine) -> bool:
        if line.kind is LineKind.HEADING:
            return line.level <= 2
        return line.kind in (LineKind.SHORT, LineKind.SECTION)

    def _headline_run(self, i: int) -> int:
        end = i
        while end < len(self.lines) and self._starts_run(self.lines[end]):
            end += 1
        run = self.lines[i:end]
        follows_byline = self._byline_follows(end)
        photo = not follows_byline and self._caption_follows(end)
        if self._is_headline(run, follows_byline or photo):
            self.current = Unit(headline=make_headline(run, markdown=self.markdown), photo=photo)
            self.units.append(self.current)
            return self._front_matter(end)
        for line in run:
            self._add(para_from_line(line, Role.INTERTITLE))
        return end

    def _is_headline(self, run: list[PageLine], introduces: bool) -> bool:
        has_section = any(line.section_like for line in run)
        if self.markdown:
            headings = [line for line in run if line.kind is LineKind.HEADING and not line.section_like]
            if not headings:
                # plain lines over a byline: a headline the page forgot to mark
                return introduces and not all(line.section_like for line in run)
            return any(line.level == 1 for line in headings) or len(run) >= 2 or introduces
        return introduces or len(run) >= 2 or has_section

    def _byline_follows(self, j: int) -> bool:
        for line in self.lines[j : j + 3]:
            if line.kind in (LineKind.BYLINE, LineKind.PROMPT):
                return True
            if line.kind is LineKind.BODY:
                return bylines.leading_byline(line.text) is not None
            if line.kind is not LineKind.AD:
                return False
        return False

    def _caption_follows(self, j: int) -> bool:
        """Do the next few paragraphs end in a photo credit, before anything else starts?"""
        for offset, line in enumerate(self.lines[j : j + PHOTO_CAPTION_MAX_PARAGRAPHS + 1]):
            if line.kind is LineKind.CREDIT:
                return offset > 0
            if line.kind is not LineKind.BODY:
                return False
            if offset == 0 and bylines.leading_byline(line.text) is not None:
                return False
            if bylines.photo_credit(line.text) is not None:
                return True
        return False

    def _front_matter(self, i: int) -> int:
        """Standalone bylines and the 阅读提示 box printed right under a headline."""
        while i < len(self.lines):
            line = self.lines[i]
            if line.kind is LineKind.BYLINE:
                self._add(para_from_line(line, Role.BYLINE))
                i += 1
            elif line.kind is LineKind.PROMPT:
                i = self._box(i)
            else:
                break
        return i

    def _box(self, i: int) -> int:
        """阅读提示 and the paragraph it titles; the words 阅读提示 themselves are dropped."""
        following = self.lines[i + 1] if i + 1 < len(self.lines) else None
        # a box may be one short question ("如何深入推进“产改”？"), which looks like a headline on its own
        if following is None or following.kind not in (LineKind.BODY, LineKind.SHORT):
            self.notes.append(f"line {self.lines[i].number}: '阅读提示' with no text under it, dropped")
            return i + 1
        box = para_from_line(following, Role.BOX)
        if self.current is None or self.current.closed:
            self._new_orphan()
        assert self.current is not None
        self.current.paras.append(box)
        return i + 2

    # --- paragraphs --------------------------------------------------------------------

    def _new_orphan(self) -> None:
        self.current = Unit()
        self.units.append(self.current)

    def _add(self, para: Para) -> None:
        if self.current is None or self.current.closed:
            self._new_orphan()
        assert self.current is not None
        self.current.paras.append(para)

    def _body(self, line: PageLine) -> None:
        para = para_from_line(line, Role.BODY)
        unit = self.current
        if (
            unit is not None
            and not unit.closed
            and bylines.leading_byline(line.text) is not None
            and any(p.role is Role.BODY for p in unit.paras)
        ):
            unit = None  # a new news item whose headline did not survive OCR
        if unit is None or unit.closed:
            self._new_orphan()
            unit = self.current
        assert unit is not None
        previous = unit.paras[-1] if unit.paras else None
        if previous is not None and previous.is_open:
            if rejoin_column_break(previous, para, line.number):
                self._close_photo_after(unit, previous)
                return
        elif previous is not None and starts_mid_sentence(para.text):
            para.flags.append(
                Flag(
                    "fragment",
                    0,
                    0.5,
                    f"line {line.number} starts mid-sentence but the paragraph before it is complete; "
                    "its beginning may be missing",
                )
            )
        unit.paras.append(para)
        self._close_photo_after(unit, para)

    @staticmethod
    def _close_photo_after(unit: Unit, para: Para) -> None:
        if unit.photo and bylines.photo_credit(para.text) is not None:
            unit.closed = True


def rejoin_column_break(previous: Para, para: Para, number: int) -> bool:
    """Rejoin a paragraph cut by a column break; flag the join, or the cut, when unsure."""
    evidence = join_evidence(previous.text, para.text, adjacent=True)
    reasons = "; ".join(evidence.reasons)
    if evidence.confidence < JOIN_THRESHOLD:
        previous.flags.append(
            Flag(
                "unterminated_paragraph",
                len(previous.text),
                evidence.confidence,
                f"the paragraph ends mid-sentence but line {number} does not read as its continuation"
                + (f" ({reasons})" if reasons else ""),
            )
        )
        return False
    previous.append(para, Join(0, "column_break", evidence.confidence, evidence.reasons, number))
    if evidence.confidence < REVIEW_BELOW:
        previous.flags.append(
            Flag(
                "low_confidence_join",
                previous.joins[-1].offset,
                evidence.confidence,
                f"line {number} was joined to the line above as one paragraph cut by a column break"
                + (f" ({reasons})" if reasons else ""),
            )
        )
    return True


def make_headline(run: Sequence[PageLine], *, markdown: bool) -> Headline:
    headline = Headline()
    title_index = _title_index(run, markdown)
    for index, line in enumerate(run):
        text = line.text
        if index == title_index:
            headline.title = text
            headline.title_span = (line.source.src_start, line.source.src_end)
        elif line.section_like or (title_index is None and _is_slogan(text)):
            headline.section.append(text)
        elif title_index is None or index < title_index or text.endswith(KICKER_DASHES):
            headline.kicker.append(text)
        else:
            headline.subtitle.append(text)
    _split_kicker_from_title(headline)
    return headline


def _title_index(run: Sequence[PageLine], markdown: bool) -> int | None:
    candidates = [i for i, line in enumerate(run) if not line.section_like and not line.text.endswith(KICKER_DASHES)]
    if markdown:
        headings = [i for i in candidates if run[i].kind is LineKind.HEADING]
        if headings:
            return min(headings, key=lambda i: (run[i].level, i))
    if not candidates:
        return None
    if len(candidates) == 1:
        only = candidates[0]
        # a slogan beside a column label is part of the label (奋斗百年路 启航新征程 / 工会工作巡礼)
        if any(line.section_like for line in run) and _is_slogan(run[only].text):
            return None
        return only
    return min(candidates, key=lambda i: (len(run[i].text), i))


def _is_slogan(text: str) -> bool:
    parts = text.split()
    return len(parts) >= 2 and len({len(p) for p in parts}) == 1 and 3 <= len(parts[0]) <= 7


def _split_kicker_from_title(headline: Headline) -> None:
    parts = headline.title.split()
    if len(parts) < 3:
        return
    *lead, last = parts
    if all(len(p) <= _KICKER_PART_MAX for p in lead) and len(last) >= _TITLE_PART_MIN and len(last) > max(
        len(p) for p in lead
    ):
        headline.kicker.append(" ".join(lead))
        headline.title = last
