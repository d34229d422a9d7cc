"""The typographic and lexical cues of a Chinese newspaper page, in one place.

Everything the page parser recognises by its look (punctuation that ends a
sentence, the roles printed in bylines, the words that mark a column label)
is listed here so the rules read as data and can be extended without touching
the parser.
"""

from __future__ import annotations

import re
from functools import lru_cache

import tomllib

from annotator.platform.app_paths import resource

# Characters that end a sentence; a paragraph ending in one of these is complete.
SENTENCE_END = frozenset("。！？!?…")
# The OCR of some papers prints a full stop as 〇 (…令吉〇预计…): a 〇 with no numeral on either side ends a
# sentence; among numerals it is a zero (二〇二三年, 一〇〇).
ZERO_STOP = "〇"
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两0123456789０１２３４５６７８９")


def is_zero_stop(text: str, index: int) -> bool:
    """Is ``text[index]`` a 〇 printed for a full stop (after a word, not among numerals)?"""
    if not 0 < index < len(text) or text[index] != ZERO_STOP:
        return False
    return text[index - 1] not in _NUMERALS and text[index + 1 : index + 2] not in _NUMERALS


def count_zero_stops(text: str) -> int:
    """How many 〇 in ``text`` stand for full stops."""
    if ZERO_STOP not in text:
        return 0
    return sum(1 for index, char in enumerate(text) if char == ZERO_STOP and is_zero_stop(text, index))


# Closing marks that may follow a sentence end ("……。”", "说。）").
CLOSERS = frozenset("”’」』）)》〉】]")
OPENERS = frozenset("“‘「『（(《〈【[")
# A paragraph ending in one of these is cut mid-sentence.
CONTINUES = frozenset("，,、；;（(“‘《〈【「『—-")
# Marks that cannot begin a sentence: a paragraph starting with one began elsewhere.
CANNOT_START = frozenset("，,、。；;：:！!？?”’」』）)》〉】")

QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"), ("（", "）"), ("(", ")"), ("《", "》"))

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002a6df\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")

# The words a byline prints before names, and where the names go in meta["byline"].
ROLE_FIELDS = {
    "记者": "reporters",
    "特约记者": "reporters",
    "首席记者": "reporters",
    "见习记者": "reporters",
    "驻站记者": "reporters",
    "全媒体记者": "reporters",
    "融媒体记者": "reporters",
    "全媒记者": "reporters",
    "融媒记者": "reporters",
    "新闻记者": "reporters",  # a paper's news app's reporter, printed without the paper (某某日报)新闻记者
    "新媒体记者": "reporters",
    "报道员": "reporters",  # a wire's local staff reporter, listed after its 记者 (报道员：某某、某某)
    "通讯员": "correspondents",
    "特约通讯员": "correspondents",
    "摄影记者": "photographers",
    "摄影": "photographers",
    "特约摄影": "photographers",
    "摄影师": "photographers",
    "签约摄影师": "photographers",
    "摄": "photographers",
    "实习生": "others",
    "撰稿": "others",
    "撰文": "others",
    "特约撰稿人": "others",
    "作者": "reporters",  # who wrote the piece: its reporter, as the pages that print 作者：某某 mean it
    "读者": "others",
    "评论员": "others",
    "特约评论员": "others",
    "编辑": "others",
    "责任编辑": "others",
}
# Authors a byline names by role alone, with no person's name: 本报评论员, 新华社评论员.
NAMELESS_ROLES = frozenset({"评论员", "特约评论员"})
# Words that follow a role word in a column label, not a name: 读者来信, 记者手记, 记者观察.
NOT_NAMES = frozenset({
    "来信", "来稿", "来电", "来函", "之声", "之家", "园地", "论坛", "信箱", "热线", "调查", "手记", "观察", "札记",
    "视点", "连线", "追踪", "走访", "探访", "体验", "直击", "现场", "感言", "心声", "点评", "说法", "提问",
})
# Who a byline is from: the paper itself, or a named paper, agency, site or station
# (新华社, 光明日报, 中新网, 央视网…): a short name ending in the word for its kind of outlet.
AGENCIES = ("本报", "本刊", "本网", "本台", "本版", "新华社", "中新社", "人民日报", "工人日报", "人民网", "新华网", "央视网",
            "中国新闻社")
OUTLET_ENDINGS = ("日报", "晚报", "早报", "商报", "时报", "青年报", "工人报", "报", "通讯社", "社", "网", "电视台", "广播电台",
                  "台", "新闻", "客户端", "频道")
# 新闻, 客户端: a paper's news app (某某日报某某新闻记者, 某某新闻客户端讯); 频道: a site's regional or subject channel, which
# files its own reports (某某网河南频道报道：…)

_OUTLET = f"[{HAN}]{{1,8}}?(?:" + "|".join(OUTLET_ENDINGS) + ")"
# an outlet may print its app or channel after its own name, joined by a middle dot (某某新闻网·某某客户端讯)
_AGENCY = "|".join(AGENCIES) + f"|(?:{_OUTLET}[·・])?{_OUTLET}"
_ROLE = "|".join(sorted(ROLE_FIELDS, key=len, reverse=True))
# Marks some papers print before a byline or a photo credit (■ 本版摄影 …, □ 新华社记者 …, ■新华社记者 某某 摄).
BYLINE_BULLETS = "■□●◆◇▲△▼○★☆"
# A name as printed in a byline: two to five Han characters, or a transliterated name with "·".
NAME = f"[{HAN}]{{2,5}}|[{HAN}]{{1,6}}·[{HAN}]{{1,8}}"
# A role word, optionally after its outlet and before a colon and the first name: 记者陈国琦, 记者：郝倩, 光明日报记者
# (the lookahead asks first for a character some role word ends on, a test of a few steps in C: most tokens tried are
# names, which would otherwise be tried against every outlet and role word before they fail)
_ROLE_LAST_CHARS = "".join(sorted({role[-1] for role in ROLE_FIELDS}))
ROLE_TOKEN_RE = re.compile(f"^(?=[\\s\\S]*?[{_ROLE_LAST_CHARS}])(?:({_AGENCY}))?({_ROLE})[：:]?({NAME})?$")
NAME_TOKEN_RE = re.compile(f"^(?:{NAME})$")
# One role and its name inside a run of them printed with no space (某某新闻通讯员某某记者某某): the name runs up to the
# next role word or the end.
GLUED_CREDIT_RE = re.compile(f"(?:{_AGENCY})?(?:{_ROLE})[：:]?[{HAN}]{{2,5}}?(?=(?:{_AGENCY})?(?:{_ROLE})|$)")
# An outlet named alone before a photographer's name: 人民网 某某摄
OUTLET_TOKEN_RE = re.compile(f"^(?:{_AGENCY})$")
# Who sent a photo out, before its photographer: 新华社发（某某 摄）, （新华社发 某某 摄）.
ISSUED_BY_RE = re.compile(f"^({_AGENCY})发[\\s（(]*")
# Names in a byline are separated by spaces or 、 (通讯员：门波、周志昊), sometimes by commas.
BYLINE_SEPARATORS_RE = re.compile(r"[\s、，,]+")

# A date in a dateline: 6月23日, 2021年6月23日, 18日, 九月二十七日
_CN_NUMBER = "[一二三四五六七八九十〇零]{1,3}"
DATELINE_DATE = f"(?:(?:\\d{{4}}|[〇零一二三四五六七八九]{{4}})年)?(?:(?:\\d{{1,2}}|{_CN_NUMBER})月)?(?:\\d{{1,2}}|{_CN_NUMBER})日"
# Roles and names printed after a dateline or 讯 without brackets: up to 报道： (记者某某、某某报道：, 通讯员某某，记者某某
# 报道：), or a run of roles and names each set off by a space (本报讯 记者 某某 通讯员 某某 过去几天…).
_UNBRACKETED_CREDITS = (
    f"\\s*((?:{_ROLE})[^。！？；;（()）：:]{{1,40}}?)报道[：:]"
    f"|\\s+((?:{_ROLE})\\s*(?:{NAME})(?:(?:\\s+|[、，,])(?:(?:{_ROLE})\\s*)?(?:{NAME}))*)(?=\\s)"
)
# 本报讯（记者…） / 本报讯(记者…) / 新华社讯（…） / 本报讯 记者 某某 通讯员 某某 …; a wire's copy opens on 据 (据新华社讯);
# a site's or broadcaster's 某某网消息：… or 某某频道报道：… (消息 or 报道 with its colon: 据新华社消息， or 据某某报道， inside a
# text cites, it does not open)
NEWS_FLASH_RE = re.compile(f"^据?({_AGENCY})(?:讯|(?:消息|报道)[：:])(?:\\s*[（(]([^（()）]{{1,80}})[）)]|{_UNBRACKETED_CREDITS})?")
# 本报(记者…) / 本报（记者…）
AGENCY_PAREN_RE = re.compile(f"^({_AGENCY})\\s*[（(]((?:{_ROLE})[^（()）]{{1,80}})[）)]")
# 本报广州6月23日电(记者…) / 新华社北京6月1日电 / 本报6月1日电 / 本报北京4月30日讯 / 本报合肥18日电, in brackets
# 【新华社某地12月8日电】, or as a wire's copy 据新华社济南6月21日电 (the outlet is 新华社); a broadcaster's 某某网银川7月1日消息
# and the reporter named after it without brackets: …1月28日电记者张金江报道：
DATELINE_RE = re.compile(
    f"^[【\\[［]?据?({_AGENCY})\\s*([{HAN}]{{0,8}}?)\\s*({DATELINE_DATE})(?:电|讯|消息)[】\\]］]?"
    f"(?:\\s*[（(]([^（()）]{{1,80}})[）)]|\\s*((?:{_ROLE})\\s*(?:{NAME})(?:[\\s、](?:{NAME}))*)报道[：:]?)?"
)
# A broadcaster's or website's dateline naming the date before the place: 某某网7月1日宁夏消息 (groups as DATELINE_RE's,
# the place last).
DATE_FIRST_DATELINE_RE = re.compile(
    f"^({_AGENCY})\\s*({DATELINE_DATE})\\s*([{HAN}]{{2,6}}?)(?:电|讯|消息)\\s*(?:[（(]([^（()）]{{1,80}})[）)])?()"
)
# Datelines printed without their outlet (a wire's copy as another paper prints it), each with the groups of
# DATELINE_RE (outlet, place, date, names in brackets, names after): 南昌12月5日电 （某某）, with the reporter
# in brackets so that 电 is the dispatch's and no word's (电视, 电力); and a paper's desk before the place,
# after a slash: 中国新闻组／北京16日电
PLACE_DATELINE_RE = re.compile(
    f"^()([{HAN}]{{2,8}}?)\\s*({DATELINE_DATE})电\\s*[（(]((?:(?:{_ROLE})\\s*)?(?:{NAME})(?:[\\s、，,]+(?:{NAME}))*)[）)]()"
)
# A dateline in brackets opening the text, as the Chinese dailies of South-East Asia print it: (某地6日讯),
# （某地26日电）; the outlet is the paper itself (groups as DATELINE_RE's, the outlet empty)
BRACKETED_DATELINE_RE = re.compile(f"^[（(]()([{HAN}]{{2,8}}?)\\s*({DATELINE_DATE})[电讯][）)]()()")
# An outlet and its city before 讯, with no date, and the reporters in brackets (本报北京讯（记者某某）, 某某网大同讯
# （记者某某）): groups as DATELINE_RE's, the date empty
PLACE_FLASH_RE = re.compile(f"^据?({_AGENCY})(?![网报社台])([{HAN}]{{2,4}}?)讯()\\s*[（(]((?:{_ROLE})[^（()）]{{1,80}})[）)]()")
# A wire's dateline without its outlet over a report that repeats its title after 题： (云南大理8月16日电 题：某某):
# 题 after the date tells 电 is the dispatch's, as the reporter's brackets do above (groups as DATELINE_RE's).
TITLED_PLACE_DATELINE_RE = re.compile(f"^()([{HAN}]{{2,8}}?)\\s*({DATELINE_DATE})电(?=\\s*题\\s*[：:])()()")
DESK_DATELINE_RE = re.compile(f"^([{HAN}]{{2,10}})\\s*[/／]\\s*([{HAN}]{{0,8}}?)\\s*({DATELINE_DATE})[电讯]()()")
# An author's name in brackets closing an article: …萌芽状态。（王阳）
_CREDITED = f"(?:{_ROLE})?[：:]?(?:{NAME})"
TRAILING_SIGNATURE_RE = re.compile(f"[。！？!?”）)]\\s*[（(]({_CREDITED}(?:[\\s、]+{_CREDITED})*)[）)]$")
# A website's line naming the paper an article was printed in, with the day and page: 作者：《某某日报》（2011年02月17日
# 01版）, 来源：《某某报》(2020年5月6日 第3版). General web vocabulary.
PRINTED_SOURCE_RE = re.compile(
    r"^(?:作者|来源|稿源|文章来源)\s*[：:]\s*《([^《》]{2,20})》\s*[（(]\s*"
    r"((?:\d{4}|[〇零一二三四五六七八九]{4})年\d{1,2}月\d{1,2}日)?\s*(?:第?[A-Z]?\d{1,3}[A-Z]?版)?\s*[）)]$"
)
# A source line signing a text off, as websites print it: 来源：某某网, 来源：某某社区 通讯员 某某 编辑 某某; and as papers
# print it under a brief taken from another outlet: 信息参考：某某日报, 资料来源：某某.
SOURCE_LINE_RE = re.compile(r"^(?:来源|稿源|信息来源|文章来源|消息来源|资料来源|信息参考|资料参考)\s*[：:]\s*([^\s，,。；;：:！？!?]{2,20})((?:\s+[^\s，,。；;！？!?]{1,8}){0,8})$")
# Who planned, coordinated or oversaw a series or a page, on a line of its own under the headline: 系列报道策划：某某、某某
# 本篇统筹：某某 (each credit a few words ending in the task, a colon, then names up to the next credit).
_TASK = f"[{HAN}]{{0,6}}?(?:策划|统筹|监制|出品人|主编|编审)\\s*[：:]"
PRODUCTION_CREDIT_PART_RE = re.compile(f"{_TASK}\\s*((?:{NAME})(?:[、，,\\s]+(?:{NAME}))*?)\\s*(?={_TASK}|$)")
# Who produced a video report or a series, on a line of its own closing it: 新华社音视频部制作, 某某频道 某某厅 / 联合出品.
# A body (a desk, a centre, a channel, an outlet) or 联合 before the word, so that a headline ending in 制作 is none.
_PRODUCER = f"(?:{_AGENCY})?[{HAN}]{{0,12}}?(?:部|中心|频道|工作室|厅|局|办|委员会|公司|集团|社|网|台)"
# (the words it ends on: a line ending otherwise is not tried against every producer's name; ``$`` matches at the end
# of a line only, as lines hold no newline)
PRODUCTION_WORDS = ("出品", "制作", "摄制", "监制")
PRODUCTION_LINE_RE = re.compile(f"^(?:({_PRODUCER})\\s*(?:联合)?|联合)(?:{'|'.join(PRODUCTION_WORDS)})$")
# What the byline credits, printed before it: 文·图丨记者 某某, 文/记者 某某, 文｜某某 (words, or words and pictures); 文/图
# needs no mark after it, a space will do (文/图 据新华社).
CREDIT_KIND_PREFIX_RE = re.compile(
    r"^(?:(?:文\s*[·/／、]\s*图|图\s*[·/／、]\s*文)\s+(?![丨|｜/／：:_＿])|(?:文\s*[·/／、]\s*图|图\s*[·/／、]\s*文|文图|图文|文)\s*[丨|｜/／：:_＿]\s*)"
)
# The pictures' credit after the words' in such a line: 文 _ 某某/某刊 图 _ 某某、某某.
PICTURES_PART_RE = re.compile(r"\s+图\s*[丨|｜/／：:_＿]\s*")
# A sign-off for words and pictures by one hand: 记者某某文/图, 某某 图/文, 某某 文/摄; or for the words alone, set off by a
# space (本报记者 某某 文: a name may end in 文 itself).
TEXT_AND_PHOTO_RE = re.compile(r"\s*(?:文\s*[/／]\s*[图摄]|图\s*[/／]\s*文|文图|图文)$|\s+文$")
# A byline line of an e-paper export: the date, then the author (2023年06月26日 某某).
DATED_BYLINE_RE = re.compile(f"^\\d{{4}}年\\d{{1,2}}月\\d{{1,2}}日\\s+((?:{NAME})(?:[\\s、]+(?:{NAME}))*)$")
# A wire report's source on a line of its own, signing the text off: 据新华社, 据新华社电, （据中新社消息）.
SOURCE_SIGN_OFF_RE = re.compile(f"^[（(]?据({_AGENCY})(?:电|消息|报道)?[）)]?$")
SIGNATURE_STOPWORDS = frozenset({"完", "待续", "未完待续", "上", "下", "续"})
# A photo credit ends in one of these: …本报记者 王伟伟 摄, 记者 某某 摄影报道
CREDIT_ENDINGS = ("摄影报道", "摄影", "摄")
# A credit naming the role first, at the end of a caption: … 摄影：某某, … 摄/某某
CREDIT_ROLE_FIRST_RE = re.compile(f"(?:^|(?<=[\\s。！？!?”）)]))\\s*(?:摄影|摄)\\s*[：:/／]\\s*((?:{NAME})(?:[\\s、]+(?:{NAME})){{0,3}})$")
# Who supplied a photo, closing its caption: …。某某管理局供图, 受访者供图
SUPPLIED_PHOTO_RE = re.compile(f"(?:^|(?<=[\\s。！？!?”）)]))\\s*([{HAN}A-Za-z·]{{2,24}})\\s*(?:供图|提供图片|图片提供)$")
# A note after a credit on who sent the photo out or where it was taken from: （某某图片库发）, （取材自某某报）
CREDIT_SOURCE_NOTE_RE = re.compile(f"\\s*[（(](?:[{HAN}]{{2,16}}(?:发|供稿|供图)|(?:取材自|来源[：:]?|转自|选自)[{HAN}]{{2,16}})[）)]$")
# Where a picture was taken from, in brackets closing its caption: （图取自某某快讯）, （图片来源：某某网）, （图/某某）
PICTURE_SOURCE_NOTE_RE = re.compile(
    f"\\s*[（(](?:图|图片|照片)\\s*(?:取自|来自|来源|源自|转自|选自|提供|/|／|[：:])\\s*[：:]?\\s*([{HAN}A-Za-z·]{{2,16}})[）)]$"
)
# Where a picture comes from, after its caption's last sentence without brackets or on a line of its own over the
# caption, as websites print it: …。 图/新华社, …。图源某某官网, …。图片来源：某某/视觉中国, 图|视觉中国.
PICTURE_SOURCE_RE = re.compile(
    f"(?:^|(?<=[\\s。！？!?”）)]))\\s*(?:图片来源\\s*[：:]|图片来自|图源|图\\s*[丨|｜/／])\\s*([{HAN}A-Za-z·][{HAN}A-Za-z·/／]{{1,23}})$"
)
# People named by where they stand in the picture, which only a caption does: （左起）, （右3）, （左二）, 左起：…, 右2为…
# (its first character, a bracket or 左/右, is one class, which the engine skips between in C; what follows it tells
# which form it opens: an alternation of the three forms was tried at every position of every paragraph)
PICTURE_POSITION_RE = re.compile(
    "[（(左右](?:(?<=[（(])(?:左|右|中|前排|后排)(?:起|[一二三四五六七八九1-9])?[）)]"
    "|(?<=[左右])起[：:]|(?<=[左右])[一二三四五六七八九1-9]为)"
)
# A credit in brackets before the caption's full stop: …制作陶瓷花瓶（新华社记者某某摄）。
BRACKETED_CREDIT_BEFORE_STOP_RE = re.compile(r"[（(][^（()）。！？!?]{2,30}[）)]\s*[。.]$")
# A note in brackets closing a photo's caption, saying when or how the picture was taken: …的蔬菜（1月21日摄，无人机
#照片）。, …（资料照片）, …（新华社记者某某摄）。 Only a caption carries one.
# A credit naming the role first in brackets closing a short caption: 灯会现场（摄影 某某）, …（摄影：某某）.
BRACKETED_ROLE_FIRST_RE = re.compile(
    f"[（(]\\s*(?:摄影|摄)\\s*[：:/／]?\\s*((?:{NAME})(?:[\\s、]+(?:{NAME})){{0,3}})\\s*[）)]$"
)
PHOTO_NOTE_RE = re.compile(r"[（(][^（()）]{0,24}(?:摄|照片|航拍)[^（()）]{0,24}[）)]\s*[。.]?$")
# Where the author works, signing the text off under the author's line: 作者单位：某某县融媒体中心
AUTHOR_AFFILIATION_RE = re.compile(r"^作者单位\s*[：:]\s*([^\s，,。；;：:！？!?]{2,24})$")
# An outlet after the name, printed with a slash: 某某/中新网, 特约摄影 某某/视觉某地
SLASH_OUTLET_RE = re.compile(f"\\s*[/／]\\s*[{HAN}A-Za-z]{{2,8}}$")

# Column labels printed above or below a headline.
SECTION_PATTERNS = (
    # the "G" is how OCR reads the column's icon: G新闻特写, G 新闻特写
    re.compile(f"^G\\s?[{HAN}]{{2,8}}$"),
    # a numbered series: 砥砺奋进中的吉林工会（四）
    re.compile("^[^，,。]{2,22}[（(][一二三四五六七八九十百零〇\\d]{1,4}[）)]$"),
    # 之三 numbers a series; 分之一 is a fraction (十分之一), not a label
    re.compile("^[^，,。]{2,22}(?<!分)之[一二三四五六七八九十]{1,3}$"),
)
SECTION_SUFFIXES = (
    "新闻特写", "特写", "故事", "巡礼", "札记", "手记", "纪事", "侧记", "速写", "走基层", "图片新闻",
    "系列报道", "专栏", "访谈录", "人物志", "一线故事", "工作巡礼",
)
# The label over a column of briefs (某某速递, 简讯, 某某快讯, 某某动态, 简报) is a word or two: a longer line ending so
# is a headline (市场出现新动态).
BRIEFS_SUFFIXES = ("速递", "简讯", "快讯", "短讯", "动态", "简报")
BRIEFS_LABEL_MAX_LEN = 6
SECTION_MAX_LEN = 20

# Page furniture by its shape, anywhere on the page: a jump line sending the text to another page or taking
# it up from one (（转第2版）, （下转A3版）, （上接第1版）, an e-paper's 文转>A4 or 转A4, 转第三页), a date line with its
# weekday (2019年11月25日 星期一), an editors' line (责任编辑：… 美术编辑：…). A page is a number with 版 or 页, or
# a letter and a number (A4: an e-paper's section and page, which needs no 版).
_PAGE_REF = r"(?:第\s*)?(?:[A-Za-z]\s*\d{1,2}\s*[版页]?|[0-9一二三四五六七八九十]{1,3}\s*[版页])"
# what may stand between the verb and the page: an arrow or a colon (文转>A4, 转→A3, 转：第2版)
_JUMP_POINTER = r"\s*(?:>{1,2}|》|→|[：:])?\s*"
JUMP_LINE_RE = re.compile(f"^[（(]?(?:本文|文)?(?:下转|转至|转到|转|上接|紧接|接上|接){_JUMP_POINTER}{_PAGE_REF}[）)]?$")
# A jump line that takes the text up from another page (（上接第1版）) opens what follows, it ends nothing.
JUMP_IN_RE = re.compile(f"^[（(]?(?:本文|文)?(?:上接|紧接|接上|接){_JUMP_POINTER}{_PAGE_REF}[）)]?$")
DATE_LINE_RE = re.compile(
    r"^(?:\d{4}|[〇零一二三四五六七八九]{4})年[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日"
    r"\s*(?:星期|周|礼拜)[一二三四五六日天]"
)
# (本版 or 本期 before the role: 本版责编：某某 美编：某某, the editors of this page or issue)
EDITORS_LINE_RE = re.compile(
    r"^(?:本版|本期)?(?:责任编辑|责编|编辑|美术编辑|美编|版式设计|版式|校对|排版|组版)\s*[：:\s]"
)
# What a news website prints around an article, kept when a page is saved as text: share and print links, the
# neighbouring articles (上一篇 下一篇), the e-paper's 上一版 下一版, reading time, copyright and licence lines,
# the page's address and title repeated, a QR-code prompt, 相关新闻 / 更多>>, and metadata listed under the
# headline (- 来源:… / - 时间:2025-04-25 10:36). General web vocabulary, not any one site's.
# A web copy's editor signing the article off, the name in square brackets (责任编辑：【某某】, 【编辑：某某】): the copy's own
# last line, not the page's editors' line at its foot.
BRACKETED_EDITOR_RE = re.compile(f"^(?:(?:责任编辑|编辑)\\s*[：:]\\s*【({NAME})】|【(?:责任编辑|编辑)\\s*[：:]\\s*({NAME})】)$")
# A lone number (a web page's index, or a feature's numbered part between two paragraphs).
LONE_NUMBER_RE = re.compile(r"^\d{1,3}$")
# (what it finds at the line's start comes first, in one group behind one ^, what it finds anywhere after it: a search
# tries every position, where the group fails on its ^ at once instead of each of its forms failing on its own)
WEB_CHROME_RE = re.compile(
    r"^(?:(?:分享到|打印本页|关闭窗口|返回顶部|返回首页|收藏本文|我要纠错|字号|字体)"
    r"|(?:上一篇|下一篇)|(?:您的)?当前位置\s*[：:]|首页\s*[>＞›»]"
    r"|(?:相关新闻|相关阅读|相关链接|相关文章|延伸阅读|热点推荐|推荐阅读|更多|全部|查看更多|阅读全文|继续阅读)\s*(?:>>|》》|＞＞|>)?$"
    r"|©|(?:手机)?扫一扫|扫码"
    r"|本篇文章\s*\d+\s*字"
    r"|(?:原文)?(?:地址|链接|网址)\s*[：:]\s*https?|https?[：:]//\S+$|标题\s*[：:]"
    r"|[-·•]\s*(?:来源|时间|发布时间|发布日期|日期|作者|编辑|责任编辑|浏览次数|点击数|阅读量)\s*[：:]"
    r"|(?:发布)?(?:时间|日期)\s*[：:]\s*\d{4}[-/年.]"
    r"|\d{1,3}$)"
    r"|上一版\s*下一版|(?:>>|》》|＞＞)$|版权所有|ICP备|读完约\s*\d+\s*分钟"
)
# A page number in a page header or foot: 第4版, A4版, 24版 (on a short line at the top or foot of the page).
PAGE_NUMBER_RE = re.compile(r"第\s*[0-9一二三四五六七八九十]{1,3}\s*版|(?<![0-9])[A-Za-z]?[0-9]{1,2}\s*版(?![权面])")

# The parts of a page's folio line (报头), printed apart: a full date, the weekday, the page (第7版, A03, A4版).
FOLIO_PART_RE = re.compile(
    r"^(?:(?:\d{4}|[〇零一二三四五六七八九]{4})年[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日"
    r"|(?:星期|周|礼拜)[一二三四五六日天]|第\s*[0-9一二三四五六七八九十]{1,3}\s*版|[A-Za-z]?[0-9]{1,2}\s*版|[A-Z][0-9]{1,2})$"
)

# A column label printed before the title on the title's line (行进中国丨…, 农民丰收丨…): the furniture of a headline.
# An intertitle names a part of one article and carries no column of its own.
COLUMN_ON_TITLE_RE = re.compile(f"^(?=[{HAN}]{{2}})[{HAN}“”「」]{{2,8}}\\s*[丨｜|]\\s*[^丨｜|\\s]{{4,}}")

AD_LINES = frozenset({"广告", "广 告", "（广告）", "(广告)", "广告专版"})
READING_PROMPTS = frozenset({"阅读提示", "【阅读提示】", "［阅读提示］", "阅读提示：", "阅读提示:"})

# A kicker (引题) often ends in a dash that leads into the headline.
# An editors' note opening a piece (编者按：…, 编者的话, 编前语): it introduces the article under it, whose byline may
# follow it. General newspaper vocabulary.
EDITORS_NOTE_RE = re.compile(r"^[【\[［（(]?(?:编者按|编者的话|编者注|编前语|编前话|编者[】\]］）)]?[：:])")
KICKER_DASHES = ("——", "--", "—")

# Lengths, in characters, that tell page furniture from body text.
HEADLINE_MAX_LEN = 50
UNDASHED_HEADLINE_MAX_LEN = 40
# Intertitles are short phrases; a longer line alone between paragraphs is body text cut short.
INTERTITLE_MAX_LEN = 24
PHOTO_CAPTION_MAX_PARAGRAPHS = 3
# A photo's caption names what the picture shows in one short sentence of about this length at most; a report's
# lede, or its paragraph, runs longer.
CAPTION_MAX_LEN = 40


def short_caption(text: str) -> bool:
    """A caption's shape: one sentence at most, of a caption's length (a photo story's captions are; a report's
    paragraphs run longer)."""
    # (the length first: asked of every paragraph, most of which are too long to be one)
    return len(text.strip()) <= CAPTION_MAX_LEN and sum(text.count(mark) for mark in SENTENCE_END) <= 1


# Last characters of places and bodies: a word ending in one is no person's name (李家村, 林业局, 清徐县).
PLACE_OR_BODY_ENDINGS = frozenset("村市县镇乡区路街巷馆局厂站所院校队会省州湖山河江桥港湾园场")


@lru_cache(maxsize=1)
def common_surnames() -> frozenset[str]:
    """The common one-character surnames, from the candidate rules' list (resources/candidates/surnames.toml), so
    that one list, which users may extend, serves both."""
    with resource("candidates", "surnames.toml").open("rb") as handle:
        return frozenset(tomllib.load(handle).get("common", ()))
