"""From lines with roles to units: where each article starts, what belongs to it, what is dropped.

``line_roles`` gives every line its role (headline lines, byline, credit,
box, intertitle, body, advertisement, page furniture) with a confidence.
This module turns the roles into units, in page order:

- a run of headline lines (section, kicker, title, subtitle) opens a new unit;
  its title is the line the model is surest is the title, the lines above it
  are kickers and those below it subtitles, unless read as column labels. A
  title line that carries its kicker, subtitle or column label too (``部门动态
  某某开展…``, ``标题——副题``) is split by its shape;
- a headline whose next paragraphs (at most three) end in a photo credit is a
  photo: the unit closes at the credit;
- 广告 and the advertisement under it, up to the next headline, are dropped,
  as is page furniture (page headers, series banners), each with a note;
- bylines, the 阅读提示 box, intertitles and body text go to the open unit; a
  byline printed after the body closes it, and a dateline opening a paragraph
  of an article that already has text starts a new one, unless it repeats the
  place and date of the dateline that opened it (two dispatches under one
  headline);
- paragraphs cut by a column break are rejoined as they are read (see
  ``joins``).

A headline the model was not sure of, or an intertitle it nearly read as a
headline, is flagged ``uncertain_boundary`` for the reviewer, with the
features that decided it. Continuations from further down the page are
``continuations``' job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotator.ingest import bylines
from annotator.ingest.cues import (
    AD_LINES,
    BYLINE_BULLETS,
    EDITORS_NOTE_RE,
    JUMP_IN_RE,
    KICKER_DASHES,
    PHOTO_CAPTION_MAX_PARAGRAPHS,
    PICTURE_POSITION_RE,
    SENTENCE_END,
    short_caption,
)
from annotator.ingest.furniture import (
    LineKind,
    PageLine,
    ends_on_lone_char,
    ends_open,
    ends_with_continuation_mark,
    ends_with_function_word,
    starts_mid_sentence,
    starts_with_stray_char,
)
from annotator.ingest.joins import (
    JOIN_THRESHOLD,
    REVIEW_BELOW,
    date_across,
    join_evidence,
    name_across,
    word_across,
)
from annotator.ingest.line_features import opens_like_a_report
from annotator.ingest.line_roles import (
    HEADLINE_ROLES,
    STORY_SHARED_PAIRS,
    LineRole,
    RoleReading,
    default_model,
    headline_mark,
)
from annotator.ingest.page_model import Flag, Headline, Join, Para, Role, Unit
from annotator.ingest.topics import gram_set

# A headline the model gives less than this is flagged as a boundary to check (the same line the role pass draws
# for a doubted headline); an intertitle it gives more than ``SUBHEAD_DOUBT`` of being a headline is flagged too.
# SUBHEAD_DOUBT chosen by leaving styles out (322 articles, 52 wrong, fold models of round 9): 0.25 → 33 wrong
# articles flagged, 27 right ones; 0.2 or 0.15 → 37, 28; 0.12 → 37, 29; 0.05 → 37, 32. (BOUNDARY_REVIEW above 0.8
# and ROLE_REVIEW above 0.85 only flag more right articles: 0.9 → 33, 37 and 33, 29.)
# BOUNDARY_REVIEW was the role pass's DOUBTED_HEADLINE (0.8) until round 13, when it was chosen on its own by leaving
# styles out (fold models trained without variants, 489 articles, 91 wrong; continuations.REVIEW_BELOW 0.85):
# 0.8 → 59 wrong articles flagged, 49 right ones; 0.7 → 58, 43; 0.6 → 58, 36; 0.5 → 58, 33 (0.8 with REVIEW_BELOW 0.75,
# as before: 55, 46). A headline the model gave 0.5 to 0.8 is far more often right than wrong.
BOUNDARY_REVIEW = 0.5
# A kicker this long that stops on a lone character is flagged as a line of text cut at a column's end (round 16).
KICKER_CUT_MIN_LEN = 20
# Round 13, on fold models of the shipped training (489 articles, 95 wrong; BOUNDARY_REVIEW 0.5, continuations'
# REVIEW_BELOW 0.85): 0.2 → 48 wrong articles flagged, 33 right ones; 0.15 → 52, 34; 0.12 → 55, 34; 0.1 → 55, 36;
# 0.05 → 58, 40. (On folds trained without variants 0.2 → 58, 33 and 0.12 → 60, 37.)
# Round 14, on fold models of the shipped training with test10 in it (534 articles, 90 wrong; the other thresholds as
# they are): 0.12 → 53 wrong articles flagged, 49 right ones; 0.15 → 53, 47; 0.2 → 53, 46; 0.25 → 51, 41. The band
# 0.12-0.2 now flags no wrong article that nothing else flags, but round 13's folds found 7 there for 1 right one:
# the band moves with each retrain, and over both rounds it holds more wrong cuts than right, so it stays flagged.
SUBHEAD_DOUBT = 0.12
# A lone headline the model gives less than this, standing between finished text and text that opens no report and
# goes on with the article above (shares this many character pairs with it), is flagged too: there nothing but the
# model's reading of its shape makes it a headline rather than an intertitle.
DOUBTED_BETWEEN_TEXT = 0.7
# A line of an article's text the model read with less than this, where its runner-up role would have cut the
# page differently (a headline, a sign-off, dropped furniture), is flagged for the reviewer too. Chosen by
# leave-one-style-out runs (models that never saw the page; 235 articles, 41 wrong): no such flag → 13 wrong
# articles flagged, 22 right ones; 0.6 → 16, 22; 0.8 → 19, 25; 0.9 → 20, 27; 0.95 → 20, 32.
ROLE_REVIEW = 0.8
# A single headline line of three or more parts (量化目标任务 明确部门责任 江苏阜宁县总实施“六个100”行动):
# short leading parts are the kicker when the last part is the long one.
_KICKER_PART_MAX = 8
_TITLE_PART_MIN = 8
# A column label printed on the title's line (部门动态 某某开展…, 栏目丨标题): short, before a long title.
_SECTION_PART_MAX = 4
_SECTION_SEPARATORS_RE = re.compile(r"\s*[丨|｜]\s*")
# The marks a page prints its headlines with, which are no part of the title, as # is none: a bullet (■…), a
# number in a list of briefs (1. / 一、, not 5.12 or 2026年), brackets around the whole line (【…】).
_TITLE_BULLET_RE = re.compile(f"^[{BYLINE_BULLETS}]\\s*")
_TITLE_NUMBER_RE = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,2})[、.．](?!\d)\s*")
_TITLE_BRACKETS = (("【", "】"), ("[", "]"), ("［", "］"))
# A column's label in square brackets opening the title line (【特别报导】某某…): a few words, then the title.
_LEADING_LABEL_RE = re.compile(r"^【([^【】，,。：:\s]{2,10})】(?=\S{4,})")
_PHONE_RE = re.compile(r"\d{3,4}[-－—]\d{3,8}|\d{7,}")
# An advertisement is a box of a few lines; a short line under it this likely to be a headline starts an article.
AD_MAX_LINES = 4
AD_END_HEADLINE = 0.1
# The model reads an advertisement's copy as the advertisement (its text at 0.2 at most on the seed and tuning pages);
# a line it gives this chance of being text is an article's.
AD_END_TEXT = 0.9


def build_units(
    lines: Sequence[PageLine], notes: list[str], readings: list[RoleReading] | None = None
) -> list[Unit]:
    lines = list(lines)
    readings = default_model().read(lines) if readings is None else readings
    roles = [reading.role for reading in readings]
    _reclaim_cut_lines(lines, roles, notes)
    after_ads = _mark_advertisements(lines, roles, readings)
    return _Builder(lines, roles, readings, notes, set(after_ads)).build()


def _mark_advertisements(lines: list[PageLine], roles: list[LineRole], readings: list[RoleReading]) -> list[int]:
    """广告, its own headline, and the few lines under it up to the next headline or article, are the advertisement.

    Returns the index of the first line after each advertisement. An advertisement
    is a box of a few lines: it ends after the telephone number it closes on, at a
    line read as a headline (not a telephone number), at a short line the model
    gives some chance of being one, at a dateline, a 阅读提示 box or a line that
    resumes a sentence, and after at most ``AD_MAX_LINES`` lines of text. A short
    line right after it is read as the next article's headline.
    """
    ends = []
    n = len(lines)
    index = 0
    while index < n:
        if lines[index].text not in AD_LINES:
            index += 1
            continue
        roles[index] = LineRole.AD
        j = index + 1
        while j < n and roles[j] in HEADLINE_ROLES:  # the advertisement's own headline
            roles[j] = LineRole.AD
            j += 1
        text_lines = 0
        contact_given = False
        while j < n and text_lines < AD_MAX_LINES:
            line, role = lines[j], roles[j]
            phone = bool(_PHONE_RE.search(line.text))
            if contact_given and not phone:
                break  # an advertisement closes on its telephone number or address
            if role in HEADLINE_ROLES and not phone:
                break
            if not phone and line.kind is LineKind.SHORT and readings[j].headline_probability >= AD_END_HEADLINE:
                break
            if role in (LineRole.PROMPT, LineRole.BOX) or bylines.has_leading_byline(line.text):
                break
            if (
                not phone
                and line.kind is LineKind.SHORT
                and j + 1 < n
                and (roles[j + 1] is LineRole.BYLINE or bylines.has_leading_byline(lines[j + 1].text))
            ):
                break  # a short line over a byline or a dateline: the headline of the report they open
            if starts_mid_sentence(line.text):  # an article's text resumes
                break
            if (
                not phone
                and role is LineRole.BODY
                and readings[j].by_model
                and readings[j].probability(LineRole.BODY) >= AD_END_TEXT
            ):
                break  # a line the model is sure is text: an article resumes (it reads an advertisement's copy as one)
            if bylines.has_photo_credit(line.text) or role is LineRole.CREDIT:
                break  # a caption closed by its credit: a photo printed under the advertisement, not its text
            if role is LineRole.BODY and j + 1 < n and roles[j + 1] is LineRole.CREDIT:
                break  # the same with its credit on the line under it (an advertisement credits no photographer)
            roles[j] = LineRole.AD
            text_lines += 1
            contact_given = phone
            j += 1
        after_ad = lines[j] if j < n else None
        if after_ad is not None and after_ad.kind in (LineKind.SHORT, LineKind.HEADING) and roles[j] in (
            LineRole.BODY,
            LineRole.SUBHEAD,
            LineRole.AD,  # the model ran the advertisement on into it, but the advertisement ended above it
        ):
            roles[j] = LineRole.TITLE
        ends.append(j)
        index = j
    return ends


# A word read across a cut to text further down the page, with this much evidence, shows the cut.
RECLAIM_EVIDENCE = 0.7
# A comma inside a short line: a clause ends there, as in a sentence (…还有很多，华晨宝), not only in a headline.
_CLAUSE_BREAK_RE = re.compile("[，,；;]")


# The roles a line cut short at the end of a column is read as: the top of the next headline (or all of it: a short
# clause after finished text), or an intertitle of its own article (…杨柳青木版年 / 画作品…, under text that prints 木版年画).
_CUT_LINE_ROLES = (LineRole.KICKER, LineRole.SECTION, LineRole.SUBHEAD, LineRole.TITLE)


def _reclaim_cut_lines(lines: list[PageLine], roles: list[LineRole], notes: list[str]) -> None:
    """A line read as the top of a headline that is really a paragraph cut short, resumed further down.

    A line the model reads as a kicker, but too long or clause-like for a headline by the
    typographic rules (or short with a clause ending inside it: …还有很多，华晨宝), that stops
    mid-word (…一派生机勃) while a line further down resumes it (勃的景象，…: a dictionary word
    across the cut), or on a year whose month opens a line further down (…1955年 / 10月17日，…: a date cut in
    two), is the end of the article above, printed in the column before the next headline. It is read as text again, so the
    continuation pass can join the two.
    """
    cut_kickers = [
        index
        for index, line in enumerate(lines)
        # only a line today's rules already take for text (too long or too clause-like for a headline), or a
        # short one whose clause runs on past a comma (…还有很多，华晨宝: a sentence, not a kicker's phrase)
        if roles[index] in _CUT_LINE_ROLES
        and (line.kind is LineKind.BODY or (line.kind is LineKind.SHORT and _CLAUSE_BREAK_RE.search(line.text[:-1])))
        and index
        and roles[index - 1] is LineRole.BODY
        and not line.text.endswith(KICKER_DASHES)
        and ends_open(line.text)
    ]
    if not cut_kickers:
        return
    text_lines = [k for k, line in enumerate(lines) if roles[k] is LineRole.BODY and line.kind is LineKind.BODY]
    resumed = [k for k in text_lines if starts_mid_sentence(lines[k].text) or starts_with_stray_char(lines[k].text)]
    for index in cut_kickers:
        line = lines[index]
        printed = _text_above(lines, roles, index)
        for k in text_lines:
            if k <= index:
                continue
            # a date cut between its year and month (…1955年 / 10月17日，…): the right part alone opens like any
            # sentence, yet with the year before it it is the middle of one, as sure as a word across the cut; and a
            # name the article above prints, read across the cut (…2012年，西 / 山村成立了…, under text that prints
            # 西山村): the right part opens like any sentence, but the name shows where it goes on
            if (
                date_across(line.text, lines[k].text) is None
                and k not in resumed
                and not name_across(printed, line.text, lines[k].text, word_across(line.text, lines[k].text))
            ):
                continue
            evidence = join_evidence(line.text, lines[k].text, adjacent=False)
            if evidence.word and (evidence.confidence >= RECLAIM_EVIDENCE or k not in resumed):
                roles[index] = LineRole.BODY
                notes.append(f"line {line.number}: read as text cut short, not a kicker: '{evidence.word}' reads "
                             f"across to line {lines[k].number}")
                break


def _text_above(lines: list[PageLine], roles: list[LineRole], index: int) -> str:
    """The text lines over ``index`` up to the nearest headline line: the article a line cut short would end."""
    start = index
    while start > 0 and roles[start - 1] not in HEADLINE_ROLES:
        start -= 1
    return "\n".join(lines[k].text for k in range(start, index) if roles[k] is LineRole.BODY)


def para_from_line(line: PageLine, role: Role) -> Para:
    return Para(text=line.text, spans=line.source.spans, role=role, lines=[line.number], _grams=line._grams)


# How each role bears on where an article starts and ends: a doubt between two roles of one class moves no cut.
_CUT_CLASS = {
    **{role: "headline" for role in HEADLINE_ROLES},
    LineRole.BYLINE: "sign-off", LineRole.CREDIT: "sign-off",
    LineRole.AD: "dropped", LineRole.FURNITURE: "dropped",
    LineRole.BODY: "text", LineRole.SUBHEAD: "text", LineRole.BOX: "text", LineRole.PROMPT: "text",
}
# what the flag calls each role (annotator/ui/flag_text.py words them again in the interface language)
_ROLE_WORDS = {
    **{role: "a headline line" for role in HEADLINE_ROLES},
    LineRole.BYLINE: "a byline closing the article", LineRole.CREDIT: "a photo credit closing a caption",
    LineRole.AD: "an advertisement", LineRole.FURNITURE: "page furniture",
    LineRole.BODY: "text", LineRole.SUBHEAD: "an intertitle", LineRole.BOX: "a reading tip", LineRole.PROMPT: "text",
}

_PARA_ROLES = {
    LineRole.BYLINE: Role.BYLINE,
    LineRole.CREDIT: Role.CREDIT,
    LineRole.SUBHEAD: Role.INTERTITLE,
    LineRole.BOX: Role.BOX,
}


class _Builder:
    def __init__(
        self,
        lines: list[PageLine],
        roles: list[LineRole],
        readings: list[RoleReading],
        notes: list[str],
        after_ads: set[int] = frozenset(),  # type: ignore[assignment]
    ) -> None:
        self.after_ads = after_ads
        self.lines = lines
        self.roles = roles
        self.readings = readings
        self.notes = notes
        self.units: list[Unit] = []
        self.current: Unit | None = None
        # the article a photo without headline was printed inside: its text goes on after the photo
        self.resume: Unit | None = None
        # the article an advertisement just interrupted, for the unit the next line opens
        self.interrupted: Unit | None = None

    def build(self) -> list[Unit]:
        i = 0
        n = len(self.lines)
        while i < n:
            role = self.roles[i]
            if i in self.after_ads and self.current is not None:
                # an advertisement interrupts the article above: what follows it starts afresh
                self.current.closed = True
                self.interrupted = self.current
            if (
                role is LineRole.SUBHEAD
                and self.lines[i].kind is not LineKind.HEADING  # (### is an intertitle by its typography)
                and self.resume is None
                and self.current is not None
                and self.current.photo
                and self.current.closed
                and i + 1 < n
                and self.roles[i + 1] is LineRole.BODY
            ):
                # a short line over text right after a finished photo (under its own headline, or with none and no
                # article printed around it: the one above finished, or an advertisement between): no article is
                # open for an intertitle to stand in, so it heads the next one
                self.roles[i] = role = LineRole.TITLE
            if role in (LineRole.AD, LineRole.FURNITURE):
                i = self._dropped(i)
            elif role in HEADLINE_ROLES:
                i = self._headline_block(i)
            elif role is LineRole.PROMPT:
                self._prompt(i)
                i += 1  # the words 阅读提示 are the box's title, not text
            elif role is LineRole.BOX:
                self._box(self.lines[i])
                i += 1
            elif role is LineRole.BODY:
                self._body(
                    self.lines[i],
                    text_follows=i + 1 < n and self.roles[i + 1] is LineRole.BODY,
                    opens_caption=self._opens_caption(i),
                    credit_under=i + 1 < n and self.roles[i + 1] is LineRole.CREDIT,
                    credited_under=self._caption_closes_under(i),
                    picture_caption_under=i + 1 < n and _PICTURE_OPENING_RE.match(self.lines[i + 1].text) is not None,
                    # (read only of a paragraph closed by a credit: asked of that one alone)
                    report_follows=bylines.has_photo_credit(self.lines[i].text) and self._report_follows(i),
                    text_under=self.lines[i + 1].text if i + 1 < n and self.roles[i + 1] is LineRole.BODY else None,
                    text_after_caption=self._text_after_picture_caption(i),
                    headline_follows=i + 1 >= n or self.roles[i + 1] in HEADLINE_ROLES
                    or self.roles[i + 1] in (LineRole.AD, LineRole.FURNITURE),
                )
                i += 1
            else:
                self._furniture_para(i)
                i += 1
        units = [u for u in self.units if u.paras or u.headline]
        self._flag_doubtful_lines(units)
        return units

    def _flag_doubtful_lines(self, units: list[Unit]) -> None:
        """Flag the lines of the articles' text whose role the model nearly gave to one that cuts elsewhere."""
        index_of = {line.number: k for k, line in enumerate(self.lines)}
        for unit in units:
            # a run of paragraphs the model read as one position shares one reading: its doubt is one cause, flagged
            # once, at the run's first line in the article (not once a paragraph, which only repeats it)
            doubted: set[int] = set()
            for para in unit.paras:
                if para.role is Role.INTERTITLE:
                    continue  # an intertitle's doubt has its own measure (SUBHEAD_DOUBT, in _headline_block)
                for position, number in enumerate(para.lines):
                    k = index_of.get(number)
                    if k is None or self.roles[k] is not self.readings[k].role:
                        # a role the layout changed after reading (a cut line reclaimed as text): no probability
                        # to doubt. A role-pass rule that overrode the model keeps the model's probabilities, so
                        # where the model preferred a role that cuts elsewhere, that disagreement is flagged.
                        continue
                    if len(para.lines) > 1:
                        continue  # joined across a column break: the join's evidence says it is running text
                    reading = self.readings[k]
                    other = reading.runner_up
                    if (
                        reading.confidence >= ROLE_REVIEW
                        or other is None
                        or _CUT_CLASS[other] == _CUT_CLASS[reading.role]
                    ):
                        continue
                    offset = 0 if position == 0 else para.joins[position - 1].offset
                    if any(flag.offset == offset for flag in para.flags):
                        continue  # already flagged there (an intertitle that may be a headline)
                    if id(reading) in doubted:
                        continue
                    doubted.add(id(reading))
                    if reading.overrides_model:
                        # a rule of the role pass decided against the model: say so, and what the model read instead
                        message = (
                            f"line {number} was taken for {_ROLE_WORDS[reading.role]} by a rule "
                            f"({'; '.join(reading.reasons)}), though the model read it as {_ROLE_WORDS[other]} "
                            f"({reading.probability(other):.2f}); if the model is right, the article is cut wrongly here"
                        )
                    else:
                        message = (
                            f"line {number} was read as {_ROLE_WORDS[reading.role]} ({reading.confidence:.2f}), but it "
                            f"may be {_ROLE_WORDS[other]} ({reading.probability(other):.2f})"
                            + (f": {', '.join(reading.reasons)}" if reading.reasons else "")
                            + "; if so, the article is cut wrongly here"
                        )
                    para.flags.append(Flag("uncertain_boundary", offset, reading.confidence, message))
                    self.notes.append(f"line {number}: read as {reading.role.value} with confidence "
                                      f"{reading.confidence:.2f} (or {other.value}); flagged")

    # --- dropped lines -----------------------------------------------------------------

    def _dropped(self, i: int) -> int:
        role = self.roles[i]
        end = i
        while end < len(self.lines) and self.roles[end] is role:
            end += 1
        first, last = self.lines[i].number, self.lines[end - 1].number
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        if role is LineRole.AD:
            self.notes.append(f"{where}: dropped the advertisement ('{self.lines[i].text[:20]}')")
        else:
            if (
                self.current is not None
                and (self.current.paras or self.current.headline is None)
                and not all(JUMP_IN_RE.match(line.text) for line in self.lines[i:end])
                and not all(bylines.has_photo_credit(line.text) for line in self.lines[i:end])
            ):
                # furniture between articles (a series banner) ends the article above; furniture between a
                # headline and its text (a website's 来源/时间 lines) does not, nor （上接第1版）, which takes
                # the text up from another page, nor a picture's credit printed between paragraphs (灯会现场（摄影
                # 某某）), which a reader drops
                self.current.closed = True
            texts = " / ".join(line.text[:20] for line in self.lines[i:end])
            self.notes.append(f"{where}: dropped as page furniture ('{texts}'){self._doubt(i, end)}")
        return end

    def _doubt(self, start: int, end: int) -> str:
        """A note's tail when the model nearly read one of these lines as a headline."""
        for k in range(start, end):
            reading = self.readings[k]
            if reading.headline_probability >= SUBHEAD_DOUBT:
                return f"; line {self.lines[k].number} may be a headline ({reading.headline_probability:.2f})"
        return ""

    # --- headline blocks ---------------------------------------------------------------

    def _headline_block(self, i: int) -> int:
        end = i
        while end < len(self.lines) and self.roles[end] in HEADLINE_ROLES:
            end += 1
        run = self.lines[i:end]
        current = self.current
        if (
            current is not None
            and current.headline is not None
            and not current.closed
            and current.paras
            and not any(p.role is Role.BODY for p in current.paras)
        ):
            # an article has text before the next one starts: under a headline and its byline,
            # a short line is the first intertitle, not a headline of its own
            for k, line in enumerate(run):
                para = para_from_line(line, Role.INTERTITLE)
                if self.readings[i + k].headline_probability >= SUBHEAD_DOUBT:
                    para.flags.append(self._subhead_flag(line, self.readings[i + k]))
                current.paras.append(para)
            return end
        self.resume = None
        readings = self.readings[i:end]
        headline = make_headline(run, readings)
        photo = self._caption_follows(end)
        if current is not None and _box_only(current):
            # the 阅读提示 box printed over this headline: the article it introduces
            current.headline, current.photo = headline, photo
            opened = current
        else:
            opened = Unit(headline=headline, photo=photo)
            self.units.append(opened)
        self.current = opened
        title_start = (headline.title_span or (-1,))[0]
        title_index = next((k for k, line in enumerate(run) if line.source.src_start == title_start), 0)
        reading = readings[title_index]
        confidence = reading.headline_probability
        # the page's first article has nothing before it to merge with: a doubt about its headline moves no cut
        article_before = any(unit.paras for unit in self.units[:-1])
        doubted = confidence < BOUNDARY_REVIEW or (
            confidence < DOUBTED_BETWEEN_TEXT and len(run) == 1 and self._between_text_of_one_story(i, end)
        )
        cut_kicker = self._kicker_cut_mid_word(i, title_index)
        if cut_kicker is not None and article_before:
            self.current.boundary_flags.append(
                Flag(
                    "uncertain_boundary",
                    0,
                    readings[0].headline_probability,
                    f"line {cut_kicker.number} ('{cut_kicker.text[-24:]}'), read as this headline's kicker, stops "
                    "inside a word: it may be the last line of an article's text, cut off and continued elsewhere",
                )
            )
        if doubted and article_before and not self._signed_under(end):
            self.current.boundary_flags.append(
                Flag(
                    "uncertain_boundary",
                    0,
                    confidence,
                    f"a new article was started at line {run[title_index].number} ('{run[title_index].text[:24]}'), "
                    + (
                        # a rule made the line a headline against the model's reading
                        f"taken for a headline by a rule ({'; '.join(reading.reasons)}), though the model gave that "
                        f"only {confidence:.2f}"
                        if reading.overrides_model
                        else f"read as a headline with confidence {confidence:.2f}"
                        + (f" ({', '.join(reading.reasons)})" if reading.reasons else "")
                    )
                    + "; if it is an intertitle, merge this article with the one before",
                )
            )
            self.notes.append(
                f"line {run[title_index].number}: read as a headline with confidence {confidence:.2f}; flagged"
            )
        return end

    def _kicker_cut_mid_word(self, i: int, title_index: int) -> PageLine | None:
        """The line over the title at ``i`` (its kicker), under text, if it is as long as a line of text and stops on
        a lone character that is no word by itself (…九十九道工, …开了一家微): a kicker ends on a word; text cut at the
        end of a column stops anywhere."""
        if title_index < 1 or not i or self.roles[i - 1] is not LineRole.BODY:
            return None
        line = self.lines[i]
        if len(line.text) < KICKER_CUT_MIN_LEN or not ends_on_lone_char(line.text):
            return None
        return line

    def _between_text_of_one_story(self, i: int, end: int) -> bool:
        """Does the run at ``i:end`` stand between a finished paragraph of text and one that opens no report (no date,
        dateline, byline or report's formula)? Where the model doubts such a line, an intertitle is as likely as a
        headline: nothing under it starts a report, and nothing over it was left unfinished."""
        if not i or end >= len(self.lines):
            return False
        above, below = self.lines[i - 1], self.lines[end]
        return (
            self.roles[i - 1] is LineRole.BODY
            and not ends_open(above.text)
            and self.roles[end] is LineRole.BODY
            and not opens_like_a_report(below.text)
            and not bylines.has_photo_credit(below.text)
            and self._goes_on_with_the_story(below)
        )

    def _goes_on_with_the_story(self, below: PageLine) -> bool:
        """Does the paragraph share at least ``STORY_SHARED_PAIRS`` pairs of characters with the text of the article
        before the run
        (小区, 投放点 …)? A plain count, not the page's topic measure: a page of a few paragraphs gives every word it
        repeats no weight."""
        before = next((unit for unit in reversed(self.units[:-1]) if unit.paras), None)
        if before is None:
            return False
        story: set[str] = set()
        for para in before.paras:
            if para.role is Role.BODY:
                story |= gram_set(para.text)
        return len(story & below.grams) >= STORY_SHARED_PAIRS

    def _signed_under(self, j: int) -> bool:
        """Is the line at ``j`` a byline line, or a paragraph opening on a byline or dateline (本报讯（记者…）…)?

        Under a line read as a headline it settles the doubt: an intertitle is followed by its part's text, never by
        who wrote or sent a report (left out by style, no wrong cut was flagged only over one; two right ones were)."""
        if j >= len(self.lines):
            return False
        return self.roles[j] is LineRole.BYLINE or bylines.has_leading_byline(self.lines[j].text)

    def _caption_follows(self, j: int) -> bool:
        """Do the next few paragraphs end in a photo credit, before anything else starts?"""
        for offset, line in enumerate(self.lines[j : j + PHOTO_CAPTION_MAX_PARAGRAPHS + 1]):
            role = self.roles[j + offset]
            if role is LineRole.CREDIT:
                if (
                    offset > 1
                    and _printed_under_its_caption(self.lines, j + offset)
                    and not _all_captions(self.lines[j : j + offset - 1])
                ):
                    # a credit printed right under one paragraph, where the paragraphs above stand apart and are
                    # not captions themselves: that paragraph is a photo's caption inside the article, not the
                    # headline's photo (a photo story of several one-sentence captions is the headline's)
                    return False
                return offset > 0
            if role is LineRole.BYLINE and offset > 0 and _credits_photos(line.text):
                return True  # ■ 本版摄影 记者 某某 under the text: the headline's photos, credited
            if role is not LineRole.BODY:
                return False
            if offset == 0 and bylines.has_leading_byline(line.text):
                return False
            credit = bylines.photo_credit(line.text)
            if credit is not None:
                if offset > 0 and short_caption(line.text[: credit[0]]) and not _all_captions(self.lines[j : j + offset]):
                    # 图为…。 某某 摄 under the report's text: a caption complete in itself, printed after the text,
                    # is a photo of its own, not the headline's
                    return False
                after = j + offset + 1
                # a credited caption with the text going on under it (no credit, no new headline) is a photo
                # printed inside a report, not the headline's photo
                return not (
                    offset > 0
                    and after < len(self.lines)
                    and self.roles[after] is LineRole.BODY
                    and not bylines.has_photo_credit(self.lines[after].text)
                )
            if _WIRE_END_RE.search(line.text) or bylines.trailing_signature(line.text) is not None:
                # …（完）, …（记者 某某）: the report under the headline is closed or signed off here, and a caption
                # after it is a photo of its own
                return False
        return False

    # --- paragraphs --------------------------------------------------------------------

    def _new_orphan(self) -> Unit:
        self.current = Unit()
        if self.interrupted is not None and self.units and self.units[-1] is self.interrupted:
            self.current.interrupted = self.interrupted
        self.interrupted = None
        self.units.append(self.current)
        return self.current

    def _open_unit(self) -> Unit:
        if self.current is None or self.current.closed:
            return self._new_orphan()
        return self.current

    def _furniture_para(self, i: int) -> None:
        """A byline, credit or intertitle: a paragraph of the open unit."""
        line, role = self.lines[i], self.roles[i]
        signed = self.current
        if (
            role in (LineRole.BYLINE, LineRole.CREDIT)
            and signed is not None
            and signed.closed
            and (not signed.photo or _credits_photos(signed.paras[-1].text))
            and signed.paras
            and signed.paras[-1].role is Role.BYLINE
            and i
            and self.roles[i - 1] is LineRole.BYLINE
        ):
            # a second byline line right under the one that signed the article off (记者… / 通讯员…), or the credit
            # of its photo (本报记者 某某 文 / 某某 摄): words and picture signed off together
            signed.paras.append(para_from_line(line, _PARA_ROLES[role]))
            return
        if (
            role is LineRole.SUBHEAD
            and self.resume is not None
            and not self.resume.dangling
            and signed is not None
            and signed.photo
            and signed.closed
        ):
            # an intertitle right after a photo printed inside a finished part of an article: the article goes on
            # under it (an intertitle stands between parts of an article's text, never opens a photo's)
            self.current, self.resume = self.resume, None
        unit = self._open_unit()
        para = para_from_line(line, _PARA_ROLES[role])
        reading = self.readings[i]
        if role is LineRole.SUBHEAD and reading.headline_probability >= SUBHEAD_DOUBT:
            para.flags.append(self._subhead_flag(line, reading))
        last = unit.paras[-1] if unit.paras else None
        if role is LineRole.CREDIT and not unit.photo and last is not None and last.role is Role.BODY and not last.is_open:
            # a credit on the line under a caption printed inside an article (or alone): the caption and its
            # credit are a photo of their own, and the article goes on after it
            unit.paras.pop()
            if unit.paras or unit.headline is not None:
                self.current = unit
                photo = self._photo_of_its_own(last)
            else:
                photo = unit
                photo.photo = True
                photo.paras.append(last)
            photo.paras.append(para)
            photo.closed = True
            return
        # a byline after a finished paragraph signs the article off, but not after the editors' note that opens it
        # (编者按：… / 本报记者 某某 / the text): the note introduces the piece its writer's byline then opens
        closes = (
            role is LineRole.BYLINE
            and last is not None
            and last.role is Role.BODY
            and not last.is_open
            and not (len(unit.paras) == 1 and EDITORS_NOTE_RE.match(last.text))
            and not _dateline_alone(last.text)
        )
        unit.paras.append(para)
        if role is LineRole.CREDIT and unit.photo:
            unit.closed = True
        if closes:
            # a byline after the body signs the article off: what follows belongs elsewhere
            unit.closed = True

    @staticmethod
    def _subhead_flag(line: PageLine, reading: RoleReading) -> Flag:
        if reading.overrides_model and reading.model_role in HEADLINE_ROLES:
            # a rule made the line an intertitle against the model's reading of a headline
            message = (
                f"line {line.number} was taken for an intertitle of this article by a rule "
                f"({'; '.join(reading.reasons)}), though the model read it as the headline of another "
                f"({reading.headline_probability:.2f}); if the model is right, split the article here"
            )
        else:
            message = (
                f"line {line.number} was read as an intertitle of this article, but it may be the headline "
                f"of another ({reading.headline_probability:.2f})"
                + (f": {', '.join(reading.reasons)}" if reading.reasons else "")
                + "; if so, split the article here"
            )
        return Flag("uncertain_boundary", 0, 1.0 - reading.headline_probability, message)

    def _prompt(self, i: int) -> None:
        """阅读提示 over a headline, after an article's finished text, introduces the article under it: its box goes
        to the top of that one. (With text under the box and no headline, the box is printed inside the article
        above, which goes on around it.)"""
        current = self.current
        below = i + 1
        while below < len(self.lines) and self.roles[below] is LineRole.BOX:
            below += 1
        if (
            current is not None
            and not current.closed
            and any(p.role is Role.BODY for p in current.paras)
            and not current.paras[-1].is_open
            and below < len(self.lines)
            and self.roles[below] in HEADLINE_ROLES
        ):
            current.closed = True
            self._new_orphan()

    def _box(self, line: PageLine) -> None:
        """The text of a 阅读提示 box belongs to the article it introduces (the open one, or one to come)."""
        unit = self._open_unit()
        unit.paras.append(para_from_line(line, Role.BOX))

    def _opens_caption(self, i: int) -> bool:
        """Is the paragraph at ``i`` the first of a caption closed by the credit of the paragraph under it?

        One short sentence (a report's paragraph runs longer), not resuming a sentence, over a paragraph that ends in a
        credit or a credit line: ``8月13日早晨，游客在…游览。`` / ``今年以来，…。新华社发（某某 摄）``.
        """
        k = i + 1
        if k >= len(self.lines) or not short_caption(self.lines[i].text) or starts_mid_sentence(self.lines[i].text):
            return False
        if bylines.has_photo_credit(self.lines[i].text):
            return False
        return self.roles[k] is LineRole.CREDIT or (
            self.roles[k] is LineRole.BODY and bylines.has_photo_credit(self.lines[k].text)
        )

    def _caption_closes_under(self, i: int) -> bool:
        """Is the paragraph under ``i`` a caption closed by its credit: in the paragraph itself, or, under a paragraph
        of a caption's shape (one short sentence), on a credit line right under it (``11月12日，…果农挑运收获的脐橙。`` /
        ``近日，…。`` / ``新华社记者 某某 摄``: a caption in two paragraphs)?"""
        k = i + 1
        if k >= len(self.lines) or self.roles[k] is not LineRole.BODY:
            return False
        if bylines.has_photo_credit(self.lines[k].text):
            return True
        return (
            k + 1 < len(self.lines)
            and self.roles[k + 1] is LineRole.CREDIT
            and short_caption(self.lines[i].text)
            and not bylines.has_photo_credit(self.lines[i].text)
        )

    def _text_after_picture_caption(self, i: int) -> str | None:
        """The paragraph after a caption that opens on the picture (图为…) right under ``i``, closed by its credit in
        itself or on the line under it, if a paragraph of text follows it."""
        k = i + 1
        if k >= len(self.lines) or self.roles[k] is not LineRole.BODY:
            return None
        if not _PICTURE_OPENING_RE.match(self.lines[k].text):
            return None
        if not bylines.has_photo_credit(self.lines[k].text):
            k += 1
            if k >= len(self.lines) or self.roles[k] is not LineRole.CREDIT:
                return None
        k += 1
        return self.lines[k].text if k < len(self.lines) and self.roles[k] is LineRole.BODY else None

    def _takes_up_a_cut_sentence(self, text: str) -> bool:
        """Does ``text`` start mid-sentence, or finish a word an article above on the page was cut in?"""
        if starts_mid_sentence(text) or starts_with_stray_char(text):
            return True
        for unit in self.units:
            if unit.dangling:
                across = word_across(unit.paras[-1].text, text)
                if across is not None and across[1]:
                    return True
        return False

    def _report_follows(self, i: int) -> bool:
        """Is the line under ``i`` a paragraph of text that opens a sentence and carries no credit?"""
        k = i + 1
        if k >= len(self.lines) or self.roles[k] is not LineRole.BODY:
            return False
        text = self.lines[k].text
        return not (bylines.has_photo_credit(text) or starts_mid_sentence(text) or starts_with_stray_char(text))

    def _body(
        self,
        line: PageLine,
        *,
        text_follows: bool = False,
        opens_caption: bool = False,
        credit_under: bool = False,
        credited_under: bool = False,
        picture_caption_under: bool = False,
        report_follows: bool = False,
        text_under: str | None = None,
        text_after_caption: str | None = None,
        headline_follows: bool = False,
    ) -> None:
        para = para_from_line(line, Role.BODY)
        resumed = False  # the article a photo was printed in, taken up again under the photo
        # a caption naming people by where they stand in the picture, with no credit (…章瑛（左起）陪同…): closed in
        # itself where the next article's headline follows it or where it interrupts a sentence
        marked_caption = (
            not credit_under
            and not credited_under
            and not bylines.has_photo_credit(line.text)
            and _marked_caption(line.text)
        )
        after_photo = self.current is not None and self.current.photo and self.current.closed
        if after_photo and self.current is not None and (
            _same_credit(self.current.paras[-1].text, line.text) or _credited_by_the_story(self.current, line.text)
        ):
            # the next caption of the same photographer's set (新华社发（某某 摄） under each), or of a photo story
            # whose 摄影报道 line names its photographer: one photo story
            self.current.paras.append(para)
            return
        if opens_caption and (after_photo or self.current is None or self.current.closed):
            # after a photo, or after an article that is over: the first paragraph of the next photo's caption
            self._photo_of_its_own(para)
            return
        if self.resume is not None and after_photo:
            if not self.resume.dangling and self._takes_up_a_cut_sentence(line.text):
                # the article the photo was printed in is finished, and the text under the photo takes up a
                # sentence cut elsewhere on the page: a continuation, left for the continuation pass to place
                self.resume = None
            else:
                self.current, self.resume = self.resume, None
                resumed = True
        unit = self.current
        if (
            unit is not None
            and not unit.closed
            and bylines.has_leading_byline(line.text)
            and any(p.role is Role.BODY for p in unit.paras)
            and not _same_dispatch_point(unit, line.text)
        ):
            unit = None  # a new news item whose headline did not survive OCR
        if (bylines.has_photo_credit(line.text) or (marked_caption and headline_follows)) and (
            unit is None
            or unit.closed
            or (not unit.photo and any(p.role is Role.BODY for p in unit.paras) and not unit.paras[-1].is_open)
            or (
                # between the byline or dateline line under a headline and the text it opens: a photo printed there
                not unit.photo
                and unit.headline is not None
                and unit.paras
                and all(p.role is Role.BYLINE for p in unit.paras)
                and text_follows
            )
        ):
            # a caption closed by its credit, under text that is already complete (or on its own): a photo
            # printed beside or between the articles, its own document
            self._photo_of_its_own(para)
            return
        if unit is None or unit.closed:
            unit = self._new_orphan()
        previous = unit.paras[-1] if unit.paras else None
        if (
            previous is not None
            and previous.is_open
            and not unit.photo
            and (
                credit_under
                or bylines.has_photo_credit(line.text)
                or (
                    (
                        # (under the photo printed where the sentence was cut, text over a caption that opens on the
                        # picture, 图为…。 某某 摄, complete in itself, is the sentence's rest, not that caption's part)
                        (credited_under and not (resumed and picture_caption_under))
                        or marked_caption
                        or bylines.glued_sign_off(line.text) is not None
                    )
                    and not _goes_on_with(previous.text, para.text)
                )
            )
        ):
            # a caption (closed by its credit, or with the credit on the line under it, or opening on a paragraph
            # over a credited one, or signed off by a byline glued after its last sentence, while nothing ties it to
            # the cut sentence) is no column break's rest: a photo printed where the article's text stops, which goes
            # on after it
            self._photo_of_its_own(para)
            return
        if (
            previous is not None
            and previous.is_open
            and not unit.photo
            and text_under is not None
            and not _goes_on_with(previous.text, para.text)
            and (starts_mid_sentence(text_under) or starts_with_stray_char(text_under))
            and join_evidence(previous.text, text_under, adjacent=False).word
        ):
            # a sentence cut before a paragraph that opens afresh (…古朴威严的龙 / 10月12日，游客…), and the paragraph
            # under that one takes the sentence up mid-word (亭大殿景…: 龙亭 across the cut): what stands between is
            # printed where the text was cut (a photo's caption whose credit is not at its end), and the article goes
            # on after it
            self._photo_of_its_own(para).closed = True
            return
        if (
            previous is not None
            and previous.is_open
            and not unit.photo
            and text_after_caption is not None
            and not _goes_on_with(previous.text, para.text)
            and (across := word_across(previous.text, text_after_caption)) is not None
            and across[1]
        ):
            # a sentence cut before a paragraph that opens afresh (…杨柳青木版年 / 春节临近，…), over a caption that
            # opens on the picture (图为…) and its credit, and the paragraph after the credit takes the sentence up
            # mid-word (画作品…: 年画, a dictionary word, across the cut): the paragraph opens the photo's caption, printed where the text
            # was cut, and the article goes on after it
            self._photo_of_its_own(para)
            return
        if previous is not None and previous.is_open and not bylines.has_photo_credit(previous.text):
            # (a caption closed by its credit ends there, though no full stop follows the photographer's name)
            if rejoin_column_break(previous, para, line.number):
                if resumed and not _goes_on_with(previous.text[: previous.joins[-1].offset], para.text):
                    # the sentence cut above a photo joined to the text under it, with nothing reading across the
                    # cut: the rest may be elsewhere on the page, and this text the photo's or another article's
                    join = previous.joins[-1]
                    if not any(flag.offset == join.offset for flag in previous.flags):
                        # (worded as the continuation pass words its joins, which the interface translates)
                        previous.flags.append(Flag(
                            "low_confidence_join", join.offset, join.confidence,
                            f"line {line.number} was attached here as the continuation of this sentence; please check "
                            "(paragraphs with no headline of their own)",
                        ))
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
        credit = bylines.photo_credit(para.text)
        if (
            report_follows
            and credit is not None
            and unit.photo
            and unit.headline is not None
            and len(unit.paras) == 1
            and _one_sentence(para.text[: credit[0]])
            and not any(
                other.dangling
                and not _opens_report_afresh(
                    other.paras[-1].text, text_under or "", about=unit.headline.title + para.text[: credit[0]]
                )
                for other in self.units
            )
        ):
            # 图为…。 某某 摄 right under the headline, a report under it: the report's photo, and its text goes on
            # (a photo story whose text is its caption is closed by the credit; and where an article above waits
            # for the rest of its sentence, text with no headline of its own after a photo may be that rest,
            # which the continuation pass weighs, unless that text opens a report afresh: a dateline, or a sentence
            # nothing reads across to)
            return
        self._close_photo_after(unit, para)
        if not unit.photo and not para.is_open and bylines.trailing_signature(para.text) is not None:
            # …发明专利48项。（某某）: the writer's name in brackets signs the article off, as a byline line after the
            # text does; what follows belongs elsewhere (a new article, or a continuation)
            unit.closed = True

    def _photo_of_its_own(self, caption: Para) -> Unit:
        """A photo with no headline of its own: its caption (ending in a credit, or followed by one) alone."""
        previous = self.current
        unit = self._new_orphan()
        unit.photo = True
        unit.paras.append(caption)
        if (
            bylines.has_photo_credit(caption.text)
            or _marked_caption(caption.text)
            or bylines.glued_sign_off(caption.text) is not None
        ):
            unit.closed = True
        self.notes.append(f"line {caption.first_line}: a photo caption with no headline of its own, kept apart")
        if previous is not None and not previous.closed and not previous.photo:
            # the article the photo was printed in goes on after it
            self.resume = previous
        return unit

    @staticmethod
    def _close_photo_after(unit: Unit, para: Para) -> None:
        if unit.photo and bylines.has_photo_credit(para.text):
            unit.closed = True


def _flag_intertitles_shaped_as_headlines(units: list[Unit]) -> None:
    """Flag intertitles printed the way headlines are, however sure the model was of them (it reads a line by its
    neighbours, which inside a run of text look like an intertitle's):

    - one that opens with the mark its article's headline opens with (■, 【】, 1.): a page marks its headlines alike;
    - two or more short lines in a row: an intertitle is followed by its part's text, a kicker or a subtitle by the
      title it goes with;
    - one over a paragraph that opens the way a news report does (a dateline, 央视网消息：…, 近日，…): a part of a
      feature goes on with its story, a report starts over.
    """
    for unit in units:
        title_mark = unit.headline.title_mark if unit.headline and unit.headline.title else None
        previous: Para | None = None
        for para in unit.paras:
            if para.role is Role.INTERTITLE and not para.flags:
                if title_mark and headline_mark(para.text) == title_mark:
                    para.flags.append(Flag(
                        "uncertain_boundary", 0, 0.5,
                        f"line {para.first_line} was read as an intertitle of this article, but it opens with the "
                        f"mark of this article's headline ({para.text[:1]}): it may be the headline of another; if so, "
                        "split the article here",
                    ))
                elif (following := _next_body(unit.paras, para)) is not None and _opens_a_report(following.text):
                    para.flags.append(Flag(
                        "uncertain_boundary", 0, 0.5,
                        f"line {para.first_line} was read as an intertitle of this article, but the paragraph under it "
                        "opens the way a news report does: it may be the headline of another; if so, split the "
                        "article here",
                    ))
                elif previous is not None and previous.role is Role.INTERTITLE:
                    previous.flags.append(Flag(
                        "uncertain_boundary", 0, 0.5,
                        f"lines {previous.first_line} and {para.first_line} were read as two intertitles in a row, but "
                        "an intertitle is followed by text: they may be another article's headline lines; if so, "
                        "split the article here",
                    ))
            previous = para


# How a report opens with no outlet (近日，…): a report's first words, rare at the top of a feature's part (where
# 记者了解到 is common).
_REPORT_OPENER_RE = re.compile("^(?:近日|日前|昨天|昨日|前不久|连日来)[，,]")


def _opens_a_report(text: str) -> bool:
    """Does the paragraph open the way a news report does: a dateline or byline (an outlet's lead among them,
    央视网消息：…), 近日，…?"""
    return bool(bylines.has_leading_byline(text) or _REPORT_OPENER_RE.match(text))


def _dateline_alone(text: str) -> bool:
    """Is the paragraph a report's dateline and nothing of its text (``某社某地1月2日电``, or with the title it repeats:
    ``…电 题：某某``)? A byline under it opens the report (作者 某某) rather than signing it off: no text is finished yet."""
    found = bylines.leading_byline(text)
    if found is None:
        return False
    rest = text[found[0]:].strip()
    return not rest or _TITLE_REPEAT_RE.match(rest) is not None


# What follows a dispatch's dateline when the report repeats its title there (…电 题：某某).
_TITLE_REPEAT_RE = re.compile(r"^题\s*[：:]")


def _next_body(paras: list[Para], para: Para) -> Para | None:
    """The paragraph right after ``para`` in its article, if it is text."""
    k = next(i for i, p in enumerate(paras) if p is para) + 1
    return paras[k] if k < len(paras) and paras[k].role is Role.BODY else None


def photo_stories(units: list[Unit], notes: list[str]) -> list[Unit]:
    """Text with no headline of its own left right under a photo with none, once no article took it up as its
    continuation, is that photo's story (a caption printed over the text it illustrates, 文/… and 摄 both credited):
    one photo document. Left apart it would be an article with neither headline nor photo, which no page prints.
    So is such text right over a photo with none, where it neither starts nor stops mid-sentence (a continuation
    not found does one or the other): the first paragraphs of a caption of several (``12月20日，…工人在筛选马铃薯`` /
    ``寒冬时节，…。`` / ``近年来，…。`` / ``新华社发（某某 摄）``). And text with no headline right after an advertisement,
    left by the continuations, is the rest of the finished article the advertisement was printed inside."""
    merged: list[Unit] = []
    for unit in units:
        above = merged[-1] if merged else None
        if (
            above is not None
            and unit.photo
            and unit.headline is None
            and unit.paras
            and _caption_opening_over(above, unit)
        ):
            unit.paras[:0] = above.paras
            unit.dropped[:0] = above.dropped
            merged[-1] = unit
            notes.append(f"line {above.paras[0].first_line}: text with no headline over a photo with none, "
                         "read as the first part of its caption")
            continue
        if (
            above is not None
            and unit.interrupted is above
            and not above.photo
            and not above.dangling
            and _headless_text(unit)
        ):
            # text with no headline right after an advertisement, that no article took up as its continuation: the
            # article the advertisement was printed inside goes on after it (no page prints text with no headline)
            above.paras += unit.paras
            above.dropped += unit.dropped
            notes.append(f"line {unit.paras[0].first_line}: text with no headline after an advertisement, read as "
                         "the rest of the article it interrupts")
            continue
        if (
            above is not None
            and above.photo
            and above.headline is None
            and _headless_text(unit)
        ):
            above.paras += unit.paras
            above.dropped += unit.dropped
            notes.append(f"line {unit.paras[0].first_line}: text with no headline under a photo with none, "
                         "read as the photo's story")
            continue
        merged.append(unit)
    return merged


def _headless_text(unit: Unit) -> bool:
    """Is ``unit`` text with neither headline nor photo (and not a fragment the page sends elsewhere)?"""
    return (
        unit.headline is None
        and not unit.photo
        and any(para.role is Role.BODY for para in unit.paras)
        and not any(flag.kind == "fragment" for para in unit.paras for flag in para.flags)
    )


def _caption_opening_over(text: Unit, photo: Unit) -> bool:
    """Is ``text`` (a piece with neither headline nor photo) the opening of the caption of ``photo`` under it?"""
    body = [para for para in text.paras if para.role is Role.BODY]
    return (
        text.headline is None
        and not text.photo
        and bool(body)
        and len(body) == len(text.paras)
        and not body[-1].is_open
        and not starts_mid_sentence(body[0].text)
        and not starts_with_stray_char(body[0].text)
        and not any(flag.kind == "fragment" for para in body for flag in para.flags)
        and body[-1].lines[-1] < photo.paras[0].first_line
    )


def flag_doubtful_placements(units: list[Unit]) -> None:
    """Warn where the page's pieces were placed by a guess the reviewer should check (after the continuations).

    - Text with no headline that is no photo's caption: no page prints an article without either, so it is a piece
      of another article (a continuation not found, a headline lost) or of a photo; the reviewer merges it.
    - A 阅读提示 box printed after an article's text, with nothing of that article after it: a box introduces the
      article it stands over, so it may be the next article's, put with this one.
    - Intertitles printed the way headlines are (``_flag_intertitles_shaped_as_headlines``).

    Only a page's pieces: a plain article has no headline by right, and a line it reads as an intertitle no other
    article to head.
    """
    _flag_intertitles_shaped_as_headlines(units)
    _flag_caption_openings_kept_as_text(units)
    _flag_datelines_inside_an_article(units)
    for unit in units:
        body = [para for para in unit.paras if para.role is not Role.BYLINE]
        if not body:
            continue
        if unit.headline is None and not unit.photo and any(para.role in (Role.BODY, Role.BOX) for para in body):
            body[0].flags.insert(0, Flag(
                "uncertain_boundary", 0, 0.5,
                f"line {body[0].first_line} has no headline over it and is no photo's caption: it may belong to the "
                "article before or after it; if so, merge it there",
            ))
        if body[-1].role is Role.BOX and any(para.role is Role.BODY for para in body[:-1]):
            box = body[-1]
            box.flags.append(Flag(
                "uncertain_boundary", 0, 0.5,
                f"the 阅读提示 box at line {box.first_line} was printed after this article's text: it may introduce "
                "the next article; if so, move it there",
            ))


def _flag_datelines_inside_an_article(units: list[Unit]) -> None:
    """Warn where a paragraph after an article's first paragraph of text opens on a dateline or byline (本报讯,
    某某网大同讯（记者…）, 新华社…电) that is not the article's own dispatch point again: a report opens so, and one
    whose headline was lost, or taken with a continuation, runs on inside the article above. (On the seed and tuning
    pages one article in some 400 prints a second dispatch inside, from the same place and day.)"""
    for unit in units:
        if unit.photo:
            continue
        seen_text = False
        for para in unit.paras:
            if para.role is not Role.BODY:
                continue
            if seen_text and bylines.has_leading_byline(para.text) and not _same_dispatch_point(unit, para.text):
                para.flags.insert(0, Flag(
                    "uncertain_boundary", 0, 0.5,
                    f"line {para.first_line} opens with a dateline or byline, as a news report does: it may be "
                    "another article whose headline was lost; if so, split the article here",
                ))
            seen_text = True


def _flag_caption_openings_kept_as_text(units: list[Unit]) -> None:
    """Warn where an article's last paragraph, one short sentence, is printed right over a photo with no headline:
    a caption of two paragraphs (``5月26日，农民在麦田里收割小麦。`` / ``…。新华社发（某某摄）``) opens the way a
    closing sentence can, and nothing on the page tells which it is."""
    for unit, under in zip(units, units[1:]):
        if unit.photo or not under.photo or under.headline is not None or not under.paras:
            continue
        body = [para for para in unit.paras if para.role is Role.BODY]
        if len(body) < 2 or body[-1] is not unit.paras[-1]:
            continue
        last = body[-1]
        if (
            short_caption(last.text)
            and not last.joins
            and not bylines.has_leading_byline(last.text)
            and last.lines[-1] < under.paras[0].first_line
        ):
            last.flags.append(Flag(
                "uncertain_boundary", 0, 0.5,
                f"the last paragraph, at line {last.first_line}, is one short sentence right over a photo's caption: "
                "it may be the caption's first part; if so, move it to the photo",
            ))


# The mark closing a wire report: …觅食。（完）
_WIRE_END_RE = re.compile(r"[（(]完[）)]$")


def _printed_under_its_caption(lines: Sequence[PageLine], index: int) -> bool:
    """Is the credit at ``index`` printed with no blank line under a one-sentence paragraph (a caption), while that
    paragraph stands apart from the one over it (the page's paragraphs are set off by blank lines)? A credit under
    a paragraph of several sentences closes the text of a photo story, which its headline's photo carries."""
    caption, before = lines[index - 1], lines[index - 2]
    return _one_sentence(caption.text) and caption.number == lines[index].number - 1 and before.number < caption.number - 1


def _credits_photos(line: str) -> bool:
    """Is the line a byline that names photographers only (``本版摄影 记者 某某``, ``摄影记者 某某``)?"""
    byline = bylines.standalone_byline(line)
    return byline is not None and bool(byline.photographers) and not (
        byline.reporters or byline.correspondents or byline.others
    )


def _credited_by_the_story(unit: Unit, text: str) -> bool:
    """Is ``text`` a caption whose photographers the 摄影报道 line of the photo story ``unit`` (under its headline)
    names (``新华社记者甲乙摄影报道`` over ``…。新华社发（乙摄）``)?"""
    if unit.headline is None:
        return False
    story = next((p.text for p in unit.paras if p.text.endswith("摄影报道") and bylines.has_photo_credit(p.text)), None)
    credit = bylines.photo_credit(text)
    if story is None or credit is None or credit[0] == 0 or not credit[1].photographers:
        return False
    return all(name in story for name in credit[1].photographers)


def _same_credit(caption: str, text: str) -> bool:
    """Do two different captions close on the same credit (the photos of one set, printed one after the other)?"""
    if caption == text:
        return False  # the same caption printed twice is a copy, not the set's next photo
    first, second = bylines.photo_credit(caption), bylines.photo_credit(text)
    return first is not None and second is not None and first[1].raw == second[1].raw


def _opens_report_afresh(left: str, right: str, *, about: str) -> bool:
    """Is ``right``, under a photo's caption, the report the photo shows rather than the rest of the sentence ``left``
    stops in? It opens on a dateline or byline; or it opens a sentence with no word read across the cut, ``left``
    stops on no comma or function word, and it names what the photo's headline and caption (``about``) name
    (源头村和舴艋舟。 / 你听过舴艋舟的…)."""
    if bylines.has_leading_byline(right):
        return True
    if _goes_on_with(left, right) or ends_with_continuation_mark(left) or ends_with_function_word(left):
        return False
    return len(gram_set(about) & gram_set(right)) >= _SHARED_BIGRAMS_WITH_PHOTO


# Two Han bigrams shared (舴艋, 艋舟: one name of two or more characters) tie the text to the photo it is under.
_SHARED_BIGRAMS_WITH_PHOTO = 2


def _goes_on_with(left: str, right: str) -> bool:
    """Does ``right`` plainly go on with the sentence ``left`` stops in (a word across the cut, or ``right`` opening
    mid-sentence)? A comma or function word before the cut says only that the sentence goes on somewhere, which
    it does after the photo printed there (…预计从某年的某数增长至 / a caption / 某年的某数。)."""
    if starts_mid_sentence(right) or starts_with_stray_char(right):
        return True
    return bool(join_evidence(left, right, adjacent=True).word)


# A caption that opens on the picture (图为…, 上图：…) describes it from its first word: it needs no paragraph over it.
_PICTURE_OPENING_RE = re.compile("^[（(]?(?:图为|图片为|上图|下图|左图|右图|图中)")
# A caption is a few sentences at most: a report's paragraph that names where people stand runs longer.
_MARKED_CAPTION_MAX_LEN = 200
_MARKED_CAPTION_MAX_SENTENCES = 3


def _marked_caption(text: str) -> bool:
    """Does the paragraph name people by where they stand in the picture (（左起）, （右3）, 左起：…), the way only a
    caption does, in a caption's few sentences, with no dateline opening it?"""
    return (
        PICTURE_POSITION_RE.search(text) is not None
        and len(text) <= _MARKED_CAPTION_MAX_LEN
        and sum(text.count(mark) for mark in SENTENCE_END) <= _MARKED_CAPTION_MAX_SENTENCES
        and not bylines.has_leading_byline(text)
    )


def _one_sentence(text: str) -> bool:
    """A caption's shape: one sentence at most (a paragraph of a report has several)."""
    return sum(text.count(mark) for mark in SENTENCE_END) <= 1


def _all_captions(lines: Sequence[PageLine]) -> bool:
    """Are these paragraphs captions, one short sentence each (a photo story's, under its headline)?"""
    return all(short_caption(line.text) for line in lines)


def _same_dispatch_point(unit: Unit, text: str) -> bool:
    """Does ``text`` open on the dateline that opened the unit's text, place and date alike (``本报广州11月28日电
    记者甲报道：`` twice)? A paper prints two dispatches from one place and day under one headline; a new item whose
    headline was lost comes from elsewhere or another day."""
    opening = next((p for p in unit.paras if p.role is Role.BODY), None)
    if opening is None:
        return False
    first, second = bylines.leading_byline(opening.text), bylines.leading_byline(text)
    if first is None or second is None:
        return False
    a, b = first[1], second[1]
    return bool(a.place and a.date) and (a.agency, a.place, a.date) == (b.agency, b.place, b.date)


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
    previous.append(para, Join(0, "column_break", evidence.confidence, list(evidence.reasons), number))
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


# --- the headline block ---------------------------------------------------------------------


def make_headline(run: Sequence[PageLine], readings: Sequence[RoleReading] | None = None) -> Headline:
    """Title, kickers, subtitles and column labels of a block of headline lines.

    The title is the line the model gives the highest probability of being the
    title (a Markdown heading of the lowest level first, when the block has
    one); lines the model reads as column labels are sections, the others are
    kickers above the title and subtitles below it.
    """
    headline = Headline()
    title_index = _title_index(run, readings)
    for index, line in enumerate(run):
        text = line.text
        role = readings[index].role if readings else None
        if index == title_index:
            headline.title = text
            headline.title_span = (line.source.src_start, line.source.src_end)
        elif text.endswith(KICKER_DASHES) and (title_index is None or index < title_index):
            headline.kicker.append(text)  # a dash leads into the headline below
        elif (
            role is LineRole.SECTION
            or (role is None and line.section_like)
            or (title_index is None and (_is_slogan(text) or line.kind is LineKind.SECTION))
        ):
            headline.section.append(text)
        elif title_index is None or index < title_index or text.endswith(KICKER_DASHES):
            headline.kicker.append(text)
        else:
            headline.subtitle.append(text.lstrip("—-").strip() or text)
    headline.title_label_shaped = len(run) == 1 and title_index == 0 and run[0].kind is LineKind.SECTION
    _split_merged_title(headline)
    headline.title_mark = headline_mark(headline.title) if headline.title else None
    headline.title = without_headline_mark(headline.title)
    return headline


def without_headline_mark(title: str) -> str:
    """The title without the mark the page prints its headlines with (``■某某``, ``1.某某``, ``【某某】``)."""
    for opening, closing in _TITLE_BRACKETS:
        inner = title[len(opening) : -len(closing)]
        if title.startswith(opening) and title.endswith(closing) and inner and opening not in inner:
            return inner.strip()
    bare = _TITLE_NUMBER_RE.sub("", _TITLE_BULLET_RE.sub("", title), count=1)
    return bare or title


# A whole line in corner brackets (「走街串巷访百家」) names a series or a column, the way 《》 names a work: over a headline
# it is that headline's label, never its title (a title may open on a bracketed name, 「自贡」奇幻之旅…, not be one).
_SERIES_NAME_RE = re.compile("「[^「」]+」|『[^『』]+』")


def _title_index(run: Sequence[PageLine], readings: Sequence[RoleReading] | None) -> int | None:
    if not run:
        return None
    headings = [i for i, line in enumerate(run) if line.kind is LineKind.HEADING and not line.section_like]
    if headings:
        lowest = min(run[i].level for i in headings)
        headings = [i for i in headings if run[i].level == lowest]
    candidates = headings or [
        i
        for i, line in enumerate(run)
        if not line.text.endswith(KICKER_DASHES)
        and not line.text.startswith(KICKER_DASHES)
        and not _SERIES_NAME_RE.fullmatch(line.text)
    ] or list(range(len(run)))
    if readings:
        roles = [readings[i].role for i in range(len(run))]
        if len(run) >= 2 and LineRole.SECTION in roles and all(
            role is LineRole.SECTION or _is_slogan(run[i].text) or run[i].kind is LineKind.SECTION
            for i, role in enumerate(roles)
        ):
            # a series banner with no headline of its own (奋斗百年路 启航新征程 / 工会工作巡礼): column labels and
            # slogans only, whatever the model made of a line shaped like a column label (…巡礼, …侧记), which
            # names a series, not one article, when a banner is printed over it
            return None
        return max(candidates, key=lambda i: (readings[i].probability(LineRole.TITLE), -i))
    if len(candidates) == 1:
        return candidates[0]
    return min(candidates, key=lambda i: (len(run[i].text), i))


def _is_slogan(text: str) -> bool:
    parts = text.split()
    return len(parts) >= 2 and len({len(p) for p in parts}) == 1 and 3 <= len(parts[0]) <= 7


def _split_merged_title(headline: Headline) -> None:
    """A title line that carries its column label, kicker or subtitle too: split it by its shape."""
    title = headline.title
    if not title:
        return
    parts = _SECTION_SEPARATORS_RE.split(title, maxsplit=1)
    if len(parts) == 2 and all(parts) and len(parts[0]) <= 2 * len(parts[1]):
        headline.section.append(parts[0])
        headline.title = parts[1]
        return
    if len(parts) == 2 and all(parts) and len(parts[1]) <= _SECTION_PART_MAX and len(parts[0]) >= 2 * len(parts[1]):
        # 标题|手记: the column's tag after the title
        headline.section.append(parts[1])
        headline.title = parts[0]
        return
    label = _LEADING_LABEL_RE.match(title)
    if label is not None and not bylines.has_leading_byline(title):
        # 【特别报导】标题: the column's label in square brackets before the title
        headline.section.append(label.group(1))
        headline.title = title[label.end() :].strip()
        return
    for dash in ("——", "--"):
        if dash in title.strip("—-"):
            left, right = title.split(dash, 1)
            if left and right and not right.startswith(("—", "-")):
                if len(left) <= len(right):
                    headline.title, headline.subtitle = left, [right, *headline.subtitle]
                else:
                    headline.kicker.append(left)
                    headline.title = right
                return
    parts = title.split()
    if len(parts) == 2 and len(parts[0]) <= _SECTION_PART_MAX and len(parts[1]) >= 2 * len(parts[0]):
        headline.section.append(parts[0])
        headline.title = parts[1]
        return
    if len(parts) < 3:
        return
    *lead, last = parts
    if all(len(p) <= _KICKER_PART_MAX for p in lead) and len(last) >= _TITLE_PART_MIN and len(last) > max(
        len(p) for p in lead
    ):
        headline.kicker.append(" ".join(lead))
        headline.title = last


def _box_only(unit: Unit) -> bool:
    """Is the unit only a 阅读提示 box so far, waiting for the headline of the article it introduces?"""
    return unit.headline is None and not unit.closed and bool(unit.paras) and all(p.role is Role.BOX for p in unit.paras)
