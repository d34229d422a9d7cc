"""Building resources/candidates/place_names.toml from jieba's dictionary and a list of
China's administrative divisions.

jieba's dictionary lists thousands of administrative units as words tagged
``ns`` (青岛市, 嘉善县, 朝阳区). Their stems (青岛, 嘉善, 朝阳) are how news text
names those places most of the time, and jieba alone often tags them wrongly
(秦皇岛/nr, 宝鸡/n). The dictionary is old and lacks hundreds of today's counties
and districts (钟祥市, 黄梅县, 石楼县), so the names of the current divisions are
read too, from a CSV with a ``name`` column: the one the bundled file was made
from is ``resources/adcodes.csv`` of the ``cpca`` package, version 0.5.5 (MIT
licence, copyright 2018 QinYuan Du; 3,511 provinces, cities and counties). This
module collects the stems once; the result is a data file users can edit like
the other rule files. Regenerate it with

    pip download cpca==0.5.5 --no-deps   # then unzip resources/adcodes.csv from the wheel
    python -m annotator.candidates.place_names [OUTPUT] [--divisions adcodes.csv]

Stems that are everyday words (中心, 和平, 太阳) are left out by their tag in
the dictionary and by the deny-list below; a stem only the division list has
must moreover be a word the dictionary does not know, a place or a name in it,
or a rare noun (同心, 前锋 and 来宾 are words first).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from annotator.candidates.analysis import all_cjk
from annotator.candidates.ruledata import bundled_dir

SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "省", "市", "县", "区", "州", "盟", "旗")
# Tags of stems that are ordinary words rather than names.
_WORD_TAGS = frozenset({"v", "vn", "vd", "a", "ad", "an", "d", "f", "m", "r", "s", "b", "c", "p", "u", "nz", "t", "q", "l", "i"})
_COMMON_NOUN_LIMIT = 2000  # an n-tagged stem more frequent than this is a common noun (中心, 山地)
# A stem this rare in the dictionary is kept whatever its tag: the tag of a word seen that seldom
# says little (增城/v 9, 射洪/vn 3, 丰顺/nz 5 are counties).
_RARE_LIMIT = 10
DENY = frozenset(
    ["太阳", "中心", "山地", "无人", "东风", "黑人", "清水", "长子", "芙蓉", "洞口", "陆地", "赤道", "高原", "平原", "古城", "新城", "商城", "城中", "城北", "城南", "城东", "城西", "新建", "开发", "高新", "经济", "人民", "建设", "文化", "民主", "团结", "解放", "胜利", "前进", "红旗", "友谊", "幸福", "和谐", "光明", "新华", "城关", "东方", "永安", "长安", "太平", "中方", "南岸", "北岸", "河口", "江山", "都市", "大名", "路桥", "龙门", "江南", "江北", "两省", "各省", "各市", "各县", "自治", "积累", "精华", "珠宝", "繁华", "清新", "平定", "平安", "安定", "延长", "新兴", "四方", "万年", "共和", "和平", "宝山", "青山", "白山", "红山", "东山", "西山", "南山", "北山", "金山", "铁山", "新区", "市区", "新民", "安全", "长治", "定远", "凤凰", "向阳", "朝阳", "红星", "工农", "先锋", "城区", "郊区", "开放", "示范", "工业", "农业", "科技", "保税", "经开",
     # stems only the division list has that are words or people's names first
     "元宝", "博爱", "宝塔", "方正", "木兰", "武功", "玄武", "白云", "白玉", "钟楼", "龙凤", "阳明", "康乐", "延寿",
     "海港", "凌云", "文成", "嘉禾", "马尾", "交口", "三山", "万全", "孙吴", "卢氏",
     # everyday nouns that also name a county or district (草坪, 灯塔, 樟树)
     "草坪", "莲花", "灯塔", "小店", "温泉", "石棉", "小河", "老城", "麒麟", "爱民", "富民", "清流", "名山", "双桥",
     "石柱", "沿河",
     "高台", "五色", "樟树", "大方", "石门", "黑水", "高明", "七星", "永和", "建华", "华龙",
     # rare stems of the dictionary's places that are pieces of phrases (…下半县?, 路北 = north of the road)
     "下半", "非上", "诸行", "宁边", "依通", "路北"]
)

# Well-known places the dictionary tags as something else (大连/d; 海口/s, a provincial capital), and
# the county-level divisions whose stems it lists as everyday words though the place is what the
# word names in news text (平遥/a, 常熟/a, 即墨/v, 监利/vn, 仙桃/n). They were picked one by one from
# every stem of the division list the tags above leave out (about 240), keeping only those whose
# everyday reading is rare: 平和, 友好, 开化, 通道, 湖里, 江岸, 台前, 鼓楼, 大兴, 会同, 民权, 左权 and
# the like stay out.
ALLOW = frozenset({
    "大连", "海口",
    "常熟", "曲沃", "个旧", "苍梧", "固始", "平利", "丰润", "高密", "镇远", "固安", "平遥", "保康", "平远",
    "高要", "定兴", "临清", "枣强", "且末", "定边", "始兴", "永新", "正定", "大足", "马边", "永定", "通许",
    "五峰", "五台", "万载", "宝应", "仪征", "泊头", "康定", "五常", "永年", "周至",
    "建始", "偏关", "即墨", "应城", "怀来", "安化", "修水", "遵化", "城固", "兴化", "奉化", "上思", "奉新",
    "奉节", "登封", "扶余", "介休", "循化", "融水", "定陶", "加查", "监利", "宣化", "仙桃", "石首", "当阳",
    "大悟",
})
# A stem that only the division list has is kept if the dictionary does not know it, tags it as
# a place or a name (钟祥/nr, 黄梅/nr; the deny-list has the words among them), or as a noun no
# more often than this (石楼/n 9; 同心/n 209 and 来宾/n 166 are words first).
_DIVISION_NOUN_LIMIT = 30
_DIVISION_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg"})


def jieba_dictionary() -> Path | None:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.is_file() else None


def read_dictionary(dictionary: Path) -> dict[str, tuple[int, str]]:
    words: dict[str, tuple[int, str]] = {}
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            words[parts[0]] = (int(parts[1]), parts[2])
    return words


# China's 56 ethnic groups, as an autonomous division's name lists them before its level
# (化隆回族自治县, 民和回族土族自治县, 伊犁哈萨克自治州): the place is named by what comes before them.
_ETHNIC_GROUPS = (
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
    "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
    "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
    "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙",
    "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)
# a group's name with 族, or a name of two characters or more without it (伊犁 + 哈萨克 + 自治州)
_ETHNIC_RUN = re.compile(
    "(?:"
    + "|".join(sorted((*(g + "族" for g in _ETHNIC_GROUPS), *(g for g in _ETHNIC_GROUPS if len(g) >= 2)), key=len, reverse=True))
    + ")+$"
)


def stem_of(name: str) -> str | None:
    """青岛市 → 青岛, 化隆回族自治县 → 化隆; None when no level ends the name or the stem is too short
    or long."""
    for suffix in SUFFIXES:
        if not name.endswith(suffix):
            continue
        stem = name[: -len(suffix)]
        named = _ETHNIC_RUN.sub("", stem) if suffix.startswith("自治") else stem
        if len(named) >= 2 and not named.endswith("内"):  # (内蒙古 is a name, not 内 + 蒙古)
            stem = named
        if 2 <= len(stem) <= 4:
            return stem
    return None


def _is_piece(stem: str) -> bool:
    """东北三 (东北三省), 贵州省安顺地 (…地区), 市辖 (市辖区): pieces, not names."""
    return stem in DENY or not all_cjk(stem) or stem[-1] in "省市县区地军一二三四五六七八九十" or stem[0] in "省市县区"


def collect(dictionary: Path, divisions: Iterable[str] = (), prefectures: Iterable[str] = ()) -> list[str]:
    """The stems to bundle. ``prefectures`` are the divisions of prefecture level (大同市, 保定市):
    the ~330 cities every paper names, kept whatever the dictionary's tag (大同/d, 保定/v, 遵义/v)
    unless the deny-list has them (朝阳, a word first)."""
    words = read_dictionary(dictionary)
    divisions = list(divisions)
    prefecture_stems = {stem for stem in map(stem_of, prefectures) if stem is not None}
    # stems of today's divisions: one that jieba tags as another proper noun (义乌/nz, 三明/nz) is a
    # place all the same, where an nz stem of the dictionary's own places may be a brand (丰田)
    division_stems = {stem for stem in map(stem_of, divisions) if stem is not None}
    stems: set[str] = set()
    for word, (_, tag) in words.items():
        stem = stem_of(word) if tag == "ns" else None
        if stem is not None:
            stems.add(stem)
    kept = set()
    for stem in stems:
        if _is_piece(stem):
            continue
        frequency, tag = words.get(stem, (0, "ns"))
        if stem in ALLOW or stem in prefecture_stems:
            kept.add(stem)
            continue
        if tag == "nz" and stem in division_stems:
            kept.add(stem)
            continue
        if frequency > _RARE_LIMIT and (tag in _WORD_TAGS or (tag == "n" and frequency > _COMMON_NOUN_LIMIT)):
            continue
        kept.add(stem)
    for name in divisions:
        stem = stem_of(name)
        if stem is None or stem in stems or _is_piece(stem):
            continue
        if stem not in words or stem in prefecture_stems or stem in ALLOW:
            kept.add(stem)
            continue
        frequency, tag = words[stem]
        if (
            frequency <= _RARE_LIMIT
            or tag in _DIVISION_NAME_TAGS
            or tag == "nz"
            or (tag == "n" and frequency <= _DIVISION_NOUN_LIMIT)
        ):
            kept.add(stem)
    return sorted(kept)


def read_divisions(path: Path) -> list[str]:
    """The ``name`` column of a CSV of administrative divisions (cpca's adcodes.csv)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["name"].strip() for row in csv.DictReader(handle) if row.get("name")]


def read_prefectures(path: Path) -> list[str]:
    """The divisions of prefecture level in the same CSV: an ``adcode`` of the form PPCC00…, a
    province's two digits, the city's two (not 00) and 00 for the county."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            row["name"].strip()
            for row in csv.DictReader(handle)
            if row.get("name") and len(code := (row.get("adcode") or "").strip()) >= 6 and code[2:4] != "00" and code[4:6] == "00"
        ]


def render(names: list[str]) -> str:
    lines = [
        "# Place names recognised on their own (青岛, 嘉善, 秦皇岛): the stems of the administrative",
        "# units in jieba's dictionary (青岛市, 嘉善县) and of China's administrative divisions as",
        "# listed by the cpca package 0.5.5, resources/adcodes.csv (MIT licence, (c) 2018 QinYuan Du),",
        "# without the ones that are everyday words. Generated by",
        "# `python -m annotator.candidates.place_names --divisions adcodes.csv` (see that module); edit",
        "# freely, or add your own in a place_names.toml in your data folder (see docs/candidates.md).",
        "",
        "names = [",
    ]
    for i in range(0, len(names), 12):
        lines.append("  " + ", ".join(f'"{n}"' for n in names[i : i + 12]) + ",")
    lines.append("]")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annotator.candidates.place_names", description=__doc__.split("\n\n")[0])
    parser.add_argument("output", nargs="?", type=Path, default=bundled_dir() / "place_names.toml")
    parser.add_argument("--divisions", type=Path, help="CSV of administrative divisions with a 'name' column (cpca's adcodes.csv)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    dictionary = jieba_dictionary()
    if dictionary is None:
        print("jieba's dictionary was not found; is jieba installed?", file=sys.stderr)
        return 1
    if args.divisions is not None and not args.divisions.is_file():
        print(f"{args.divisions}: no such file", file=sys.stderr)
        return 1
    divisions = read_divisions(args.divisions) if args.divisions is not None else []
    prefectures = read_prefectures(args.divisions) if args.divisions is not None else []
    names = collect(dictionary, divisions, prefectures)
    args.output.write_text(render(names), encoding="utf-8")
    print(f"{len(names)} place names written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
