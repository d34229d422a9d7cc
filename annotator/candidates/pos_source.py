"""Candidates from jieba's POS tags (nr, ns, nt ...), mapped to labels by pos.toml."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.candidates.analysis import TextAnalysis, all_cjk
from annotator.candidates.ruledata import RuleTable
from annotator.candidates.rules.lexicon import Lexicon
from annotator.candidates.spans import Suggestion

if TYPE_CHECKING:
    from annotator.candidates.context import SuggestContext

SOURCE = "pos"


@dataclass(frozen=True)
class TagRule:
    label: str
    score: float
    min_length: int


class PosMapping:
    """jieba's tags mapped to labels (``tags``); the words that make a suggestion are picked out
    by their lexicon bit (rules/lexicon.py): a mapped tag, long enough, all CJK."""

    def __init__(self, tags: dict[str, TagRule], lexicon: Lexicon | None = None) -> None:
        self.tags = tags
        self.lexicon = lexicon or Lexicon()
        self._bit = self.lexicon.register(self._suggests)

    @classmethod
    def from_table(cls, table: RuleTable, lexicon: Lexicon | None = None) -> PosMapping:
        table.check_keys(("tags",))
        tags: dict[str, TagRule] = {}
        for entry in table.tables("tags"):
            entry.check_keys(("tag", "label", "score", "min_length"))
            tags[entry.string("tag")] = TagRule(
                entry.string("label"), entry.score("score", 0.5), entry.integer("min_length", 2, minimum=1)
            )
        return cls(tags, lexicon)

    def _suggests(self, analysis: TextAnalysis, index: int) -> bool:
        rule = self.tags.get(analysis.tags[index])
        word = analysis.words[index]
        return rule is not None and len(word) >= rule.min_length and all_cjk(word)

    def words(self, analysis: TextAnalysis) -> list[int]:
        """The words that make a suggestion, in order."""
        return self.lexicon.indices(analysis, self._bit)


class PosSource:
    name = SOURCE

    def suggest(self, analysis: TextAnalysis, context: SuggestContext) -> Iterable[Suggestion]:
        mapping = context.rules.pos
        rules = mapping.tags
        words, tags, starts, ends = analysis.words, analysis.tags, analysis.starts, analysis.ends
        found = []
        for index in mapping.words(analysis):
            rule = rules[tags[index]]
            found.append(Suggestion(starts[index], ends[index], rule.label, words[index], SOURCE, rule.score))
        return found
