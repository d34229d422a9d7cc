"""Each rule family on sentences written for these tests (not taken from the seed pages)."""

from __future__ import annotations

import pytest

from annotator.candidates import suggest


def found(text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label) for s in suggest(text)}


def labelled(text: str, label: str) -> set[str]:
    return {s.text for s in suggest(text) if s.label == label}


# --- organisations ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "organisation"),
    [
        ("昨天，河南省洛阳市涧西区总工会召开职工代表大会。", "河南省洛阳市涧西区总工会"),
        ("广东美的制冷设备有限公司工会主席李明华说，今年将开展技能比武。", "广东美的制冷设备有限公司"),
        ("西安市雁塔区人民法院审理了此案。", "西安市雁塔区人民法院"),
        ("重庆长安汽车（集团）股份有限公司的职工参加了培训。", "重庆长安汽车（集团）股份有限公司"),
    ],
)
def test_an_organisation_suffix_extends_left_over_places_and_name_words(sentence, organisation):
    assert (organisation, "ORG") in found(sentence)


def test_an_organisation_and_its_own_unit_are_one_name():
    assert (
        "成都市总工会职工服务中心", "ORG"
    ) in found("他来到成都市总工会职工服务中心咨询。")


def test_a_place_abbreviation_with_zong_is_the_federation_of_trade_unions():
    assert labelled("杭州市总近日发布通知，要求各级工会做好防暑工作。", "ORG") == {"杭州市总"}


def test_descriptions_without_a_name_are_not_organisations():
    assert labelled("企业工会和基层工会要在服务职工中发挥作用。", "ORG") == set()
    assert labelled("会议由市委宣传部主持。", "ORG") == set()
    assert labelled("县总工会主席刘国平讲话。", "ORG") == set()


def test_a_union_chairman_keeps_his_union_and_the_company_ends_before_it():
    spans = found("广东美的制冷设备有限公司工会主席李明华说。")
    assert ("工会主席", "TITLE") in spans
    assert not any(label == "ORG" and text.endswith("工会") for text, label in spans)


# --- places -------------------------------------------------------------------------


def test_an_address_chain_is_one_place():
    assert labelled("江苏省南京市鼓楼区湖南路街道开展义诊。", "LOC") == {"江苏省南京市鼓楼区湖南路街道"}
    assert labelled("来自四川成都的志愿者赶到现场。", "LOC") == {"四川成都"}


def test_a_named_site_after_an_address_belongs_to_it():
    assert labelled("她在河北省承德市避暑山庄景区工作。", "LOC") == {"河北省承德市避暑山庄景区"}


def test_known_place_names_stand_alone_and_countries_too():
    assert labelled("他先后在青岛和沙特工作过。", "LOC") == {"青岛", "沙特"}


def test_words_jieba_mistags_as_places_are_not_suggested_alone():
    # jieba's dictionary tags 上门 and 深度 as place names (ns)
    assert labelled("工作人员上门开展深度调研。", "LOC") == set()


# --- titles -------------------------------------------------------------------------


def test_a_pair_of_titles_is_two_titles_and_the_name_after_them_a_person():
    spans = found("湖南省总工会党组书记、常务副主席王建国出席会议。")
    assert {("党组书记", "TITLE"), ("常务副主席", "TITLE"), ("王建国", "PER"), ("湖南省总工会", "ORG")} <= spans


def test_a_title_inside_a_longer_word_is_not_a_title():
    assert labelled("他获得了总经理奖。", "TITLE") == set()
    # the 工会 of 总工会 does not start 工会主席
    assert labelled("县总工会主席刘国平讲话。", "TITLE") == {"主席"}


# --- bylines ------------------------------------------------------------------------


def test_every_name_in_a_byline_is_a_person():
    assert labelled("（记者张建华 通讯员李卫东 王小平）", "PER") == {"张建华", "李卫东", "王小平"}
    assert labelled("本报记者 陈晓燕 摄", "PER") == {"陈晓燕"}
    assert labelled("实习生刘洋 本报记者 赵德明", "PER") == {"刘洋", "赵德明"}


def test_a_byline_name_with_an_unusual_surname_is_found_when_cut_off_cleanly():
    assert labelled("（通讯员兀立新）", "PER") == {"兀立新"}


def test_reporter_followed_by_a_verb_is_not_a_byline():
    assert labelled("记者近日获悉，该市将新建一批驿站。", "PER") == set()
    assert labelled("一名记者在拍摄现场画面。", "PER") == set()


# --- dates and money ----------------------------------------------------------------


def test_dates():
    text = "2019年，3月8日，2022年初，2020年10月，二〇二二年，一季度。"
    assert labelled(text, "DATE") == {"2019年", "3月8日", "2022年初", "2020年10月", "二〇二二年", "一季度"}
    assert labelled("会议于5月24日至28日举行。", "DATE") == {"5月24日", "28日"}


def test_durations_ages_and_relative_days_are_not_dates():
    assert labelled("他工作了3个月，今年46岁，近日又换了岗位。", "DATE") == set()


def test_money():
    text = "共发放8500元、320万元、1500万余元、80多万元、2.5亿元、300~500元和100万美元。"
    assert labelled(text, "MONEY") == {
        "8500元", "320万元", "1500万余元", "80多万元", "2.5亿元", "300~500元", "100万美元"
    }


def test_amounts_without_a_currency_are_not_money():
    assert labelled("签订合同7000余份，覆盖30余万人。", "MONEY") == set()


# --- works --------------------------------------------------------------------------


def test_a_work_is_the_text_inside_the_title_brackets_and_known_laws_without_them():
    suggestions = [s for s in suggest("学习《劳动法》和劳动合同法，遵守劳动法律。") if s.label == "WORK"]
    text = "学习《劳动法》和劳动合同法，遵守劳动法律。"
    assert [(s.start, s.end) for s in suggestions] == [(3, 6), (8, 13)]
    assert all(text[s.start : s.end] == s.text for s in suggestions)


# --- people -------------------------------------------------------------------------


def test_honorifics_familiar_and_anonymised_names_are_persons():
    assert labelled("刘先生和老王、小李一起找到王某讨薪。", "PER") == {"刘先生", "老王", "小李", "王某"}


def test_an_unnamed_company_is_not_an_anonymised_person():
    assert labelled("某公司拖欠工资，向某单位求助。", "PER") == set()


def test_a_name_before_a_speech_verb_is_a_person():
    assert labelled("张丽说，工会帮了大忙。", "PER") == {"张丽"}
    # 明说 is a dictionary word, but before 说 the whole three-character name stays
    assert labelled("市总工会主席刘建明说，今年要办十件实事", "PER") == {"刘建明"}
    assert labelled("记者刘建明说", "PER") == {"刘建明"}


def test_a_character_glued_to_a_name_by_jieba_is_cut_off():
    assert labelled("王小丹握着他的手说", "PER") == {"王小丹"}


def test_dictionary_words_after_a_title_are_not_names():
    assert labelled("我同村委会主任商量过，决定先修路。", "PER") == set()


# --- offsets ------------------------------------------------------------------------


def test_offsets_are_code_points_into_the_text_as_given():
    text = "😀 Note: 本报记者 陈晓燕 摄\r\n2019年，发放8500元。"
    suggestions = suggest(text)
    assert suggestions, "expected candidates"
    for s in suggestions:
        assert text[s.start : s.end] == s.text
    assert {(s.text, s.label) for s in suggestions} >= {("陈晓燕", "PER"), ("2019年", "DATE"), ("8500元", "MONEY")}


def test_empty_and_blank_text_has_no_candidates():
    assert suggest("") == []
    assert suggest(" \n\t ") == []
