"""Bylines, datelines and photo credits: who wrote or shot a piece, for whom, where and when.

Recognised forms:

- inline, opening the first paragraph: ``本报讯（记者邹倜然）…``, ``本报讯(记者…)``,
  ``本报(记者毛浓曦)…``, and datelines ``本报广州6月23日电(记者叶小钟 通讯员廖宇红 实习生谢迅)``,
  ``本报北京4月30日讯``, ``新华社北京九月二日电``, ``本报某地1月2日电记者某某报道：``; the outlet may be
  any paper, agency, site or station (``光明日报``, ``中新社``, ``某某网``);
- a line of its own, before or after the body: ``本报记者 余嘉熙 本报通讯员 韩冬梅 杨敏``,
  ``记者：某某 通讯员：某某、某某``, ``读者 某某``, a dateline alone (``新华社北京5月1日电 新华社记者``),
  or a signature in brackets (``（某某厂工会）``);
- datelines without their outlet (``南昌12月5日电 （某某）``) or with a desk before the place
  (``某某组／北京16日电``); sign-offs ``作者单位：…`` and ``某某 某某/中新网``;
- a photo credit closing a caption: ``…的平台。本报通讯员 肖本祥摄``, ``新华社记者 季春鹏 摄``,
  ``记者 某某 摄影报道``, ``某某 摄 （某某图片库发）``, ``… 摄影：某某``, ``…。人民网 某某摄``,
  ``特约摄影 某某/某某``, ``…。某某管理局供图``, the agency that sent the photo out before its photographer
  (``…。新华社发（某某 摄）``, ``（某某社发 某某 摄）``), names run together with their roles
  (``…。本报记者某某实习生某某摄``);
- an author's name closing an article: ``…萌芽状态。（王阳）``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from annotator.ingest.cues import (
    AGENCY_PAREN_RE,
    AUTHOR_AFFILIATION_RE,
    BRACKETED_CREDIT_BEFORE_STOP_RE,
    BRACKETED_DATELINE_RE,
    BRACKETED_EDITOR_RE,
    BRACKETED_ROLE_FIRST_RE,
    BYLINE_BULLETS,
    BYLINE_SEPARATORS_RE,
    CAPTION_MAX_LEN,
    CREDIT_ENDINGS,
    CREDIT_KIND_PREFIX_RE,
    CREDIT_ROLE_FIRST_RE,
    CREDIT_SOURCE_NOTE_RE,
    DATE_FIRST_DATELINE_RE,
    DATED_BYLINE_RE,
    DATELINE_RE,
    DESK_DATELINE_RE,
    GLUED_CREDIT_RE,
    HAN,
    HAN_RE,
    ISSUED_BY_RE,
    JUMP_LINE_RE,
    NAME_TOKEN_RE,
    NAMELESS_ROLES,
    NEWS_FLASH_RE,
    NOT_NAMES,
    OUTLET_TOKEN_RE,
    PICTURE_SOURCE_NOTE_RE,
    PICTURE_SOURCE_RE,
    PICTURES_PART_RE,
    PLACE_DATELINE_RE,
    PLACE_FLASH_RE,
    PRINTED_SOURCE_RE,
    PRODUCTION_CREDIT_PART_RE,
    PRODUCTION_LINE_RE,
    PRODUCTION_WORDS,
    ROLE_FIELDS,
    ROLE_TOKEN_RE,
    SENTENCE_END,
    SIGNATURE_STOPWORDS,
    SLASH_OUTLET_RE,
    SOURCE_LINE_RE,
    SOURCE_SIGN_OFF_RE,
    SUPPLIED_PHOTO_RE,
    TEXT_AND_PHOTO_RE,
    TITLED_PLACE_DATELINE_RE,
    TRAILING_SIGNATURE_RE,
    common_surnames,
)
from annotator.ingest.page_cache import per_page
from annotator.text.segmenter import get_segmenter

_FIELDS = ("reporters", "correspondents", "photographers", "others")
_MAX_STANDALONE_LEN = 48
_MAX_NAMES_WITHOUT_ROLE = 3
# A name printed alone, with no role word: two or three Han characters.
_SHORT_NAME_RE = re.compile(f"^[{HAN}]{{2,3}}$")
# The last character of a credit (…摄, a name after 摄影：, an outlet after a slash, 供图, a bracket): a cheap test first.
_CREDIT_ENDS = re.compile(f"[{HAN}A-Za-z）)]$")
# A signature line in brackets (an organisation, or 作者：… 单位：…) is short.
_MAX_SIGNATURE_LEN = 40


@dataclass
class Byline:
    raw: list[str] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    agency: str = ""
    place: str = ""
    date: str = ""

    def add(self, field_name: str, name: str) -> None:
        names = getattr(self, field_name)
        if name not in names:
            names.append(name)

    def update(self, other: Byline) -> None:
        for raw in other.raw:
            if raw not in self.raw:
                self.raw.append(raw)
        for field_name in _FIELDS:
            for name in getattr(other, field_name):
                self.add(field_name, name)
        self.agency = self.agency or other.agency
        self.place = self.place or other.place
        self.date = self.date or other.date

    def copy(self) -> Byline:
        return Byline(list(self.raw), list(self.reporters), list(self.correspondents), list(self.photographers),
                      list(self.others), self.agency, self.place, self.date)

    def to_meta(self) -> dict[str, Any]:
        """The ``meta["byline"]`` form: empty keys left out."""
        out: dict[str, Any] = {}
        if self.raw:
            out["raw"] = " ".join(self.raw)
        for field_name in _FIELDS:
            if getattr(self, field_name):
                out[field_name] = list(getattr(self, field_name))
        for key in ("agency", "place", "date"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out


def _credited_names(text: str, *, photo: bool = False) -> Byline | None:
    """Parse ``记者杨明清 张嫣 通讯员宋洁`` style credits; None when ``text`` is not one.

    A name without a role takes the role before it. In a photo credit every
    name is a photographer, whatever role is printed.
    """
    tokens = _padded_names_rejoined([t for t in BYLINE_SEPARATORS_RE.split(text) if t])
    tokens = [part for token in tokens for part in _unglued(token)]
    if not tokens:
        return None
    byline = Byline()
    role_field: str | None = None
    named = 0
    leading = 0
    if not photo:
        # 廖庆兰 记者 孙振宇: a name or two before the first role word are the byline's other writers
        while leading < min(len(tokens) - 1, _MAX_NAMES_WITHOUT_ROLE) and NAME_TOKEN_RE.match(tokens[leading]) \
                and not ROLE_TOKEN_RE.match(tokens[leading]):
            leading += 1
        if leading and ROLE_TOKEN_RE.match(tokens[leading]) and all(
                t[0] in common_surnames() for t in tokens[:leading]):
            for name in tokens[:leading]:
                byline.add("others", name)
                named += 1
        else:
            leading = 0
    for token in tokens[leading:]:
        match = ROLE_TOKEN_RE.match(token)
        if match:
            agency, role, name = match.groups()
            if name in NOT_NAMES:
                return None  # 读者来信, 记者手记: a column label, not a role and a name
            byline.agency = byline.agency or (agency or "")
            role_field = "photographers" if photo else ROLE_FIELDS[role]
            if name:
                byline.add(role_field, name)
                named += 1
            elif role in NAMELESS_ROLES and not photo:
                byline.add(role_field, token)  # 本报评论员: the author is the role
                named += 1
            continue
        if photo and role_field is None and OUTLET_TOKEN_RE.match(token):
            byline.agency = byline.agency or token  # 人民网 某某摄: the outlet, then its photographer
            continue
        if NAME_TOKEN_RE.match(token):
            if role_field is None:
                if not photo:
                    return None
                role_field = "photographers"
            byline.add(role_field, token)
            named += 1
            continue
        return None
    if named == 0:
        return None
    if photo and not any(ROLE_TOKEN_RE.match(t) for t in tokens) and named > _MAX_NAMES_WITHOUT_ROLE:
        return None
    return byline


def _unglued(token: str) -> list[str]:
    """Roles and names printed with no space between them (奔流新闻通讯员张晓亮记者荆雯): one token per role and its
    name. A token that is one role and name, or holds fewer than two role words, is left whole."""
    if ROLE_TOKEN_RE.match(token) or len(token) < 6 or GLUED_CREDIT_RE.match(token) is None:
        return [token]  # (the parts must cover the token from its first character: none starts there, none can)
    parts = [match.group(0) for match in GLUED_CREDIT_RE.finditer(token)]
    if len(parts) < 2 or "".join(parts) != token or not all(ROLE_TOKEN_RE.match(part) for part in parts):
        return [token]
    return parts


def _padded_names_rejoined(tokens: list[str]) -> list[str]:
    """Two-character names printed with a space to the width of three (王 亮): two lone Han characters are one name."""
    if not any(len(t) == 1 for t in tokens):
        return tokens
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if len(token) == 1 and len(following) == 1 and HAN_RE.match(token) and HAN_RE.match(following):
            out.append(token + following)
            index += 2
        else:
            out.append(token)
            index += 1
    return out


# A publication's name in title marks opening a byline line (《某某周刊》记者 某某).
_TITLED_OUTLET_RE = re.compile(r"^《([^《》]{2,12})》\s*(?=\S)")
# An ornament between a role word and a name (记者◎某某), printed by magazines where others print a colon.
_ORNAMENT_COLON_RE = re.compile("(?<=[\u4e00-\u9fff])[◎◉](?=[\u4e00-\u9fff])")


def _standalone_byline(line: str) -> Byline | None:
    """A line that is only a byline: ``本报记者 张婧 本报通讯员 付琳琳``, ``记者：某某``, a dateline alone.

    A line in brackets that is only a signature (``（某某厂工会宣传部）``) counts too:
    printed after the body, it names who sent the piece.
    """
    bulleted = line[:1] in BYLINE_BULLETS
    line = line.lstrip(BYLINE_BULLETS).strip()  # ■ 本版摄影 记者 …, □ 新华社记者 …
    titled = _TITLED_OUTLET_RE.match(line)
    if titled is not None:
        # 《某某周刊》全媒体记者某某: a magazine's name in title marks before its reporter's byline
        byline = _standalone_byline(line[titled.end() :])
        if byline is not None and (byline.reporters or byline.photographers or byline.correspondents):
            byline.agency, byline.raw = byline.agency or titled.group(1), [line]
            return byline
        return None
    # (the pattern opens on a lookbehind, which the engine tries at every position of the line: asked only of a line
    # holding the ornament it needs)
    if ("◎" in line or "◉" in line) and _ORNAMENT_COLON_RE.search(line):
        # 记者◎某某摄影◎某某: a magazine's ornament where other papers print a colon after the role
        byline = _standalone_byline(_ORNAMENT_COLON_RE.sub("：", line))
        if byline is not None:
            byline.raw = [line]
        return byline
    kind = CREDIT_KIND_PREFIX_RE.match(line)
    if kind is not None and kind.end() < len(line):
        # 文·图丨记者 某某: what is credited, then who
        byline = _standalone_byline(line[kind.end() :]) or _words_and_pictures(line[kind.end() :])
        if byline is not None:
            byline.raw = [line]
        return byline
    if (
        len(line) > _MAX_STANDALONE_LEN
        # (某某 文/摄 ends on 摄 too, but credits the words as well as the photo: a byline)
        or (line.endswith(CREDIT_ENDINGS) and not TEXT_AND_PHOTO_RE.search(line))
        or not line
        or JUMP_LINE_RE.match(line)
    ):
        return None
    source = SOURCE_SIGN_OFF_RE.match(line)
    if source is not None:
        return Byline(raw=[line], agency=source.group(1))  # 据新华社: the wire copy's source, signing it off
    printed = PRINTED_SOURCE_RE.match(line)
    if printed is not None:
        return Byline(raw=[line], agency=printed.group(1), date=printed.group(2) or "")  # 作者：《某某日报》（…01版）
    source_line = SOURCE_LINE_RE.match(line)
    if source_line is not None:
        # 来源：某某网 (通讯员 某某 编辑 某某): who the text comes from; the people named are kept when they parse
        byline = _credited_names(source_line.group(2)) if source_line.group(2).strip() else None
        byline = byline or Byline()
        byline.agency, byline.raw = source_line.group(1), [line]
        return byline
    # (looked for along the line only when one opens it, as they must)
    credits = list(PRODUCTION_CREDIT_PART_RE.finditer(line)) if PRODUCTION_CREDIT_PART_RE.match(line) else []
    if credits and credits[0].start() == 0 and "".join(c.group(0) for c in credits) == line:
        # 系列报道策划：某某、某某 本篇统筹：某某: who planned or coordinated the piece
        names = [name for credit in credits for name in BYLINE_SEPARATORS_RE.split(credit.group(1)) if name]
        return Byline(raw=[line], others=names)
    editor = BRACKETED_EDITOR_RE.match(line)
    if editor is not None:
        return Byline(raw=[line], others=[editor.group(1) or editor.group(2)])  # 责任编辑：【某某】: a web copy's editor
    production = PRODUCTION_LINE_RE.match(line) if line.endswith(PRODUCTION_WORDS) else None
    if production is not None:
        # 新华社音视频部制作, 联合出品: who produced the piece, closing it
        return Byline(raw=[line], others=[production.group(1)] if production.group(1) else [])
    affiliation = AUTHOR_AFFILIATION_RE.match(line)
    if affiliation is not None:
        return Byline(raw=[line], others=[affiliation.group(1)])  # 作者单位：某某: the author's line, continued
    slash = SLASH_OUTLET_RE.search(line)
    if slash is not None and slash.start() > 0:
        # 某某 某某/中新网: the writers' names, then their outlet after a slash
        outlet = line[slash.start() :].strip().lstrip("/／").strip()
        names = line[: slash.start()].split()
        if OUTLET_TOKEN_RE.match(outlet) and 0 < len(names) <= _MAX_NAMES_WITHOUT_ROLE and all(
                NAME_TOKEN_RE.match(name) for name in names):
            return Byline(raw=[line], others=names, agency=outlet)
    dated = DATED_BYLINE_RE.match(line)
    if dated is not None and not dated.group(1).startswith(("星期", "礼拜")):
        return Byline(raw=[line], others=dated.group(1).split())  # 2023年06月26日 某某: an e-paper's byline line
    both = TEXT_AND_PHOTO_RE.search(line)
    if both is not None and both.start() > 0:
        byline = _standalone_byline(line[: both.start()])  # 记者某某文/图: words and pictures by one hand
        if byline is None:
            # 某某 文/摄: the names alone, before the mark no sentence ends on
            names = line[: both.start()].split()
            if 0 < len(names) <= _MAX_NAMES_WITHOUT_ROLE and all(
                    NAME_TOKEN_RE.match(name) and name[:1] in common_surnames() for name in names):
                byline = Byline(raw=[line], reporters=names)
        if byline is not None:
            byline.raw = [line]
        return byline
    first = BYLINE_SEPARATORS_RE.split(line, maxsplit=1)[0]
    # a role word first (记者 某某), roles and names run together (某某新闻通讯员某某记者某某), or a name or two
    # before the first role word (某某 记者 某某: _credited_names takes such names only before a role)
    role = ROLE_TOKEN_RE.match(first)
    if role or len(_unglued(first)) > 1 or NAME_TOKEN_RE.match(first):
        # 本版摄影 记者 某某 某某: a line opening on a photographer's role credits photos, whatever roles follow
        byline = _credited_names(line, photo=role is not None and ROLE_FIELDS[role.group(2)] == "photographers")
        if byline is not None:
            byline.raw.append(line)
            return byline
        if not NAME_TOKEN_RE.match(first) or ROLE_TOKEN_RE.match(first):
            return None
    lead = leading_byline(line)
    if lead is not None:
        end, byline = lead
        rest = [t for t in BYLINE_SEPARATORS_RE.split(line[end:]) if t]
        # only role words after the dateline (新华社北京5月1日电 新华社记者), or names with them
        if not rest:
            return byline
        credited = _credited_names(line[end:]) if ROLE_TOKEN_RE.match(rest[0]) else None
        if credited is not None or all(ROLE_TOKEN_RE.match(t) for t in rest):
            if credited is not None:
                byline.update(credited)
            byline.raw = [line]
            return byline
        return None
    names = _names_alone(line, bulleted=bulleted)
    if names:
        return Byline(raw=[line], others=names)  # 增公宣 龚宣: the writers' names alone sign the text off
    return bracketed_signature(line)


def _words_and_pictures(credits: str) -> Byline | None:
    """What follows ``文 _`` in ``文 _ 某某/某刊 图 _ 某某/某刊、某某``: the writers, each perhaps with the outlet after a
    slash, then after ``图`` the photographers. Names only, one to three a part."""
    parts = PICTURES_PART_RE.split(credits, maxsplit=1)
    words, pictures = parts[0], parts[1] if len(parts) > 1 else ""
    byline = Byline()
    for field_name, part in (("reporters", words), ("photographers", pictures)):
        names = []
        for credit in (c for c in BYLINE_SEPARATORS_RE.split(part) if c):
            name = re.split("[/／]", credit, maxsplit=1)[0]  # 某某/旅读中国: the outlet after the slash
            if not NAME_TOKEN_RE.match(name):
                return None
            names.append(name)
        if len(names) > _MAX_NAMES_WITHOUT_ROLE or (field_name == "reporters" and not names):
            return None
        for name in names:
            byline.add(field_name, name)
    return byline


def _names_alone(line: str, *, bulleted: bool = False) -> list[str]:
    """Two or three short names and nothing else (``增公宣 龚宣``), each read as a person's name by jieba's tagger;
    behind a byline's bullet (``□ 某某 某某``), one to three names each opening on a common surname."""
    tokens = line.split()
    if not all(_SHORT_NAME_RE.match(t) for t in tokens):
        return []
    if bulleted and 1 <= len(tokens) <= _MAX_NAMES_WITHOUT_ROLE and all(t[0] in common_surnames() for t in tokens):
        return tokens
    if not 2 <= len(tokens) <= _MAX_NAMES_WITHOUT_ROLE:
        return []
    tagger = get_segmenter()
    return tokens if all(tagger.tag(token) == [(token, "nr")] for token in tokens) else []


def bracketed_signature(line: str) -> Byline | None:
    """A line that is only a bracketed signature: ``（某某厂工会宣委会）``, ``（作者：某某 单位：某某）``."""
    text = line.strip()
    if len(text) > _MAX_SIGNATURE_LEN or text[:1] not in "（(" or text[-1:] not in "）)":
        return None
    inner = text[1:-1].strip()
    if not inner or any(ch in inner for ch in "（()）。！？!?，,；;") or inner in SIGNATURE_STOPWORDS:
        return None
    if not HAN_RE.match(inner[0]):
        return None
    byline = _credited_names(inner) or Byline(others=[inner])
    byline.raw.append(text)
    return byline


def _photo_credit(text: str) -> tuple[int, Byline] | None:
    """The credit closing a caption (``…平台。本报通讯员 肖本祥摄``): where it starts, and who.

    Besides ``某某 摄`` after the caption's last sentence: a note after the credit on who sent the photo out
    (``某某 摄 （某某图片库发）``), an outlet after the name (``特约摄影 某某/某某``), the role first
    (``… 摄影：某某``), who supplied it (``…。某某管理局供图``), and a credit after a caption printed with no
    full stop, set off by a space (``…的本地渔船 某某 摄``).
    """
    stripped = text.rstrip()
    # (the pattern ends on the full stop: a line ending otherwise is not searched bracket by bracket)
    bracketed = BRACKETED_CREDIT_BEFORE_STOP_RE.search(stripped) if stripped.endswith(("。", ".")) else None
    if bracketed is not None and bracketed.start() > 0:
        # …制作陶瓷花瓶（新华社记者某某摄）。: the credit in brackets inside the caption's last sentence
        inner = stripped[bracketed.start() : stripped.rindex("）" if "）" in bracketed.group() else ")") + 1]
        in_brackets = _credit_after_caption(text, inner)
        if in_brackets is not None:
            credit = in_brackets[1]
            offset = bracketed.start() + len(bracketed.group()) - len(bracketed.group().lstrip())
            credit.raw = [text[offset:].strip()]
            return offset, credit
    if not _CREDIT_ENDS.match(stripped[-1:]):  # (its last character alone: a search would try every Han one)
        return None
    # (each pattern below is tried only where the characters it needs are there: a search would try every position)
    picture = PICTURE_SOURCE_NOTE_RE.search(stripped) if stripped.endswith(_BRACKET_CLOSERS) else None
    if picture is not None and picture.start() > 0 and _one_sentence_of_at_most(stripped[: picture.start()].rstrip(), _PICTURE_CAPTION_MAX_LEN):
        # …左为某某。（图取自某某快讯）: where the picture was taken from, which only a caption says
        offset = picture.start() + len(picture.group()) - len(picture.group().lstrip())
        return offset, Byline(raw=[text[offset:].strip()], others=[picture.group(1)])
    note = CREDIT_SOURCE_NOTE_RE.search(stripped) if stripped.endswith(_BRACKET_CLOSERS) else None
    if note is not None and note.start() > 0:
        caption = stripped[: note.start()].rstrip()
        if _one_sentence_of_at_most(caption, CAPTION_MAX_LEN):
            # 某某标本。（取材自某某报）: a one-sentence caption whose photo is credited to where it was taken from
            offset = note.start() + len(note.group()) - len(note.group().lstrip())
            return offset, Byline(raw=[text[offset:].strip()], others=[note.group().strip()[1:-1]])
        stripped = caption  # 某某 摄 （某某图片库发）: the note is the credit's
    slash = SLASH_OUTLET_RE.search(stripped) if "/" in stripped or "／" in stripped else None
    if slash is not None and slash.start() > 0:
        credited = _credit_after_caption(text, stripped[: slash.start()].rstrip(), role_needed=True)
        if credited is not None:
            return credited
    role_first = CREDIT_ROLE_FIRST_RE.search(stripped) if "摄" in stripped else None
    if role_first is not None:
        byline = _credited_names(role_first.group(1), photo=True)
        if byline is not None:
            offset = role_first.start() + len(role_first.group(0)) - len(role_first.group(0).lstrip())
            byline.raw.append(text[offset:].strip())
            return offset, byline
    source = PICTURE_SOURCE_RE.search(stripped) if "图" in stripped else None  # (each of its forms prints 图)
    if source is not None:
        caption = stripped[: source.start()].rstrip()
        if not caption or _one_sentence_of_at_most(caption, _PICTURE_CAPTION_MAX_LEN):
            # …篮球场吸引了众多观众。 图/新华社, 图|视觉中国 over the caption: where the picture comes from
            offset = source.start() + len(source.group()) - len(source.group().lstrip())
            return offset, Byline(raw=[text[offset:].strip()], others=[source.group(1)])
    bracketed_role = BRACKETED_ROLE_FIRST_RE.search(stripped)
    if bracketed_role is not None and bracketed_role.start() > 0 and len(stripped[: bracketed_role.start()]) <= CAPTION_MAX_LEN:
        # 灯会现场（摄影 某某）: a short caption, its photographer's role first in brackets
        byline = _credited_names(bracketed_role.group(1), photo=True)
        if byline is not None:
            offset = bracketed_role.start()
            byline.raw.append(text[offset:].strip())
            return offset, byline
    supplied = SUPPLIED_PHOTO_RE.search(stripped) if stripped.endswith(_SUPPLIED_ENDINGS) else None
    if supplied is not None:
        offset = supplied.start(1)
        return offset, Byline(raw=[text[offset:].strip()], others=[supplied.group(1)])
    return _credit_after_caption(text, stripped)


# What the patterns of a credit's note and of a supplied photo end on (cues.CREDIT_SOURCE_NOTE_RE,
# PICTURE_SOURCE_NOTE_RE, SUPPLIED_PHOTO_RE): a line ending otherwise is not searched for them.
_BRACKET_CLOSERS = ("）", ")")
_SUPPLIED_ENDINGS = ("供图", "提供图片", "图片提供")
# A caption credited to where its picture was taken from is one sentence, of up to this length.
_PICTURE_CAPTION_MAX_LEN = 100


def _one_sentence_of_at_most(text: str, limit: int) -> bool:
    """Is ``text`` one finished sentence of at most ``limit`` characters (a caption's shape)?"""
    return (
        0 < len(text) <= limit
        and text[-1] in SENTENCE_END
        and sum(text.count(mark) for mark in SENTENCE_END) == 1
    )


# A picture agency's Latin name before the photographer's, set off by a slash (CFP/某某, IC/某某, CICPHOTO/某某).
_PICTURE_AGENCY_RE = re.compile(r"^([A-Za-z]{2,12})\s*[/／]\s*")


def _credit_after_caption(text: str, stripped: str, *, role_needed: bool = False) -> tuple[int, Byline] | None:
    """``某某 摄`` (or a credit line naming a role) at the end of ``stripped``, the caption's words before it."""
    if stripped.endswith(("）", ")")) and stripped[:-1].rstrip().endswith(CREDIT_ENDINGS):
        stripped = stripped[:-1].rstrip()
    ending = next((e for e in CREDIT_ENDINGS if stripped.endswith(e)), None)
    if ending is None:
        if not role_needed:
            return None
        ending = ""  # 特约摄影 某某/某某: the role word opens the credit, no 摄 closes it
    start = 0
    for index in range(len(stripped) - 1, -1, -1):
        if stripped[index] in SENTENCE_END or stripped[index] in "”）)":
            start = index + 1
            break
    credit = stripped[start:].strip().lstrip(BYLINE_BULLETS).strip()  # …冠军。 ■新华社记者 某某 摄
    if credit.startswith(("（", "(")):
        credit = credit[1:]
    body = credit[: len(credit) - len(ending)].rstrip()
    if ending == "摄":
        # 某某/摄: a slash may set the name off from 摄 as a space does (某某 / 摄影报道 signs a report: a byline)
        body = body.rstrip("/／").rstrip()
    issued = ISSUED_BY_RE.match(body)
    if issued is not None:
        body = body[issued.end() :]  # 新华社发（某某 摄）: the agency that sent the photo out, then who shot it
    picture_agency = _PICTURE_AGENCY_RE.match(body)
    if picture_agency is not None:
        body = body[picture_agency.end() :]  # CFP/某某 摄: a picture agency's Latin name, then who shot the photo
    if not body:
        return None
    byline = _credited_names(body, photo=True) if len(body) <= _MAX_STANDALONE_LEN else None
    if byline is not None and issued is not None:
        byline.agency = byline.agency or issued.group(1)
    if byline is not None and picture_agency is not None:
        byline.agency = byline.agency or picture_agency.group(1)
    if byline is None and ending and " " in body.strip():
        # …的本地渔船 某某 摄: no full stop closes the caption, a space sets its credit off
        words = body.split()
        for cut in range(len(words) - 1, 0, -1):
            tail = " ".join(words[cut:])
            byline = _credited_names(tail, photo=True)
            if byline is not None and len(words) - cut <= _MAX_NAMES_WITHOUT_ROLE:
                credit = stripped[stripped.rindex(words[cut], start) :].strip()
                start = stripped.rindex(words[cut], start)
                break
            byline = None
    if byline is None:
        return None
    if role_needed and not ending and not any(ROLE_TOKEN_RE.match(t) for t in BYLINE_SEPARATORS_RE.split(body)):
        return None
    offset = text.index(credit, start) if credit in text[start:] else start
    byline.raw.append(text[offset:].strip())
    return offset, byline


def _leading_byline(paragraph: str) -> tuple[int, Byline] | None:
    """The byline or dateline opening a news paragraph, and where it ends."""
    if not _MAY_OPEN_ON_BYLINE_RE.search(paragraph):
        return None  # (asked of every paragraph: most hold none of the characters any of the patterns below needs)
    match = (
        DATELINE_RE.match(paragraph)
        or PLACE_DATELINE_RE.match(paragraph)
        or TITLED_PLACE_DATELINE_RE.match(paragraph)
        or BRACKETED_DATELINE_RE.match(paragraph)
        or DESK_DATELINE_RE.match(paragraph)
        or PLACE_FLASH_RE.match(paragraph)
    )
    date_first = None if match else DATE_FIRST_DATELINE_RE.match(paragraph)
    if date_first:
        match = date_first
        agency, date, place, inner, named = match.groups()
    elif match:
        agency, place, date, inner, named = match.groups()
    if match:
        credits = inner or named
        byline = (_credited_names(credits) if credits else None) or _reporters_alone(inner) or Byline()
        byline.agency, byline.place, byline.date = agency, place or "", date
    else:
        match = NEWS_FLASH_RE.match(paragraph) or AGENCY_PAREN_RE.match(paragraph)
        if not match:
            return _square_bracketed_byline(paragraph)
        agency, *credits = match.groups()
        inner = next((c for c in credits if c), None)
        byline = (_credited_names(inner) if inner else None) or Byline()
        byline.agency = agency
    byline.raw.insert(0, match.group(0).strip())
    return match.end(), byline


# What any opening byline or dateline holds somewhere: 电, 讯, 消息 or 报道 after its date or outlet (DATELINE_RE,
# DATE_FIRST_DATELINE_RE, PLACE_DATELINE_RE, BRACKETED_DATELINE_RE, DESK_DATELINE_RE, PLACE_FLASH_RE, NEWS_FLASH_RE),
# a bracket round the credits (AGENCY_PAREN_RE), or the square bracket round the whole (_SQUARE_BRACKETED_RE).
# Written to open on one class of characters, which the engine skips between in C (``[电讯（(]|消息|报道|^【``, an
# alternation, was tried at every position of every paragraph); what follows the character tells which it was.
_MAY_OPEN_ON_BYLINE_RE = re.compile("[电讯（(消报【](?:(?<=[电讯（(])|(?<=消)(?=息)|(?<=报)(?=道)|(?<=^【))")
# A whole opening byline in square brackets (【本报讯 记者某某】…), as some papers print it before the text.
_SQUARE_BRACKETED_RE = re.compile(r"^【([^【】]{2,40})】")


def _square_bracketed_byline(paragraph: str) -> tuple[int, Byline] | None:
    """``【本报讯 记者某某】冬日清晨，…``: a byline that fills the brackets, read as it would be without them."""
    square = _SQUARE_BRACKETED_RE.match(paragraph)
    if square is None:
        return None
    inner = square.group(1).strip()
    found = _leading_byline(inner + " ")  # credits without brackets end where a space sets the text off
    if found is None or inner[found[0]:].strip():
        return None
    byline = found[1]
    byline.raw[0] = square.group(0)
    return square.end(), byline


def _reporters_alone(inner: str | None) -> Byline | None:
    """Names alone in a dateline's brackets (某某网拉萨9月1日电 （某某）): the reporters who filed it."""
    names = inner.split() if inner else []
    if not names or len(names) > _MAX_NAMES_WITHOUT_ROLE or not all(NAME_TOKEN_RE.match(n) for n in names):
        return None
    return Byline(reporters=names)


def trailing_signature(paragraph: str) -> Byline | None:
    """An author's name in brackets closing an article: ``…萌芽状态。（王阳）``."""
    match = TRAILING_SIGNATURE_RE.search(paragraph)
    if not match or match.group(1) in SIGNATURE_STOPWORDS:
        return None
    byline = _credited_names(match.group(1))
    if byline is None:
        names = match.group(1).split()
        if not all(NAME_TOKEN_RE.match(n) for n in names):
            return None
        byline = Byline(others=names)
    byline.raw.append(paragraph[match.start() + 1 :].strip())
    return byline


# The same line is asked about by the line classifier, the role features, the layout and the
# document builder: parse it once a page. The public functions hand out copies, so callers may change them.
_cached_standalone = per_page(_standalone_byline)
_cached_credit = per_page(_photo_credit)
_cached_leading = per_page(_leading_byline)


def standalone_byline(line: str) -> Byline | None:
    """A line that is only a byline: ``本报记者 张婧 本报通讯员 付琳琳``, ``记者：某某``, a dateline alone.

    A line in brackets that is only a signature (``（某某厂工会宣传部）``) counts too:
    printed after the body, it names who sent the piece.
    """
    found = _cached_standalone(line)
    return found.copy() if found is not None else None


# What a paragraph prints after its last sentence: a byline glued on (…加工车间。 本报记者王凯旋) signs it off.
_AFTER_LAST_SENTENCE_RE = re.compile("[。！？!?”」』）)](\\s*)([^。！？!?“”]{2,40})$")


def glued_sign_off(paragraph: str) -> Byline | None:
    """A byline printed after a paragraph's last sentence, on the same line, without brackets or 摄:
    ``…一处苦瓜加工车间。 本报记者王凯旋``, or the agency it was taken from (``…。据新华社``). The paragraph is signed
    off there, not cut mid-sentence.

    Names that open on a common surname, and a space before the byline or its outlet at its head (…。本报记者某某),
    tell it from a sentence cut after its subject (…。记者了解到, …。记者王某说)."""
    # (asked of every open paragraph each time the layout, the continuations or the builder ask whether it is open)
    found = _cached_glued(paragraph)
    return found.copy() if found is not None else None


def _glued_sign_off(paragraph: str) -> Byline | None:
    match = _AFTER_LAST_SENTENCE_RE.search(paragraph.rstrip())
    if match is None:
        return None
    byline = standalone_byline(match.group(2).strip())
    # (…约2700吨。何洁 文/摄: the mark of words and pictures by one hand ends no sentence, and needs no space before it)
    if byline is None or not (match.group(1) or byline.agency or TEXT_AND_PHOTO_RE.search(match.group(2))):
        return None
    names = byline.reporters + byline.correspondents + byline.photographers
    if not names:
        # …竟是中文版。据新华社: the agency the report was taken from signs it off
        # (据新华社报道，… goes on: only the agency alone, or with 电, signs off)
        tail = match.group(2).strip()
        kind = CREDIT_KIND_PREFIX_RE.match(tail)
        if kind is not None:
            tail = tail[kind.end() :]  # …的朱鹮。 文/图 据新华社: words and pictures, from the agency
        return byline if byline.agency and tail in (f"据{byline.agency}", f"据{byline.agency}电") else None
    if not all(name[:1] in common_surnames() for name in names):
        return None
    return byline


_cached_glued = per_page(_glued_sign_off)


def photo_credit(text: str) -> tuple[int, Byline] | None:
    """The credit closing a caption (``…平台。本报通讯员 肖本祥摄``): where it starts, and who."""
    found = _cached_credit(text)
    return (found[0], found[1].copy()) if found is not None else None


def leading_byline(paragraph: str) -> tuple[int, Byline] | None:
    """The byline or dateline opening a news paragraph, and where it ends."""
    found = _cached_leading(paragraph)
    return (found[0], found[1].copy()) if found is not None else None


def has_leading_byline(paragraph: str) -> bool:
    return _cached_leading(paragraph) is not None


def has_photo_credit(text: str) -> bool:
    return _cached_credit(text) is not None
