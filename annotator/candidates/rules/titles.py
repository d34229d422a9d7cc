"""Job titles: prefixes and a head from titles.toml (常务 + 副 + 主席), whole words only."""

from __future__ import annotations

import re

from annotator.candidates.analysis import TextAnalysis
from annotator.candidates.rules.common import span
from annotator.candidates.ruledata import RuleTable, alternation
from annotator.candidates.spans import Suggestion

LABEL = "TITLE"
# The longest title worth trying, in characters (常务副主席兼党组书记 is two titles).
_LONGEST = 12


class TitleRule:
    def __init__(self, table: RuleTable) -> None:
        table.check_keys(("heads", "prefixes", "whole", "not_followed_by", "bodies", "score"))
        self.heads = frozenset(table.strings("heads"))
        self._heads_by_length = tuple(sorted(self.heads, key=len, reverse=True))
        prefixes = table.strings("prefixes", ())
        whole = table.strings("whole", ())
        self.pattern = re.compile(
            f"{alternation(whole)}|{alternation(prefixes)}*{alternation(self.heads)}" if whole
            else f"{alternation(prefixes)}*{alternation(self.heads)}"
        )
        self.first_chars = frozenset(w[0] for w in (*prefixes, *whole, *self.heads))
        self.not_followed_by = tuple(sorted(table.strings("not_followed_by", ()), key=len, reverse=True))
        self.bodies = frozenset(table.strings("bodies", ()))
        self.score = table.score("score", 0.85)

    def ends_with_head(self, word: str) -> bool:
        """Whether ``word`` ends with a title's head: 中央政治局常委 is a post, not a body."""
        return any(word.endswith(head) for head in self._heads_by_length if len(word) > len(head))

    def starts_title(self, text: str, position: int) -> bool:
        """Whether a title (or a head alone) starts at ``position``: used to split 公司 | 工会主席."""
        return bool(self.pattern.match(text, position))

    def find(self, analysis: TextAnalysis) -> list[Suggestion]:
        text = analysis.text
        found = []
        position_limit = len(text)
        next_free = 0
        for index, start in enumerate(analysis.starts):
            if start < next_free or text[start] not in self.first_chars:
                continue
            # Try word ends from the longest down: the title must end where a word ends.
            ends = [e for e in analysis.ends[index : index + 8] if e - start <= _LONGEST]
            for end in reversed(ends):
                if not self.pattern.fullmatch(text, start, end):
                    continue
                if end < position_limit and any(text.startswith(w, end) for w in self.not_followed_by):
                    continue
                found.append(span(text, start, end, LABEL, self.score))
                next_free = end
                break
        return found
