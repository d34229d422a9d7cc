"""Places: address chains (浙江省嘉兴市嘉善县姚庄镇), provinces, and named sites after them."""

from __future__ import annotations

from annotator.candidates.analysis import TextAnalysis, all_cjk
from annotator.candidates.rules.common import span
from annotator.candidates.ruledata import RuleTable
from annotator.candidates.spans import Suggestion

LABEL = "LOC"
# Tags of words that can be the name part of a link (姚庄 + 镇) or a site (云顶 + 滑雪场).
_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "ng", "j", "n"})
_PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "ng", "j"})


class PlaceRule:
    def __init__(self, table: RuleTable) -> None:
        table.check_keys(("admin_suffixes", "site_suffixes", "not_names", "provinces", "score_chain", "score_site"))
        self.admin = tuple(sorted(table.strings("admin_suffixes"), key=len, reverse=True))
        self.admin_set = frozenset(self.admin)
        self.sites = tuple(sorted(table.strings("site_suffixes", ()), key=len, reverse=True))
        self.sites_set = frozenset(self.sites)
        self.not_names = frozenset(table.strings("not_names", ()))
        self.provinces = frozenset(table.strings("provinces", ()))
        self.score_chain = table.score("score_chain", 0.8)
        self.score_site = table.score("score_site", 0.7)

    def _name_like(self, analysis: TextAnalysis, index: int, *, proper_only: bool = False) -> bool:
        word = analysis.words[index]
        if word in self.not_names or word in self.admin_set or not all_cjk(word):
            return False
        tags = _PROPER_TAGS if proper_only else _NAME_TAGS
        return analysis.tags[index] in tags or not analysis.is_known(index)

    def _link(self, analysis: TextAnalysis, index: int) -> tuple[int, bool] | None:
        """The link starting at word ``index``: (index after it, whether it has a level suffix)."""
        words, tags = analysis.words, analysis.tags
        word = words[index]
        if word in self.not_names or not all_cjk(word):
            return None
        if word in self.provinces:
            return index + 1, True
        for suffix in self.admin:
            if len(word) > len(suffix) and word.endswith(suffix):
                if tags[index] in _PROPER_TAGS or not analysis.is_known(index):
                    return index + 1, True
                break
        following = index + 1
        if following < len(words) and words[following] in self.admin_set:
            if self._name_like(analysis, index, proper_only=len(words[following]) == 1):
                return following + 1, True
        if tags[index] == "ns" and len(word) >= 2:
            return index + 1, False
        return None

    def _site_end(self, analysis: TextAnalysis, index: int) -> int | None:
        """Index after a named site starting at word ``index``, if one does.

        云顶 + 滑雪场 and 芳星园 + 第三 + 社区 are sites; so is a site word right after an
        address chain (英德 + 体育馆).
        """
        words, tags = analysis.words, analysis.tags
        position = index
        named = False
        while position < len(words) and position - index < 4:
            word = words[position]
            if word in self.sites_set or (named and word in self.admin_set):
                return position + 1
            if (
                any(len(s) > 1 and len(word) > len(s) and word.endswith(s) for s in self.sites)
                and (tags[position] in _PROPER_TAGS or not analysis.is_known(position))
            ):
                return position + 1
            if self._name_like(analysis, position) or (named and tags[position] == "m" and word.startswith("第")):
                named = True
                position += 1
                continue
            return None
        return None

    def find(self, analysis: TextAnalysis) -> list[Suggestion]:
        text = analysis.text
        found = []
        index = 0
        count = len(analysis.words)
        while index < count:
            links = 0
            suffixed = False
            position = index
            while position < count:
                link = self._link(analysis, position)
                if link is None:
                    break
                position, has_suffix = link
                links += 1
                suffixed = suffixed or has_suffix
            if links == 0:
                index += 1
                continue
            end_index = position
            score = self.score_chain
            site = self._site_end(analysis, position) if position < count else None
            if site is not None:
                end_index = site
                score = self.score_site
                # a site inside a site: 英德 + 体育馆 + 安置点
                inner = self._site_end(analysis, site) if site < count else None
                if inner is not None and analysis.words[site] in self.sites_set:
                    end_index = inner
            if links >= 2 or suffixed or site is not None:
                found.append(span(text, analysis.starts[index], analysis.ends[end_index - 1], LABEL, score))
            index = end_index
        return found
