"""Organisations: a suffix (有限公司, 总工会, 局 ...) extended left over the words of the name,
abbreviations (吉林省总), and national bodies known by name."""

from __future__ import annotations

import re

from annotator.candidates.analysis import TextAnalysis, all_cjk, is_cjk
from annotator.candidates.rules.common import span
from annotator.candidates.rules.titles import TitleRule
from annotator.candidates.ruledata import RuleTable, alternation
from annotator.candidates.spans import Suggestion

LABEL = "ORG"
# Tags of ordinary words that may be part of a name (钢铁, 物业, 服务, 第三).
_MATERIAL_TAGS = frozenset({"n", "vn", "nz", "an", "b", "ng", "nl", "l"})
_CLOSING = {")": "(", "）": "（"}


class OrganisationRule:
    def __init__(self, table: RuleTable, titles: TitleRule) -> None:
        table.check_keys(
            ("suffixes", "weak_suffixes", "not_organisations", "name_verbs", "stop_words", "anchor_tags", "known",
             "abbreviation_levels", "abbreviation_marker", "abbreviation_not_followed_by", "max_length",
             "score_strong", "score_weak", "score_known", "score_abbreviation")
        )
        self.suffixes = tuple(sorted(table.strings("suffixes"), key=len, reverse=True))
        self.weak = frozenset(table.strings("weak_suffixes", ()))
        self.name_verbs = frozenset(table.strings("name_verbs", ()))
        self.stop_words = frozenset(table.strings("stop_words", ()))
        self.not_organisations = frozenset(table.strings("not_organisations", ()))
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
        self.titles = titles
        self._suffix_cache: dict[str, str | None] = {}

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_suffix_cache"] = {}
        return state

    def suffix_of(self, word: str) -> str | None:
        cached = self._suffix_cache.get(word, False)
        if cached is False:
            cached = next((s for s in self.suffixes if word.endswith(s)), None)
            if len(self._suffix_cache) < 200_000:
                self._suffix_cache[word] = cached
        return cached  # type: ignore[return-value]

    # --- what a word can be inside a name ------------------------------------------------

    def _is_anchor(self, analysis: TextAnalysis, index: int, places: set[int]) -> bool:
        word, tag = analysis.words[index], analysis.tags[index]
        if index in places:
            return True
        if not all_cjk(word):
            return tag == "eng" or word.isalnum()
        suffix = self.suffix_of(word)
        if suffix is not None and len(word) > len(suffix):
            # 兴业银行/nt names a bank; 司法局/nt only names a kind of office
            return tag in self.anchor_tags and suffix not in self.weak or not analysis.is_known(index)
        return tag in self.anchor_tags or (len(word) >= 2 and not analysis.is_known(index))

    def _is_material(self, analysis: TextAnalysis, index: int) -> bool:
        word, tag = analysis.words[index], analysis.tags[index]
        if word in self.stop_words:
            return False
        if word in self.name_verbs or (self.suffix_of(word) is not None and word not in self.not_organisations):
            return True
        if not all_cjk(word):
            return tag == "eng" or (word.isalnum() and word.isascii())
        return tag in _MATERIAL_TAGS or tag in self.anchor_tags or (tag == "m" and word.startswith("第"))

    # --- the rule ----------------------------------------------------------------------

    def find(self, analysis: TextAnalysis, places: list[Suggestion]) -> list[Suggestion]:
        text = analysis.text
        words = analysis.words
        place_words: set[int] = set()
        for place in places:
            first = analysis.index_starting_at(place.start)
            last = analysis.index_ending_at(place.end)
            if first is not None and last is not None:
                place_words.update(range(first, last + 1))
        found: list[Suggestion] = []

        for index, word in enumerate(words):
            suffix = self.suffix_of(word)
            if suffix is None or word in self.not_organisations or not all_cjk(word):
                continue
            end = analysis.ends[index]
            # 公司 | 工会主席: the union's title keeps its body; the company ends before it
            if word in self.titles.bodies and end < len(text) and self.titles.starts_title(text, end):
                continue
            start_index = self._extend_left(analysis, index, place_words)
            if start_index is None:
                continue
            score = self.score_weak if suffix in self.weak and len(word) - len(suffix) < 2 else self.score_strong
            found.append(span(text, analysis.starts[start_index], end, LABEL, score))

        if self.known is not None:
            for match in self.known.finditer(text):
                if analysis.is_boundary(match.start()) and analysis.is_boundary(match.end()):
                    found.append(span(text, match.start(), match.end(), LABEL, self.score_known))

        found.extend(self._abbreviations(analysis, places))
        return found

    def _extend_left(self, analysis: TextAnalysis, index: int, places: set[int]) -> int | None:
        """The first word of the name ending with word ``index``, or None when it has no anchor."""
        words, starts, ends = analysis.words, analysis.starts, analysis.ends
        end = ends[index]
        word = words[index]
        suffix = self.suffix_of(word) or ""
        anchors: list[int] = [index] if len(word) > len(suffix) and self._is_anchor(analysis, index, places) else []
        first = index
        position = index - 1
        while position >= 0 and end - starts[position] <= self.max_length:
            current = words[position]
            if current in _CLOSING:
                opening = self._bracket_start(analysis, position)
                if opening is None:
                    break
                first = opening
                position = opening - 1
                continue
            if not self._is_material(analysis, position):
                break
            if self._is_anchor(analysis, position, places):
                anchors.append(position)
            first = position
            position -= 1
        if not anchors:
            return None
        # Leading common words are context, not name: 工作人员 | 浙江...公司
        start = min(anchors)
        if suffix in self.weak and len(word) - len(suffix) < 2:
            # a short word with a weak suffix (部, 局, 中心) needs its anchor, or the
            # organisation it belongs to, right before it
            before = index - 1
            if not (before >= start and (before in anchors or self._is_org_word(analysis, before))):
                return None
        return start

    def _is_org_word(self, analysis: TextAnalysis, index: int) -> bool:
        word = analysis.words[index]
        return index >= 0 and word not in self.not_organisations and self.suffix_of(word) is not None

    def _bracket_start(self, analysis: TextAnalysis, closing: int) -> int | None:
        """Index of the word before a short bracketed part of a name: 建设 | (集团) | 股份."""
        words = analysis.words
        wanted = _CLOSING[words[closing]]
        position = closing - 1
        inner = 0
        while position >= 0 and closing - position <= 4:
            if words[position] == wanted:
                if inner == 0 or position == 0:
                    return None
                return position - 1 if self._is_material(analysis, position - 1) else None
            if not all_cjk(words[position]):
                return None
            inner += len(words[position])
            position -= 1
        return None

    def _abbreviations(self, analysis: TextAnalysis, places: list[Suggestion]) -> list[Suggestion]:
        """吉林省总, 惠州市总: a place ending with a level, then 总."""
        if self.abbreviation is None:
            return []
        text = analysis.text
        place_start_by_end: dict[int, int] = {}
        for place in places:
            place_start_by_end[place.end] = min(place.start, place_start_by_end.get(place.end, place.start))
        for index, tag in enumerate(analysis.tags):
            if tag == "ns":
                end = analysis.ends[index]
                place_start_by_end.setdefault(end, analysis.starts[index])
        found = []
        for match in self.abbreviation.finditer(text):
            level_end = match.start() + 1
            start = place_start_by_end.get(level_end)
            if start is None or start >= match.start():
                continue
            end = match.end()
            if any(text.startswith(word, end) for word in self.abbreviation_blockers):
                continue
            if end < len(text) and not analysis.is_boundary(end) and is_cjk(text[end]):
                # 市总计划 is 市总 | 计划, but 市总体 is 市 | 总体: the word after must start at 总's end
                index = analysis.index_at(end)
                if analysis.starts[index] < match.start() + 1:
                    continue
            found.append(span(text, start, end, LABEL, self.score_abbreviation))
        return found
