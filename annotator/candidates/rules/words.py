"""Word classes the rules share (words.toml): function characters, levels, quantifiers."""

from __future__ import annotations

from annotator.candidates.analysis import TextAnalysis
from annotator.candidates.ruledata import RuleTable


class WordClasses:
    def __init__(self, table: RuleTable) -> None:
        table.check_keys(("function_chars", "level_chars", "quantifier_chars"))
        self.function_chars = frozenset(table.strings("function_chars", ()))
        self.level_chars = frozenset(table.strings("level_chars", ()))
        self.quantifier_chars = frozenset(table.strings("quantifier_chars", ()))

    def is_level(self, word: str) -> bool:
        """镇街, 县区, 各县区, 全市: levels and quantifiers only."""
        return any(c in self.level_chars for c in word) and all(
            c in self.level_chars or c in self.quantifier_chars for c in word
        )

    def is_glued(self, analysis: TextAnalysis, index: int) -> bool:
        """A word jieba's HMM glued from a function word and a name: 由镇, 按省, 钟艾汝是."""
        word = analysis.words[index]
        return (word[0] in self.function_chars or word[-1] in self.function_chars) and not analysis.is_known(index)
