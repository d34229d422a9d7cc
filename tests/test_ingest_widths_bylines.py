"""Punctuation width in Chinese context, and the bylines, datelines and credits of a news page."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.ingest import bylines, cues
from annotator.ingest.bylines import (
    leading_byline,
    photo_credit,
    standalone_byline,
    trailing_signature,
)
from annotator.ingest.cues import (
    PICTURE_POSITION_RE,
    PRODUCTION_LINE_RE,
    PRODUCTION_WORDS,
    ROLE_TOKEN_RE,
)
from annotator.ingest.widths import normalise_widths


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("日前,福建厦门城建", "日前，福建厦门城建"),
        ("本报讯(记者张世光 实习生马春旭)日前", "本报讯（记者张世光 实习生马春旭）日前"),
        ("重庆聚融建设(集团)股份有限公司", "重庆聚融建设（集团）股份有限公司"),
        ("他说:“好!”真的吗?", "他说：“好！”真的吗？"),
        ("安全生产;文明施工", "安全生产；文明施工"),
        ("截至2021年11月,给22772家", "截至2021年11月，给22772家"),
        ("超警戒(26.00)9.97米", "超警戒（26.00）9.97米"),
        ("会议于10:30开始", "会议于10:30开始"),
        ("共3,500人,增长2.0倍", "共3,500人，增长2.0倍"),
        ("Hello, world (ok): yes; no! why?", "Hello, world (ok): yes; no! why?"),
        ("APP心理关爱, 线上服务", "APP心理关爱， 线上服务"),
        ("(1) 第一条", "（1） 第一条"),
        ("", ""),
    ],
)
def test_half_width_punctuation_in_chinese_context_becomes_full_width(raw: str, expected: str):
    normalised = normalise_widths(raw)
    assert normalised == expected
    assert len(normalised) == len(raw)  # one for one: offsets hold in both


def test_normalisation_changes_nothing_else():
    text = "本报记者 王伟伟 摄。“工会专家团”，给力！——2022年"
    assert normalise_widths(text) == text


def test_news_flash_byline_with_full_and_half_width_brackets():
    for text in ("本报讯（记者邹倜然）记者日前获悉", "本报讯(记者邹倜然)记者日前获悉"):
        end, byline = leading_byline(text)
        assert text[end:] == "记者日前获悉"
        assert byline.to_meta() == {"raw": text[:end], "reporters": ["邹倜然"], "agency": "本报"}


def test_byline_roles_and_names_without_a_role_take_the_one_before():
    _, byline = leading_byline("本报讯(记者杨明清 张嫣 通讯员宋洁)“通过学习")
    assert byline.reporters == ["杨明清", "张嫣"] and byline.correspondents == ["宋洁"]
    _, byline = leading_byline("本报讯（记者叶小钟 特约通讯员沈莹）广东省")
    assert byline.reporters == ["叶小钟"] and byline.correspondents == ["沈莹"]
    _, byline = leading_byline("本报讯(特约记者朱润涓 通讯员朱婉莹)近日")
    assert byline.reporters == ["朱润涓"] and byline.correspondents == ["朱婉莹"]


def test_agency_in_brackets_without_xun():
    _end, byline = leading_byline("本报(记者王伟 通讯员唐璐 周永祥)记者日前获悉")
    assert byline.reporters == ["王伟"] and byline.correspondents == ["唐璐", "周永祥"]
    assert byline.agency == "本报"


def test_dateline_gives_place_and_date():
    text = "本报广州6月23日电(记者叶小钟 通讯员廖宇红 实习生谢迅)记者今天从广东省清远市英德市了解到"
    end, byline = leading_byline(text)
    assert text[end:].startswith("记者今天")
    assert byline.to_meta() == {
        "raw": "本报广州6月23日电(记者叶小钟 通讯员廖宇红 实习生谢迅)",
        "reporters": ["叶小钟"],
        "correspondents": ["廖宇红"],
        "others": ["谢迅"],
        "agency": "本报",
        "place": "广州",
        "date": "6月23日",
    }
    _, byline = leading_byline("新华社北京3月5日电（记者王强）国务院")
    assert (byline.agency, byline.place, byline.date, byline.reporters) == ("新华社", "北京", "3月5日", ["王强"])


def test_ordinary_sentences_are_not_bylines():
    assert leading_byline("本报记者近日来到贵州省遵义市") is None
    assert leading_byline("记者从福建省总工会了解到") is None
    assert standalone_byline("本报记者近日来到贵州") is None
    assert standalone_byline("外闯职工在外，最放心不下的就是家人。") is None


def test_standalone_bylines():
    byline = standalone_byline("本报记者 余嘉熙 本报通讯员 韩冬梅 杨敏")
    assert byline.to_meta() == {
        "raw": "本报记者 余嘉熙 本报通讯员 韩冬梅 杨敏",
        "reporters": ["余嘉熙"],
        "correspondents": ["韩冬梅", "杨敏"],
        "agency": "本报",
    }
    assert standalone_byline("本报记者 李丰").reporters == ["李丰"]
    assert standalone_byline("本报记者 王伟伟 摄") is None  # a photo credit


@pytest.mark.parametrize(
    ("caption", "names", "agency", "credit"),
    [
        ("本报记者 王伟伟 摄", ["王伟伟"], "本报", "本报记者 王伟伟 摄"),
        ("…切磋技艺的平台。本报通讯员 肖本祥摄", ["肖本祥"], "本报", "本报通讯员 肖本祥摄"),
        ("…培训职工4000余人次。 本报通讯员 张锋 孟宪勋 摄", ["张锋", "孟宪勋"], "本报", "本报通讯员 张锋 孟宪勋 摄"),
        ("…从事小龙虾产业。 新华社记者 季春鹏 摄", ["季春鹏"], "新华社", "新华社记者 季春鹏 摄"),
    ],
)
def test_photo_credits(caption: str, names: list[str], agency: str, credit: str):
    start, byline = photo_credit(caption)
    assert caption[start:] == credit
    assert byline.photographers == names and byline.agency == agency


def test_words_ending_in_she_are_not_credits():
    assert photo_credit("游客们纷纷拿出手机拍摄") is None
    assert photo_credit("记者在现场拍摄。") is None


def test_trailing_signature():
    assert trailing_signature("将大量可能发生的劳资矛盾消解在萌芽状态。（王阳）").others == ["王阳"]
    assert trailing_signature("全文完。（完）") is None
    assert trailing_signature("没有署名的段落。") is None


# The patterns as first written, plain alternations; cues and bylines spell them so that the engine skips in C to the
# characters they open on, or asks first for a character they need. The two must find the same things.
_PLAIN_PICTURE_POSITION = (
    "[（(](?:左|右|中|前排|后排)(?:起|[一二三四五六七八九1-9])?[）)]|[左右]起[：:]|[左右][一二三四五六七八九1-9]为"
)
_PLAIN_MAY_OPEN_ON_BYLINE = "[电讯（(]|消息|^【"
_PLAIN_ROLE_TOKEN = f"^(?:({cues._AGENCY}))?({cues._ROLE})[：:]?({cues.NAME})?$"
_PATTERN_PIECES = ["（", "(", "左", "右", "中", "前排", "起", "一", "9", "）", "：", "为", "电", "讯", "消", "息", "【",
                   "某", " ", "记者", "本报", "日报", "通讯员", "摄影", "联合", "部", "出品", "制作"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PATTERN_PIECES), max_size=8).map("".join))
def test_patterns_spelled_for_speed_find_what_their_plain_forms_find(text: str):
    assert [m.span() for m in PICTURE_POSITION_RE.finditer(text)] == [
        m.span() for m in re.finditer(_PLAIN_PICTURE_POSITION, text)]
    assert bool(bylines._MAY_OPEN_ON_BYLINE_RE.search(text)) == bool(re.search(_PLAIN_MAY_OPEN_ON_BYLINE, text))
    fast, plain = ROLE_TOKEN_RE.match(text), re.match(_PLAIN_ROLE_TOKEN, text)
    assert (fast and fast.groups()) == (plain and plain.groups())
    # a production line is tried only when it ends on a production word: no line the pattern matches ends otherwise
    if PRODUCTION_LINE_RE.match(text):
        assert text.endswith(PRODUCTION_WORDS)
