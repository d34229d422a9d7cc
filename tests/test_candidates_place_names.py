"""Generating place_names.toml: stems of jieba's places and of a list of administrative divisions."""

from __future__ import annotations

import sys

import pytest

from annotator.candidates import place_names, suggest

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib


def _dictionary(tmp_path, lines):
    path = tmp_path / "dict.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_stems_of_the_division_list_join_the_dictionarys_unless_they_are_words(tmp_path):
    dictionary = _dictionary(tmp_path, [
        "青岛市 300 ns", "青岛 900 ns",  # a place jieba knows
        "岭北 12 nr",  # a division's stem jieba tags as a name: kept
        "石泉 9 n",  # a rare noun: kept
        "同乐 209 n",  # a frequent noun: a word first, dropped
        "前进 5000 v",  # a verb: dropped
    ])
    divisions = ["岭北县", "石泉县", "同乐县", "前进区", "宁溪市", "市辖区", "青岛市", "海"]
    names = place_names.collect(dictionary, divisions)
    assert names == ["宁溪", "岭北", "石泉", "青岛"]


def test_a_stem_the_dictionary_has_seen_rarely_is_kept_whatever_its_tag(tmp_path):
    dictionary = _dictionary(tmp_path, ["澄岚县 5 ns", "澄岚 6 v", "宁溪县 5 ns", "宁溪 400 v"])
    assert place_names.collect(dictionary) == ["澄岚"]


def test_without_a_division_list_only_the_dictionary_counts(tmp_path):
    dictionary = _dictionary(tmp_path, ["嘉善县 30 ns", "嘉善 3 nr", "中心区 40 ns"])
    assert place_names.collect(dictionary) == ["嘉善"]  # 中心 is an everyday word


def test_the_generator_reads_a_division_csv_and_writes_loadable_toml(tmp_path):
    divisions = tmp_path / "adcodes.csv"
    divisions.write_text("adcode,name,longitude,latitude\n1,澄岚县,1,2\n2,宁溪市,1,2\n", encoding="utf-8")
    output = tmp_path / "place_names.toml"
    assert place_names.main([str(output), "--divisions", str(divisions)]) == 0
    names = tomllib.loads(output.read_text(encoding="utf-8"))["names"]
    assert {"澄岚", "宁溪", "青岛"} <= set(names)


def test_a_missing_division_csv_is_reported(tmp_path, capsys):
    assert place_names.main([str(tmp_path / "out.toml"), "--divisions", str(tmp_path / "none.csv")]) == 1
    assert "none.csv" in capsys.readouterr().err


def test_a_county_missing_from_jiebas_dictionary_is_a_place():
    # 钟祥市 and 石楼县 are divisions jieba's dictionary does not list; jieba reads 钟祥 as a name
    assert "钟祥" in {s.text for s in suggest("钟祥的稻谷今年又丰收了。") if s.label == "LOC"}
    assert "石楼县" in {s.text for s in suggest("记者来到石楼县采访。") if s.label == "LOC"}


def test_everyday_nouns_that_also_name_a_county_are_not_places_alone():
    assert {s.text for s in suggest("孩子们在草坪上玩耍，池塘里开满了莲花。") if s.label == "LOC"} == set()


def test_a_division_jieba_tags_as_another_proper_noun_is_a_place(tmp_path):
    dictionary = _dictionary(tmp_path, ["澄岚市 30 ns", "澄岚 90 nz", "宁溪区 30 ns", "宁溪 90 nz"])
    # 澄岚 is a current division: a place; 宁溪 only the old dictionary lists, and nz may be a brand
    assert place_names.collect(dictionary, ["澄岚市"]) == ["澄岚"]


@pytest.mark.parametrize(
    ("division", "stem"),
    [
        ("某某回族自治县", "某某"),  # an autonomous county is named by what comes before its peoples
        ("某某回族土族自治县", "某某"),
        ("某某哈萨克自治州", "某某"),  # a people's name of two characters or more without 族
        ("内蒙古自治区", "内蒙古"),  # 内 + 蒙古 is no name
        ("某某市", "某某"),
    ],
)
def test_an_autonomous_divisions_stem_leaves_out_its_peoples(division, stem):
    assert place_names.stem_of(division) == stem


def test_a_county_named_with_its_peoples_is_a_place_by_its_stem():
    assert {s.text for s in suggest("他们从化隆出发。") if s.label == "LOC"} == {"化隆"}


def test_a_prefecture_level_city_is_a_place_whatever_the_dictionarys_tag(tmp_path):
    # 宁溪 is a prefecture-level city (adcode PPCC00…) that the dictionary knows as an adverb, 澄岚 a
    # county it knows as a verb: the first is a place every paper names, the second a word first
    dictionary = _dictionary(tmp_path, ["宁溪市 30 ns", "宁溪 500 d", "澄岚县 30 ns", "澄岚 500 v"])
    divisions = tmp_path / "adcodes.csv"
    divisions.write_text(
        "adcode,name,longitude,latitude\n990200000000,宁溪市,1,2\n990221000000,澄岚县,1,2\n990000000000,某省,1,2\n",
        encoding="utf-8",
    )
    assert place_names.read_prefectures(divisions) == ["宁溪市"]
    names = place_names.collect(dictionary, place_names.read_divisions(divisions), place_names.read_prefectures(divisions))
    assert names == ["宁溪"]


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("大同的石窟每年吸引大批游客。", "大同"),  # 大同/d
        ("保定和遵义都在扩建高铁站。", "保定"),  # 保定/v
        ("包头的稀土产业发展很快。", "包头"),  # 包头/v
    ],
)
def test_prefecture_level_cities_the_dictionary_tags_as_words_are_places(sentence, place):
    assert place in {s.text for s in suggest(sentence) if s.label == "LOC"}


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("常熟的纺织企业去年订单不断。", "常熟"),  # 常熟/a
        ("即墨的老酒远近闻名。", "即墨"),  # 即墨/v
        ("监利的小龙虾销往全国。", "监利"),  # 监利/vn
    ],
)
def test_counties_the_dictionary_tags_as_everyday_words_are_places_when_the_place_is_the_usual_reading(sentence, place):
    assert place in {s.text for s in suggest(sentence) if s.label == "LOC"}


def test_stems_whose_everyday_reading_is_common_stay_out_of_the_allowed_counties():
    for word in ("平和", "友好", "开化", "通道", "江岸", "大兴"):
        assert word not in place_names.ALLOW
    assert {s.text for s in suggest("两国关系友好，双方态度平和。") if s.label == "LOC"} == set()
