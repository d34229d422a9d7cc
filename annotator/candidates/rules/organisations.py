"""Organisations: a suffix (有限公司, 总工会, 局 ...) extended left over the words of the name
and right over the organisation's own units, abbreviations (吉林省总), and national
bodies known by name."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from annotator.candidates.analysis import TextAnalysis, all_cjk, is_cjk
from annotator.candidates.memo import WordMemo
from annotator.candidates.ruledata import RuleTable, alternation
from annotator.candidates.rules.common import span
from annotator.candidates.rules.lexicon import Lexicon
from annotator.candidates.rules.titles import LABEL as TITLE_LABEL
from annotator.candidates.rules.titles import TitleRule
from annotator.candidates.rules.words import WordClasses
from annotator.candidates.spans import Suggestion
from annotator.text.segmenter import get_segmenter

LABEL = "ORG"
# Tags of ordinary words that may be part of a name (钢铁, 物业, 服务, 豪迈).
_MATERIAL_TAGS = frozenset({"n", "vn", "nz", "an", "a", "ng", "nl", "l", "i", "j", "b"})
# Tags of words that may be a brand inside a registered company name (大自然/d, 安踏/v).
_BRAND_TAGS = frozenset({"d", "v", "vd", "vi", "ad", "ag", "s"})
# Tags of a brand that names a group on its own (旺旺/a + 集团, 东方/s + 电气 + 集团, and an
# abbreviation: 光大/j + 集团; 央企/j and its kind are stop words).
_LONE_BRAND_TAGS = frozenset({"a", "ad", "an", "i", "l", "s", "j"})
# A word with one of these tags does not end an organisation name (举办/v ends with 办).
_VERB_TAGS = frozenset({"v", "vd", "vi", "vq", "ad", "d", "p", "c", "u", "uj", "ul", "r", "m", "q", "f", "t"})
_CLOSING = {")": "(", "）": "（"}
# Conjunctions inside an office's name (教育和体育局), and the tags of the field before them.
_FIELD_CONJUNCTIONS = frozenset({"和", "与"})
_FIELD_TAGS = frozenset({"n", "vn", "nz"})
# ... of the field before the conjunction in an office's name, where jieba's dictionary may tag a field
# as a body though no type ends it (文化 + 广播电视/nt + 和 + 旅游局)
_FIELDS_OF_AN_OFFICE_TAGS = _FIELD_TAGS | {"nt"}
# ... and of the first of two fields before a type of its own (海洋/ns + 与 + 渔业 + 科学院)
_FIELDS_BEFORE_CONJUNCTION_TAGS = _FIELD_TAGS | {"ns"}
# How many words a unit may have after its parent: 有限公司 + 技术 + 中心
_UNIT_WORDS = 5
# A short word with a weak suffix needs an anchor this close before it: 青岛 + 市南区 + 仲裁 + 院
_WEAK_REACH = 3
# words that make 国家 after them a country, not the state (这个 | 国家, 两个 | 国家)
_COUNTING_TAGS = frozenset({"r", "m", "q"})
# ... and a place this close, before the words of the body's field: 某区 + 农业 + 农村 + 技术推广 + 中心
_WEAK_REACH_OF_PLACE = 5
# jieba's tags for proper nouns an outlet's name may carry (某商报/nz, 某工报/nt, 某楚网/nr)
_OUTLET_TAGS = frozenset({"nz", "nt", "nr", "nrt", "j"})

_WORK_OPENINGS = "《〈"

# A news site's dateline word (厦门网讯: jieba reads 网讯 as one word) and the most place words before it.
_NEWS_SITE_DATELINE = "网讯"
_NEWS_SITE_PLACE_WORDS = 3
# What a dateline opening a paragraph comes after, and the tags of words that name no site before it
# (the sentence's words: 据/p, 昨天/t, 该/r).
_PARAGRAPH_BREAKS = "\n\r\u2029"
_NOT_SITE_NAME_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "r", "m", "mq", "q", "t", "d", "v", "x"})
# What a credit (某报记者) or a dateline (某网3月5日讯) comes right after when it opens a paragraph, a
# sentence, a bracket or a caption's credit (文/, 图/): the words between that and the marker name the outlet.
_CREDIT_OPENINGS = frozenset("\n\r\u2029。！？；（(【[/▲■●| \u3000\t")
# The most words an outlet's name has there, and the tags of words that name no outlet (the sentence's
# words, a person's name: 通讯员 + 某某, numbers and dates).
_CREDIT_NAME_WORDS = 4
_NOT_OUTLET_NAME_TAGS = _NOT_SITE_NAME_TAGS | {"nr", "nrfg", "nrt", "f", "vn", "vd", "ad"}
# The words of a date between an outlet and its dateline's 讯 (某网 + 3 + 月 + 23 + 日讯).
_DATE_WORDS = frozenset({"年", "月", "日"})


class OrganisationRule:
    def __init__(
        self,
        table: RuleTable,
        titles: TitleRule,
        words: WordClasses,
        lexicon: Lexicon | None = None,
        is_place_name: Callable[[str], bool] | None = None,
    ) -> None:
        table.check_keys(
            ("suffixes", "weak_suffixes", "registered_suffixes", "not_organisations", "name_verbs", "stop_words", "inner_words",
             "anchor_tags", "known", "abbreviation_levels", "abbreviation_marker", "abbreviation_not_followed_by",
             "max_length", "score_strong", "score_weak", "score_known", "score_abbreviation", "score_dictionary",
             "honour_words", "delegation_words", "place_committees", "media_suffixes", "unit_words", "placed_units",
             "glued_posts", "outlet_endings", "not_outlet_endings", "paper_kinds", "place_outlets", "state_prefixes", "state_types",
             "credit_markers", "dateline_markers", "world_words")
        )
        self.suffixes = tuple(sorted(table.strings("suffixes"), key=len, reverse=True))
        self._suffix_set = frozenset(self.suffixes)
        self._suffix_lengths = sorted({len(x) for x in self.suffixes}, reverse=True)
        # long suffixes jieba may cut into several words: 中级 + 人民法院, 人力资源 + 和 + 社会 + 保障局
        self._phrases = tuple(x for x in self.suffixes if len(x) >= 3)
        self._phrase_set = frozenset(self._phrases)
        self.weak = frozenset(table.strings("weak_suffixes", ()))
        # one-character types (局, 院, 室): what jieba may glue to the word after them
        self.type_chars = frozenset(x for x in self.suffixes if len(x) == 1)
        # types of institutions that jieba's dictionary glues to their head's title (商会 + 会长, 小学 + 校长,
        # 协会 + 主席): not the bodies a title keeps (工会 + 主席, titles.toml), nor a level's committee
        # (市委 + 书记: place_committees) or a body known by name (政协 + 主席), whose posts are titles whole
        self.type_words = (
            frozenset(x for x in self.suffixes if len(x) >= 2)
            - titles.bodies
            - frozenset(table.strings("place_committees", ()))
            - frozenset(table.strings("known", ()))
        )
        self.not_organisations = frozenset(table.strings("not_organisations", ()))
        self.registered = frozenset(table.strings("registered_suffixes", ()))
        self.name_verbs = frozenset(table.strings("name_verbs", ()))
        self.stop_words = frozenset(table.strings("stop_words", ()))
        self.inner_words = frozenset(table.strings("inner_words", ()))
        self.anchor_tags = frozenset(table.strings("anchor_tags", ()))
        known = table.strings("known", ())
        self.known = re.compile(alternation(known)) if known else None
        levels = table.strings("abbreviation_levels", ())
        marker = table.string("abbreviation_marker", "总")
        self.abbreviation = re.compile(f"{alternation(levels)}{re.escape(marker)}") if levels else None
        self.abbreviation_blockers = tuple(sorted(table.strings("abbreviation_not_followed_by", ()), key=len, reverse=True))
        self.max_length = table.integer("max_length", 40, minimum=2)
        self.score_strong = table.score("score_strong", 0.85)
        self.score_weak = table.score("score_weak", 0.6)
        self.score_known = table.score("score_known", 0.9)
        self.score_abbreviation = table.score("score_abbreviation", 0.85)
        self.score_dictionary = table.score("score_dictionary", 0.7)
        self.honour_words = tuple(sorted(table.strings("honour_words", ()), key=len, reverse=True))
        self.delegation_words = frozenset(table.strings("delegation_words", ()))
        self.media = frozenset(table.strings("media_suffixes", ()))
        self.place_committees = tuple(sorted(table.strings("place_committees", ()), key=len, reverse=True))
        self.unit_words = tuple(table.strings("unit_words", ()))
        self.placed_units = frozenset(table.strings("placed_units", ()))
        self.glued_posts = frozenset(table.strings("glued_posts", ()))
        self.outlet_endings = tuple(table.strings("outlet_endings", ()))
        self.place_outlets = tuple(sorted(table.strings("place_outlets", ()), key=len, reverse=True))
        self.not_outlet_endings = tuple(table.strings("not_outlet_endings", ()))
        self.paper_kinds = tuple(table.strings("paper_kinds", ()))
        self.state_prefixes = frozenset(table.strings("state_prefixes", ()))
        self.state_types = tuple(table.strings("state_types", ()))
        self.credit_markers = frozenset(table.strings("credit_markers", ()))
        self.world_words = frozenset(table.strings("world_words", ()))
        self.dateline_markers = frozenset(table.strings("dateline_markers", ()))
        self.titles = titles
        self.words = words
        self.is_place_name = is_place_name or _no_place_names
        self._suffix_cache: dict[str, str | None] = {}
        self._proper_cache: dict[str, bool] = {}
        self._function_word_cache: dict[str, bool] = {}
        # answers about a word and its tag alone, remembered (see annotator.candidates.memo)
        self._suffix_memo = WordMemo()
        self._unit_suffix_memo = WordMemo()
        self._phrase_lengths: dict[str, tuple[int, ...]] = {}
        self.lexicon = lexicon or Lexicon()
        self._suffix_bit = self.lexicon.register(self._has_suffix)
        self._dictionary_bit = self.lexicon.register(self._is_dictionary_name)
        self._plain_place_bit = self.lexicon.register(self._is_plain_place)
        self._anchor_bit = self.lexicon.register(self._anchor_alone, sparse=False)
        self._material_bit = self.lexicon.register(self._material_alone, sparse=False)
        self._unit_bit = self.lexicon.register(self._has_unit_suffix, sparse=False)
        self._outlet_bit = self.lexicon.register(self._is_outlet_name)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_suffix_cache"] = {}
        state["_proper_cache"] = {}
        state["_function_word_cache"] = {}
        state["_phrase_lengths"] = {}
        return state

    # --- what a word can be ----------------------------------------------------------------

    def _longest_suffix(self, word: str) -> str | None:
        cached = self._suffix_cache.get(word, False)
        if cached is False:
            cached = next((word[-n:] for n in self._suffix_lengths if word[-n:] in self._suffix_set), None)
            if len(self._suffix_cache) < 200_000:
                self._suffix_cache[word] = cached
        return cached  # type: ignore[return-value]

    def suffix_at(self, analysis: TextAnalysis, index: int) -> str | None:
        """The organisation suffix word ``index`` ends with, if it can end an organisation name."""
        pair = analysis.pair(index)
        memo = self._suffix_memo
        return memo[pair] if pair in memo else memo.remember(pair, self._suffix_here(analysis, index))

    def _suffix_here(self, analysis: TextAnalysis, index: int) -> str | None:
        word = analysis.words[index]
        if word in self.not_organisations or not all_cjk(word):
            return None
        suffix = self._longest_suffix(word)
        if suffix is None:
            return None
        tag = analysis.tags[index]
        if tag in _VERB_TAGS:  # 举办/v, 一卡通 + 办/v
            return None
        if word == suffix:
            return suffix
        if self.is_place_name(word):
            return None  # 莫斯科/nr ends with 科, but it is a place
        if word in self.titles.heads or self.titles.ends_with_head(word):
            return None  # 常委, 市委常委, 中央政治局常委: a post, not a body
        if len(suffix) == 1 and tag not in _MATERIAL_TAGS and tag not in self.anchor_tags and analysis.is_known(index):
            return None
        return suffix

    def _has_suffix(self, analysis: TextAnalysis, index: int) -> bool:
        return self.suffix_at(analysis, index) is not None

    def _is_dictionary_name(self, analysis: TextAnalysis, index: int) -> bool:
        """A dictionary organisation (nt) that has a name before its type."""
        return analysis.tags[index] == "nt" and self._dictionary_name(analysis, index)

    def _is_plain_place(self, analysis: TextAnalysis, index: int) -> bool:
        """A word jieba tagged as a place that its HMM did not glue to a function word."""
        return analysis.tags[index] == "ns" and not self.words.is_glued(analysis, index)

    def _is_anchor(self, analysis: TextAnalysis, index: int, places: Collection[int]) -> bool:
        """Whether word ``index`` makes a name a name: a place, a proper noun, an unknown word."""
        return index in places or bool(self.lexicon.masks(analysis)[index] & self._anchor_bit)

    def _anchor_alone(self, analysis: TextAnalysis, index: int) -> bool:
        """``_is_anchor`` for a word that is not part of a place: the word and its tag decide."""
        word, tag = analysis.words[index], analysis.tags[index]
        if not all_cjk(word):
            return tag == "eng"
        if word in self.world_words:
            return True  # 世界 + 野生生物 + 基金会, 国际 + 足球 + 联合会: a body named by the world it serves
        if self.words.is_level(word) or word in self.inner_words or self.words.is_glued(analysis, index):
            return False
        suffix = self.suffix_at(analysis, index)
        if suffix is not None:
            prefix = word[: -len(suffix)]
            if not prefix or self.words.is_level(prefix):
                return False  # 总工会, 镇党委: a type, perhaps with a level
            if len(prefix) >= 2 and self.is_place_name(prefix) and not self._ends_with_common_word(word):
                # 智利队, 美国财政部, 安徽省人社厅: a place and a type in one word (but 中 + 东部)
                return True
            if suffix in self.weak:
                return False  # 司法局/nt, 交通运输局: a kind of office
            if suffix in self.media and analysis.is_known(index):
                # a paper the dictionary lists is a name, whatever its tag: 经济日报/n, 法制晚报/nz
                # (not 今晚报: one character is no name)
                return len(prefix) >= 2 and prefix not in self.stop_words
            if tag in self.anchor_tags:
                return self._named_stem(prefix, suffix)  # 兴业银行/nt, but not 全国工会/nt
            return len(prefix) >= 2 and not analysis.is_known(index) and not _is_word(prefix)
        return tag in self.anchor_tags or (len(word) >= 2 and not analysis.is_known(index))

    def _ends_with_common_word(self, word: str) -> bool:
        """Whether ``word`` ends with a word that only looks like a type: 中东部 is 中 + 东部."""
        return any(word.endswith(common) for common in self.not_organisations)

    def _is_material(self, analysis: TextAnalysis, index: int, places: Collection[int] = ()) -> bool:
        """Whether word ``index`` can be inside a name."""
        return index in places or bool(self.lexicon.masks(analysis)[index] & self._material_bit)

    def _material_alone(self, analysis: TextAnalysis, index: int) -> bool:
        """``_is_material`` for a word that is not part of a place: the word and its tag decide."""
        word, tag = analysis.words[index], analysis.tags[index]
        if word in self.stop_words:
            return False
        if not all_cjk(word):
            return tag == "eng"
        if self.words.is_level(word) or self.words.is_glued(analysis, index):
            return False
        if word in self.name_verbs or word in self.inner_words or self.suffix_at(analysis, index) is not None:
            return True
        return (
            tag in _MATERIAL_TAGS
            or tag in self.anchor_tags
            or not analysis.is_known(index)
            or (tag == "m" and word.startswith("第"))
        )

    def _brand_word(self, analysis: TextAnalysis, index: int, places: Collection[int]) -> bool:
        """A word of two or more characters that jieba tags as a verb or adverb but that may be a
        brand inside a company name, with a name word before it (checked by the caller)."""
        word = analysis.words[index]
        return (
            len(word) >= 2
            and all_cjk(word)
            and analysis.tags[index] in _BRAND_TAGS
            and word not in self.stop_words
            and not self.words.is_glued(analysis, index)
            and index > 0
            and (index - 1 in places or analysis.tags[index - 1] in self.anchor_tags)
        )

    @staticmethod
    def _trade_word_after_brand(analysis: TextAnalysis, index: int) -> bool:
        """The word right before a legal form may be the company's trade that jieba tags as a verb
        when a proper noun, the brand, stands before it: 某县 + 金星/nz + 宣纸/v + 有限公司. After a
        place or a person's name the verb is the sentence's (北京 + 成立/v + 有限公司, 王某 + 注册/v)."""
        return index > 0 and analysis.tags[index - 1] == "nz" and len(analysis.words[index]) == 2

    def _ends_before_title(self, analysis: TextAnalysis, index: int) -> bool:
        """公司 | 工会主席: a union or party body followed by a title belongs to the title."""
        end = analysis.ends[index]
        return (
            analysis.words[index] in self.titles.bodies
            and end < len(analysis.text)
            and self.titles.starts_title(analysis.text, end)
        )

    # --- the rule ----------------------------------------------------------------------

    def find(self, analysis: TextAnalysis, places: list[Suggestion]) -> list[Suggestion]:
        for memo in (self._suffix_memo, self._unit_suffix_memo):
            memo.current(analysis.segmenter)
        text = analysis.text
        place_words: set[int] = set()
        for place in places:
            first = analysis.index_starting_at(place.start)
            last = analysis.index_ending_at(place.end)
            if first is not None and last is not None:
                place_words.update(range(first, last + 1))
        found: list[Suggestion] = []

        for index in self.lexicon.indices(analysis, self._suffix_bit):
            suffix = self.suffix_at(analysis, index)
            if suffix is None or self._ends_before_title(analysis, index):
                continue
            first = self._phrase_start(analysis, index)
            if first is not None:
                # 人力资源 + 和 + 社会 + 保障局: the whole phrase is the suffix
                # (the phrase is the suffix: 有限责任 + 公司 is a legal form, whose name may hold a brand word)
                phrase = text[analysis.starts[first] : analysis.ends[index]]
                start_index = self._extend_left(analysis, first, phrase, place_words, end_index=index)
                if start_index is not None:
                    found.append(span(text, analysis.starts[start_index], analysis.ends[index], LABEL, self.score_strong))
                continue
            start_index = self._extend_left(analysis, index, suffix, place_words)
            if start_index is None:
                continue
            word = analysis.words[index]
            if word in self.delegation_words and any(
                self.suffix_at(analysis, k) is not None or analysis.tags[k] == "nt" for k in range(start_index, index)
            ):
                # 越南劳动总联合会 | 代表团, 某某兵团/nt | 代表队: an organisation's delegation is not a
                # body of its own
                continue
            score = self.score_weak if suffix in self.weak and len(word) - len(suffix) < 2 else self.score_strong
            found.append(span(text, analysis.starts[start_index], analysis.ends[index], LABEL, score))

        if self.known is not None:
            for match in self.known.finditer(text):
                if (
                    analysis.is_boundary(match.start())
                    and (analysis.is_boundary(match.end()) or self._post_glued_after(analysis, match.end()))
                    and not self._type_after_level(analysis, match.start(), match.group())
                ):
                    found.append(span(text, match.start(), match.end(), LABEL, self.score_known))

        for index in self.lexicon.indices(analysis, self._dictionary_bit):
            if not self._counted(analysis, index):
                found.append(span(text, analysis.starts[index], analysis.ends[index], LABEL, self.score_dictionary))

        found.extend(self._abbreviations(analysis, places))
        found.extend(self._news_sites(analysis, place_words))
        found.extend(self._place_outlets(analysis, place_words))
        found.extend(self._outlets(analysis))
        found.extend(self._units(analysis, found))
        found.extend(self._credited_outlets(analysis, place_words, found))
        found = self._with_state_prefix(analysis, found)
        return [s for s in found if not self._is_honour(text, s)]

    def _with_state_prefix(self, analysis: TextAnalysis, found: list[Suggestion]) -> list[Suggestion]:
        """国家 + 文旅部, 国家 + 商务部: a word that says a body of government is the state's, right
        before it, is part of its name (as 国家统计局 is one word to jieba); after a pronoun or a
        number the word is a country (这个国家 | 外交部, 两个国家 | 外交部)."""
        if not self.state_prefixes:
            return found
        widened: list[Suggestion] = []
        for suggestion in found:
            first = analysis.index_starting_at(suggestion.start)
            if (
                first is not None
                and first > 0
                and analysis.words[first - 1] in self.state_prefixes
                and suggestion.text.endswith(self.state_types)
                and (first < 2 or analysis.tags[first - 2] not in _COUNTING_TAGS)
            ):
                suggestion = span(analysis.text, analysis.starts[first - 1], suggestion.end, LABEL, suggestion.score)
            widened.append(suggestion)
        return widened

    def _post_glued_after(self, analysis: TextAnalysis, end: int) -> bool:
        """Whether the rest of the word that ``end`` falls inside is a post: jieba's dictionary glues
        some bodies to their members' post (中央政治局 + 常委 as one word), and the body is named."""
        index = analysis.index_at(end)
        rest = analysis.text[end : analysis.ends[index]]
        return rest in self.titles.heads or rest in self.glued_posts

    def _type_after_level(self, analysis: TextAnalysis, start: int, name: str) -> bool:
        """区 + 政协, 市 + 政协: a body known by name that is also a type, after a level alone, is a
        description (like 县总工会), not the name."""
        if name not in self._suffix_set or start == 0:
            return False
        before = analysis.index_at(start - 1)
        return self.words.is_level(analysis.words[before])

    def split_place_committees(
        self, analysis: TextAnalysis, places: list[Suggestion], titles: list[Suggestion]
    ) -> tuple[list[Suggestion], list[Suggestion]]:
        """石家庄 + 市委书记, 洛阳 + 市委 + 副书记: a title that begins with a level's party committee
        (市委书记, 县委常委) right after a place is that place's committee, an organisation, and
        the title after it (the guidelines' 石家庄市委 + 书记). Without a place before it the whole
        stays a title: 市委书记 is a post, not a name. Returns the organisations found and the
        titles, those split replaced by their rest."""
        if not self.place_committees or not titles or not places:
            return [], titles
        text = analysis.text
        place_start_by_end: dict[int, int] = {}
        for place in places:  # the longest place ending there
            place_start_by_end[place.end] = min(place.start, place_start_by_end.get(place.end, place.start))
        organisations: list[Suggestion] = []
        kept: list[Suggestion] = []
        for title in titles:
            start = place_start_by_end.get(title.start)
            committee = None if start is None else next(
                (c for c in self.place_committees if title.text.startswith(c) and len(title.text) > len(c)), None
            )
            split = title.start + len(committee) if committee else 0
            if committee is None or not self.titles.pattern.fullmatch(text, split, title.end):
                kept.append(title)
                continue
            organisations.append(span(text, start, split, LABEL, self.score_strong))  # type: ignore[arg-type]
            kept.append(span(text, split, title.end, TITLE_LABEL, title.score))
        return organisations, kept

    def _news_sites(self, analysis: TextAnalysis, place_words: set[int]) -> list[Suggestion]:
        """某地 + 网讯: a dateline's 网讯 (a news site's report, as 本报讯 is the paper's) after a place
        names the site, the place and 网 (jieba reads 网讯 as one word)."""
        found: list[Suggestion] = []
        if _NEWS_SITE_DATELINE[-1] not in analysis.text:
            return found
        words = analysis.words
        for index, word in enumerate(words):
            if word == _NEWS_SITE_DATELINE:
                site, end = index, analysis.ends[index] - 1
            elif word == _NEWS_SITE_DATELINE[-1] and index > 0 and len(words[index - 1]) >= 2 and words[index - 1].endswith(_NEWS_SITE_DATELINE[0]):
                # 某地 + 某某网 + 讯: jieba read the site's own name as one word, 讯 as another
                site, end = index - 1, analysis.ends[index - 1]
            else:
                continue
            if site == 0:
                continue
            if site - 1 in place_words:
                first = site - 1
                while first > 0 and first - 1 in place_words and site - first < _NEWS_SITE_PLACE_WORDS:
                    first -= 1
            else:
                opening = self._dateline_opening(analysis, site)
                if opening is None:
                    continue
                first = opening
            found.append(span(analysis.text, analysis.starts[first], end, LABEL, self.score_strong))
        return found

    @staticmethod
    def _dateline_opening(analysis: TextAnalysis, site: int) -> int | None:
        """西部/f + 网讯, 某省 + 经济 + 网讯: a news site's dateline that opens a paragraph is named by
        every word before it there, whatever they are, when they are few and all name material
        (no function word, number or punctuation)."""
        text, starts, words = analysis.text, analysis.starts, analysis.words
        first = site
        while first > 0 and site - first <= _NEWS_SITE_PLACE_WORDS and text[starts[first] - 1] not in _PARAGRAPH_BREAKS:
            first -= 1
        while first < site and not words[first].strip():
            first += 1  # (the paragraph's indent)
        before = starts[first] - 1
        while before >= 0 and text[before] in " \t\u3000":
            before -= 1
        if (before >= 0 and text[before] not in _PARAGRAPH_BREAKS) or first == site or site - first > _NEWS_SITE_PLACE_WORDS:
            return None
        if any(not all_cjk(analysis.words[k]) or analysis.tags[k] in _NOT_SITE_NAME_TAGS for k in range(first, site)):
            return None
        return first

    def _place_outlets(self, analysis: TextAnalysis, place_words: set[int]) -> list[Suggestion]:
        """某省 + 手机 + 报: a kind of outlet jieba cuts into everyday words (`place_outlets`), right
        after a place, is that place's outlet; alone (手机报) it is a kind of medium."""
        text = analysis.text
        found: list[Suggestion] = []
        if not self.place_outlets or not place_words:
            return found
        for place_end in sorted({analysis.ends[i] for i in place_words}):
            outlet = next((o for o in self.place_outlets if text.startswith(o, place_end)), None)
            if outlet is None:
                continue
            end = place_end + len(outlet)
            if not (
                analysis.is_boundary(end)
                or analysis.is_boundary(end - 1)
                or (text.startswith(_NEWS_SITE_DATELINE[-1], end) and analysis.is_boundary(end + 1))
            ):
                # the outlet ends a word, or its type begins the next one (手机 + 报讯), or the
                # dateline's 讯 is glued to it (某市 + 融媒讯)
                continue
            first = analysis.index_ending_at(place_end)
            while first is not None and first - 1 in place_words:
                first -= 1
            if first is not None:
                found.append(span(text, analysis.starts[first], end, LABEL, self.score_strong))
        return found

    def _credited_outlets(self, analysis: TextAnalysis, place_words: set[int], named: list[Suggestion]) -> list[Suggestion]:
        """某地 + 特区报 + 记者, （某地 + 在线 + 记者 某某）, 某地 + 在线 + 3月23日讯: the few words that open a
        paragraph, a sentence, a bracket or a caption's credit right before a reporter's credit
        (`credit_markers`) or a dateline (`dateline_markers`, after its date) name the outlet the reporter
        writes for, whatever jieba made of them. They must hold a name (a place, a proper noun, a word
        jieba does not know) and more than a place (某地 + 3月23日讯 is the dateline's city alone); the
        dateline's city after the outlet is no part of it (某报 + 某地 + 3月23日电), nor is this paper
        (本报: a pronoun's word). One word alone is a kind of medium as often (外媒, 网媒), and an outlet
        already named at the start (``named``) ends there: what follows it is its channel or edition
        (某日报 + 全媒体, 某网 + 某省新闻, 某报 + 客户端)."""
        text, words, tags, starts = analysis.text, analysis.words, analysis.tags, analysis.starts
        found: list[Suggestion] = []
        if not self.credit_markers and not self.dateline_markers:
            return found
        masks = self.lexicon.masks(analysis)
        for marker, word in enumerate(words):
            if word in self.credit_markers:
                last = marker - 1
            elif word in self.dateline_markers or (word[:1] in _DATE_WORDS and word[1:] in self.dateline_markers):
                last = marker - 1
                while last >= 0 and (tags[last] == "m" or words[last] in _DATE_WORDS):
                    last -= 1  # 3 + 月 + 23 + 日讯: the date before the dateline's word
            else:
                continue
            first = last + 1
            while first > 0 and last - first + 1 < _CREDIT_NAME_WORDS and self._may_name_outlet(analysis, first - 1):
                first -= 1
            if first > last or (starts[first] > 0 and text[starts[first] - 1] not in _CREDIT_OPENINGS):
                continue
            while last > first and last in place_words and any(k not in place_words for k in range(first, last)):
                last -= 1  # 某报 + 北京 + 3月23日电: the dateline's city after the outlet
            names = range(first, last + 1)
            if (
                last == first
                or all(k in place_words for k in names)
                or not any(k in place_words or masks[k] & self._anchor_bit for k in names)
                or any(o.start == starts[first] and o.end < analysis.ends[last] for o in named)
            ):
                continue
            found.append(span(text, starts[first], analysis.ends[last], LABEL, self.score_strong))
        return found

    def _may_name_outlet(self, analysis: TextAnalysis, index: int) -> bool:
        word = analysis.words[index]
        return (
            all_cjk(word)
            and analysis.tags[index] not in _NOT_OUTLET_NAME_TAGS
            and word not in self.stop_words
            and word not in self.credit_markers
            and not self.words.is_glued(analysis, index)
        )

    def _is_outlet_name(self, analysis: TextAnalysis, index: int) -> bool:
        """某商报/nz, 某广网/nz, 某工报/nt: a word jieba takes for a proper noun that ends
        with a paper's or a site's type is the outlet's name."""
        word = analysis.words[index]
        return (
            len(word) >= 3
            and bool(self.outlet_endings)
            and word.endswith(self.outlet_endings)
            and (not word.endswith(self.not_outlet_endings) or (bool(self.paper_kinds) and word.endswith(self.paper_kinds)))
            and all_cjk(word)
            and word not in self.not_organisations
            and analysis.tags[index] in _OUTLET_TAGS
        )

    def _outlets(self, analysis: TextAnalysis) -> list[Suggestion]:
        text, starts = analysis.text, analysis.starts
        return [
            span(text, starts[index], analysis.ends[index], LABEL, self.score_dictionary)
            for index in self.lexicon.indices(analysis, self._outlet_bit)
            if not (starts[index] > 0 and text[starts[index] - 1] in _WORK_OPENINGS)  # 《工人日报》 is a work
        ]

    @staticmethod
    def _counted(analysis: TextAnalysis, index: int) -> bool:
        """12个 + 国家博物馆, 该 + 研究院: counted or pointed-at bodies are kinds, not names."""
        return index > 0 and analysis.tags[index - 1] in ("m", "q", "r", "mq")

    def _is_honour(self, text: str, suggestion: Suggestion) -> bool:
        """获得“山东省劳模创新工作室”称号: a name in quotation marks before 称号 is an honour."""
        start, end = suggestion.start, suggestion.end
        return (
            start > 0 and text[start - 1] in "“\"「" and end < len(text) and text[end] in "”\"」"
            and text.startswith(self.honour_words, end + 1)
        )

    def _dictionary_name(self, analysis: TextAnalysis, index: int) -> bool:
        """A word jieba's dictionary lists as an organisation (nt) that has a name before its type.

        新华社, 国家文物局, 兴业银行 are names; 公安局, 镇党委, 现政府, 全国工会 and 党和政府
        are kinds of body, and 中央政治局常委 is a post.
        """
        word = analysis.words[index]
        if len(word) < 3 or not analysis.is_known(index) or word in self.not_organisations or not all_cjk(word):
            return False
        suffix = self._longest_suffix(word)
        if suffix is None or self.titles.ends_with_head(word):
            return False
        return self._named_stem(word[: -len(suffix)], suffix, weak_needs_name=True)

    def _named_stem(self, stem: str, suffix: str, *, weak_needs_name: bool = False) -> bool:
        """Whether what stands before a type in one dictionary word names a body: 兴业 + 银行, but not
        现 + 政府, 全国 + 工会, 党和 + 政府; with a weak type the stem must be a name (新华 + 社, not 公安 + 局)."""
        if (
            len(stem) < 2
            or self.words.is_level(stem)
            or stem in self.stop_words
            or stem[:2] in self.stop_words
            or self._has_function_word(stem)
        ):
            return False
        if weak_needs_name and suffix in self.weak:
            return self._is_proper(stem)
        return True

    def _has_function_word(self, stem: str) -> bool:
        """Whether jieba reads a function word alone in ``stem``: 党 + 和 (党和政府), but not 同济
        (同济大学) or 北京 + 协和 (北京协和医院), whose function characters are inside words."""
        if not any(c in self.words.function_chars for c in stem):
            return False
        found = self._function_word_cache.get(stem)
        if found is None:
            found = any(len(w) == 1 and w in self.words.function_chars for w, _ in get_segmenter().tag(stem))
            if len(self._function_word_cache) < 50_000:
                self._function_word_cache[stem] = found
        return found

    def _is_proper(self, stem: str) -> bool:
        """Whether ``stem`` reads as a name: not one ordinary dictionary word (公安, 司法, 加油)."""
        proper = self._proper_cache.get(stem)
        if proper is None:
            tagged = get_segmenter().tag(stem)
            proper = len(tagged) > 1 or tagged[0][1] in self.anchor_tags
            if len(self._proper_cache) < 50_000:
                self._proper_cache[stem] = proper
        return proper

    def _phrase_start(self, analysis: TextAnalysis, index: int) -> int | None:
        """The first word of a suffix that spans several words and ends with word ``index``."""
        end = analysis.ends[index]
        text = analysis.text
        # Only a phrase that ends with the whole word and is longer can: tried from the longest.
        for length in self._phrase_lengths_ending_with(analysis.words[index]):
            start = end - length
            if start >= 0 and text[start:end] in self._phrase_set:
                first = analysis.index_starting_at(start)
                if first is not None and first < index:
                    return first
        return None

    def _phrase_lengths_ending_with(self, word: str) -> tuple[int, ...]:
        lengths = self._phrase_lengths.get(word)
        if lengths is None:
            lengths = tuple(sorted({len(p) for p in self._phrases if len(p) > len(word) and p.endswith(word)}, reverse=True))
            if len(self._phrase_lengths) >= 50_000:
                self._phrase_lengths.clear()
            self._phrase_lengths[word] = lengths
        return lengths

    def _extend_left(
        self, analysis: TextAnalysis, index: int, suffix: str, places: set[int], end_index: int | None = None
    ) -> int | None:
        """The first word of the name ending with word ``index``, or None when it has no anchor."""
        words, starts = analysis.words, analysis.starts
        end = analysis.ends[index if end_index is None else end_index]
        word = words[index]
        anchors = [index] if len(word) > len(suffix) and self._is_anchor(analysis, index, places) else []
        abbreviations: list[int] = []
        # A registered company name may hold one word of another kind, brand names being
        # what they are: 济南 + 大自然/d + 新材料 + 有限公司, 晋江市 + 安踏/v + 体育用品 + 有限公司
        odd_word_allowed = suffix in self.registered
        # (_is_material and _is_anchor, read from the words' masks: a word of a place is both)
        masks = self.lexicon.masks(analysis)
        material, anchor = self._material_bit, self._anchor_bit
        tags = analysis.tags
        reach = end - self.max_length  # the name starts no earlier than this
        position = index - 1
        while position >= 0 and starts[position] >= reach:
            if words[position] in _CLOSING:
                opening = self._bracket_start(analysis, position, places)
                if opening is None:
                    break
                position = opening
                continue
            if position in places:
                anchors.append(position)
                position -= 1
                continue
            if position == index - 1 and end_index is None and self._joins_fields(analysis, position, index, places):
                position -= 2  # 教育 + 和 + 体育局: one office named by two fields
                continue
            if position == index - 2 and end_index is None and self._joins_fields_before_type(analysis, position, index, places):
                position -= 2  # 海洋 + 与 + 渔业 + 科学院: a body named by two fields, its type a word of its own
                continue
            if words[position] == "大" and position > 0 and tags[position - 1] == "m" and words[position - 1].startswith("第"):
                break  # 某省 + 第二大 + 人工 + 林场: a rank among bodies, the rest a description
            mask = masks[position]
            if not mask & material:
                if not (
                    odd_word_allowed
                    and (position < index - 1 or self._trade_word_after_brand(analysis, position))
                    and self._brand_word(analysis, position, places)
                ):
                    break
                odd_word_allowed = False
            if mask & anchor:
                anchors.append(position)
            elif tags[position] == "j":
                abbreviations.append(position)
            position -= 1
        if suffix in self.weak and self.world_words:
            # 国际 + 传播 + 中心, 国际 + 采访 + 团: with a weak type the world names a kind, not a body
            anchors = [a for a in anchors if words[a] not in self.world_words]
        if not anchors:
            # an abbreviation of a name, a word of trade and a strong type: 亚航/j + 装饰 + 公司 (but
            # not 交警/j + 大队 or 医保/j + 局, kinds of office, nor an abbreviation right before its type)
            named = [a for a in abbreviations if a < index - 1 and len(words[a]) >= 2]
            if named and suffix not in self.weak and len(word) == len(suffix):
                return min(named)
            return self._registered_name_start(analysis, index, suffix, position + 1)
        # Leading ordinary words are context, not name: 工作人员 | 浙江...公司; but an
        # abbreviation before the anchor is part of it: 中石化 + 中原油田
        start = min(anchors)
        leading = [a for a in abbreviations if a < start]
        if leading and all(
            self._is_anchor(analysis, i, places) or analysis.tags[i] == "j" for i in range(min(leading), start)
        ):
            start = min(leading)
        if suffix in self.weak and len(word) - len(suffix) < 2:
            # a short word with a weak suffix (部, 局, 中心) needs an anchor close before
            # it, or the organisation it belongs to right before it; a place may stand further
            # before the words of the body's field (某区 + 农业 + 农村 + 技术推广 + 中心)
            before = index - 1
            near = any(index - (_WEAK_REACH_OF_PLACE if a in places else _WEAK_REACH) <= a < index for a in anchors)
            if not (before >= start and (near or self.suffix_at(analysis, before) is not None)):
                return None
        return start

    def _joins_fields(self, analysis: TextAnalysis, conjunction: int, index: int, places: set[int]) -> bool:
        """教育 + 和 + 体育局, 文化广电 + 和 + 旅游局: an office named by two fields joined by 和 or 与.

        The type word must be a field and a type (旅游 + 局), not a name (兴业银行: 总工会和兴业银行
        are two bodies), and the field before the conjunction an ordinary word, not a body."""
        if analysis.words[conjunction] not in _FIELD_CONJUNCTIONS or conjunction < 1:
            return False
        word = analysis.words[index]
        suffix = self.suffix_at(analysis, index)
        if suffix is None or len(word) <= len(suffix) or index in places or self._is_anchor(analysis, index, places):
            return False
        field = conjunction - 1
        return (
            field not in places
            and len(analysis.words[field]) >= 2
            and analysis.tags[field] in _FIELDS_OF_AN_OFFICE_TAGS
            and self.suffix_at(analysis, field) is None
            and bool(self.lexicon.masks(analysis)[field] & self._material_bit)
        )

    def _joins_fields_before_type(self, analysis: TextAnalysis, conjunction: int, index: int, places: set[int]) -> bool:
        """海洋 + 与 + 渔业 + 科学院: two fields joined by 和 or 与 before a type that is a word of
        its own. Both fields are ordinary words (海洋/ns counts, jieba tagging the sea as a place,
        and the place rules reading it as the end of a chain), neither a body nor a known place
        (北京 + 和 + 上海 + 分公司)."""
        if analysis.words[conjunction] not in _FIELD_CONJUNCTIONS or conjunction < 1:
            return False
        suffix = self.suffix_at(analysis, index)
        if suffix is None or index in places or self._is_anchor(analysis, index, places):
            return False
        masks = self.lexicon.masks(analysis)
        second, first = conjunction + 1, conjunction - 1
        return all(
            (field not in places or not self.is_place_name(analysis.words[field]))
            and len(analysis.words[field]) >= 2
            and analysis.tags[field] in tags
            and self.suffix_at(analysis, field) is None
            and bool(masks[field] & self._material_bit)
            for field, tags in ((second, _FIELD_TAGS), (first, _FIELDS_BEFORE_CONJUNCTION_TAGS))
        )

    def _registered_name_start(self, analysis: TextAnalysis, index: int, suffix: str, first: int) -> int | None:
        """A registered company name needs no place or proper noun: 东风 + 商用车 + 有限公司.

        Its name must be two words or more, and not follow 一家, 该 or 某 (一家建筑有限公司
        is a description).
        """
        if suffix not in self.registered:
            return None
        if index - first < 2:
            brand = self._brand_name_start(analysis, index, first)
            if brand is None:
                return None
            first = brand
        if first > 0 and analysis.tags[first - 1] in ("m", "r", "q") and analysis.words[first - 1] not in ("的",):
            return None
        return first

    def _brand_name_start(self, analysis: TextAnalysis, index: int, first: int) -> int | None:
        """A group or company named by a brand jieba reads as an ordinary word: 旺旺/a + 集团, or
        a direction word and one word of trade (东方/s + 电气 + 集团). A lone adjective or noun of
        a trade names no company (大型集团, 物流集团): the brand word must be one jieba would not
        put before a kind of body (its tag is not a noun's or a verb's)."""
        words, tags = analysis.words, analysis.tags
        candidates = (first, first - 1) if index - first == 1 else ()
        for start in candidates:
            if start < 0 or (start == first - 1 and tags[start] != "s"):
                continue
            word = words[start]
            if (
                len(word) >= 2
                and all_cjk(word)
                and tags[start] in _LONE_BRAND_TAGS
                and word not in self.stop_words
                and word not in self.name_verbs
                and not self.words.is_level(word)
                and not self.words.is_glued(analysis, start)
            ):
                return start
        return None

    def _bracket_start(self, analysis: TextAnalysis, closing: int, places: set[int]) -> int | None:
        """Index of the word before a bracketed part of a name: 建设 | (集团) | 股份, 立迅智造 | （浙江）.

        Only a place or an organisation word may be inside: （记者韩冰） is a byline.
        """
        words = analysis.words
        wanted = _CLOSING[words[closing]]
        position = closing - 1
        while position >= 0 and closing - position <= 3:
            if words[position] == wanted:
                if position == closing - 1 or position == 0:
                    return None
                return position - 1 if self._is_material(analysis, position - 1, places) else None
            if not (position in places or self.suffix_at(analysis, position) is not None):
                return None
            position -= 1
        return None

    def _units(self, analysis: TextAnalysis, organisations: list[Suggestion]) -> list[Suggestion]:
        """An organisation followed by its own unit is one name: 青岛市总工会 + 职工服务中心; a unit
        of `placed_units` only when a place names it (某研究中心 + 某地 + 基地, not 某公司 + 生产 + 基地)."""
        text = analysis.text
        ends = analysis.ends
        # (_unit_suffix, _is_material and _is_anchor, read from the words' masks)
        masks = self.lexicon.masks(analysis)
        unit, material, anchor = self._unit_bit, self._material_bit, self._anchor_bit
        found = []
        for org in organisations:
            index = analysis.index_starting_at(org.end)
            if index is None:
                continue
            for position in range(index, min(index + _UNIT_WORDS, len(masks))):
                if ends[position] - org.start > self.max_length:
                    break
                mask = masks[position]
                if mask & unit:
                    if self._ends_before_title(analysis, position) or analysis.words[position] in self.delegation_words:
                        break
                    if analysis.words[position] in self.placed_units and not self._names_a_place(analysis, position - 1):
                        break
                    suffix = self._unit_suffix(analysis, position)
                    weak = suffix in self.weak and len(analysis.words[position]) - len(suffix) < 2
                    score = min(org.score, self.score_weak if weak else self.score_strong)
                    found.append(span(text, org.start, ends[position], LABEL, score))
                    continue
                if not mask & material:
                    break
                if mask & anchor and not self._suffix_follows(analysis, position):
                    # a new name starts; but 中国建设银行 + 湖南省分行 is one (福建省总工会
                    # 联合 兴业银行 stops at the verb)
                    break
        return found

    def _names_a_place(self, analysis: TextAnalysis, index: int) -> bool:
        """Whether word ``index`` is a place by itself: a known place name or jieba's place."""
        return analysis.tags[index] == "ns" or self.is_place_name(analysis.words[index])

    def _unit_suffix(self, analysis: TextAnalysis, index: int) -> str | None:
        """The organisation suffix of word ``index`` inside a unit; jieba tags some unit words as
        verbs (中国建设银行 + 湖南省 + 分行/v), which elsewhere end no name (举办/v)."""
        pair = analysis.pair(index)
        memo = self._unit_suffix_memo
        return memo[pair] if pair in memo else memo.remember(pair, self._unit_suffix_here(analysis, index))

    def _has_unit_suffix(self, analysis: TextAnalysis, index: int) -> bool:
        return self._unit_suffix(analysis, index) is not None

    def _unit_suffix_here(self, analysis: TextAnalysis, index: int) -> str | None:
        suffix = self.suffix_at(analysis, index)
        word = analysis.words[index]
        if suffix is None and len(word) >= 2 and word in self._suffix_set:
            return word
        if suffix is None and self.unit_words and word.endswith(self.unit_words):
            return word  # 车间, 装配车间, 基地: a unit of the organisation before it, never a name on its own
        return suffix

    def _suffix_follows(self, analysis: TextAnalysis, index: int) -> bool:
        """Whether an organisation word ends within the next two words: 湖南省 + 分行, 杭州 + 机务段."""
        masks = self.lexicon.masks(analysis)
        return any(masks[position] & self._unit_bit for position in range(index + 1, min(index + 3, len(masks)))
        )

    def _abbreviations(self, analysis: TextAnalysis, places: list[Suggestion]) -> list[Suggestion]:
        """吉林省总, 惠州市总: a place ending with a level, then 总."""
        if self.abbreviation is None:
            return []
        text = analysis.text
        matches = list(self.abbreviation.finditer(text))
        if not matches:
            return []
        place_start_by_end: dict[int, int] = {}
        for place in places:
            place_start_by_end[place.end] = min(place.start, place_start_by_end.get(place.end, place.start))
        for index in self.lexicon.indices(analysis, self._plain_place_bit):
            place_start_by_end.setdefault(analysis.ends[index], analysis.starts[index])
        found = []
        for match in matches:
            start = place_start_by_end.get(match.start() + 1)
            if start is None or start >= match.start():
                continue
            end = match.end()
            if text.startswith(self.abbreviation_blockers, end):
                continue
            if end < len(text) and is_cjk(text[end]) and not analysis.is_boundary(end):
                # 市 | 总体: 总 starts a longer dictionary word (总体, 总是); 总向 is glue
                if analysis.is_known(analysis.index_at(end - 1)):
                    continue
            found.append(span(text, start, end, LABEL, self.score_abbreviation))
        return found


def _no_place_names(name: str) -> bool:
    """``is_place_name`` for a rule made without the place rule (a module function: rules are pickled)."""
    return False


def _is_word(text: str) -> bool:
    return get_segmenter().has_word(text)
