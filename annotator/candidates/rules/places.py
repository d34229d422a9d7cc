"""Places: address chains (浙江省嘉兴市嘉善县姚庄镇), provinces, and named sites after them."""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

from annotator.candidates.analysis import TextAnalysis, all_cjk, is_cjk
from annotator.candidates.memo import WordMemo
from annotator.candidates.ruledata import RuleTable, alternation
from annotator.candidates.rules.common import span
from annotator.candidates.rules.lexicon import Lexicon
from annotator.candidates.rules.surnames import Surnames
from annotator.candidates.rules.words import WordClasses
from annotator.candidates.spans import Suggestion
from annotator.text.segmenter import get_segmenter

LABEL = "LOC"
# Tags of words that can be the name part of a link (姚庄 + 镇) or a site (云顶 + 滑雪场).
_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "ng", "j", "n"})
_PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "ng", "j"})
# Tags of a proper name that names a site on its own (京港 + 高铁, 裕华 + 路); not nt.
_SITE_PROPER_TAGS = _PROPER_TAGS - {"nt"}
# Further tags of words inside a site's name after a place: 幸福/a 社区, 教育/vn 基地, 西部/f 物流园, and
# characters jieba could not make a word of (神/n 垕/zg, a rare character of the place's name).
_SITE_NAME_TAGS = frozenset({"a", "an", "vn", "f", "l", "i", "g", "zg"})
# Levels whose words jieba may tag as plain nouns (高密市/n) and still be places.
_MAJOR_LEVELS = frozenset({"省", "市", "县"})
# A road, and a settlement after it: one address (银古路 + 丽水社区).
_ROAD_ENDINGS = ("路", "街", "大道", "巷", "弄")
_SETTLEMENT_ENDINGS = ("社区", "村", "小区")
# The levels of the bodies a street names (华阳街 + 街道, 民权街 + 社区): a road followed by one of
# these as a word of its own is the street office's or community's name, not a road and a level.
_STREET_BODIES = ("街道", "社区")
# A house number after a road: 德丰路 + 199弄, 裕华路 + 12号 (one address, as the guidelines' chains are).
_HOUSE_NUMBER = re.compile(r"[0-9０-９]{1,5}(?:号院|号|弄)")
# Levels of settlements, named after a place by any word: 黄埔区 + 火村.
_SETTLEMENT_LEVELS = frozenset({"村", "镇", "乡", "街道", "社区", "屯"})
# Tags of a word that cannot name a township after a county (在/p + 镇, 各/r + 乡): the sentence's words.
_NOT_A_TOWNSHIP_NAME_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "r", "m", "mq", "q", "f", "x"})
# Tags of a single character that cannot name a place before a level: 赴/v + 市, 入/v + 市.
_NOT_A_STEM_TAGS = frozenset({"v", "vn", "vd", "p", "d", "c", "u", "r", "m", "q", "f", "ad"})
# A level's own bodies and heads, which jieba glues to the level (区委, 县政府, 市长): after a
# place name jieba cut into characters (新/a 都/d 区委), they show the characters are one name.
_LEVEL_BODIES = ("委", "政府", "人民政府", "人大", "政协", "长")
# How many one-character words a place name jieba cut apart may have (新 + 都, 鄞 + 州).
_SPLIT_NAME_CHARS = (3, 2)
# Tags of characters that belong to the sentence rather than to such a name: 会议中/f 和/c 县委书记.
_NOT_SPLIT_NAME_TAGS = frozenset({"f", "p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "m", "mq", "q", "r", "x"})
# Ranks a site's name may hold between its place and its kind (某地 + 国家级 + 自然保护区).
_SITE_RANKS = frozenset({"国家级", "省级"})
# The most words a site name may have after its place.
_SITE_WORDS = 6
# The most words between a site and the larger site it names (湿地 + 珍禽 + 国家级 + 自然保护区), and
# the tags of those words: nouns of what the site holds or is for (珍禽/n, 生态/n, 文化/n 主题/n).
_INNER_SITE_WORDS = 4
_INNER_SITE_NAME_TAGS = frozenset({"n", "nz", "vn", "b"})
# Tags jieba gives a natural feature's last character when it splits it off (野麦/n + 岭/n,
# 白鹤/nr + 滩/ng, 石榴/n + 庄/nr), and tags of the two-character name before it.
_SPLIT_ENDING_TAGS = frozenset({"n", "ng", "nr", "zg", "nz", "ns", "j"})
_FEATURE_NAME_TAGS = frozenset({"n", "nr", "nrt", "nrfg", "nz", "ns", "ng"})
# Tags of a character jieba could make no word of (篁/g, 垕/zg): a rare character, which alone may name a
# feature (篁 + 岭).
_RARE_CHARACTER_TAGS = frozenset({"g", "zg"})
# jieba's tags for a person's name (its guess for many a made-up word of three characters)
_PERSON_NAME_TAGS = frozenset({"nr", "nrt", "nrfg"})
# An address goes on below its last link character by character, whatever jieba made of the words
# (伊州区 + 花园乡卡日塔里村: 花园/n 乡卡日/n 塔里/nrt 村/zg; 某县 + 淖毛湖镇: 淖/g 毛/nr 湖镇/ns), to the
# level of a township or village (`lower_levels`, places.toml) named by at most this many characters.
_LOWER_NAME_CHARS = 7
# Tags of words a lower link's name may hold when jieba's dictionary knows them: proper names (帕亮/nr,
# 洪格尔/nr) and characters it could not place (淖/g); a known word of any other tag (农业/n, 推进/v)
# belongs to the sentence (某县 + 农业农村: no village).
_LOWER_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "j", "g", "ng"})


# Numerals that count places (三省, 两地): a count ending a word's stem makes no name of it (皖 + 三省).
_COUNT_CHARS = "两二三四五六七八九十几"
_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}

# The levels of a township, below which a village may be named by an everyday noun.
_TOWNSHIP_LEVELS = frozenset("乡镇")


# The most characters a quoted nickname has between its country and its ending (中国 + 某某某 + 之乡:
# 中国 + 阳澄湖大闸蟹 + 之乡), and without the country (“某某之乡”: 螺蛳粉 + 之乡).
_NICKNAME_NAME_CHARS = 6
_BARE_NICKNAME_NAME_CHARS = 4


class _SiteAlone(Enum):
    """What a word alone says of a named site starting with it (``PlaceRule._named_site``)."""

    NONE = 0
    WORD = 1
    IF_SITE_FOLLOWS = 2


def _ends_with_one_of(name: str, suffixes: tuple[str, ...]) -> bool:
    """Whether ``name`` ends with one of ``suffixes`` and has more before it."""
    # (endswith with a tuple rules most names out at C speed)
    return name.endswith(suffixes) and any(name.endswith(s) and len(name) > len(s) for s in suffixes)


def _is_word(text: str) -> bool:
    return get_segmenter().has_word(text)


@lru_cache(maxsize=20_000)
def _single_tag(word: str) -> str | None:
    """jieba's tag for ``word`` when it reads it as one word, else None."""
    tagged = get_segmenter().tag(word)
    return tagged[0][1] if len(tagged) == 1 else None


class PlaceRule:
    def __init__(
        self,
        table: RuleTable,
        names: RuleTable,
        words: WordClasses,
        lexicon: Lexicon | None = None,
        surnames: Surnames | None = None,
    ) -> None:
        table.check_keys(
            ("admin_suffixes", "weak_admin_suffixes", "site_suffixes", "not_names", "provinces", "countries", "landmarks",
             "cities_abroad", "regions", "geographic_endings", "named_site_suffixes", "networks", "always_sites",
             "venue_suffixes",
             "place_words", "split_feature_endings", "directional_roads", "era_prefixes", "organisation_endings",
             "place_heads", "lower_levels", "landforms", "named_landforms", "clan_marker", "clan_settlement_endings", "unnamed_feature_endings", "nickname_countries", "nickname_endings", "bare_nickname_endings", "province_short_names", "country_short_names", "region_directions", "score_chain", "score_site", "score_name", "score_untagged_name", "score_geographic",
             "score_named_site")
        )
        names.check_keys(("names",))
        self.admin = tuple(sorted(table.strings("admin_suffixes"), key=len, reverse=True))
        self.admin_set = frozenset(self.admin)
        self.landforms = frozenset(table.strings("landforms", ()))
        self.named_landforms = frozenset(table.strings("named_landforms", ()))
        self.clan_marker = table.string("clan_marker", "家")
        self.clan_settlement_endings = frozenset(table.strings("clan_settlement_endings", ()))
        self.unnamed_feature_endings = frozenset(table.strings("unnamed_feature_endings", ()))
        self.surnames = surnames
        nickname_countries = table.strings("nickname_countries", ())
        nickname_endings = table.strings("nickname_endings", ())
        bare_nickname_endings = table.strings("bare_nickname_endings", ())
        # “中国某某之乡”, “中国某都”: a quotation that is the title a country gave a place, and nothing else;
        # “某某之乡”: one that names the place by what it is known for, with or without the country
        nicknames = []
        if nickname_countries and nickname_endings:
            nicknames.append(
                f"(?:{alternation(nickname_countries)})[\u4e00-\u9fff]{{1,{_NICKNAME_NAME_CHARS}}}(?:{alternation(nickname_endings)})"
            )
        if bare_nickname_endings:
            nicknames.append(f"[\u4e00-\u9fff]{{1,{_BARE_NICKNAME_NAME_CHARS}}}(?:{alternation(bare_nickname_endings)})")
        self.quoted_nickname = (
            re.compile(f"(?<=[“「\"])(?:{'|'.join(nicknames)})(?=[”」\"])") if nicknames else None
        )
        self.lower_levels = tuple(sorted(table.strings("lower_levels", ()), key=len, reverse=True))
        # a level's first character must stand within a name's reach of a place's end for a township to follow it
        self.lower_level_starts = frozenset(level[0] for level in self.lower_levels)
        self.level_chars = frozenset(x for x in self.admin if len(x) == 1)  # 镇, 村: as type_chars above
        self._admin_lengths = sorted({len(s) for s in self.admin}, reverse=True)
        self.weak_admin = frozenset(table.strings("weak_admin_suffixes", ()))
        directional_roads = frozenset(table.strings("directional_roads", ()))
        self.named_sites = frozenset(table.strings("named_site_suffixes", ())) | directional_roads
        self._named_site_lengths = sorted({len(x) for x in self.named_sites}, reverse=True)
        # (a directional road ends a site's name only after a name of its own: 湖南路 + 街道 is a
        # street and a subdistrict, not 湖 + 南路)
        self.sites = tuple(
            sorted({*table.strings("site_suffixes", ()), *(self.named_sites - directional_roads)}, key=len, reverse=True)
        )
        self.sites_set = frozenset(self.sites)
        self.geographic_endings = frozenset(table.strings("geographic_endings", ()))
        self.split_feature_endings = frozenset(table.strings("split_feature_endings", ()))
        self.era_prefixes = frozenset(table.strings("era_prefixes", ()))
        self.networks = frozenset(table.strings("networks", ()))
        self.regions = frozenset(table.strings("regions", ()))
        # a region's name where jieba may cut it apart (川/j + 渝/j, 滇/j + 黔/j, 大湾/ns + 区/n)
        self._region_text = re.compile(alternation(r for r in self.regions if len(r) >= 2)) if self.regions else None
        # 桂中, 陇东, 黔东南: a province's one-character short name and a direction name a part of it
        # (a place name like any other; those already known are places of their own: 陕西, 晋中, 甘南)
        self.parts_of_provinces = parts_of_provinces = frozenset(
            short + direction
            for short in table.strings("province_short_names", ())
            for direction in table.strings("region_directions", ())
        ) - frozenset(names.strings("names", ())) - self.regions - frozenset(table.strings("provinces", ()))
        self.large_units = frozenset(table.strings("provinces", ())) | frozenset(table.strings("countries", ()))
        # 赣、浙、皖三省: provinces' one-character short names listed before their count
        shorts = "".join(sorted(x for x in table.strings("province_short_names", ()) if len(x) == 1))
        self._counted_short_names_text = (
            re.compile(rf"[{shorts}](?:、[{shorts}])+等?[{_COUNT_CHARS}]个?(?:省|省区|省市|省份|地)")
            if shorts
            else None
        )
        # 鲁苏豫皖四省, 中日韩三国: the same names (of countries too) run together, which only their count
        # tells from a word (苏皖两省, 中美两国)
        countries_short = "".join(sorted(x for x in table.strings("country_short_names", ()) if len(x) == 1))
        self._run_short_names_text = (
            re.compile(
                rf"([{shorts}]{{2,6}})([两二三四五六2-6])个?(?:省|省区|省市|省份|地)"
                + (rf"|([{countries_short}]{{2,6}})([两二三四五六2-6])个?(?:国家|国)" if countries_short else "")
            )
            if shorts
            else None
        )
        self.always_sites = tuple(sorted(table.strings("always_sites", ()), key=len, reverse=True))
        self.venues = tuple(sorted(table.strings("venue_suffixes", ()), key=len, reverse=True))
        self.place_words = frozenset(table.strings("place_words", ()))
        self._site_lengths = sorted({len(x) for x in self.sites if len(x) > 1}, reverse=True)
        self.not_names = frozenset(table.strings("not_names", ()))
        self.organisation_endings = tuple(table.strings("organisation_endings", ()))
        self.known = (
            frozenset(table.strings("provinces", ()))
            | frozenset(table.strings("countries", ()))
            | frozenset(table.strings("landmarks", ()))
            | frozenset(table.strings("cities_abroad", ()))
            | self.regions
            | parts_of_provinces
            | frozenset(names.strings("names", ()))
        ) - self.not_names
        self.score_chain = table.score("score_chain", 0.8)
        self.score_site = table.score("score_site", 0.7)
        self.score_name = table.score("score_name", 0.75)
        self.score_untagged_name = table.score("score_untagged_name", 0.5)
        self.score_geographic = table.score("score_geographic", 0.7)
        self.score_named_site = table.score("score_named_site", 0.75)
        self.words = words
        self._word_memo = WordMemo()  # answers about a word alone, by (question, word)
        self._place_names = WordMemo()  # is_place_name, by word (the rule data alone decides it)
        self.lexicon = lexicon or Lexicon()
        self._named_site_prefixes = frozenset(site[:n] for site in self.named_sites for n in range(1, len(site) + 1))
        self._start_bit = self.lexicon.register(self._starts_alone)
        self._level_bit = self.lexicon.register(self._is_level_word)
        self._site_if_followed_bit = self.lexicon.register(self._starts_site_if_followed)
        self._site_begins_bit = self.lexicon.register(self._begins_named_site)
        self._site_word_bit = self.lexicon.register(self._is_named_site_word)
        self._link_bit = self.lexicon.register(self._links_alone, sparse=False)
        self._sure_link_bit = self.lexicon.register(self._surely_links_alone, sparse=False)
        self._is_site_bit = self.lexicon.register(self._names_a_site, sparse=False)
        self._glued_stem_bit = self.lexicon.register(self._glued_place_stem)
        self.place_heads = tuple(sorted(table.strings("place_heads", ()), key=len, reverse=True))
        self._place_head_bit = self.lexicon.register(self._place_with_head)
        # what a word alone is to a site's name (_site_end)
        self._site_part_bit = self.lexicon.register(self._is_site_part, sparse=False)
        self._name_ending_with_site_bit = self.lexicon.register(self._is_name_ending_with_site, sparse=False)
        self._site_name_bit = self.lexicon.register(self._is_site_name, sparse=False)
        self._ordinal_bit = self.lexicon.register(self._is_ordinal, sparse=False)
        self._split_ending_bit = self.lexicon.register(self._is_split_ending)
        self._level_start_bit = self.lexicon.register(self._starts_with_level)

    def _unknown_or_place(self, word: str) -> bool:
        return word in self.known or not _is_word(word)

    def admin_suffix_of(self, word: str) -> str | None:
        """The longest administrative suffix ``word`` ends with (and is longer than)."""
        for length in self._admin_lengths:
            if len(word) > length and word[-length:] in self.admin_set:
                return word[-length:]
        return None

    def is_place_name(self, word: str) -> bool:
        """A known place, with or without its level: 青岛, 青岛市, 沙特."""
        known = self._place_names.get(word)
        if known is None:
            suffix = self.admin_suffix_of(word)
            known = self._place_names.remember(
                word, word in self.known or (suffix is not None and word[: -len(suffix)] in self.known)
            )
        return known

    def _name_like(self, analysis: TextAnalysis, index: int, *, proper_only: bool = False) -> bool:
        word = analysis.words[index]
        if word in self.not_names or word in self.admin_set or not all_cjk(word):
            return False
        tags = _PROPER_TAGS if proper_only else _NAME_TAGS
        return analysis.tags[index] in tags or not analysis.is_known(index) or word in self.known

    def _link(self, analysis: TextAnalysis, index: int) -> tuple[int, bool] | None:
        """The link starting at word ``index``: (index after it, whether it is certainly a place)."""
        words = analysis.words
        following = index + 1
        if following < len(words) and words[following] in self.admin_set:
            return self._link_here(analysis, index, look_ahead=True)
        # Followed by no level, a link is one word and a matter of the word and its tag alone.
        mask = self.lexicon.masks(analysis)[index]
        if not mask & self._link_bit:
            return None
        return following, bool(mask & self._sure_link_bit)

    def _links_alone(self, analysis: TextAnalysis, index: int) -> bool:
        return self._link_here(analysis, index, look_ahead=False) is not None

    def _surely_links_alone(self, analysis: TextAnalysis, index: int) -> bool:
        link = self._link_here(analysis, index, look_ahead=False)
        return link is not None and link[1]

    def _link_here(self, analysis: TextAnalysis, index: int, *, look_ahead: bool) -> tuple[int, bool] | None:
        """``_link`` worked out; without ``look_ahead`` as if no level followed the word."""
        words, tags = analysis.words, analysis.tags
        word = words[index]
        if word in self.not_names or not all_cjk(word) or self.words.is_level(word) or self.words.is_glued(analysis, index):
            return None
        if self.organisation_endings and word.endswith(self.organisation_endings):
            return None  # 济南军区/ns: a command, not a district
        following = index + 1
        if self.is_place_name(word):
            # 高密 + 市 when jieba splits them
            if look_ahead and following < len(words) and words[following] in self.admin_set:
                return following + 1, True
            return following, True
        if self._glued_places(word):
            return following, True  # 吉林长春/nr, 辽宁大连/ns: two places jieba reads as one word
        if self._is_clan_settlement(word):
            return following, True  # 潘家湾/nr, 李家沟/nr: a village named by a clan, not a person
        if self._is_feature_taken_for_person(analysis, index):
            return following, True  # 阳澄湖/nr, 北部湾/nr: a lake or bay jieba guessed is a person
        suffix = self.admin_suffix_of(word)
        if suffix is not None and len(word) - len(suffix) == 1 and _single_tag(word[0]) in _NOT_A_STEM_TAGS:
            return None  # 赴市, 入市: a verb and a level, not a place
        if suffix is not None and word[-len(suffix) - 1] in _COUNT_CHARS:
            return None  # 皖三省/ns: a count of provinces after a short name, not a province's name
        if (
            suffix is not None
            and suffix not in _MAJOR_LEVELS
            and len(word) - len(suffix) == 1
            and not analysis.is_known(index)
            and word[0] not in self.known
        ):
            # 蔗区, 瓜乡: a word jieba made up of one character and a district's, township's or village's
            # level is a kind of area (a province, city or county so named is a place: 威省)
            return None
        if suffix is not None and not (suffix in self.weak_admin and not self._unknown_or_place(word[: -len(suffix)])):
            # (沿海地区/ns, 封控社区: a kind of area, not a named one)
            if tags[index] in _PROPER_TAGS or not analysis.is_known(index):
                return following, True
            if tags[index] == "n" and suffix in _MAJOR_LEVELS and len(word) - len(suffix) >= 2:
                return following, True  # 高密市/n; 超市 and 城市 are in not_names
            stem = word[: -len(suffix)]
            if (
                suffix in _MAJOR_LEVELS
                and len(stem) >= 2
                and not any(c in self.words.function_chars for c in stem)
                and (not _is_word(stem) or _single_tag(stem) == "ns")
            ):
                return following, True  # 漾濞县/v: a county named by a place or an unknown word, whatever its tag
        if look_ahead and following < len(words) and words[following] in self.admin_set:
            suffix = words[following]
            if suffix in self.weak_admin and not self._unknown_or_place(word):
                return None
            if self._name_like(analysis, index, proper_only=len(suffix) == 1):
                return following + 1, True
        if tags[index] == "ns" and len(word) >= 2:
            # 伶仃洋, 葛洲坝: a dictionary place with a geographic ending is a place on its own
            # (and so is a word jieba made up and tagged as a place: 溪洛渡/ns)
            # (松嫩平原, 库布其沙漠: so is one that ends with a named landform after a name of two
            # characters or more; 兰平原 and 高平原 are fragments and a county's name)
            return following, (len(word) >= 3 and word[-1] in self.geographic_endings) or self._ends_with_landform(word)
        return None

    def _settlement_after_chain(self, analysis: TextAnalysis, index: int) -> bool:
        """A word that ends with a settlement's level (村, 镇, 社区) after a place: its stem may be any
        word (火村/n, 石桥镇), which alone would be an everyday word (山村, 小镇: not_names)."""
        word = analysis.words[index]
        suffix = self.admin_suffix_of(word)
        return (
            suffix in _SETTLEMENT_LEVELS
            and word not in self.not_names
            and all_cjk(word)
            and analysis.tags[index] not in _NOT_A_STEM_TAGS
            and not self.words.is_level(word)
            and not self.words.is_glued(analysis, index)
        )

    def _township_after_chain(self, analysis: TextAnalysis, index: int) -> bool:
        """A two-character word and a settlement's level as its own word after a place (太平/d + 镇/n):
        jieba tags the name by its everyday sense, but after a county or city it names the township."""
        words = analysis.words
        word = words[index]
        return (
            index + 1 < len(words)
            and words[index + 1] in _SETTLEMENT_LEVELS
            and len(word) == 2
            and all_cjk(word)
            and word not in self.not_names
            and analysis.tags[index] not in _NOT_A_TOWNSHIP_NAME_TAGS
            and not self.words.is_level(word)
        )

    def _glued_places(self, word: str) -> bool:
        """Whether ``word`` is two known place names one after the other: 吉林 + 长春."""
        return 4 <= len(word) <= 8 and any(
            self.is_place_name(word[:cut]) and self.is_place_name(word[cut:]) for cut in range(2, len(word) - 1)
        )

    def _site_word_end(self, analysis: TextAnalysis, position: int) -> int | None:
        """Index after a site word at ``position``: 滑雪场, or 安置 + 点 split by jieba."""
        words = analysis.words
        if words[position] in self.sites_set:
            return position + 1
        if position + 1 < len(words) and words[position] + words[position + 1] in self.sites_set:
            return position + 2
        return None

    def _site_end(self, analysis: TextAnalysis, index: int) -> int | None:
        """Index after a named site starting at word ``index``, if one does.

        It follows an address chain: 云顶 + 滑雪场, 芳星园 + 第三 + 社区, 幸福 + 社区,
        北江 + 英德 + (五) + 站, and a site word right after the chain (英德 + 体育馆).
        """
        words = analysis.words
        sites = self.sites_set
        masks = self.lexicon.masks(analysis)
        position = index
        named = False
        while position < len(words) and position - index < _SITE_WORDS:
            word = words[position]
            mask = masks[position]
            if mask & self._site_part_bit:
                site: int | None = position + 1
            elif position + 1 < len(words) and word + words[position + 1] in sites:
                site = position + 2  # 安置 + 点 split by jieba
            else:
                site = None
            if site is not None:
                if position == index and index > 0 and words[index - 1] in self.large_units and word in self.networks:
                    return None  # 中国 | 高铁, 广西 | 铁路: the network of a country or province
                return site
            if (position == index or named) and word in _SITE_RANKS and position + 1 < len(words) and masks[position + 1] & self._site_part_bit:
                # 某地 + 国家级 + 自然保护区, 某地 + 麋鹿 + 国家级 + 自然保护区: the site's rank stands inside its name
                return position + 2
            if named and mask & self._level_bit:
                return position + 1
            if position > index and self.is_place_name(word):
                return None  # 某村 | 距离 + 某县: after words that are no place, a known place starts its own
            if mask & self._name_ending_with_site_bit:
                return position + 1
            if mask & self._site_name_bit:
                named = True
                position += 1
                continue
            if named and mask & self._ordinal_bit:
                position += 1
                continue
            bracket = self._ordinal_in_brackets(analysis, position) if named else None
            if bracket is not None:
                position = bracket
                continue
            return None
        return None

    def _larger_site_end(self, analysis: TextAnalysis, index: int) -> int | None:
        """Index after a site that the site ending before word ``index`` names, if one follows: a site
        word right after it (英德 + 体育馆 + 安置点), or after the words of what the larger site holds
        or is for, and its rank (某地 + 湿地 + 珍禽 + 国家级 + 自然保护区, 某地 + 湿地 + 生态 + 旅游区).
        Those words are nouns of two characters or more; a function word, a locative (内, 上) or a
        verb ends the site where it is."""
        words, tags = analysis.words, analysis.tags
        masks = self.lexicon.masks(analysis)
        position = index
        while position < len(words) and position - index < _INNER_SITE_WORDS:
            end = self._site_word_end(analysis, position)
            if end is not None:
                # after words of its own, a kind of area (重点 + 园区) is a description, not the site's name
                return end if position == index or "".join(words[position:end]) not in self.not_names else None
            word = words[position]
            if word in _SITE_RANKS:
                position += 1
                continue
            if (
                len(word) < 2
                or tags[position] not in _INNER_SITE_NAME_TAGS
                or not masks[position] & self._site_name_bit
                or self.is_place_name(word)
            ):
                return None  # (a place starts a site of its own: 某高速公路 | 宝鸡 + 高新区)
            position += 1
        return None

    def _landform_end(self, analysis: TextAnalysis, index: int) -> int | None:
        """Index after a landform starting at word ``index`` (草原, or 大 + 草原 as jieba cuts it)."""
        words = analysis.words
        for size in (1, 2):
            if index + size <= len(words) and "".join(words[index : index + size]) in self.landforms:
                return index + size
        return None

    def _is_clan_settlement(self, word: str) -> bool:
        """潘家湾, 苟家岭, 陈家店: a surname, 家 and a kind of settlement or feature that ends no given
        name (湾, 沟, 岭; 王家卫 and 温家宝 are people)."""
        return (
            self.surnames is not None
            and len(word) == 3
            and word[1] == self.clan_marker
            and word[2] in self.clan_settlement_endings
            and (word[0] in self.surnames.common or word[0] in self.surnames.rare)
        )

    def _is_feature_taken_for_person(self, analysis: TextAnalysis, index: int) -> bool:
        """阳澄湖/nr, 洪泽湖/nr, 北部湾/nr: a word of three characters or more that jieba guessed is a
        person's name but that ends like a natural feature no given name ends with (湖, 湾; 江, 山 and
        海 end many given names: 张德江, 王世海)."""
        word = analysis.words[index]
        return (
            len(word) >= 3
            and analysis.tags[index] in _PERSON_NAME_TAGS
            and word[-1] in self.unnamed_feature_endings
        )

    def _ends_with_landform(self, word: str) -> bool:
        """松嫩平原, 鄂尔多斯高原: a named landform's kind after a name of two characters or more."""
        return any(word.endswith(landform) and len(word) - len(landform) >= 2 for landform in self.named_landforms)

    def _is_site_part(self, analysis: TextAnalysis, index: int) -> bool:
        """A site word: 滑雪场, 社区."""
        return analysis.words[index] in self.sites_set

    def _is_name_ending_with_site(self, analysis: TextAnalysis, index: int) -> bool:
        """A proper or unknown word that ends with a site word: 芳星园."""
        return (analysis.tags[index] in _PROPER_TAGS or not analysis.is_known(index)) and self._ends_with_site(
            analysis.words[index]
        )

    def _is_site_name(self, analysis: TextAnalysis, index: int) -> bool:
        """A word that can be part of a site's name: 幸福/a, 云顶/ns."""
        return self._name_like(analysis, index) or analysis.tags[index] in _SITE_NAME_TAGS

    def _is_ordinal(self, analysis: TextAnalysis, index: int) -> bool:
        """第三, 5."""
        word = analysis.words[index]
        return analysis.tags[index] == "m" and (word.startswith("第") or word.isdigit())

    @staticmethod
    def _ordinal_in_brackets(analysis: TextAnalysis, position: int) -> int | None:
        """Index after （五） or (2) starting at ``position``."""
        words = analysis.words
        if position + 2 < len(words) and words[position] in "(（" and words[position + 2] in ")）":
            inner = words[position + 1]
            if inner.isdigit() or all(c in "一二三四五六七八九十" for c in inner):
                return position + 3
        return None

    def _may_start(self, analysis: TextAnalysis) -> list[int]:
        """The words a link or a named site may start with, in order; ``find`` skips the others.

        A word followed by no level starts a link or a site according to the word and its
        tag alone (``_link``, ``_named_site_alone``), or, for a name such as 裕华, if a site
        word (路, 高铁) begins right after it; a word followed by a level may start a link.
        """
        lexicon = self.lexicon
        before = {i - 1 for i in lexicon.indices(analysis, self._site_begins_bit) if i > 0}
        starts = {
            *lexicon.indices(analysis, self._start_bit),
            *(i - 1 for i in lexicon.indices(analysis, self._level_bit) if i > 0),
            *before.intersection(lexicon.indices(analysis, self._site_if_followed_bit)),
        }
        return sorted(starts)

    def _is_level_word(self, analysis: TextAnalysis, index: int) -> bool:
        return analysis.words[index] in self.admin_set

    def _starts_alone(self, analysis: TextAnalysis, index: int) -> bool:
        """Whether the word starts a link, or is a named site, whatever follows it (but a level)."""
        return (
            self._link_here(analysis, index, look_ahead=False) is not None
            or self._named_site_alone(analysis, index) is _SiteAlone.WORD
        )

    def _is_named_site_word(self, analysis: TextAnalysis, index: int) -> bool:
        """A named site in one word: 长江大桥, 武汉站."""
        return self._named_site_alone(analysis, index) is _SiteAlone.WORD

    def _starts_site_if_followed(self, analysis: TextAnalysis, index: int) -> bool:
        return self._named_site_alone(analysis, index) is _SiteAlone.IF_SITE_FOLLOWS

    def _begins_named_site(self, analysis: TextAnalysis, index: int) -> bool:
        """Whether the word is a named site word (路) or how one begins (高 of 高铁 split by jieba)."""
        return analysis.words[index] in self._named_site_prefixes

    def find(self, analysis: TextAnalysis) -> list[Suggestion]:
        self._word_memo.current(analysis.segmenter)
        text = analysis.text
        words = analysis.words
        masks = self.lexicon.masks(analysis)
        link_bit, sure_bit, is_site_bit, levels = self._link_bit, self._sure_link_bit, self._is_site_bit, self.admin_set
        found = []
        index = 0
        count = len(words)
        may_start = self._may_start(analysis)
        next_start = 0
        while index < count:
            # Jump to the next word that may start a place: the ones in between start nothing.
            while next_start < len(may_start) and may_start[next_start] < index:
                next_start += 1
            if next_start == len(may_start):
                break
            index = may_start[next_start]
            links = 0
            certain = False
            position = index
            two_places = False
            while position < count:
                if links and (words[position] in self.regions or words[position - 1] in self.regions):
                    two_places = True  # 壮乡 | 广西: a region and a province side by side are two places
                    break
                if links and words[position - 1] in self.parts_of_provinces and (
                    words[position] in levels or self.admin_suffix_of(words[position]) is not None
                ):
                    break  # 闽北 | 茶乡: a part of a province stands above no county or township (滇西 + 高原 goes on)
                if links and words[position] in self.parts_of_provinces and self.admin_suffix_of(words[position - 1]) in _MAJOR_LEVELS:
                    break  # 某州市 | 赣南: nor below a city or county, of which it is the wider region
                if (
                    links
                    and analysis.tags[position] == "ns"
                    and self._names_a_site(analysis, position - 1)
                    and (position + 1 == count or words[position + 1] not in levels)
                ):
                    break  # 长江大桥/ns | 合龙/ns: a named site ends its address; jieba's place tag on the next word is a guess
                # (_link, with its word's mask read here)
                following = position + 1
                if following < count and words[following] in levels:
                    link = self._link_here(analysis, position, look_ahead=True)
                elif masks[position] & link_bit:
                    link = (following, bool(masks[position] & sure_bit))
                else:
                    link = None
                if link is None and links and position + 1 < count and self._bridges(analysis, position):
                    # 浙江 + 嘉善/nr + 姚庄镇: a proper name between two links is a link too
                    link = (position + 1, True)
                if link is None and certain and self._settlement_after_chain(analysis, position):
                    link = (position + 1, True)  # 黄埔区 + 火村/n: after a place, a village is named by anything
                if link is None and certain and self._township_after_chain(analysis, position):
                    link = (position + 2, True)  # 某县 + 太平/d + 镇: after a place, a township is named by any word
                if link is None:
                    break
                position, sure = link
                links += 1
                certain = certain or sure
            if links == 0:
                site = self._named_site(analysis, index)
                if site is not None:
                    # 丹顶鹤 + 湿地 + 生态 + 旅游区: the site names a larger one around it
                    site = (self._larger_site_end(analysis, site) if site < count else None) or site
                    found.append(span(text, analysis.starts[index], analysis.ends[site - 1], LABEL, self.score_named_site))
                    index = site
                else:
                    index += 1
                continue
            end_index = position
            if links > 1 or words[index] not in self.known:
                score = self.score_chain
            elif analysis.tags[index] == "ns" or not analysis.is_known(index):
                score = self.score_name
            else:
                score = self.score_untagged_name  # 惠民/nr, 海珠/n: also ordinary words and names
            # (no site after a region that the next place stands beside: 壮乡 | 广西高铁)
            site = (
                self._site_end(analysis, position)
                if position < count and not two_places and not masks[position - 1] & is_site_bit
                else None
            )
            if site is not None:
                end_index = site
                score = self.score_site
                # a site inside a site: 英德 + 体育馆 + 安置点, 某地 + 湿地 + 珍禽 + 国家级 + 自然保护区
                inner = self._larger_site_end(analysis, site) if site < count else None
                if inner is not None:
                    end_index = inner
            if (site is not None or certain) and not two_places:
                # 某盟 + 大草原, 某县 + 某河 + 平原: a landform right after a place it names
                landform = self._landform_end(analysis, end_index)
                if landform is not None:
                    site = end_index = landform
                    score = self.score_site
            if links == 1 and site is None and index > 0 and words[index - 1] in self.era_prefixes and analysis.tags[index - 1] == "a":
                pass  # 新 + 中国: an era or an image of the place, not the place
            elif links >= 2 or certain or site is not None:
                found.append(span(text, analysis.starts[index], analysis.ends[end_index - 1], LABEL, score))
            elif links == 1 and masks[index] & self._site_word_bit:
                # 长宁路/ns: a dictionary place that is not surely one alone, but names a site in itself
                found.append(span(text, analysis.starts[index], analysis.ends[index], LABEL, self.score_named_site))
            index = end_index
        found = self._continue_addresses(analysis, found)
        found += self._split_features(analysis)
        found += self._rare_named_settlements(analysis)
        found += self._glued_to_function_words(analysis)
        found += self._quoted_nicknames(analysis)
        found += self._regions_cut_apart(analysis)
        found += self._counted_short_names(analysis)
        found += self._split_names(analysis, found)
        return found + self._roads_and_settlements(analysis, found)

    def _quoted_nicknames(self, analysis: TextAnalysis) -> list[Suggestion]:
        """“中国某某之乡”, “中国某都”: a quotation that is a title a country gave a place is a place
        of its own. Without the country (“某某之乡”) or the quotation marks (作为蔬菜之乡) the pages'
        gold labels it only as often as not: a description."""
        if self.quoted_nickname is None:
            return []
        text = analysis.text
        return [span(text, m.start(), m.end(), LABEL, self.score_named_site) for m in self.quoted_nickname.finditer(text)]

    def _counted_short_names(self, analysis: TextAnalysis) -> list[Suggestion]:
        """赣、浙、皖三省, 川、渝、滇等四地: provinces' one-character short names listed with 、 before their
        count are each a place (alone each is as often an everyday character: 甘, 青, 宁); and so are
        such names run together before a count that is their number (鲁苏豫皖四省)."""
        if self._counted_short_names_text is None:
            return []
        text = analysis.text
        found: list[Suggestion] = []
        for match in self._counted_short_names_text.finditer(text):
            names = [match.start()] + [k + 1 for k in range(match.start(), match.end()) if text[k] == "、"]
            # (a name must stand alone, not end a word: 江苏、浙、皖三省 names 浙 and 皖 here)
            found.extend(span(text, k, k + 1, LABEL, self.score_name) for k in names if analysis.is_boundary(k))
        if self._run_short_names_text is not None:
            for match in self._run_short_names_text.finditer(text):
                group = 1 if match.group(1) is not None else 3
                run = match.group(group)
                # the count must be the number of names, and the run must begin a word (江苏浙两省 is no run)
                if _COUNTS.get(match.group(group + 1)) == len(run) and analysis.is_boundary(match.start()):
                    found.extend(span(text, k, k + 1, LABEL, self.score_name) for k in range(match.start(), match.start() + len(run)))
        return found

    def _regions_cut_apart(self, analysis: TextAnalysis) -> list[Suggestion]:
        """川/j + 渝/j, 滇/j + 黔/j: a region named by the short names of the provinces it spans (or by a
        word and its ending, 大湾/ns + 区/n), which jieba cut into words of its own, is a place as it
        is when jieba reads it as one word. Its ends must be the ends of words (长江北岸 holds no
        江北), and a region jieba found in it stands alone (中原 + 大地: the pages' gold takes 中原)."""
        if self._region_text is None:
            return []
        text = analysis.text
        found = []
        for match in self._region_text.finditer(text):
            first = analysis.index_starting_at(match.start())
            last = analysis.index_ending_at(match.end())
            if (
                first is not None
                and last is not None
                and first != last
                and not any(
                    analysis.tags[k] in _NOT_SPLIT_NAME_TAGS or analysis.words[k] in self.regions for k in range(first, last + 1)
                )
            ):
                found.append(span(text, match.start(), match.end(), LABEL, self.score_name))
        return found

    def _continue_addresses(self, analysis: TextAnalysis, chains: list[Suggestion]) -> list[Suggestion]:
        """The chains and sites found so far, each taken on over the townships and villages after it
        (``_lower_link_end``); what a longer chain now covers (湖镇, 马镇: jieba's cut through a
        name) is dropped."""
        if not self.lower_levels:
            return chains
        text = analysis.text
        continued = []
        for chain in chains:
            end = chain.end
            while (following := self._lower_link_end(analysis, end, after_level=text[end - 1] in self.level_chars)) is not None:
                end = following
            continued.append(chain if end == chain.end else span(text, chain.start, end, LABEL, max(chain.score, self.score_chain)))
        longer = [c for c, old in zip(continued, chains, strict=True) if c is not old]
        if not longer:
            return continued
        return [c for c in continued if not any(c is not big and big.start <= c.start and c.end <= big.end for big in longer)]

    def _lower_link_end(self, analysis: TextAnalysis, start: int, *, after_level: bool) -> int | None:
        """The end of a township or village right after offset ``start`` (the end of a place), read by
        characters: a name of up to _LOWER_NAME_CHARS characters and a lower level (乡, 镇, 村, 嘎查),
        whatever words jieba cut them into. The name holds no function character, level or known
        everyday word; the level is no part of a dictionary word (农村, 乡镇, 城乡, 返乡: the sentence's
        words). Right after a level the name needs two characters (某县 + 城乡 is no township)."""
        text = analysis.text
        if self.lower_level_starts.isdisjoint(text[start : start + _LOWER_NAME_CHARS + 1]):
            return None  # no level begins where one could: most places are followed by no township
        words, tags = analysis.words, analysis.tags
        function_chars, level_chars = self.words.function_chars, self.level_chars
        # Below a township a village may be named by an everyday noun (某镇 + 石牛/n + 村, 堡子/n + 头村)
        name_tags = _LOWER_NAME_TAGS | {"n"} if start > 0 and text[start - 1] in _TOWNSHIP_LEVELS else _LOWER_NAME_TAGS
        for size in range(2 if after_level else 0, _LOWER_NAME_CHARS + 1):
            name = text[start : start + size]
            # (a level's character may end a name, never begin it: 土市 + 镇, 永乡 + 镇, but not 城乡)
            if len(name) < size or any(
                not is_cjk(c) or c in function_chars or (c in level_chars and not 0 < at == size - 1)
                for at, c in enumerate(name)
            ):
                return None
            if name and name[-1] in level_chars and name[0] in self.words.quantifier_chars:
                return None  # 某县 + 各乡 + 镇: a level after a quantifier is the sentence's (各乡镇)
            level = next((lv for lv in self.lower_levels if text.startswith(lv, start + size)), None)
            if level is None:
                continue
            end = start + size + len(level)
            if end < len(text) and text[end] in _TOWNSHIP_LEVELS:
                continue  # 永 + 乡 + 镇: a level right before a township's is the last character of its name
            for index in range(analysis.index_at(start), analysis.index_at(end - 1) + 1):
                word = words[index]
                if analysis.starts[index] == start + size and word[len(level) :] in self.place_heads:
                    continue  # 帕亮 + 村人: the level and a word of its people
                if size and all(c in level_chars for c in word) and analysis.starts[index] == end - len(word):
                    continue  # 土 + 市镇/n: two levels, the name's last character and the township's
                if len(word) > 1 and analysis.is_known(index) and tags[index] not in name_tags:
                    # 农业/n, 推进/v: the sentence's words, not a name; 农村, 乡镇, 城乡, 村民: the
                    # level is part of a dictionary word
                    return None
            return end
        return None

    def _glued_place_stem(self, analysis: TextAnalysis, index: int) -> bool:
        return self._glued_stem(analysis, index) is not None

    def _glued_stem(self, analysis: TextAnalysis, index: int) -> tuple[int, int] | None:
        """某地以/ns, 由某地: the offsets in the word of a known place name (two characters or more)
        that jieba's HMM glued to one function character before or after it."""
        word = analysis.words[index]
        if len(word) < 3 or not self.words.is_glued(analysis, index) or not all_cjk(word):
            return None
        if word[-1] in self.words.function_chars and self.is_place_name(word[:-1]):
            return 0, len(word) - 1
        if word[0] in self.words.function_chars and self.is_place_name(word[1:]):
            return 1, len(word)
        return None

    def _place_with_head(self, analysis: TextAnalysis, index: int) -> bool:
        """天津人/nr, 西欧国家/n: a known place name and a word of its people or kind in one word."""
        word = analysis.words[index]
        return any(
            len(word) - len(head) >= 2 and word.endswith(head) and self.is_place_name(word[: -len(head)])
            for head in self.place_heads
        )

    def _glued_to_function_words(self, analysis: TextAnalysis) -> list[Suggestion]:
        found = []
        for index in self.lexicon.indices(analysis, self._glued_stem_bit):
            first, last = self._glued_stem(analysis, index)  # type: ignore[misc]
            start = analysis.starts[index]
            found.append(span(analysis.text, start + first, start + last, LABEL, self.score_name))
        for index in self.lexicon.indices(analysis, self._place_head_bit):
            word = analysis.words[index]
            head = next(h for h in self.place_heads if word.endswith(h))
            start = analysis.starts[index]
            found.append(span(analysis.text, start, start + len(word) - len(head), LABEL, self.score_name))
        return found

    def _starts_with_level(self, analysis: TextAnalysis, index: int) -> bool:
        """A level alone (区, 县), a level's body or head in one word (区委, 县政府, 市长), or a
        character and a level in one word (溪区: the end of a name jieba cut, 濂 + 溪区)."""
        word = analysis.words[index]
        if word in self.admin_set:
            return len(word) == 1
        if len(word) == 2 and word[1] in self.level_chars and word not in self.not_names:
            return True
        return len(word) >= 2 and word[0] in self.admin_set and word[1:].startswith(_LEVEL_BODIES)

    def _split_names(self, analysis: TextAnalysis, found: list[Suggestion]) -> list[Suggestion]:
        """新/a 都/d + 区委, 鄞/nr 州/n + 区, 濂/g + 溪区: a known place name that jieba cut into
        one-character words (or a character and a character with the level), shown to be a name
        by the level (or the level's body) right after it. The place is the name, with the level
        when the level is in a word of its own or with the name's last character; after a chain
        it continues the chain (九江市 + 濂溪区)."""
        words, tags, text = analysis.words, analysis.tags, analysis.text
        split = []
        for index in self.lexicon.indices(analysis, self._level_start_bit):
            word = words[index]
            glued = len(word) == 2 and word[1] in self.level_chars  # 溪区: the name's last character and the level
            for size in (1, 2) if glued else _SPLIT_NAME_CHARS:
                first = index - size
                if first < 0 or any(len(words[k]) != 1 or tags[k] in _NOT_SPLIT_NAME_TAGS for k in range(first, index)):
                    continue
                name = "".join(words[first:index]) + (word[0] if glued else "")
                if name not in self.known or not all_cjk(name):
                    continue
                last = index if glued or word in self.admin_set else index - 1
                split.append(span(text, analysis.starts[first], analysis.ends[last], LABEL, self.score_chain))
                break
        if not split:
            return split
        chain_start_by_end: dict[int, int] = {}  # the longest place ending there
        for place in found:
            chain_start_by_end[place.end] = min(place.start, chain_start_by_end.get(place.end, place.start))
        joined = [
            span(text, start, place.end, LABEL, self.score_chain)
            for place in split
            if place.text[-1] in self.level_chars and (start := chain_start_by_end.get(place.start)) is not None
        ]
        return split + joined

    @staticmethod
    def _roads_and_settlements(analysis: TextAnalysis, places: list[Suggestion]) -> list[Suggestion]:
        """银古路 + 丽水社区: a road and the settlement right after it are one address, as sure as
        the surer of the two (a settlement named by an everyday word scores low alone); so are a
        road and its house number (德丰路 + 199弄), and a street and the level of the body named
        after it (华阳街 + 街道, 民权街 + 社区)."""
        text = analysis.text
        starting = {p.start: p for p in places if p.text.endswith(_SETTLEMENT_ENDINGS)}
        roads = [road for road in places if road.text.endswith(_ROAD_ENDINGS)]
        bodies = [
            span(text, road.start, analysis.ends[following], LABEL, road.score)
            for road in roads
            if (following := analysis.index_starting_at(road.end)) is not None
            and analysis.words[following] in _STREET_BODIES
        ]
        return bodies + [
            span(text, road.start, settlement.end, LABEL, max(road.score, settlement.score))
            for road in roads
            if (settlement := starting.get(road.end)) is not None
        ] + [
            span(text, road.start, number.end(), LABEL, road.score)
            for road in roads
            if (number := _HOUSE_NUMBER.match(text, road.end)) is not None
        ]

    def _is_split_ending(self, analysis: TextAnalysis, index: int) -> bool:
        """A natural feature's last character that jieba left as a word of its own: 岭, 滩, 庄."""
        return analysis.words[index] in self.split_feature_endings and analysis.tags[index] in _SPLIT_ENDING_TAGS

    def _split_features(self, analysis: TextAnalysis) -> list[Suggestion]:
        """野麦 + 岭, 白鹤 + 滩, 石榴 + 庄: a two-character name and the feature's ending jieba split
        off it, or a rare character jieba could make no word of (篁/g + 岭). A noun, not a verb, adjective or pronoun, must come before (爬/v 山, 这座/r 山). A
        site's word of two characters or more right after it ends the site the feature names."""
        words, tags = analysis.words, analysis.tags
        found = []
        for index in self.lexicon.indices(analysis, self._split_ending_bit):
            before = index - 1
            if before < 0:
                continue
            name = words[before]
            if (
                not (len(name) == 2 or (len(name) == 1 and tags[before] in _RARE_CHARACTER_TAGS))
                or tags[before] not in _FEATURE_NAME_TAGS | _RARE_CHARACTER_TAGS
                or not all_cjk(name)
                or name in self.not_names
                or self.words.is_level(name)
                or self.words.is_glued(analysis, before)
            ):
                continue
            end, score = index, self.score_geographic
            following = index + 1
            if following < len(words) and len(words[following]) <= 2 and (
                words[following] in _SETTLEMENT_LEVELS or self.admin_suffix_of(words[following]) in _SETTLEMENT_LEVELS
            ):
                index = end = following  # 篁 + 岭 + 村, 某某 + 岭 + 新村: the settlement named after the feature
            site = self._larger_site_end(analysis, index + 1) if index + 1 < len(words) else None
            if site is not None and len("".join(words[index + 1 : site])) >= 2:
                end, score = site - 1, self.score_site  # 野象 + 谷 + 景区, 白鹤 + 滩 + 水电站: the site named by the feature
            found.append(span(analysis.text, analysis.starts[before], analysis.ends[end], LABEL, score))
        return found

    def _rare_named_settlements(self, analysis: TextAnalysis) -> list[Suggestion]:
        """神/n 垕/zg + 镇, 神/n 垕/zg + 古镇: two one-character words, one of them a rare character jieba
        could make no word of, right before a settlement's level or a named old town or village name
        that settlement, with no place before it (after a place, ``_lower_link_end`` reads such names)."""
        words, tags = analysis.words, analysis.tags
        found = []
        for index in range(2, len(words)):
            word = words[index]
            if not (word in _SETTLEMENT_LEVELS or (len(word) == 2 and self.admin_suffix_of(word) in _SETTLEMENT_LEVELS)):
                continue
            first, second = index - 2, index - 1
            if (
                len(words[first]) == 1
                and len(words[second]) == 1
                and (tags[first] in _RARE_CHARACTER_TAGS or tags[second] in _RARE_CHARACTER_TAGS)
                and all(is_cjk(words[k]) and tags[k] not in _NOT_A_STEM_TAGS and not self.words.is_level(words[k]) for k in (first, second))
            ):
                found.append(span(analysis.text, analysis.starts[first], analysis.ends[index], LABEL, self.score_chain))
        return found

    def _named_site(self, analysis: TextAnalysis, index: int) -> int | None:
        """Index after a site that a proper name alone makes a place: 京沪 + 高铁, 裕华 + 路, 武汉站.

        Without a place before it, the name must be a proper noun or a word jieba does not know.
        """
        words = analysis.words
        mask = self.lexicon.masks(analysis)[index]  # (what _named_site_alone says)
        if mask & self._site_word_bit:
            return index + 1
        if not mask & self._site_if_followed_bit:
            return None
        for size in (1, 2):
            end = index + 1 + size
            if end <= len(words) and "".join(words[index + 1 : end]) in self.named_sites:
                return end
        return None

    def _named_site_alone(self, analysis: TextAnalysis, index: int) -> _SiteAlone:
        """What word ``index`` alone says of ``_named_site``: no site, a site in itself, or a site if
        a site word follows."""
        tags = analysis.tags
        word = analysis.words[index]
        if not all_cjk(word) or word in self.not_names or self.words.is_glued(analysis, index):
            return _SiteAlone.NONE
        for length in self._named_site_lengths:
            stem = word[:-length]
            if len(stem) >= 2 and word[-length:] in self.named_sites and (
                self.is_place_name(stem) or tags[index] in _SITE_PROPER_TAGS or not analysis.is_known(index)
            ):
                return _SiteAlone.WORD  # 长江大桥/ns, 京沪高铁 as one word
        if len(word) > 2 and word.endswith("站") and self.is_place_name(word[:-1]):
            return _SiteAlone.WORD  # 武汉站: a station named after its city
        if not 2 <= len(word) <= 4 or self.words.is_level(word):
            return _SiteAlone.NONE
        if not (tags[index] in _SITE_PROPER_TAGS or not analysis.is_known(index) or self.is_place_name(word)):
            return _SiteAlone.NONE  # 海尔集团/nt + 工业园 is the company's park: an organisation does not name a site
        return _SiteAlone.IF_SITE_FOLLOWS

    def _names_a_site(self, analysis: TextAnalysis, index: int) -> bool:
        """Whether the word already names a site (长江大桥), so no site follows it."""
        word = analysis.words[index]
        return any(len(word) > n and word[-n:] in self.named_sites for n in self._named_site_lengths)

    def _ends_with_site(self, word: str) -> bool:
        """Whether ``word`` ends with a site word and has more before it: 云顶滑雪场."""
        memo = self._word_memo
        key = ("ends_with_site", word)
        if key not in memo:
            memo.remember(key, any(len(word) > n and word[-n:] in self.sites_set for n in self._site_lengths))
        return memo[key]

    def _is_station(self, name: str) -> bool:
        """武汉站, 北京西站: a place and 站 name a station."""
        stem = name[:-1]
        return name.endswith("站") and (self.is_place_name(stem) or (stem[-1:] in "东西南北" and self.is_place_name(stem[:-1])))

    def settle_venues(self, analysis: TextAnalysis, suggestions: list[Suggestion]) -> list[Suggestion]:
        """Stations and exhibition centres are places; a museum or a memorial hall is a place after
        a word of place (在, 来到) and an organisation elsewhere. Other suggestions pass unchanged."""
        text = analysis.text
        settled = []
        for suggestion in suggestions:
            label = suggestion.label
            if label in (LABEL, "ORG"):
                name = suggestion.text
                if self._is_station(name) or _ends_with_one_of(name, self.always_sites):
                    label = LABEL
                elif _ends_with_one_of(name, self.venues):
                    before = analysis.index_ending_at(suggestion.start)
                    label = LABEL if before is not None and analysis.words[before] in self.place_words else "ORG"
            settled.append(suggestion if label == suggestion.label else span(text, suggestion.start, suggestion.end, label, suggestion.score))
        return settled

    def _bridges(self, analysis: TextAnalysis, index: int) -> bool:
        word = analysis.words[index]
        return (
            2 <= len(word) <= 3
            and all_cjk(word)
            and analysis.tags[index] in _PROPER_TAGS
            and not word.endswith(self.organisation_endings)  # 黄河 + 新闻网/nz | 大同 + 讯: an outlet and its dateline
            and self._link(analysis, index + 1) is not None
        )
