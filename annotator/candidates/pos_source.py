"""Candidates from jieba's POS tags (nr, ns, nt ...), mapped to labels by pos.toml."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress
from typing import TYPE_CHECKING

from annotator.candidates.analysis import TextAnalysis, all_cjk
from annotator.candidates.ruledata import RuleTable
from annotator.candidates.spans import Suggestion

if TYPE_CHECKING:
    from annotator.candidates.context import SuggestContext

SOURCE = "pos"


@dataclass(frozen=True)
class TagRule:
    label: str
    score: float
    min_length: int


@dataclass(frozen=True)
class PosMapping:
    tags: dict[str, TagRule]

    @classmethod
    def from_table(cls, table: RuleTable) -> PosMapping:
        table.check_keys(("tags",))
        tags: dict[str, TagRule] = {}
        for entry in table.tables("tags"):
            entry.check_keys(("tag", "label", "score", "min_length"))
            tags[entry.string("tag")] = TagRule(
                entry.string("label"), entry.score("score", 0.5), entry.integer("min_length", 2, minimum=1)
            )
        return cls(tags)


class PosSource:
    name = SOURCE

    def suggest(self, analysis: TextAnalysis, context: SuggestContext) -> Iterable[Suggestion]:
        mapping = context.rules.pos.tags
        words, tags, starts, ends = analysis.words, analysis.tags, analysis.starts, analysis.ends
        found = []
        # only the words whose tag is mapped, picked out at C speed
        for index in compress(range(len(tags)), map(mapping.__contains__, tags)):
            word = words[index]
            rule = mapping[tags[index]]
            if len(word) >= rule.min_length and all_cjk(word):
                found.append(Suggestion(starts[index], ends[index], rule.label, word, SOURCE, rule.score))
        return found
